"""The metadata stage: title, outlet, publication date, dateline and agencies."""

from __future__ import annotations

import pytest

from pressespiegel.clean.boilerplate import clean_stage
from pressespiegel.clean.headline import split_headline
from pressespiegel.clean.metadata import metadata_stage
from pressespiegel.model import Article

BODY1 = (
    "Der Stadtrat hat am Dienstag mit großer Mehrheit den Bau eines neuen Radwegs entlang "
    "des alten Hafenbeckens beschlossen."
)
BODY2 = (
    "Die Arbeiten sollen im Frühjahr beginnen und nach Angaben der Verwaltung rund zwei "
    "Millionen Euro kosten."
)


def _run(*lines: str, **given: str | None) -> Article:
    art = Article(id="t", text="\n".join(lines) + "\n")
    for key, value in given.items():
        setattr(art, key, value)
    return metadata_stage(clean_stage(art))


@pytest.mark.parametrize(
    ("line", "core", "outlet", "date"),
    [
        ("Neuer Radweg am Hafen – DW – 19.06.2024", "Neuer Radweg am Hafen", "DW", "2024-06-19"),
        ("Neuer Radweg am Hafen – POLITICO", "Neuer Radweg am Hafen", "POLITICO", None),
        (
            "Neuer Radweg am Hafen | Beispiel Kurier",
            "Neuer Radweg am Hafen",
            "Beispiel Kurier",
            None,
        ),
        (
            "Neuer Radweg am Hafen - Süddeutsche Zeitung",
            "Neuer Radweg am Hafen",
            "Süddeutsche Zeitung",
            None,
        ),
        ("Neuer Radweg am Hafen - tagesschau.de", "Neuer Radweg am Hafen", "tagesschau", None),
        ("Neuer Radweg | Politik | ZEIT ONLINE", "Neuer Radweg", "Die Zeit", None),
        ("Harbour bike lane approved - BBC News", "Harbour bike lane approved", "BBC", None),
        # a dash inside the headline is not a suffix
        (
            "Radweg am Hafen – ein teures Projekt",
            "Radweg am Hafen – ein teures Projekt",
            None,
            None,
        ),
    ],
)
def test_split_headline(line: str, core: str, outlet: str | None, date: str | None) -> None:
    head = split_headline(line)
    assert (head.core, head.outlet, head.date) == (core, outlet, date)


def test_title_outlet_date_from_headline_suffix() -> None:
    art = _run("Neuer Radweg am Hafen – DW – 19.06.2024", BODY1, BODY2)
    assert art.title == "Neuer Radweg am Hafen"
    assert art.outlet == "DW"
    assert art.published == "2024-06-19"


def test_no_title_when_text_opens_with_body() -> None:
    art = _run(BODY1, BODY2)
    assert art.title is None and art.outlet is None and art.published is None
    assert art.dateline is None and art.agencies == []


@pytest.mark.parametrize(
    ("tag", "outlet"),
    [
        ("toi-allgemeines", "The Times of India"),
        ("spiegel-politik", "Der Spiegel"),
        ("beispiel-lokales", None),
    ],
)
def test_outlet_from_site_tag(tag: str, outlet: str | None) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", BODY1, BODY2, "", tag)
    assert art.outlet == outlet


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.spiegel.de/politik/a-1.html", "Der Spiegel"),
        ("https://www.kreisbote-beispiel.de/lokales/radweg-100.html", "kreisbote-beispiel.de"),
        ("https://nachrichten.beispielstadt.co.uk/a", "beispielstadt.co.uk"),
        ("http://192.168.0.7/artikel", None),
        ("http://localhost:8000/a", None),
    ],
)
def test_outlet_from_url_domain_when_the_page_names_none(url: str, outlet: str | None) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", BODY1, BODY2, url=url)
    assert art.outlet == outlet


@pytest.mark.parametrize(
    ("byline", "outlet", "agencies"),
    [
        ("Von Anna Beispiel, taz", "taz", []),
        ("By Jane Example, CNN", "CNN", []),
        ("Von Anna Beispiel, dpa", None, ["dpa"]),
    ],
)
def test_outlet_or_agency_from_byline(byline: str, outlet: str | None, agencies: list[str]) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", byline, BODY1, BODY2)
    assert art.outlet == outlet
    assert art.agencies == agencies


def test_input_outlet_kept_when_text_names_none() -> None:
    assert _run(BODY1, BODY2, outlet="Beispielblatt").outlet == "Beispielblatt"


def test_text_outlet_wins_over_input() -> None:
    art = _run("Neuer Radweg am Hafen – POLITICO", BODY1, BODY2, outlet="Beispielblatt")
    assert art.outlet == "POLITICO"


def test_outlet_from_url_as_last_resort() -> None:
    assert _run(BODY1, BODY2, url="https://www.nzz.ch/international/x-ld.1").outlet == "NZZ"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Veröffentlicht am 3. März 2024", "2024-03-03"),
        ("Stand: 12.05.2023 14:00 Uhr", "2023-05-12"),
        ("2024-06-19", "2024-06-19"),
        ("Mittwoch, 19.06.2024, 10:12 Uhr", "2024-06-19"),
        ("Published June 3, 2024", "2024-06-03"),
        ("Updated: 4 July 2023, 09:30 BST", "2023-07-04"),
    ],
)
def test_published_from_date_lines(line: str, iso: str) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", line, BODY1, BODY2)
    assert art.published == iso


def test_published_line_beats_stand_line() -> None:
    art = _run(
        "Neuer Radweg am Hafen beschlossen",
        "Stand: 14.03.2024",
        "Veröffentlicht am 3. März 2024",
        BODY1,
        BODY2,
    )
    assert art.published == "2024-03-03"


def test_input_published_kept_when_text_gives_none() -> None:
    assert _run(BODY1, BODY2, published="2020-01-02").published == "2020-01-02"


@pytest.mark.parametrize(
    ("opening", "place", "agencies"),
    [
        ("HAMBURG: ", "HAMBURG", []),
        ("NEU-DELHI: ", "NEU-DELHI", []),
        ("Bremen (dpa) - ", "Bremen", ["dpa"]),
        ("Kiew/Moskau (dpa/AFP) – ", "Kiew/Moskau", ["dpa", "AFP"]),
        ("NEW YORK, June 3 (Reuters) - ", "NEW YORK", ["Reuters"]),
        ("WASHINGTON (AP) — ", "WASHINGTON", ["AP"]),
        ("(Reuters) - ", None, ["Reuters"]),
    ],
)
def test_dateline(opening: str, place: str | None, agencies: list[str]) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", opening + BODY1, BODY2)
    assert art.dateline == place
    assert art.agencies == agencies
    first = art.body[0]
    assert art.text[first.start : first.end] == BODY1


@pytest.mark.parametrize(
    ("signature", "agencies"),
    [
        ("abc (efe, dpa, afp)", ["EFE", "dpa", "AFP"]),
        ("mak/dpa", ["dpa"]),
        ("cw/AFP/Reuters", ["AFP", "Reuters"]),
        ("Quellen: AP, KNA", ["AP", "KNA"]),
        ("Mit Material von dpa und epd", ["dpa", "epd"]),
    ],
)
def test_agencies_from_signature(signature: str, agencies: list[str]) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", BODY1, BODY2, signature)
    assert art.agencies == agencies


def test_agencies_from_dateline_and_signature_are_merged() -> None:
    art = _run(
        "Neuer Radweg am Hafen beschlossen", "Bremen (dpa) - " + BODY1, BODY2, "xy (dpa, afp)"
    )
    assert art.agencies == ["dpa", "AFP"]


def test_english_page_metadata() -> None:
    art = _run(
        "Harbour bike lane approved after long debate | The Guardian",
        "By Jane Example",
        "Published 4 March 2024",
        "LONDON (Reuters) - The council approved the lane "
        "on Tuesday after a debate that had lasted for years.",
        "Construction is due to start in spring and will cost two million euros.",
    )
    assert art.title == "Harbour bike lane approved after long debate"
    assert art.outlet == "The Guardian"
    assert art.published == "2024-03-04"
    assert art.dateline == "LONDON"
    assert art.agencies == ["Reuters"]


@pytest.mark.parametrize("text", ["", "\n", BODY1])
def test_empty_and_one_line(text: str) -> None:
    art = metadata_stage(clean_stage(Article(id="t", text=text)))
    assert art.title is None and art.dateline is None and art.agencies == []


@pytest.mark.parametrize(
    ("top", "outlet"),
    [
        (["Nordstädter Anzeiger"], "Nordstädter Anzeiger"),
        (["Zum Inhalt springen", "Wochenblick24 – Nachrichten aus dem Kreis"], "Wochenblick24"),
        (["The Harbour Ledger", "World | Europe"], "The Harbour Ledger"),
        (["Ärger bei der Post"], None),  # a headline, not a masthead: it stays the title
    ],
)
def test_outlet_from_masthead(top: list[str], outlet: str | None) -> None:
    art = _run(*top, "Neuer Radweg am Hafen beschlossen", BODY1, BODY2)
    assert art.outlet == outlet
    if outlet is not None:
        assert art.title == "Neuer Radweg am Hafen beschlossen"


def test_unknown_outlet_between_headline_and_date() -> None:
    art = _run("Neuer Radweg am Hafen – Hafenstädter Bote – 02.04.2025", BODY1, BODY2)
    assert (art.title, art.outlet, art.published) == (
        "Neuer Radweg am Hafen",
        "Hafenstädter Bote",
        "2025-04-02",
    )


def test_headline_ending_in_verb_particle() -> None:
    art = _run("Land sagt dem Hafen schnelle Hilfe zu", BODY1, BODY2)
    assert art.title == "Land sagt dem Hafen schnelle Hilfe zu"


@pytest.mark.parametrize(
    ("opening", "place", "agencies"),
    [
        ("Hafenstadt. ", "Hafenstadt", []),
        ("PORTSMOUTH, England — ", "PORTSMOUTH, England", []),
        ("Nordstadt (Stadtfunk) – ", "Nordstadt", []),
    ],
)
def test_more_datelines(opening: str, place: str, agencies: list[str]) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", opening + BODY1, BODY2)
    assert (art.dateline, art.agencies) == (place, agencies)


@pytest.mark.parametrize(
    "first",
    [
        "Dr. Meier sagte am Dienstag, der Radweg sei längst überfällig gewesen.",
        "Gov. Smith said on Tuesday that the lane was long overdue for the harbour.",
        "CHARGED WITH FRAUD: A local builder appeared in court on Tuesday morning.",
    ],
)
def test_not_datelines(first: str) -> None:
    art = _run("Neuer Radweg am Hafen beschlossen", first, BODY2)
    assert art.dateline is None

"""The clean stage: which lines are dropped, with which reason, and what stays body."""

from __future__ import annotations

import pytest

from pressespiegel.clean.boilerplate import clean_stage, clean_text
from pressespiegel.model import Article

HEAD = "Stadtrat beschließt neuen Radweg am Hafen"
BODY1 = (
    "Der Stadtrat hat am Dienstag mit großer Mehrheit den Bau eines neuen Radwegs entlang "
    "des alten Hafenbeckens beschlossen."
)
BODY2 = (
    "Die Arbeiten sollen im Frühjahr beginnen und nach Angaben der Verwaltung rund zwei "
    "Millionen Euro kosten."
)


def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _reasons(text: str) -> dict[str, str]:
    _, removed = clean_text(text)
    return {text[r.start : r.end]: r.reason for r in removed}


def _kept(text: str) -> list[str]:
    body, _ = clean_text(text)
    return [text[s.start : s.end] for s in body]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("zum Inhalt", "navigation"),
        ("Skip to main content", "navigation"),
        ("Lesen Sie auch:", "navigation"),
        ("Aktuelles", "navigation"),
        ("Kommentare", "comments"),
        ("Kommentare (12)", "comments"),
        ("Leave a Reply", "comments"),
        ("Artikel teilen", "share"),
        ("Facebook Twitter WhatsApp E-Mail", "share"),
        ("Drucken", "share"),
        ("Jetzt den Newsletter abonnieren", "newsletter"),
        ("Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie zu.", "cookie"),
        ("Anzeige", "advertisement"),
        ("source site", "source_link"),
        ("https://www.example.org/politik/artikel-123.html", "source_link"),
        ("hafen-lokales", "site_tag"),
        ("Schlagwörter: Hafen, Radverkehr, Stadtrat", "site_tag"),
        ("-", "separator"),
        ("***", "separator"),
        ("* * *", "separator"),
        ("abc (dpa, afp)", "agency_signature"),
        ("mak/dpa", "agency_signature"),
        ("Quelle: Reuters", "agency_signature"),
        ("Mit Material von dpa und AFP", "agency_signature"),
        ("Aktualisiert um 14:20 Uhr, um eine Stellungnahme der Stadt zu ergänzen.", "update_note"),
        ("Stand: 12.05.2023 14:00 Uhr", "update_note"),
        ("Foto: Anna Beispiel/dpa", "credit"),
        ("Bild: Stadtverwaltung", "credit"),
        ("© Beispielverlag 2024", "credit"),
        ("Radfahrer am Hafen. Foto: Max Muster", "caption"),
        ("Veröffentlicht am 3. März 2024", "date"),
        ("2024-03-03", "date"),
        ("Von Anna Beispiel, taz", "byline"),
        ("Lesezeit: 4 Min.", "meta"),
        ("PREV Feuerwehr rettet Katze aus einem Baum im Stadtpark", "teaser"),
        ("NEXT Neue Buslinie verbindet Hafen und Bahnhof", "teaser"),
        ("Lesen Sie auch: Neue Buslinie verbindet Hafen und Bahnhof", "teaser"),
    ],
)
def test_boilerplate_kinds(line: str, reason: str) -> None:
    text = (
        _page(HEAD, BODY1, line, BODY2)
        if reason not in ("update_note", "date", "byline", "meta")
        else _page(HEAD, line, BODY1, BODY2)
    )
    got = _reasons(text)
    assert got.get(line) == reason
    assert BODY1 in _kept(text) and BODY2 in _kept(text)


def test_title_and_its_copies() -> None:
    text = _page(
        "zum Inhalt",
        "",
        HEAD + " – Beispielzeitung",
        "",
        HEAD,
        BODY1,
        "Stadtrat beschließt neuen Radweg",
        BODY2,
    )
    reasons = _reasons(text)
    assert reasons[HEAD + " – Beispielzeitung"] == "title"
    assert reasons[HEAD] == "headline"
    assert reasons["Stadtrat beschließt neuen Radweg"] == "headline"  # truncated copy
    assert _kept(text) == [BODY1, BODY2]


def test_headline_copy_in_other_umlaut_spelling() -> None:
    text = _page(HEAD, "Stadtrat beschliesst neuen Radweg am", BODY1, BODY2)
    assert _reasons(text)["Stadtrat beschliesst neuen Radweg am"] == "headline"


def test_repeated_caption_keeps_first_copy() -> None:
    caption = "Der Hafen am Abend: Hier soll der Radweg entlanglaufen."
    text = _page(HEAD, BODY1, caption, caption, BODY2)
    _, removed = clean_text(text)
    assert [(r.reason, text[r.start : r.end]) for r in removed][1:] == [("duplicate", caption)]
    assert _kept(text) == [BODY1, caption, BODY2]


def test_interview_questions_repeated_far_apart_are_kept() -> None:
    q = "Was hat Sie dazu bewogen?"
    answers = [
        f"Antwort Nummer {i}: Es war eine lange Geschichte mit vielen Wendungen." for i in range(5)
    ]
    text = _page(HEAD, BODY1, q, answers[0], answers[1], answers[2], answers[3], q, answers[4])
    assert _kept(text).count(q) == 2


def test_no_boilerplate_nothing_removed() -> None:
    text = _page(BODY1, BODY2, "Die Opposition kritisierte die hohen Kosten des Vorhabens.")
    body, removed = clean_text(text)
    assert removed == []
    assert [text[s.start : s.end] for s in body] == text.strip().split("\n")


@pytest.mark.parametrize("text", ["", "\n\n  \n", "   "])
def test_empty_text(text: str) -> None:
    assert clean_text(text) == ([], [])


def test_one_line_body() -> None:
    body, removed = clean_text(BODY1)
    assert removed == []
    assert [(s.start, s.end) for s in body] == [(0, len(BODY1))]


def test_one_short_line_is_body_not_title() -> None:
    body, removed = clean_text(HEAD)
    assert removed == [] and len(body) == 1


def test_spans_are_offsets_into_text_without_line_breaks() -> None:
    text = "  " + HEAD + "\r\n\r\n" + BODY1 + "  \r\n" + BODY2
    body, removed = clean_text(text)
    assert [text[s.start : s.end] for s in body] == [BODY1, BODY2]
    assert [text[r.start : r.end] for r in removed] == [HEAD]


@pytest.mark.parametrize(
    ("opening", "place_cut"),
    [
        ("HAMBURG: ", "HAMBURG: "),
        ("Bremen (dpa) - ", "Bremen (dpa) - "),
        ("NEW YORK, June 3 (Reuters) - ", "NEW YORK, June 3 (Reuters) - "),
    ],
)
def test_dateline_is_cut_from_first_body_line(opening: str, place_cut: str) -> None:
    text = _page(HEAD, opening + BODY1, BODY2)
    body, removed = clean_text(text)
    assert text[body[0].start : body[0].end] == BODY1
    assert ("dateline", place_cut) in [(r.reason, text[r.start : r.end]) for r in removed]


@pytest.mark.parametrize(
    "first",
    [
        "NATO: Die Allianz will ihre Ostflanke stärken und mehr Truppen verlegen.",
        "A FIRE-BOMB attack on a bank left three people dead, police said on Wednesday.",
        "Merkel: Wir haben viel erreicht, sagte die frühere Kanzlerin am Abend.",
    ],
)
def test_no_dateline_in_ordinary_openings(first: str) -> None:
    text = _page(HEAD, first, BODY2)
    assert _kept(text)[0] == first


def test_story_list_after_related_heading() -> None:
    text = _page(
        HEAD,
        BODY1,
        BODY2,
        "Mehr zum Thema",
        "Neue Buslinie verbindet Hafen und Bahnhof",
        "Feuerwehr rettet Katze aus einem Baum",
    )
    reasons = _reasons(text)
    assert reasons["Neue Buslinie verbindet Hafen und Bahnhof"] == "teaser"
    assert reasons["Feuerwehr rettet Katze aus einem Baum"] == "teaser"


def test_story_list_ends_at_running_text() -> None:
    later = (
        "Nach der Sitzung zeigten sich die Vertreter der Fahrradverbände zufrieden mit dem "
        "Ergebnis."
    )
    text = _page(
        HEAD,
        BODY1,
        "Lesen Sie auch",
        "Neue Buslinie verbindet Hafen und Bahnhof",
        later,
        "Ausblick auf den Sommer",
        BODY2,
    )
    kept = _kept(text)
    assert later in kept and "Ausblick auf den Sommer" in kept  # a subheading, not a teaser


@pytest.mark.parametrize(
    "line",
    [
        "Previous hosts of the show all followed the traditional stand-up model.",
        "Next Sunday, the rival team comes to the stadium for the first time.",
        "He had only one thing to say about the subscription he had cancelled.",
        "Von Montag an gilt auf der Brücke ein Tempolimit von 30 Kilometern pro Stunde.",
        "Kommentare von Anwohnern zeigen, dass viele das Vorhaben unterstützen.",
    ],
)
def test_sentences_that_resemble_patterns_are_body(line: str) -> None:
    text = _page(HEAD, BODY1, line, BODY2)
    assert line in _kept(text)


def test_date_heading_inside_running_text_is_body() -> None:
    text = _page(HEAD, BODY1, "Freitag, 8. März 2024", BODY2)
    assert "Freitag, 8. März 2024" in _kept(text)


def test_kicker_above_headline() -> None:
    text = _page(
        "Verkehr", "Stadtrat beschließt neuen Radweg am Hafen für zwei Millionen", BODY1, BODY2
    )
    reasons = _reasons(text)
    assert reasons["Verkehr"] == "navigation"
    assert reasons["Stadtrat beschließt neuen Radweg am Hafen für zwei Millionen"] == "title"


def test_hard_wrapped_first_line_is_not_a_title() -> None:
    text = _page(
        "Der Stadtrat hat am Dienstag den Bau eines neuen Radwegs entlang des",
        "alten Hafenbeckens beschlossen.",
        BODY2,
    )
    _, removed = clean_text(text)
    assert removed == []


def test_english_page() -> None:
    title = "City council approves new bike lane along the harbour | Example Times"
    b1 = (
        "The city council on Tuesday approved a new bike lane along the old harbour basin, "
        "ending a debate that had lasted for years."
    )
    b2 = "Construction is due to start in spring and will cost about two million euros."
    text = _page(
        "Skip to content",
        title,
        "By Jane Example",
        "Published June 3, 2024",
        "Share this article",
        "LONDON (Reuters) - " + b1,
        "Advertisement",
        b2,
        "(Reporting by Jane Example; Editing by John Sample)",
        "Related articles",
        "Harbour festival draws record crowds this summer",
        "Leave a comment",
    )
    reasons = _reasons(text)
    assert reasons[title] == "title"
    assert reasons["By Jane Example"] == "byline"
    assert reasons["Published June 3, 2024"] == "date"
    assert reasons["Share this article"] == "share"
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["(Reporting by Jane Example; Editing by John Sample)"] == "credit"
    assert reasons["Harbour festival draws record crowds this summer"] == "teaser"
    assert reasons["Leave a comment"] == "comments"
    assert _kept(text) == [b1, b2]


def test_stage_sets_body_and_removed() -> None:
    art = clean_stage(Article(id="x", text=_page(HEAD, BODY1, "Kommentare")))
    assert [art.text[s.start : s.end] for s in art.body] == [BODY1]
    assert [r.reason for r in art.removed] == ["title", "comments"]


@pytest.mark.parametrize(
    "crumb", ["Home > Politik > Ausland", "Lokales | Nordstadt", "World | Europe"]
)
def test_breadcrumbs_are_navigation(crumb: str) -> None:
    assert _reasons(_page(crumb, HEAD, BODY1, BODY2))[crumb] == "navigation"


def test_menu_entries_and_masthead_above_title() -> None:
    text = _page("Menü", "Startseite", "Nordstadt", "Nordstädter Anzeiger", HEAD, BODY1, BODY2)
    reasons = _reasons(text)
    assert reasons["Nordstadt"] == "navigation"
    assert reasons["Nordstädter Anzeiger"] == "masthead"
    assert reasons[HEAD] == "title"
    assert _kept(text) == [BODY1, BODY2]


def test_byte_order_mark_is_not_part_of_a_line() -> None:
    text = "\ufeff" + _page(HEAD, BODY1, BODY2)
    assert _reasons(text) == {HEAD: "title"}

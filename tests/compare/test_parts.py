"""The small rules under the dossier: descriptor heads, announcement leads, quote merging."""

from __future__ import annotations

import pytest

from pressespiegel.compare.framing import head_noun
from pressespiegel.compare.quotes import merge_quotes
from pressespiegel.link.phases import is_announcement
from pressespiegel.model import Article, Quote, Sentence, Span


@pytest.mark.parametrize(
    ("norm", "head"),
    [
        ("nordkoreanischer Diktator", "Diktator"),
        ("Führer Nordkoreas", "Führer"),
        ("Sprecher des Innenministeriums", "Sprecher"),
        ("Putins diplomatischer Berater", "Berater"),
        ("Kreml-Berater", "Kreml-Berater"),
        ("umstrittene Ministerpräsidentin", "Ministerpräsidentin"),
        ("ehemaliger", None),
    ],
)
def test_head_noun(norm: str, head: str | None) -> None:
    assert head_noun(norm) == head


def _lead(title: str, first: str) -> Article:
    text = f"{title}\n{first}"
    art = Article(id="x", text=text, title=title)
    art.body = [Span(len(title) + 1, len(text))]
    art.sentences = [Sentence(0, len(title)), Sentence(len(title) + 1, len(text))]
    return art


@pytest.mark.parametrize(
    ("title", "first", "expected"),
    [
        (
            "Kanzler erwägt Reise nach Ostrava",
            "Der Kanzler erwägt, demnächst die tschechische Regierung in Ostrava zu besuchen.",
            True,
        ),
        (
            "Ministerin bereit zu Gesprächen",
            "Die Ministerin sei bereit, in Kürze nach Lissabon zu reisen, hieß es.",
            True,
        ),
        (
            "Kanzler in Ostrava eingetroffen",
            "Der Kanzler ist am Morgen in Ostrava eingetroffen und wurde empfangen.",
            False,
        ),
        ("Gipfel beginnt", "Die Staatschefs begannen am Mittwoch ihre Gespräche.", False),
        ("Stadtrat tagt", "Der Stadtrat will die Gebühren senken.", False),
    ],
)
def test_announcement_leads(title: str, first: str, expected: bool) -> None:
    assert is_announcement(_lead(title, first)) is expected


def _quoted(aid: str, text: str, speaker: str | None) -> Article:
    art = Article(id=aid, text=f"„{text}“, sagte jemand.")
    art.quotes = [Quote(1, 1 + len(text), text, "direct", speaker=speaker)]
    return art


def test_same_quote_in_three_outlets_is_one() -> None:
    arts = [
        _quoted("a", "Wir werden den Hafen bis zum Sommer wieder öffnen", "Eva Lind"),
        _quoted("b", "wir werden den Hafen bis zum Sommer wieder öffnen", None),
        _quoted("c", "Wir werden den Hafen bis zum Sommer wieder öffnen, versprochen", "Eva Lind"),
    ]
    merged = merge_quotes(arts)
    assert len(merged) == 1
    assert merged[0].speaker == "Eva Lind" and merged[0].articles == ["a", "b", "c"]


def test_different_speakers_are_not_merged() -> None:
    arts = [
        _quoted("a", "Das ist ein schwarzer Tag für die Stadt", "Eva Lind"),
        _quoted("b", "Das ist ein schwarzer Tag für die Stadt", "Jonas Berg"),
    ]
    assert len(merge_quotes(arts)) == 2


def test_different_quotes_are_not_merged() -> None:
    arts = [
        _quoted("a", "Wir werden den Hafen bis zum Sommer wieder öffnen", "Eva Lind"),
        _quoted("b", "Die Brücke bleibt bis auf Weiteres gesperrt", "Eva Lind"),
    ]
    assert len(merge_quotes(arts)) == 2


def test_a_quote_cut_short_by_one_outlet_is_one_among_many() -> None:
    # Many unrelated quotations around: the pair is still found (by its rare words).
    others = [
        _quoted(f"o{i}", f"Die Sitzung Nummer {i} dauerte bis in den Abend", None)
        for i in range(40)
    ]
    arts = [
        *others,
        _quoted(
            "a", "Wir werden den Hafen bis zum Sommer wieder öffnen, und zwar ganz", "Eva Lind"
        ),
        _quoted("b", "Wir werden den Hafen bis zum Sommer wieder öffnen", "Eva Lind"),
    ]
    merged = [q for q in merge_quotes(arts) if "Hafen" in q.text]
    assert len(merged) == 1 and merged[0].articles == ["a", "b"]


def test_short_quotes_without_long_words_are_still_compared() -> None:
    arts = [_quoted("a", "Ja, so ist es", "Eva Lind"), _quoted("b", "ja so ist es", "Eva Lind")]
    assert len(merge_quotes(arts)) == 1


def test_speech_acts_and_hearsay_stay_out_of_the_dossier_quotes() -> None:
    art = Article(id="a", text="Die Opposition forderte Neuwahlen. Er soll geflohen sein.")
    art.quotes = [
        Quote(0, 33, art.text[:33], "indirect", "Opposition", type="Reported"),
        Quote(34, 57, art.text[34:], "indirect", None, type="FreeIndirect"),
        Quote(0, 33, art.text[:33], "indirect", None, type="Indirect"),
    ]
    assert merge_quotes([art]) == []


def _labelled(aid: str, text: str, label: str, published: str | None = None) -> Article:
    from pressespiegel.model import Label

    art = Article(id=aid, text=text, published=published)
    start = text.index(label)
    art.labels = [Label("per:x", start, start + len(label), label, label)]
    return art


def test_two_ministries_for_one_person_contradict() -> None:
    from pressespiegel.compare.contradictions import _roles

    arts = {
        a.id: a
        for a in [
            _labelled("a", "Der Außenminister Jan Kowal reiste an.", "Außenminister"),
            _labelled("b", "Verteidigungsministerin Jan Kowal sprach.", "Verteidigungsministerin"),
            _labelled("c", "Die Außenministerin Jan Kowal reiste an.", "Außenministerin"),
            _labelled(
                "d", "Der umstrittene Machthaber Jan Kowal schwieg.", "umstrittene Machthaber"
            ),
        ]
    }
    found = _roles(arts, {})
    assert len(found) == 1  # Außenminister(in) once, Machthaber is framing, not an office
    assert {c.value for c in found[0].claims} == {"Außenminister", "Verteidigungsminister"}
    assert _roles(arts, {"b": "a"}) == []  # a copy repeats, it does not contradict


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("Das Ministerium bestreitet die Vorwürfe.", {"@deny", "@accuse"}),
        ("Die Regierung hat die Darstellung zurückgewiesen.", {"@deny"}),
        ("Beide Seiten haben jede Beteiligung abgelehnt.", {"@deny"}),
        (
            "Anwohner werfen der Stadt Untätigkeit vor und warnen vor neuen Schäden.",
            {"@accuse", "@warn"},
        ),
        ("The company denied the report.", {"@deny"}),
        ("Der Bürgermeister eröffnete die Brücke.", set()),
    ],
)
def test_speech_acts_are_shared_terms(text: str, acts: set[str]) -> None:
    from pressespiegel.link.align import content_terms

    assert {t for t in content_terms(text) if t.startswith("@")} == acts


def _unit(text: str, article: str = "x") -> object:
    from pressespiegel.link.align import Unit

    return Unit(article, 0, len(text), text, 0)


def test_weekday_rules() -> None:
    from pressespiegel.compare.contradictions import _weekday_contradictions

    def found(*pairs: tuple[str, str]) -> list[str]:
        units = [_unit(text, art) for art, text in pairs]
        return [c.about for c in _weekday_contradictions(units, {})]  # type: ignore[arg-type]

    # a programme of two meetings in one article is no contradiction; across articles it is
    assert (
        found(
            ("a", "Am Dienstag sind Gespräche geplant."),
            ("a", "Am Mittwoch folgt ein Treffen der Minister."),
        )
        == []
    )
    assert found(
        ("a", "Die Gespräche beginnen am Dienstag."), ("b", "Die Gespräche beginnen am Mittwoch.")
    ) == ["day of the meeting"]
    # a visit over the weekend contains its Saturday
    assert (
        found(
            ("a", "Der Besuch dauert vom Freitag bis Montag."),
            ("b", "Gespräche sind für Samstag angesetzt."),
        )
        == []
    )
    assert found(
        ("a", "Sein Besuch ist bis Mittwoch geplant."),
        ("a", "Die Gespräche sollen am Donnerstag stattfinden."),
    ) == ["meeting after the end of the visit"]
    # a night from one day to the next is not a visit's span
    assert (
        found(
            ("a", "Bei dem Besuch kam es in der Nacht von Montag auf Dienstag zu Protesten."),
            ("b", "Der Besuch endet am Freitag, hieß es bis Freitag."),
        )
        == []
    )


def test_an_unattributed_copy_does_not_bridge_two_speakers() -> None:
    arts = [
        _quoted("a", "Das ist ein schwarzer Tag für die ganze Stadt", "Eva Lind"),
        _quoted("b", "Das ist ein schwarzer Tag für die ganze Stadt", None),
        _quoted("c", "Das ist ein schwarzer Tag für die ganze Stadt", "Jonas Berg"),
    ]
    merged = merge_quotes(arts)
    assert len(merged) == 2
    assert sorted(q.speaker or "" for q in merged) == ["Eva Lind", "Jonas Berg"]

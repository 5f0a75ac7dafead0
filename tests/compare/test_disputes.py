"""Contradiction cards and the summary's language on an invented story (``dispute_texts.py``):
one card per disputed value, only the event's dates set against each other, a German summary
for a German story that one English report joined."""

from __future__ import annotations

import numpy as np
import pytest

from pressespiegel import analyze_text
from pressespiegel.compare.contradictions import _date_contradictions
from pressespiegel.link import default_embedder
from pressespiegel.link.align import Alignment, Unit
from pressespiegel.model import Article, Claim, Contradiction, Dossier, Story
from pressespiegel.summarize.dossier import build_dossier

from .dispute_texts import FERRY_A, FERRY_B, FERRY_C, FERRY_D, FERRY_EN


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    texts = [("a", FERRY_A), ("b", FERRY_B), ("c", FERRY_C), ("d", FERRY_D), ("en", FERRY_EN)]
    return {
        aid: analyze_text(text, id=aid, published="2025-03-04", outlet=f"Blatt {aid}")
        for aid, text in texts
    }


@pytest.fixture(scope="module")
def dossier(articles: dict[str, Article]) -> Dossier:
    story = Story("s", list(articles))
    return build_dossier(story, articles, encode=default_embedder().encode)


def _passages(c: Contradiction) -> list[tuple[str, int, int]]:
    return [(k.article, k.start, k.end) for k in c.claims]


def test_one_card_per_disputed_number(dossier: Dossier, articles: dict[str, Article]) -> None:
    cards = [c for c in dossier.contradictions if c.kind == "number"]
    assert len(cards) == 1, [_passages(c) for c in cards]
    card = cards[0]
    assert {k.value for k in card.claims} == {"300", "450"}
    assert {k.article for k in card.claims} == {"a", "b", "c", "d"}
    assert len(set(_passages(card))) == len(card.claims)  # every passage once
    for k in card.claims:
        assert articles[k.article].text[k.start : k.end] == k.text


def test_one_card_for_the_night_of_the_fire(dossier: Dossier) -> None:
    cards = [c for c in dossier.contradictions if c.kind == "date"]
    assert len(cards) == 1, [_passages(c) for c in cards]
    by_article = {k.article: k for k in cards[0].claims}
    assert set(by_article) == {"a", "b", "c", "d"}
    assert "Montagabend" in by_article["c"].text
    # the plan to tow the ferry away on Friday is no date of the fire
    assert all("Werft" not in k.text for k in cards[0].claims)


def test_pairs_sharing_a_passage_merge_and_others_stay_apart() -> None:
    from pressespiegel.compare.contradictions import merge_disputes

    x, y, z = (
        Claim("x", 0, 5, "drei", "3"),
        Claim("y", 10, 15, "vier", "4"),
        Claim("z", 0, 5, "drei", "3"),
    )
    found = [
        Contradiction("number of Boote", "number", [x, y]),
        Contradiction(
            "number of Boote", "number", [z, Claim("y", 11, 14, "ie", "4")], apparent=True
        ),
        Contradiction(
            "number of Boote",
            "number",
            [Claim("x", 50, 55, "sechs", "6"), Claim("z", 50, 55, "neun", "9")],
        ),
        Contradiction("number of Busse", "number", [x, Claim("w", 0, 5, "fünf", "5")]),
        Contradiction(
            "weekday and date disagree",
            "date",
            [Claim("q", 0, 9, "Mittwoch", "Mittwoch"), Claim("q", 0, 9, "Mittwoch", "2025-03-06")],
        ),
        Contradiction(
            "weekday and date disagree",
            "date",
            [Claim("r", 0, 9, "Mittwoch", "Mittwoch"), Claim("r", 0, 9, "Mittwoch", "2025-03-06")],
        ),
    ]
    merged = merge_disputes(found)
    assert [(c.about, len(c.claims)) for c in merged] == [
        ("number of Boote", 3),
        ("number of Boote", 2),
        ("number of Busse", 2),
        ("weekday and date disagree", 2),
        ("weekday and date disagree", 2),
    ]
    # one passage once (y 10-15 and y 11-14 are one), claims of one value side by side
    assert _passages(merged[0]) == [("x", 0, 5), ("z", 0, 5), ("y", 10, 15)]
    assert merged[0].apparent is False  # only one of its pairs was apparent


EVENT = "In der Nacht zum Dienstag brach auf der Fähre ein Feuer im Maschinenraum aus."


def _date_found(other: str, published: str | None) -> int:
    """Date contradictions between EVENT (published on that Tuesday) and one sentence of another
    article, the two passages taken as counterparts but not aligned into one group."""
    a = analyze_text(EVENT, id="a", published="2025-03-04", language="de", clean=False)
    b = analyze_text(other, id="b", published=published, language="de", clean=False)
    units = [
        Unit(
            x.id,
            x.sentences[0].start,
            x.sentences[-1].end,
            x.text[x.sentences[0].start : x.sentences[-1].end],
            0,
        )
        for x in (a, b)
    ]
    alignment = Alignment(units, np.zeros((2, 1), dtype=np.float32), [], {}, {})
    reference = {} if published else {"b": "2025-03-04"}
    return len(_date_contradictions(alignment, {"a": a, "b": b}, [(0, 1)], reference))


@pytest.mark.parametrize("published", [None, "2025-03-04"])
@pytest.mark.parametrize(
    "other",
    [
        pytest.param("Der Wetterdienst erwartet für Donnerstag Sturm an der Küste.", id="forecast"),
        pytest.param("Laut Vorhersage regnet es am Samstag wieder.", id="forecast-noun"),
        pytest.param("Die Reederei will den Fährbetrieb am Freitag wieder aufnehmen.", id="plan"),
        pytest.param(
            "Die Untersuchung des Feuers soll bis Ende April abgeschlossen sein.", id="deadline"
        ),
        pytest.param(
            "Am 1. März jährte sich der Stapellauf der Fähre zum zwanzigsten Mal.", id="anniversary"
        ),
        pytest.param("Zuletzt hatte es auf der Fähre am 12. Januar gebrannt.", id="earlier-fire"),
        pytest.param(
            "Am 2. März hatte der Hafen einen neuen Anleger eröffnet.", id="other-happening"
        ),
    ],
)
def test_dates_that_are_not_the_events_are_not_set_against_it(
    other: str, published: str | None
) -> None:
    assert _date_found(other, published) == 0


@pytest.mark.parametrize("published", [None, "2025-03-04"])
def test_two_dates_for_the_same_fire_contradict(published: str | None) -> None:
    assert _date_found("Am Montagabend brach auf der Fähre ein Feuer aus.", published) == 1


def test_summary_is_in_the_main_language(dossier: Dossier, articles: dict[str, Article]) -> None:
    assert articles["en"].language == "en"
    assert dossier.summary
    for sentence in dossier.summary:
        assert articles[sentence.sources[0].article].language == "de", sentence.text
    # the English report stays a cited source of what it supports
    assert any(r.article == "en" for s in dossier.summary for r in s.sources)

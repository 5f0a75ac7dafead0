"""Contradiction cards and the summary's language on an invented story (``dispute_texts.py``):
one card per disputed value, only the event's dates set against each other, a German summary
for a German story that one English report joined."""

from __future__ import annotations

import pytest

from pressespiegel import analyze_text
from pressespiegel.dossier import build_dossier
from pressespiegel.link import default_embedder
from pressespiegel.model import Article, Claim, Contradiction, Dossier, Story

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

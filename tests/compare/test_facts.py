"""Corroboration counts independent outlets: unknown outlets are one source, never several."""

from __future__ import annotations

import numpy as np

from pressespiegel.compare.facts import UNKNOWN_OUTLET, count_outlets, find_facts
from pressespiegel.link.align import Alignment, Unit
from pressespiegel.model import Article

_SENTENCE = "Der Stadtrat hat den Neubau der Schule am Dienstag beschlossen."


def _alignment(ids: list[str], groups: list[list[int]]) -> Alignment:
    units = [Unit(a, 0, len(_SENTENCE), _SENTENCE, 0) for a in ids]
    score = {(i, j): 0.9 for g in groups for i in g for j in g if i < j}
    return Alignment(units, np.zeros((len(units), 4), np.float32), groups, score, {})


def _articles(outlets: dict[str, str | None]) -> dict[str, Article]:
    return {a: Article(id=a, text=_SENTENCE, outlet=o) for a, o in outlets.items()}


def test_two_articles_of_unknown_outlet_are_one_source() -> None:
    arts = _articles({"x": None, "y": None})
    facts, single = find_facts(_alignment(["x", "y"], [[0, 1]]), arts, {})
    assert facts == []
    assert [f.count for f in single] == [1] and single[0].outlets == [UNKNOWN_OUTLET]
    assert count_outlets(["x", "y"], arts) == 1


def test_unknown_outlets_count_once_beside_known_ones() -> None:
    arts = _articles({"x": None, "y": "", "z": "Kreisbote", "w": "KREISBOTE "})
    facts, _ = find_facts(_alignment(["x", "y", "z", "w"], [[0, 1, 2, 3]]), arts, {})
    assert len(facts) == 1 and facts[0].count == 2
    assert sorted(facts[0].outlets) == ["Kreisbote", UNKNOWN_OUTLET]
    # Every article's passage is still shown; only the count says how many sources they are.
    assert len(facts[0].sources) == 4 and not facts[0].copies
    assert count_outlets(arts, arts) == facts[0].count


def test_a_fact_is_stated_in_the_story_s_main_language() -> None:
    german = "Der Stadtrat hat den Neubau der Schule am Dienstag endgültig beschlossen."
    english = "The council approved the new school."  # shorter: the tie-break would pick it
    units = [
        Unit("en", 0, len(english), english, 0),
        Unit("de1", 0, len(german), german, 0),
        Unit("de2", 0, len(german), german, 0),
    ]
    alignment = Alignment(
        units,
        np.zeros((3, 4), np.float32),
        [[0, 1, 2]],
        {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9},
        {},
    )
    arts = {
        "en": Article(id="en", text=english, outlet="Ledger", language="en"),
        "de1": Article(id="de1", text=german, outlet="Kurier", language="de"),
        "de2": Article(id="de2", text=german, outlet="Bote", language="de"),
    }
    facts, _ = find_facts(alignment, arts, {})
    assert facts[0].statement == german and facts[0].count == 3

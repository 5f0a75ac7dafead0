"""Intervals: the log-time overlap test must answer exactly as a scan of every span would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pressespiegel.textutil import Intervals

SPANS = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 15)), max_size=40)


@settings(max_examples=300, derandomize=True)
@given(SPANS, st.integers(0, 220), st.integers(1, 20))
def test_overlaps_agrees_with_a_scan(spans: list[tuple[int, int]], start: int,
                                     length: int) -> None:
    held: list[tuple[int, int]] = []
    index = Intervals()
    for s, n in spans:  # keep the non-overlapping ones, as the entity stage does
        if all(s + n <= a or b <= s for a, b in held):
            held.append((s, s + n))
            index.add(s, s + n)
    end = start + length
    assert index.overlaps(start, end) == any(start < b and a < end for a, b in held)


def test_touching_spans_do_not_overlap() -> None:
    index = Intervals([(0, 5), (10, 15)])
    assert not index.overlaps(5, 10)
    assert index.overlaps(4, 6) and index.overlaps(9, 11) and index.overlaps(0, 100)
    assert not index.overlaps(15, 20)

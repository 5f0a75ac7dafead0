"""Intervals: the log-time overlap test must answer exactly as a scan of every span would;
ascii_fold: the same keys as a character-by-character fold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pressespiegel.textutil import Intervals

SPANS = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 15)), max_size=40)


@settings(max_examples=300, derandomize=True)
@given(SPANS, st.integers(0, 220), st.integers(1, 20))
def test_overlaps_agrees_with_a_scan(spans: list[tuple[int, int]], start: int, length: int) -> None:
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


def _fold_by_character(text: str) -> str:
    import unicodedata

    from pressespiegel.textutil import _SPECIAL

    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@settings(max_examples=500, derandomize=True)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_ascii_fold_drops_exactly_the_combining_marks(text: str) -> None:
    from pressespiegel.textutil import ascii_fold

    assert ascii_fold(text) == _fold_by_character(text)


def test_ascii_fold_of_names_and_scripts() -> None:
    from pressespiegel.textutil import ascii_fold

    assert ascii_fold("Pjöngjang") == "Pjongjang"
    assert ascii_fold("Łódź, Straße") == "Lodz, Strasse"
    assert ascii_fold("Ngô Đình Diệm") == "Ngo Dinh Diem"
    assert ascii_fold("Москва") == "Москва"  # й would lose its breve: none here
    assert ascii_fold("plain ASCII") == "plain ASCII"
    assert ascii_fold("Cafe\u0301 a\u0308") == "Cafe a"  # marks after an ASCII letter go too
    assert ascii_fold("한국") == _fold_by_character("한국")

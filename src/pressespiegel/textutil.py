"""Small text helpers shared by the layers (no dependencies beyond the standard library)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

# Letters that Unicode decomposition does not reduce to an ASCII base letter.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "ŋ": "ng",
        "ſ": "s",
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "‹": "'",
        "›": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)


def ascii_fold(text: str) -> str:
    """Latin text without diacritics ("Pjöngjang" -> "Pjongjang", "Łódź" -> "Lodz").

    Used for matching keys only, never for output. Letters of other scripts are kept, so that
    keys of Cyrillic or Korean names stay distinct rather than collapsing to nothing.
    """
    if text.isascii():
        return text  # nothing to fold: the common case, and the fastest way through
    # The fold works character by character (a decomposition is per character, and canonical
    # reordering only moves the marks that are dropped), so only the runs of non-ASCII
    # characters are looked up, each character's fold once per process.
    return _NON_ASCII.sub(_fold_run, text)


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Folds(dict[int, str | int]):
    """A ``str.translate`` table: a character's fold, computed on first use."""

    def __missing__(self, code: int) -> str | int:
        folded = _fold_char(chr(code))
        value: str | int = code if folded == chr(code) else folded
        if len(self) < _MAX_CODES:
            self[code] = value
        return value


_MAX_CODES = 1 << 16  # hostile text can hold a million code points: the table stays bounded
_FOLDS = _Folds()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLDS)


class Intervals:
    """Non-overlapping ``[start, end)`` spans in order, with an overlap test in log time (a
    list scanned for every candidate makes a long article's entity stage quadratic)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span held."""
        i = bisect.bisect_right(self._starts, start)
        if i and self._ends[i - 1] > start:
            return True
        return i < len(self._starts) and self._starts[i] < end

    def add(self, start: int, end: int) -> None:
        """Hold ``[start, end)``, which must not overlap a span held."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


#: Month names and abbreviations of German (Austrian "Jänner" too) and English, lower-case, to
#: the month's number: what dates in news texts and on news pages are written with.
MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jänner", "jaenner", "january", "jan"),
            ("februar", "feber", "february", "feb"),
            ("märz", "maerz", "march", "mär", "mrz", "mar"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("dezember", "december", "dez", "dec"),
        ),
        start=1,
    )
    for name in names
}

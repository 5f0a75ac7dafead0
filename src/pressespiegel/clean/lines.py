"""Lines of a text with their offsets, and a folded form for comparing lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Unicode line breaks that str.splitlines() also honours; a scraped page may use any of them.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_NON_ALNUM = re.compile(r"[\W_]+")
_UMLAUTS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line: ``text`` is ``article.text[start:end]``, outer whitespace stripped."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of ``text``, each without its line break and outer whitespace."""
    lines: list[Line] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        _add(text, pos, m.start(), lines)
        pos = m.end()
    _add(text, pos, len(text), lines)
    return lines


def _add(text: str, start: int, end: int, out: list[Line]) -> None:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Line(start, end, text[start:end]))


@lru_cache(maxsize=4096)
def fold(s: str) -> str:
    """Lower case, umlauts spelt out (ä -> ae, as in transliterated copies), accents dropped,
    punctuation and runs of spaces reduced to one space: two lines that differ only in
    quotes, dashes, accents or umlaut spelling fold to the same string. Other scripts are
    kept (lower-cased), so Cyrillic or Greek lines still compare."""
    s = s.lower()
    if not s.isascii():
        for umlaut, spelt in _UMLAUTS:
            s = s.replace(umlaut, spelt)
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s))
    return _NON_ALNUM.sub(" ", s).strip()


def words(s: str) -> list[str]:
    """The words of ``s`` (hyphenated and dotted compounds count as one)."""
    return _WORD.findall(s)

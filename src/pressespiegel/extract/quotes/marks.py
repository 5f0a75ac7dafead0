"""Quotation marks paired per paragraph, and sentences that never break inside a quotation.

Tolerant of the mixtures machine translation leaves („…", an opening “ closed by “, a stray extra
closer, a missing closer at paragraph end).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# 1. Marks
# --------------------------------------------------------------------------------------------

# Double marks (the level reporters quote at) and single ones (nested quotes, some headlines).
DOUBLE = '„“”"»«'
SINGLE = "‚‘’‹›"
# Which closers may end a quotation opened by a given mark. Machine translation mixes styles
# freely, so every double closer may end every double opener except the guillemets.
_CLOSERS = {
    "„": '“”"',
    "“": '”“"',
    "”": '”“"',
    '"': '"“”',
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "‘": "’‘",
    "‹": "›",
    "›": "‹",
}
_OPEN_BEFORE = set("([{/–—-:;,") | set(DOUBLE) | set(SINGLE)
_CLOSE_AFTER = set(".,;:!?)]}–—-…/") | set(DOUBLE) | set(SINGLE)


@dataclass(slots=True)
class Marks:
    """A paired quotation: marks at ``open`` and ``close - 1``; words in ``start:end``."""

    open: int
    start: int
    end: int
    close: int
    depth: int = 0
    parent: int | None = None  # index of the enclosing quotation for nested ones


def _open_ctx(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()


def _close_ctx(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pair_marks(text: str, lo: int, hi: int) -> list[Marks]:
    """Top-level quotations in one paragraph ``text[lo:hi]``, then nested single-mark ones."""
    out: list[Marks] = []
    open_at: int | None = None
    for i in range(lo, hi):
        c = text[i]
        if c not in DOUBLE:
            continue
        if open_at is not None:
            o = text[open_at]
            if c in _CLOSERS[o] and (_close_ctx(text, i, lo, hi) or not _open_ctx(text, i, lo, hi)):
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    out.append(Marks(open_at, s, e, i + 1))
                open_at = None
                continue
            if c == "„" or (c in _CLOSERS and _open_ctx(text, i, lo, hi)):
                # A new opener while one is open: the first lost its closer. Keep it up to the
                # last sentence end inside, so that a lost mark costs a little text, not the quote.
                _close_lost(text, open_at, i, out)
                open_at = i
            continue
        # Nothing open.
        if c == "„" or c in "»«":
            open_at = i
        elif c in '“”"':
            opening = _open_ctx(text, i, lo, hi)
            closing = _close_ctx(text, i, lo, hi)
            if opening and not closing:
                open_at = i
            elif closing and out and out[-1].close <= i:
                _merge_stray(text, i, hi, out)
    if open_at is not None:
        # A missing closer at paragraph end: the quotation runs to the end of the paragraph.
        s, e = _trim(text, open_at + 1, hi)
        if e > s:
            out.append(Marks(open_at, s, e, e))
    nested: list[Marks] = []
    for idx, q in enumerate(out):
        for n in _pair_single(text, q.start, q.end):
            n.depth, n.parent = 1, idx
            nested.append(n)
    top_single = [
        n for n in _pair_single(text, lo, hi) if not any(q.open <= n.open < q.close for q in out)
    ]
    return sorted(out + top_single, key=lambda q: q.open) + nested


def _close_lost(text: str, open_at: int, new_open: int, out: list[Marks]) -> None:
    seg = text[open_at + 1 : new_open]
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", seg)]
    if ends:
        s, e = _trim(text, open_at + 1, open_at + 1 + ends[-1])
        if e > s:
            out.append(Marks(open_at, s, e, e))


def _merge_stray(text: str, i: int, hi: int, out: list[Marks]) -> None:
    """A closer with no opener after a closed quotation.

    Translations insert a closer where the source had a link or a bracketed gloss
    („Wort.“ [Gloss] more words“, sagte X): the quotation really ends at the second closer. Only
    merged when words stand between and a frame (a comma) follows, else the mark is ignored.
    """
    last = out[-1]
    between = text[last.close : i]
    after = text[i + 1 : i + 3].lstrip()
    if between.strip() and after.startswith(",") and not any(ch in "„»«" for ch in between):
        s, e = _trim(text, last.open + 1, i)
        out[-1] = Marks(last.open, s, e, i + 1)


def _pair_single(text: str, lo: int, hi: int) -> list[Marks]:
    """Single-mark quotations ‚…‘, ‹…›, ‘…’ in ``text[lo:hi]``.

    ’ between letters is an apostrophe, never a closer."""
    out: list[Marks] = []
    open_at: int | None = None
    for i in range(lo, hi):
        c = text[i]
        if c not in SINGLE:
            continue
        nxt = text[i + 1] if i + 1 < hi else " "
        if open_at is not None and c in _CLOSERS[text[open_at]] and not nxt.isalpha():
            s, e = _trim(text, open_at + 1, i)
            if e > s:
                out.append(Marks(open_at, s, e, i + 1))
            open_at = None
        elif open_at is None and (c in "‚‹›" or (c == "‘" and _open_ctx(text, i, lo, hi))):
            open_at = i
    return out


# --------------------------------------------------------------------------------------------
# 2. Sentences and frame tokens
# --------------------------------------------------------------------------------------------

# Abbreviations after which a period does not end a sentence (general German usage).
_ABBREV = frozenset(
    [
        "dr",
        "prof",
        "st",
        "nr",
        "bzw",
        "ca",
        "vgl",
        "usw",
        "etc",
        "mio",
        "mrd",
        "jh",
        "chr",
        "sog",
        "z.b",
        "u.a",
        "d.h",
        "o.ä",
        "evtl",
        "ggf",
        "inkl",
        "hl",
        "abs",
        "art",
        "str",
        "tel",
        "gen",
        "min",
        "max",
        "mrs",
        "mr",
        "ms",
        "jr",
        "sen",
    ]
)


def split_sentences(text: str, lo: int, hi: int, quotes: list[Marks]) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, never ending inside a top-level quotation."""
    inside = sorted((q.open, q.close) for q in quotes if q.depth == 0)
    opens = [a for a, _ in inside]
    cuts: list[int] = []

    def is_inside(pos: int) -> bool:
        # Top-level quotations do not overlap: only the last one opened before pos can hold it.
        i = bisect.bisect_right(opens, pos) - 1
        return i >= 0 and pos < inside[i][1]

    def next_starts_sentence(j: int) -> bool:
        while j < hi and text[j].isspace():
            j += 1
        return j >= hi or text[j].isupper() or text[j] in '„“"»«‚' or text[j].isdigit()

    for m in re.finditer(r"[.!?]+", text[lo:hi]):
        p = lo + m.start()
        end = lo + m.end()
        if is_inside(p) or (end < hi and not text[end].isspace()):
            continue
        # The word before the stop (a bounded window keeps huge paragraphs linear).
        word = re.search(r"(\S+)$", text[max(lo, p - 80) : p])
        w = word.group(1).lower().strip('([„"') if word else ""
        if w in _ABBREV or (len(w) <= 2 and w.isdigit()) or (len(w) == 1 and w.isalpha()):
            continue  # "Dr.", "am 19. Juni", "J. Smith"
        if next_starts_sentence(end):
            cuts.append(end)
    for q in quotes:
        # A quotation that ends a sentence inside its marks („… Satz.“ Next ...) ends it here.
        if q.depth == 0 and q.close < hi and text[q.end - 1] in ".!?" and q.close > q.end:
            j = q.close
            if j < hi and text[j].isspace() and next_starts_sentence(j):
                cuts.append(j)
    spans: list[tuple[int, int]] = []
    start = lo
    for c in sorted(set(cuts)):
        s, e = _trim(text, start, c)
        if e > s:
            spans.append((s, e))
        start = c
    s, e = _trim(text, start, hi)
    if e > s:
        spans.append((s, e))
    return spans

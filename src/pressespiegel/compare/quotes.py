"""Quotes across articles: the same quotation reported by several outlets is one quote.

Outlets trim, translate and re-punctuate quotations, so two reports are the same quote when
their words largely coincide (token-set similarity), or one is a part of the other (partial
similarity on the longer text), and the speakers do not disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..model import Article, Quote, SourceRef, StoryQuote

# Calibrated by hand on paraphrase pairs: token-set ratio 80 admits re-punctuated and lightly
# reworded quotations ("Wir unterstützen ..." / "wir unterstützen voll ..."); partial ratio 90
# on quotations of 30 characters or more admits a quote cut short by one outlet.
SAME_WORDS = 80.0
PART_OF = 90.0
MIN_PART_CHARS = 30

_NORM = re.compile(r"[^\w]+")


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.casefold()).strip()


def _who_said_what(q: Quote) -> bool:
    """What the dossier lists: quoted words, and indirect speech whose speaker is known. A
    speech act only named ("forderte Neuwahlen") or hearsay with no source is narrative, and a
    scare quote is nobody's words."""
    if q.kind == "direct":
        return True
    return (
        q.kind == "indirect"
        and q.speaker is not None
        and q.type not in ("Reported", "FreeIndirect")
    )


# Words a quotation is looked up by: its rarest few of four letters or more. Two reports of
# one quotation share most words, so they share one of these; comparing only such pairs keeps
# a story of thousands of quotations from costing millions of fuzzy comparisons.
LOOKUP_WORDS = 3


def _candidate_pairs(norms: list[str]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, in order, of quotations sharing a rare word."""
    words = [sorted({w for w in n.split() if len(w) >= 4}) for n in norms]
    postings: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            postings.setdefault(w, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, ws in enumerate(words):
        if not ws:
            # No word to look up by ("Ja!"): compared with every other quotation.
            pairs.update((min(i, j), max(i, j)) for j in range(len(norms)) if j != i)
            continue
        for w in sorted(ws, key=lambda w: (len(postings[w]), w))[:LOOKUP_WORDS]:
            pairs.update((min(i, j), max(i, j)) for j in postings[w] if j != i)
    return sorted(pairs)


def merge_quotes(articles: Sequence[Article]) -> list[StoryQuote]:
    items = [(art, q) for art in articles for q in art.quotes if _who_said_what(q)]
    norms = [_norm(q.text) for _, q in items]
    parent = list(range(len(items)))
    # The speakers named in each group: two groups whose speakers differ never merge, even
    # through a report that names nobody.
    speakers: dict[int, set[str]] = {
        i: {q.speaker} if q.speaker else set() for i, (_, q) in enumerate(items)
    }

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in _candidate_pairs(norms):
        (ai, qi), (aj, qj) = items[i], items[j]
        if ai.id == aj.id:
            continue
        if qi.speaker and qj.speaker and qi.speaker != qj.speaker:
            continue
        a, b = norms[i], norms[j]
        if not a or not b:
            continue
        same = fuzz.token_set_ratio(a, b) >= SAME_WORDS
        part = min(len(a), len(b)) >= MIN_PART_CHARS and fuzz.partial_ratio(a, b) >= PART_OF
        ri, rj = find(i), find(j)
        if (
            (same or part)
            and ri != rj
            and not (speakers[ri] and speakers[rj] and speakers[ri] != speakers[rj])
        ):
            parent[rj] = ri
            speakers[ri] |= speakers.pop(rj)

    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    out: list[StoryQuote] = []
    for members in groups.values():
        quotes = [items[i] for i in members]
        named = Counter(q.speaker for _, q in quotes if q.speaker)
        speaker = named.most_common(1)[0][0] if named else None  # ties: the first named
        longest = max(quotes, key=lambda p: len(p[1].text))[1]
        arts: list[str] = []
        for art, _ in quotes:
            if art.id not in arts:
                arts.append(art.id)
        kind = "direct" if any(q.kind == "direct" for _, q in quotes) else longest.kind
        out.append(
            StoryQuote(
                speaker,
                longest.text,
                kind,
                arts,
                [SourceRef(art.id, q.start, q.end, q.text) for art, q in quotes],
            )
        )
    out.sort(key=lambda q: (-len(q.articles), q.speaker is None, q.speaker or ""))
    return out

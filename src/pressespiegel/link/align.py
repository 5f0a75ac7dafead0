"""Cross-article sentence alignment inside a story: which passages of different articles report
the same thing.

The units are the body sentences and, for long sentences, their clauses (news sentences often
pack two facts: "..., nachdem sich die beiden im September getroffen hatten"). Two units are
compared by the cosine of their sentence embeddings and by the weighted overlap of their content
lemmas (names, nouns, numbers), with weights from how many of the story's articles use a word: a
word every article uses ("Putin" in a story about Putin) says little, one that two articles share
("Jakutsk") says much. A unit is aligned with its best match in each other article when the
combined score passes a threshold; aligned units are grouped, one unit per article per group.

Cost: one matrix product over the story's units (a few hundred for a typical story); stories with
more units than ``MAX_DENSE`` are compared in blocks, so memory stays bounded.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import numpy as np

from ..extract.acts import clause_acts, word_act
from ..language.dictionary import lemmatize
from ..model import Article
from ..textutil import ascii_fold

Encode = Callable[[list[str]], np.ndarray]

# Clause boundaries inside a sentence: a comma, semicolon or dash before a subordinating or
# coordinating word that starts a new statement in German or English news prose.
_CLAUSE = re.compile(
    r"(?:,\s+(?=(?:denn|nachdem|während|weil|obwohl|wobei|bevor|sodass|so dass|als|und|aber|"
    r"doch|sondern|where|while|after|because|although|and|but|which)\b)|;\s+|\s+[–—]\s+)"
)
_WORD = re.compile(r"\w+(?:[-']\w+)*")
#: Clauses shorter than this many words are not units of their own (they carry no fact).
MIN_CLAUSE_WORDS = 5
#: Sentences longer than this many words are also split into clauses.
SPLIT_WORDS = 18
#: Beyond this many units a story is compared in blocks of rows.
MAX_DENSE = 4000

# Function words of German and English that carry no content for matching.
_STOP = frozenset(
    (
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "aber",
        "in",
        "im",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "mit",
        "nach",
        "von",
        "vor",
        "zu",
        "zum",
        "zur",
        "für",
        "über",
        "unter",
        "um",
        "sich",
        "sie",
        "er",
        "es",
        "ist",
        "sind",
        "war",
        "waren",
        "wird",
        "werden",
        "wurde",
        "wurden",
        "hat",
        "haben",
        "hatte",
        "hatten",
        "nicht",
        "auch",
        "als",
        "wie",
        "so",
        "dass",
        "daß",
        "sein",
        "seine",
        "seiner",
        "seinem",
        "seinen",
        "seines",
        "ihr",
        "ihre",
        "ihren",
        "ihrem",
        "ihres",
        "dies",
        "diese",
        "dieser",
        "diesem",
        "diesen",
        "dieses",
        "noch",
        "nur",
        "schon",
        "mehr",
        "sehr",
        "bis",
        "seit",
        "durch",
        "gegen",
        "ohne",
        "ob",
        "wenn",
        "man",
        "wir",
        "ich",
        "du",
        "dann",
        "doch",
        "da",
        "denn",
        "weil",
        "obwohl",
        "während",
        "nachdem",
        "soll",
        "sollen",
        "sollte",
        "kann",
        "können",
        "könnte",
        "muss",
        "müssen",
        "will",
        "wollen",
        "beim",
        "vom",
        "ins",
        "eines",
        "sagte",
        "sagt",
        "sagten",
        "erklärte",
        "laut",
        "jedoch",
        "sowie",
        "bereits",
        "zudem",
        "etwa",
        "rund",
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "not",
        "also",
        "said",
        "says",
        "will",
        "would",
        "could",
        "should",
        "which",
        "who",
    )
)


@dataclass(slots=True)
class Unit:
    """A sentence or clause of one article; ``sentence`` indexes ``article.sentences``."""

    article: str
    start: int
    end: int
    text: str
    sentence: int
    clause: bool = False
    terms: frozenset[str] = field(default_factory=frozenset)


@dataclass(slots=True)
class Alignment:
    """The story's units, their pairwise scores and the groups of units reporting the same thing.

    ``groups`` hold unit indices (at most one per article); ``score`` is the combined similarity
    for the pairs that were scored (best matches), keyed by ``(i, j)`` with ``i < j``.
    """

    units: list[Unit]
    embeddings: np.ndarray
    groups: list[list[int]]
    score: dict[tuple[int, int], float]
    idf: dict[str, float]
    # Pairs of units of which one is the other's best match in its article, whatever their score
    # (a weaker kind of correspondence: the closest thing the other article says), with their
    # combined score; ``i < j``.
    nearest: dict[tuple[int, int], float] = field(default_factory=dict)

    def similarity(self, i: int, j: int) -> float:
        return float(self.embeddings[i] @ self.embeddings[j])


@lru_cache(maxsize=1 << 16)
def _lemma(word: str, lang: str) -> str:
    try:
        lemma = lemmatize(word, lang)
    except ValueError:  # a language simplemma does not know
        lemma = word
    return ascii_fold(lemma).lower()


#: The weight of a shared speech act (see :mod:`extract.acts`; an IDF of 2 is a word used by
#: one article in ten).
SPEECH_ACT_WEIGHT = 2.0


def content_terms(text: str, lang: str = "de") -> frozenset[str]:
    """Content lemmas of a passage, with the parts of hyphenated compounds ("US-Sanktionen")
    and the speech acts its verbs name."""
    lang = lang if lang in ("de", "en", "fr", "es", "it", "nl") else "de"
    out: set[str] = set()
    for m in _WORD.finditer(text):
        w = m.group()
        low = w.lower()
        if low in _STOP or (len(w) < 3 and not w.isdigit()):
            continue
        lemma = _lemma(w, lang)
        out.add(lemma)
        act = word_act(low) or word_act(lemma)
        if act:
            out.add(act)
        for part in lemma.split("-"):
            if len(part) > 3:
                out.add(part)
    out.update(clause_acts(text))
    return frozenset(out)


def _in_body(article: Article, start: int, end: int) -> bool:
    return not article.body or any(b.start <= start and end <= b.end for b in article.body)


def story_units(articles: Sequence[Article]) -> list[Unit]:
    """The body sentences of the articles, plus the clauses of long sentences."""
    units: list[Unit] = []
    for art in articles:
        lang = art.language or "de"
        for k, sent in enumerate(art.sentences):
            if not _in_body(art, sent.start, sent.end):
                continue
            text = art.text[sent.start : sent.end]
            words = len(_WORD.findall(text))
            if words < 3:
                continue
            units.append(
                Unit(art.id, sent.start, sent.end, text, k, terms=content_terms(text, lang))
            )
            if words < SPLIT_WORDS:
                continue
            cuts = [0] + [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]
            if len(cuts) == 2:
                continue
            for a, b in pairwise(cuts):
                seg = text[a:b]
                lead = len(seg) - len(seg.lstrip(",;–— "))
                seg = seg[lead:].rstrip()
                if len(_WORD.findall(seg)) < MIN_CLAUSE_WORDS:
                    continue
                s = sent.start + a + lead
                units.append(
                    Unit(
                        art.id, s, s + len(seg), seg, k, clause=True, terms=content_terms(seg, lang)
                    )
                )
    return units


def term_weights(units: Sequence[Unit]) -> dict[str, float]:
    """IDF of each term over the story's articles (a term in every article weighs little)."""
    per_article: dict[str, set[str]] = {}
    for u in units:
        per_article.setdefault(u.article, set()).update(u.terms)
    df: Counter[str] = Counter()
    for terms in per_article.values():
        df.update(terms)
    n = len(per_article)
    # A speech act is the predicate of its sentence: however many articles report a denial, two
    # passages that both report one share their core, so it weighs like a rare word.
    return {
        t: SPEECH_ACT_WEIGHT if t.startswith("@") else math.log((n + 1) / (c + 0.5))
        for t, c in df.items()
    }


def lexical_overlap(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """Weighted overlap: shared weight over the geometric mean of both weights (0..1)."""
    shared = a & b
    if not shared:
        return 0.0
    wa = sum(idf.get(t, 0.0) for t in a)
    wb = sum(idf.get(t, 0.0) for t in b)
    if wa <= 0 or wb <= 0:
        return 0.0
    return sum(idf.get(t, 0.0) for t in shared) / math.sqrt(wa * wb)


#: Weight of the embedding cosine in the combined score (the rest is lexical overlap).
EMBED_WEIGHT = 0.5
# Combined score a best match needs to be aligned. Calibrated on the seed story (five German
# articles, 23 hand-aligned facts): among all cross-article unit pairs the 99th percentile of the
# combined score is 0.34 and the 99.5th 0.38, while 30 of the 40 gold evidence pairs score 0.38
# or more and are the best match of their unit in the other article. A best match that is also
# mutual (each is the other's best in its article) is held to the lower bar: a mutual best match
# is rarely chance.
ALIGN_THRESHOLD = 0.38
MUTUAL_THRESHOLD = 0.33


def align(
    articles: Sequence[Article],
    encode: Encode,
    *,
    same_source: Mapping[str, str] | None = None,
) -> Alignment:
    """Align the units of the articles; ``same_source`` maps an article to its original when
    it is a near-duplicate (its units are aligned like any other, the caller decides what counts).
    """
    units = story_units(articles)
    idf = term_weights(units)
    if not units:
        return Alignment([], np.zeros((0, 1), dtype=np.float32), [], {}, idf)
    emb = np.asarray(encode([u.text for u in units]), dtype=np.float32)
    by_article: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        by_article.setdefault(u.article, []).append(i)

    # best[i][article] = (j, score): i's best match among that article's units.
    best: list[dict[str, tuple[int, float]]] = [{} for _ in units]
    block = len(units) if len(units) <= MAX_DENSE else 1024
    for r0 in range(0, len(units), block):
        rows = range(r0, min(len(units), r0 + block))
        cos = emb[rows.start : rows.stop] @ emb.T
        for i in rows:
            ci = cos[i - r0]
            for art, idx in by_article.items():
                if art == units[i].article:
                    continue
                cand = np.asarray(idx)
                # Lexical overlap only for the few strongest embedding candidates: cheap and
                # enough, since a match with a low cosine needs a large overlap to pass anyway.
                top = cand[np.argsort(-ci[cand])[:8]]
                scored = [
                    (
                        int(j),
                        EMBED_WEIGHT * float(ci[j])
                        + (1 - EMBED_WEIGHT) * lexical_overlap(units[i].terms, units[j].terms, idf),
                    )
                    for j in top
                ]
                j, s = max(scored, key=lambda p: p[1])
                best[i][art] = (j, s)

    edges: list[tuple[float, int, int]] = []
    score: dict[tuple[int, int], float] = {}
    nearest: dict[tuple[int, int], float] = {}
    for i, matches in enumerate(best):
        for j, s in matches.values():
            mutual = best[j].get(units[i].article, (-1, 0.0))[0] == i
            nearest[(min(i, j), max(i, j))] = s
            if s >= ALIGN_THRESHOLD or (mutual and s >= MUTUAL_THRESHOLD):
                key = (min(i, j), max(i, j))
                if key not in score:
                    score[key] = s
                    edges.append((s, key[0], key[1]))
    groups = _group(units, edges, lambda i, j: pair_score(units, emb, idf, i, j))
    return Alignment(units, emb, groups, score, idf, nearest)


def pair_score(
    units: Sequence[Unit], emb: np.ndarray, idf: Mapping[str, float], i: int, j: int
) -> float:
    return EMBED_WEIGHT * float(emb[i] @ emb[j]) + (1 - EMBED_WEIGHT) * lexical_overlap(
        units[i].terms, units[j].terms, idf
    )


# Two groups merge only when their passages are on average this similar (combined score): an
# edge says two passages match, the average keeps a group from drifting along a chain of
# pairwise matches (A like B, B like C, C unlike A). Set a little under MUTUAL_THRESHOLD: on
# the seed story this keeps all gold groups whole and breaks up the chains that mixed the
# arrival, the delegation and the reception into one five-article "fact".
GROUP_THRESHOLD = 0.30


def _group(
    units: Sequence[Unit], edges: list[tuple[float, int, int]], pair: Callable[[int, int], float]
) -> list[list[int]]:
    """Strongest edges first, merge groups that do not share an article (so a group holds at most
    one passage per article) and whose passages are similar on average (so it cannot chain)."""
    parent = list(range(len(units)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(units))}
    arts: dict[int, set[str]] = {i: {units[i].article} for i in range(len(units))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j in sorted(edges, reverse=True):
        ri, rj = find(i), find(j)
        if ri == rj or arts[ri] & arts[rj]:
            continue
        if len(members[ri]) + len(members[rj]) > 2:
            mean = float(np.mean([pair(a, b) for a in members[ri] for b in members[rj]]))
            if mean < GROUP_THRESHOLD:
                continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
        arts[ri] |= arts.pop(rj)
    groups = [sorted(m) for m in members.values() if len(m) > 1]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups

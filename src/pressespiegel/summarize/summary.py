"""An extractive summary in which every sentence cites its sources.

Maximal marginal relevance over the sentence embeddings: each step takes the sentence that is
most relevant (reported by many independent outlets, close to the story's centre, early in its
article, where news puts what matters) and least similar to what is already taken. The sources
of a summary sentence are the sentence itself and the passages of other articles aligned with it.

The summary is written in the story's main language (that of most original articles, the one
with more body text on a tie): its sentences are taken from passages in that language, and
passages in other languages are cited as sources of the sentences they support. Only when the
main language offers fewer than MIN_SENTENCES usable sentences do others fill the summary up.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..compare.facts import main_language, ref, source_key, unit_language, unit_support
from ..link.align import MUTUAL_THRESHOLD, Alignment, pair_score
from ..model import Article, SourceRef, SummarySentence

#: At most this many sentences.
MAX_SENTENCES = 8
# MMR trade-off: 0.7 favours relevance; lower values gave summaries that wandered to marginal
# sentences on the seed story, higher ones repeated the lead in two wordings.
LAMBDA = 0.7
# A candidate this similar (cosine) to a sentence already taken says the same thing again.
REDUNDANT = 0.8
# A passage of another article is cited for a summary sentence when their combined alignment
# score reaches this (the lower of the alignment's two bars).
CITE = MUTUAL_THRESHOLD
# Sentences longer than this are rarely good summary sentences (run-ons, scrape damage).
MAX_CHARS = 400
#: A summary has at least this many sentences where the story has them; sentences in other
#: languages than the main one are taken only to reach it.
MIN_SENTENCES = 3


def summarize(
    alignment: Alignment,
    articles: Mapping[str, Article],
    duplicate_of: Mapping[str, str],
    *,
    limit: int = MAX_SENTENCES,
) -> list[SummarySentence]:
    units = alignment.units
    cand = [
        i
        for i, u in enumerate(units)
        if not u.clause
        and u.article not in duplicate_of
        and len(u.text) <= MAX_CHARS
        and not u.text.rstrip().endswith(("?", ":"))
    ]
    if not cand:
        return []
    emb = alignment.embeddings
    centre = emb[cand].mean(axis=0)
    norm = float(np.linalg.norm(centre)) or 1.0
    centrality = emb[cand] @ (centre / norm)
    support = unit_support(alignment, articles, duplicate_of)
    # Clause groups count for their sentence too.
    for i, u in enumerate(units):
        if u.clause and i in support:
            for k in cand:
                if units[k].article == u.article and units[k].sentence == u.sentence:
                    support[k] = max(support.get(k, 1), support[i])
    n_sources = max(1, len({source_key(a, articles, duplicate_of) for a in articles}) - 1)
    position = {k: units[k].sentence for k in cand}
    rel = {}
    for pos, k in enumerate(cand):
        corroboration = (support.get(k, 1) - 1) / n_sources
        lead = 1.0 / (1.0 + position[k] / 3.0)
        rel[k] = 0.45 * float(centrality[pos]) + 0.4 * corroboration + 0.15 * lead

    main = main_language(articles, duplicate_of)
    native = [k for k in cand if main is None or unit_language(units[k], articles) == main]
    chosen: list[int] = []

    def pick(pool: list[int]) -> int | None:
        best, best_score = None, -1e9
        for k in pool:
            if k in chosen:
                continue
            redundancy = max((float(emb[k] @ emb[c]) for c in chosen), default=0.0)
            if redundancy >= REDUNDANT:
                continue
            score = LAMBDA * rel[k] - (1 - LAMBDA) * redundancy
            if score > best_score:
                best, best_score = k, score
        return best

    limit = min(limit, max(MIN_SENTENCES, len(cand) // 6))
    while len(chosen) < limit:
        best = pick(native)
        if best is None and len(chosen) < MIN_SENTENCES:
            best = pick(cand)  # the main language has too little: others fill up
        if best is None:
            break
        chosen.append(best)

    group_of: dict[int, list[int]] = {}
    for g in alignment.groups:
        for i in g:
            group_of.setdefault(i, g)
    out: list[SummarySentence] = []
    for k in chosen:
        sources: list[SourceRef] = [ref(units[k])]
        seen = {units[k].article}
        # Cite only passages that match this sentence themselves (not every member of a group
        # that one of its clauses joined): a reader following a citation must find the same
        # statement there.
        partners = sorted(
            (
                j
                for j in group_of.get(k, [])
                if j != k and pair_score(units, alignment.embeddings, alignment.idf, k, j) >= CITE
            ),
            key=lambda j: -pair_score(units, alignment.embeddings, alignment.idf, k, j),
        )
        for j in partners:
            if units[j].article not in seen:
                seen.add(units[j].article)
                sources.append(ref(units[j]))
        out.append(SummarySentence(units[k].text, sources))
    return out

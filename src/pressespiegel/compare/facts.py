"""Corroboration: statements reported by two or more independent outlets, and those resting on one.

A fact is a group of aligned passages (see :mod:`link.align`). Its independent sources are
counted by outlet: a near-duplicate counts as its original (syndicated copy is not
confirmation), and two articles of one outlet count once. Articles without a known outlet count
as one unknown source together: nothing shows that two of them are independent, and counting each
as its own would let a pile of anonymous copies "confirm" anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..link.align import Alignment, Unit
from ..model import Article, Fact, SourceRef

#: The one source that every article of unknown outlet is counted as (and how it is shown).
UNKNOWN_OUTLET = "unknown outlet"


def source_key(
    article_id: str, articles: Mapping[str, Article], duplicate_of: Mapping[str, str]
) -> str:
    """Who stands behind an article: its original's outlet (case-folded), else the one unknown
    source."""
    root = article_id
    seen = set()
    while root in duplicate_of and root not in seen:  # chains of copies lead to the first
        seen.add(root)
        root = duplicate_of[root]
    art = articles.get(root)
    outlet = art.outlet if art is not None else None
    return outlet.strip().casefold() if outlet and outlet.strip() else UNKNOWN_OUTLET


def outlet_name(article_id: str, articles: Mapping[str, Article]) -> str:
    art = articles.get(article_id)
    return (
        art.outlet.strip()
        if art is not None and art.outlet and art.outlet.strip()
        else UNKNOWN_OUTLET
    )


def count_outlets(article_ids: Iterable[str], articles: Mapping[str, Article]) -> int:
    """How many outlets the articles come from, counted as facts count them (case-folded, all
    unknown ones as one); copies published by another outlet count as that outlet."""
    return len({source_key(a, articles, {}) for a in article_ids})


def ref(unit: Unit) -> SourceRef:
    return SourceRef(unit.article, unit.start, unit.end, unit.text)


def _overlaps(a: Unit, b: Unit) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def main_language(articles: Mapping[str, Article], duplicate_of: Mapping[str, str]) -> str | None:
    """The language of most original articles; on a tie, the one with more body text."""
    count: dict[str, int] = {}
    length: dict[str, int] = {}
    for art in articles.values():
        if art.id in duplicate_of or not art.language:
            continue
        count[art.language] = count.get(art.language, 0) + 1
        body = sum(b.end - b.start for b in art.body) or len(art.text)
        length[art.language] = length.get(art.language, 0) + body
    if not count:
        return None
    return max(sorted(count), key=lambda lang: (count[lang], length[lang]))


def unit_language(unit: Unit, articles: Mapping[str, Article]) -> str | None:
    """A passage's language: its sentence's where the sentence differs from its article."""
    art = articles.get(unit.article)
    if art is None:
        return None
    if 0 <= unit.sentence < len(art.sentences) and art.sentences[unit.sentence].language:
        return art.sentences[unit.sentence].language
    return art.language


def find_facts(
    alignment: Alignment, articles: Mapping[str, Article], duplicate_of: Mapping[str, str]
) -> tuple[list[Fact], list[Fact]]:
    """(facts with two or more independent sources, single-source statements)."""
    units = alignment.units
    kept: list[list[int]] = []
    for group in alignment.groups:
        # A sentence and its own clause can land in two groups with the same partners: keep the
        # first (larger, stronger) one only.
        if any(_same_passages(group, other, units) for other in kept):
            continue
        kept.append(group)

    facts: list[Fact] = []
    single: list[Fact] = []
    covered: list[Unit] = []
    main = main_language(articles, duplicate_of)
    for group in kept:
        members = [units[i] for i in group]
        covered.extend(members)
        independent: dict[str, Unit] = {}  # source -> the first passage that stands for it
        sources: list[Unit] = []
        copies: list[SourceRef] = []
        for u in sorted(members, key=lambda u: u.article in duplicate_of):
            key = source_key(u.article, articles, duplicate_of)
            if key not in independent:
                independent[key] = u
                sources.append(u)
            elif u.article in duplicate_of:
                copies.append(ref(u))
            else:
                # Another article of a source already counted (the same outlet, or a second
                # article of unknown outlet): its passage is shown, the count stays.
                sources.append(u)
        statement = _representative(group, alignment, articles, main)
        outlets = [outlet_name(u.article, articles) for u in independent.values()]
        fact = Fact(statement.text, [ref(u) for u in sources], outlets, copies)
        (facts if len(independent) >= 2 else single).append(fact)

    for u in units:
        if u.clause or u.article in duplicate_of or any(_overlaps(u, c) for c in covered):
            continue
        single.append(Fact(u.text, [ref(u)], [outlet_name(u.article, articles)]))
    facts.sort(key=lambda f: -f.count)
    return facts, single


def _same_passages(a: list[int], b: list[int], units: list[Unit]) -> bool:
    """Whether every passage of ``a`` overlaps a passage of ``b`` (same article)."""
    return all(any(_overlaps(units[i], units[j]) for j in b) for i in a)


def _representative(
    group: list[int], alignment: Alignment, articles: Mapping[str, Article], main: str | None
) -> Unit:
    """The passage most similar to the others of its group (ties: the shorter one); a whole
    sentence is preferred to a clause, since a statement should read on its own, and one in the
    story's main language to a translation's (the others stay among the sources)."""
    units = alignment.units
    whole = [i for i in group if not units[i].clause]
    group = whole or group
    native = [i for i in group if unit_language(units[i], articles) == main]
    group = native or group

    def centrality(i: int) -> tuple[float, int]:
        return (sum(alignment.similarity(i, j) for j in group if j != i), -len(units[i].text))

    return units[max(group, key=centrality)]


def unit_support(
    alignment: Alignment, articles: Mapping[str, Article], duplicate_of: Mapping[str, str]
) -> dict[int, int]:
    """For each unit in a group, how many independent sources report what it says."""
    out: dict[int, int] = {}
    for group in alignment.groups:
        n = len({source_key(alignment.units[i].article, articles, duplicate_of) for i in group})
        for i in group:
            out[i] = max(out.get(i, 1), n)
    return out

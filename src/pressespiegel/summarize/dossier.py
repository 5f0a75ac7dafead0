"""Build a story's dossier: align its articles, compare them, summarise.

``build_dossier(story, articles)`` is the one entry point; each part lives in its own module
(:mod:`link.align`, :mod:`compare`, :mod:`summarize`) and can be used alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..compare.contradictions import find_contradictions
from ..compare.coverage import find_coverage
from ..compare.facts import find_facts
from ..compare.framing import find_framing
from ..compare.quotes import merge_quotes
from ..compare.when import reference_dates
from ..link.align import Encode, align
from ..model import Article, Dossier, Story, StoryEntity, SubEvent
from .summary import summarize
from .timeline import timeline

#: Actors whose framing is compared: the most widely mentioned persons and organisations.
MAX_ACTORS = 8
# Alignment compares every passage with its best match in every other article, so its cost grows
# with articles x passages; a story of thousands of articles (a war, an election) would take
# minutes. Beyond this many original articles the dossier's comparison works on the ones with
# the most body text (they carry most of what is reported); membership, entities, framing and
# the article list still cover every article.
MAX_ALIGNED = 60


def default_encode() -> Encode:
    from ..link.embed import default_embedder

    return default_embedder().encode


def build_dossier(
    story: Story,
    articles: Mapping[str, Article] | Sequence[Article],
    encode: Encode | None = None,
    *,
    complete: bool = True,
) -> Dossier:
    """The dossier of ``story`` (``articles`` must hold at least the story's articles).

    ``complete=False`` leaves out what needs the sentences embedded and compared (summary,
    timeline, facts, contradictions, coverage): most of the time of a dossier, and nothing a
    story of one article is listed by. Such a dossier says ``complete: false``."""
    given = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    # Only the story's own articles: nothing else in the mapping may reach the dossier.
    by_id = {a: given[a] for a in story.articles if a in given}
    order = {a: i for i, a in enumerate(story.articles)}
    members = sorted(by_id.values(), key=lambda a: (a.published or "9999", order[a.id]))
    dup = {k: v for k, v in story.duplicate_of.items() if k in by_id and v in by_id}
    sub_events = story.sub_events or [
        SubEvent("A", [a.id for a in members], _first(members), _last(members), main=True)
    ]
    sub_event_of = {a: s.id for s in sub_events for a in s.articles}

    compared = _compared(members, dup)
    if not complete:
        entities = story_entities(members)
        actors = [e.entity_id for e in entities if e.label in ("PER", "ORG")][:MAX_ACTORS]
        return Dossier(
            id=story.id,
            title=_title(members, None),
            articles=[a.id for a in members],
            first_seen=_first(members),
            last_seen=_last(members),
            outlets={a.id: a.outlet for a in members},
            duplicate_of=dup,
            sub_events=sub_events,
            entities=entities,
            quotes=merge_quotes([a for a in compared if a.id not in dup]),
            framing=find_framing(members, actors, {e.entity_id: e.canonical for e in entities}),
            complete=False,
        )
    alignment = align(compared, encode or default_encode(), same_source=dup)
    reference = reference_dates(members, sub_event_of)
    facts, single = find_facts(alignment, by_id, dup)
    entities = story_entities(members)
    actors = [e.entity_id for e in entities if e.label in ("PER", "ORG")][:MAX_ACTORS]
    canonical = {e.entity_id: e.canonical for e in entities}
    coverage, _ = find_coverage(facts, alignment, [a.id for a in members])
    return Dossier(
        id=story.id,
        title=_title(members, alignment.embeddings if len(alignment.units) else None),
        articles=[a.id for a in members],
        first_seen=_first(members),
        last_seen=_last(members),
        outlets={a.id: a.outlet for a in members},
        duplicate_of=dup,
        sub_events=sub_events,
        summary=summarize(alignment, by_id, dup),
        timeline=timeline(alignment, by_id, reference),
        entities=entities,
        facts=facts,
        single_source=single,
        contradictions=find_contradictions(alignment, by_id, sub_event_of, dup, reference),
        quotes=merge_quotes([a for a in compared if a.id not in dup]),
        framing=find_framing(members, actors, canonical),
        coverage=coverage,
    )


def _compared(members: list[Article], dup: Mapping[str, str]) -> list[Article]:
    """The articles whose passages are aligned and compared (all but in very large stories)."""
    originals = [a for a in members if a.id not in dup]
    if len(originals) <= MAX_ALIGNED:
        return members
    length = {a.id: sum(b.end - b.start for b in a.body) or len(a.text) for a in originals}
    keep = set(sorted(length, key=lambda i: (-length[i], i))[:MAX_ALIGNED])
    return [a for a in members if a.id in keep]


def story_entities(articles: Sequence[Article]) -> list[StoryEntity]:
    """The story's actors, each with every spelling used and the articles that mention it; a
    place also with the adjectives and peoples that refer to it ("russische", "Russen"), and a
    place referred to only so is listed too (no mentions, after the named ones)."""
    out: dict[str, StoryEntity] = {}
    for art in articles:
        for m in art.entities:
            e = out.get(m.entity_id)
            if e is None:
                e = out[m.entity_id] = StoryEntity(m.entity_id, m.canonical, m.label)
            e.mentions += 1
            if m.text not in e.variants:
                e.variants.append(m.text)
            if art.id not in e.articles:
                e.articles.append(art.id)
    for art in articles:
        for d in art.demonyms:
            e = out.get(d.entity_id)
            if e is None:
                e = out[d.entity_id] = StoryEntity(d.entity_id, d.place, "LOC")
            if d.text not in e.demonyms:
                e.demonyms.append(d.text)
            if art.id not in e.demonym_articles:
                e.demonym_articles.append(art.id)
    return sorted(out.values(), key=lambda e: (-len(e.articles), -e.mentions, e.canonical))


def _first(articles: Sequence[Article]) -> str | None:
    return min((a.published for a in articles if a.published), default=None)


def _last(articles: Sequence[Article]) -> str | None:
    return max((a.published for a in articles if a.published), default=None)


def _title(articles: Sequence[Article], emb: np.ndarray | None) -> str:
    """The title of the article that best represents the story (the first with a title when
    nothing better is known)."""
    titled = [a for a in articles if a.title]
    if not titled:
        # No headline anywhere: the first sentence says what the story is about.
        for art in articles:
            if art.sentences:
                first = " ".join(art.text[art.sentences[0].start : art.sentences[0].end].split())
                return first if len(first) <= 120 else first[:119].rsplit(" ", 1)[0] + " …"
        return articles[0].id if articles else ""
    if emb is None or len(titled) == 1:
        return titled[0].title or ""
    from ..link.align import content_terms

    # The title sharing most content words with the other titles names the common story.
    terms = [content_terms(a.title or "", a.language or "de") for a in titled]
    best = max(
        range(len(titled)),
        key=lambda i: sum(len(terms[i] & terms[j]) for j in range(len(titled)) if j != i),
    )
    return titled[best].title or ""

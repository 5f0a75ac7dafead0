"""A timeline of the story: dated events resolved to absolute dates, with their sources.

Each resolved date expression in a body sentence is an event on that date; the same date in
aligned sentences of several articles is one event with several sources. Articles without a
publication date cannot resolve "am Mittwoch" by themselves; inside a story they are read
against the publication date of the articles of their sub-event (news about one event appear
within days of each other), and such events say so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..extract.dates import find_dates
from ..link.align import Alignment
from ..model import Article, SourceRef, TimelineEvent

#: Timeline text is the sentence, cut at this many characters.
MAX_WHAT = 220
# Two dated sentences this similar (embedding cosine) on the same date are one event.
SAME_EVENT = 0.6


def _pub(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def timeline(alignment: Alignment, articles: Mapping[str, Article],
             reference: Mapping[str, str | None]) -> list[TimelineEvent]:
    """``reference`` gives, for articles without a publication date, the date to read their
    relative expressions against (or None)."""
    units = [(i, u) for i, u in enumerate(alignment.units) if not u.clause]
    dated: list[tuple[str, int, SourceRef, bool]] = []
    for i, u in units:
        art = articles.get(u.article)
        if art is None:
            continue
        refs = [d for d in art.dates if u.start <= d.start and d.end <= u.end]
        own = {(d.start, d.end) for d in refs if d.resolved}
        if art.published is None and reference.get(u.article):
            refs = find_dates(art.text, u.start, u.end, _pub(reference[u.article]))
        for d in refs:
            if d.resolved and "/" not in d.resolved:
                inferred = (d.start, d.end) not in own
                dated.append((d.resolved, i, SourceRef(u.article, u.start, u.end, u.text),
                              inferred))
    events: list[tuple[str, list[int], list[SourceRef], bool]] = []
    for when, i, src, inferred in sorted(dated, key=lambda t: (t[0], t[1])):
        for ev in events:
            if ev[0] == when and any(alignment.similarity(i, j) >= SAME_EVENT for j in ev[1]):
                if all(s.article != src.article for s in ev[2]):
                    ev[1].append(i)
                    ev[2].append(src)
                break
        else:
            events.append((when, [i], [src], inferred))
    out = []
    for when, idx, srcs, inferred in events:
        what = _gist(alignment.units[idx[0]].text)
        if inferred:
            what += " (date read against the story's publication dates)"
        out.append(TimelineEvent(when, what, srcs))
    out.sort(key=lambda e: e.date)
    return out


def _gist(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_WHAT else text[: MAX_WHAT - 1].rsplit(" ", 1)[0] + " …"


def reference_dates(articles: Sequence[Article],
                    sub_event_of: Mapping[str, str]) -> dict[str, str | None]:
    """For each article without a publication date, the earliest known publication date of
    its sub-event (None when no article of the sub-event has one)."""
    known: dict[str, list[str]] = {}
    for art in articles:
        if art.published:
            known.setdefault(sub_event_of.get(art.id, ""), []).append(art.published[:10])
    return {art.id: min(known.get(sub_event_of.get(art.id, ""), []), default=None)
            for art in articles if not art.published}

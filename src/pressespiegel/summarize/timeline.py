"""A timeline of the story: dated events resolved to absolute dates, with their sources.

Each resolved date expression in a body sentence is an event on that date; the same date in
aligned sentences of several articles is one event with several sources. Articles without a
publication date cannot resolve "am Mittwoch" by themselves; inside a story they are read
against the publication date of the articles of their sub-event (news about one event appear
within days of each other), and such events say so.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..compare.when import dates_in
from ..link.align import Alignment
from ..model import Article, SourceRef, TimelineEvent

#: Timeline text is the sentence, cut at this many characters.
MAX_WHAT = 220
# Two dated sentences this similar (embedding cosine) on the same date are one event.
SAME_EVENT = 0.6


def timeline(
    alignment: Alignment, articles: Mapping[str, Article], reference: Mapping[str, str | None]
) -> list[TimelineEvent]:
    """``reference`` gives, for articles without a publication date, the date to read their
    relative expressions against (or None)."""
    units = [(i, u) for i, u in enumerate(alignment.units) if not u.clause]
    dated: list[tuple[str, int, SourceRef, bool]] = []
    for i, u in units:
        art = articles.get(u.article)
        if art is None:
            continue
        refs, borrowed = dates_in(art, u.start, u.end, reference)
        for d in refs:
            if d.resolved and "/" not in d.resolved:
                inferred = (d.start, d.end) in borrowed
                dated.append(
                    (d.resolved, i, SourceRef(u.article, u.start, u.end, u.text), inferred)
                )
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

"""Dates of passages inside a story, resolved even where the article has no publication date.

An article without a publication date cannot resolve "am Dienstagabend" by itself; inside a story
it is read against the earliest publication date of its sub-event (news of one event appear
within days of each other). Used by the timeline and by date contradictions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..extract.dates import find_dates
from ..model import Article, DateRef


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def reference_dates(
    articles: Sequence[Article], sub_event_of: Mapping[str, str]
) -> dict[str, str | None]:
    """For each article without a publication date, the earliest known publication date of
    its sub-event (None when no article of the sub-event has one)."""
    known: dict[str, list[str]] = {}
    for art in articles:
        if art.published:
            known.setdefault(sub_event_of.get(art.id, ""), []).append(art.published[:10])
    return {
        art.id: min(known.get(sub_event_of.get(art.id, ""), []), default=None)
        for art in articles
        if not art.published
    }


def dates_in(
    article: Article, start: int, end: int, reference: Mapping[str, str | None]
) -> tuple[list[DateRef], set[tuple[int, int]]]:
    """The date expressions in ``article.text[start:end]`` and the spans among them that were
    resolved only thanks to the story's reference date."""
    own = [d for d in article.dates if start <= d.start and d.end <= end]
    resolved_alone = {(d.start, d.end) for d in own if d.resolved}
    ref = reference.get(article.id)
    if not article.published and ref:
        found = find_dates(article.text, start, end, _day(ref))
        return found, {(d.start, d.end) for d in found if d.resolved} - resolved_alone
    return own, set()

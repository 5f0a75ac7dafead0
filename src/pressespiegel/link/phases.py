"""Announcements: articles that report an event as intended, not as happening.

News about an event comes in phases: first the intention ("Putin erwägt, demnächst ... zu
besuchen", "X is considering a visit"), then the event itself. When publication dates are known,
the phases fall out of the dates; a scraped article often has none, and then its lead gives it
away: an intention verb or adjective with an infinitive or a vague future ("erwägt, ... zu
besuchen", "sei bereit, ... zu reisen", "plant ... zu", "demnächst", "zu einem frühen
Zeitpunkt"). Such an undated article belongs to an earlier phase than the articles that report
the event happening, since an announcement precedes what it announces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Article, Story, SubEvent

# An intention verb or adjective, then (in the same clause) an infinitive with "zu" or a vague
# future time; English: considering/plans/intends/ready to.
_INTENTION = re.compile(
    r"\b(?:erwäg\w*|plan(?:t|en|te|ten)|beabsichtig\w*|(?:sei|ist|sind|seien|zeigte sich)\s+"
    r"bereit|Bereitschaft|vorhab\w*|hat\s+vor|haben\s+vor|in Erwägung|stellt\w*\s+in Aussicht|"
    r"consider(?:s|ing)|plans?|intends?|(?:is|are)\s+(?:ready|willing))\b"
    r"[^.;:!?]{0,140}?"
    r"(?:\bzu\s+\w+en\b|\bdemnächst\b|\bbald\b|\bin Kürze\b|\bzu einem frühen Zeitpunkt\b|"
    r"\bzeitnah\b|\bto\s+\w+|\bsoon\b)",
    re.I,
)
# The event reported as happening or done: these leads are not announcements, whatever else
# they say.
_HAPPENED = re.compile(
    r"\b(?:ist\s+(?:in\s+\S+\s+)?eingetroffen|traf\w*\s+\w*\s*ein|angekommen|landete|begann\w*|"
    r"unterzeichnet\w*|hat\s+\w+\s+besucht|besuchte|arrived|began|signed)\b",
    re.I,
)


def lead(article: Article) -> str:
    """The title and the first body sentence."""
    first = next(
        (
            article.text[s.start : s.end]
            for s in article.sentences
            if not article.body or any(b.start <= s.start < b.end for b in article.body)
        ),
        "",
    )
    return f"{article.title or ''}\n{first}"


def is_announcement(article: Article) -> bool:
    text = lead(article)
    return bool(_INTENTION.search(text)) and not _HAPPENED.search(text)


def split_announcements(story: Story, articles: Sequence[Article]) -> list[SubEvent]:
    """Move undated announcement articles out of the main sub-event into an earlier one.

    Only when the main sub-event keeps at least one article that is not an announcement (else
    the whole story is the announcement). Ids are relabelled "A", "B", ... in time order.
    """
    events = list(story.sub_events)
    main = next((e for e in events if e.main), None)
    if main is None:
        return events
    by_id = {a.id: a for a in articles}
    early = [
        a
        for a in main.articles
        if a in by_id and not by_id[a].published and is_announcement(by_id[a])
    ]
    rest = [a for a in main.articles if a not in early]
    if not early or not rest:
        return events
    main.articles = rest
    at = events.index(main)
    events.insert(at, SubEvent("", early, None, None, main=False))
    for k, e in enumerate(events):
        e.id = _letter(k)
    story.sub_events = events
    return events


def _letter(k: int) -> str:
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s

"""RSS and Atom feeds: their entries, each with a link and, where the feed carries it, the
whole article as HTML.

Most news feeds carry only a teaser; the article is at the entry's link and must be fetched.
Some (WordPress sites, agencies) carry the full text in ``content:encoded`` or Atom
``content``: such an entry is read from the feed without fetching anything. feedparser reads
malformed feeds leniently; it is always given the bytes, never a name, so that it cannot open
files or URLs on its own.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import io
import re
from dataclasses import dataclass

from ..errors import E, InputError
from .decode import scrub

#: An entry whose HTML content holds at least this many characters of text is a whole article;
#: teasers are one or two sentences.
FULL_TEXT_CHARS = 600

_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class Entry:
    """One feed entry: ``content`` is the article's HTML when the feed carries all of it."""

    id: str
    link: str | None
    title: str | None
    published: str | None
    content: str | None


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a document are an RSS, RDF or Atom feed."""
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not start.startswith(b"<"):
        return False
    return any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


def parse_feed(data: bytes, name: str, *, base_url: str | None = None) -> list[Entry]:
    """The entries of one feed; :class:`InputError` when it is not a feed at all."""
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser's lenient parsers should not raise; be sure anyway
        raise InputError(E.BAD_FEED, name=name, why=f"{type(exc).__name__}: {exc}") from None
    if not parsed.get("version") and not parsed.entries:
        why = str(parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> element")
        raise InputError(E.BAD_FEED, name=name, why=why[:200])
    entries = []
    for number, item in enumerate(parsed.entries, start=1):
        link = _text(item.get("link"))
        ident = _text(item.get("id")) or link or f"{name}#{number}"
        entries.append(
            Entry(
                id=ident,
                link=link if link and link.lower().startswith(("http://", "https://")) else None,
                title=_text(item.get("title")),
                published=_local_date(_field(item, "published") or _field(item, "updated"))
                or _date(_field(item, "published_parsed") or _field(item, "updated_parsed")),
                content=_full_content(item),
            )
        )
    return entries


def _field(item: dict[str, object], key: str) -> object:
    # dict.get, not the entry's own get: that maps a missing "updated" to "published" with a
    # DeprecationWarning, and this module asks for each on its own.
    return dict.get(item, key)


def _full_content(item: dict[str, object]) -> str | None:
    candidates = []
    for part in item.get("content") or []:  # type: ignore[attr-defined]
        if isinstance(part, dict) and isinstance(part.get("value"), str):
            candidates.append(part["value"])
    summary = item.get("summary")
    if isinstance(summary, str):
        candidates.append(summary)
    best = max(candidates, key=len, default=None)
    best = scrub(best) if best is not None else None
    if best is None or len(html.unescape(_TAG_RE.sub(" ", best)).strip()) < FULL_TEXT_CHARS:
        return None
    return best


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(scrub(value).split())
    return value or None


def _local_date(value: object) -> str | None:
    """The calendar date as the feed wrote it, in its own time zone: feedparser's parsed
    values are in UTC, which moves an entry stamped 00:30 +0200 to the day before."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()  # RSS (RFC 822)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()  # Atom
    except ValueError:
        return None


def _date(value: object) -> str | None:
    try:
        year, month, day = value[:3]  # type: ignore[index]
        return dt.date(year, month, day).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


__all__ = ["FULL_TEXT_CHARS", "Entry", "looks_like_feed", "parse_feed"]

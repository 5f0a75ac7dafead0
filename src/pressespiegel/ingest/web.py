"""Article and feed URLs: fetched politely (:mod:`.fetch`), feeds followed to their articles.

A re-run asks the server only for what changed: the validators (ETag, Last-Modified) of each
stored article page and each feed are sent back, and a ``304 Not Modified`` article is not
fetched again. A feed's own body is kept with its validators, so an unchanged feed still lists
its entries and an entry that failed last time is tried again. An article page's validators are
written with the article, in one transaction, so a crash can never leave a page marked as seen
whose article was lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..errors import E, InputError
from .decode import DEFAULT_MAX_BYTES
from .feeds import Entry, looks_like_feed, parse_feed
from .fetch import FEED_TYPES, HTML_TYPES, Fetcher, Response
from .html import Document
from .items import InputFailure, Item


class FetchCache(Protocol):
    """What the store remembers about fetched URLs (see :class:`~pressespiegel.store.Database`)."""

    def validators(self, url: str) -> tuple[str | None, str | None] | None: ...

    def feed_body(self, url: str) -> bytes | None: ...

    def remember_feed(
        self, url: str, etag: str | None, last_modified: str | None, body: bytes
    ) -> None: ...


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_url(
    url: str,
    fetcher: Fetcher | None,
    cache: FetchCache | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    feeds: bool = True,
) -> Iterator[Item]:
    """The article at ``url``, or every entry's article when it is a feed (unless ``feeds`` is
    false: a feed entry's link must lead to an article, not to another feed)."""
    if fetcher is None:
        yield InputFailure(
            url, InputError(E.FETCH_FAILED, name=url, why="fetching is off (--no-fetch)")
        )
        return
    etag, modified = (cache.validators(url) if cache else None) or (None, None)
    try:
        response = fetcher.get(
            url,
            accept=HTML_TYPES | FEED_TYPES if feeds else HTML_TYPES,
            etag=etag,
            last_modified=modified,
        )
    except InputError as exc:
        yield InputFailure(url, exc)
        return
    if response.not_modified:
        body = cache.feed_body(url) if cache else None
        if body is not None:  # an unchanged feed: its entries may still need work
            yield from _feed(body, url, fetcher, cache, max_bytes)
        return  # an unchanged article page is stored already
    if feeds and (
        response.content_type in FEED_TYPES - HTML_TYPES
        or (not response.content_type and looks_like_feed(response.body))
    ):
        if cache is not None:
            cache.remember_feed(url, response.etag, response.last_modified, response.body)
        yield from _feed(response.body, response.url, fetcher, cache, max_bytes)
        return
    yield _page(response, url)


def read_feed(
    data: bytes,
    name: str,
    fetcher: Fetcher | None,
    cache: FetchCache | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """The articles of a feed read from a file (entries without full text are fetched)."""
    yield from _feed(data, name, fetcher, cache, max_bytes)


def _feed(
    data: bytes, name: str, fetcher: Fetcher | None, cache: FetchCache | None, max_bytes: int
) -> Iterator[Item]:
    base = name if is_url(name) else None
    try:
        entries = parse_feed(data, name, base_url=base)
    except InputError as exc:
        yield InputFailure(name, exc)
        return
    for entry in entries:
        yield from _entry(entry, name, fetcher, cache, max_bytes)


def _entry(
    entry: Entry, feed: str, fetcher: Fetcher | None, cache: FetchCache | None, max_bytes: int
) -> Iterator[Item]:
    where = entry.link or f"{feed} ({entry.id})"
    if entry.content is not None:
        yield Document(
            id=entry.link or entry.id,
            source=where,
            data=_page_html(entry),
            url=entry.link,
            published=entry.published,
        )
        return
    if entry.link is None:
        yield InputFailure(
            where, InputError(E.BAD_FEED, name=where, why="the entry has no link and no full text")
        )
        return
    if fetcher is None:
        yield InputFailure(where, InputError(E.NOT_FETCHED, name=where), entry.link)
        return
    for item in read_url(entry.link, fetcher, cache, max_bytes=max_bytes, feeds=False):
        if isinstance(item, Document):
            item.published = item.published or entry.published
        yield item


def _page(response: Response, asked: str) -> Item:
    if looks_like_feed(response.body[:2048]):
        return InputFailure(
            asked,
            InputError(
                E.BAD_CONTENT_TYPE,
                name=asked,
                content_type="a feed inside a feed",
                expected="an article page",
            ),
        )
    return Document(
        id=response.url,
        source=asked,
        data=response.body,
        url=response.url,
        charset=response.charset,
        etag=response.etag,
        last_modified=response.last_modified,
    )


def _page_html(entry: Entry) -> bytes:
    """The entry as a small HTML page, so that its title and date reach the extractor."""
    import html

    title = html.escape(entry.title or "")
    date = f'<meta name="date" content="{entry.published}">' if entry.published else ""
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{date}'
        f"</head><body><article><h1>{title}</h1>{entry.content}</article></body></html>"
    ).encode()


__all__ = ["FetchCache", "is_url", "read_feed", "read_url"]

"""HTML pages to articles: the main text and metadata by trafilatura, the date by :mod:`.pagedates`.

The text of the article is the page's headline, a blank line, and the main text trafilatura
finds (just the main text when it opens with the headline already), so that the clean stage
sees what it sees in any scraped text: a headline first, then the story with whatever teasers
and prompts trafilatura kept. All offsets refer to this text. The
page itself travels with the article (:class:`~pressespiegel.model.Original`) and is stored.

Hostile markup (unclosed or deeply nested tags, megabyte-long lines, NUL bytes) is parsed by
lxml's recovering HTML parser under trafilatura; anything that still goes wrong becomes an
:class:`~pressespiegel.errors.InputError` naming the page.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import E, InputError
from ..model import Article, Original
from .decode import DEFAULT_MAX_BYTES, decode_markup, normalize_text, scrub
from .pagedates import find_page_date

HTML_MEDIA_TYPE = "text/html"

#: Pages with more elements than this are refused instead of parsed for minutes (a news page
#: has a few thousand; the largest in the extraction benchmark about 9,000).
MAX_TREE_SIZE = 100_000

#: A main text has at least one line this long (in words, or in characters for scripts written
#: without spaces): any article has such a sentence; menus and link lists do not.
MIN_SENTENCE_WORDS = 8
MIN_SENTENCE_CHARS = 50


@dataclass(slots=True)
class Page:
    """What trafilatura found in a page (``text`` not yet normalised)."""

    title: str | None
    body: str
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Document:
    """An HTML page not yet turned into an article (from a file, a WARC record, the web).

    Extraction is the most expensive step of ingest, so it is deferred: the batch first asks
    the store whether these exact bytes were analysed before, and extracts in a worker.
    """

    id: str
    source: str
    data: bytes
    url: str | None = None
    charset: str | None = None  # declared by the server
    published: str | None = None  # given with the input (a feed entry's date)
    outlet: str | None = None
    etag: str | None = None  # HTTP validators of a fetched page
    last_modified: str | None = None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def to_article(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
        """Extract the article; raises :class:`InputError` when the page holds none."""
        article = html_to_article(
            self.data,
            self.id,
            self.source,
            url=self.url,
            charset=self.charset,
            published=self.published,
            outlet=self.outlet,
            max_bytes=max_bytes,
        )
        if article.original is not None:
            article.original.etag = self.etag
            article.original.last_modified = self.last_modified
        return article


def html_to_article(
    data: bytes | str,
    ident: str,
    source: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """One HTML page as an Article whose text is the extracted headline and main text."""
    raw = scrub(data).encode("utf-8") if isinstance(data, str) else data
    markup = (
        scrub(data) if isinstance(data, str) else decode_markup(raw, source, charset, max_bytes)
    )
    if len(raw) > max_bytes:
        raise InputError(E.TOO_LARGE, name=source, size=len(raw), limit=max_bytes)
    page = extract_page(markup, source, url=url)
    text = normalize_text(compose(page.title, page.body), source)
    return Article(
        id=ident,
        text=text,
        source=source,
        url=page.url or url,
        title=page.title,
        outlet=outlet or page.outlet,
        published=page.published or published,
        original=Original(HTML_MEDIA_TYPE, raw, url=url),
    )


def compose(title: str | None, body: str) -> str:
    """The article text: the headline over the body, unless the body already opens with it.

    Page titles often carry the site's name ("Headline - Site"), while the body's first line is
    the bare headline: a first line that is part of the title counts as the headline.
    """
    body = body.strip()
    if not title:
        return body
    first = _squash(body.split("\n", 1)[0])
    whole = _squash(title)
    if first.startswith(whole[:60]) or (len(first) >= 15 and first in whole):
        return body
    return f"{title.strip()}\n\n{body}"


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def extract_page(markup: str, name: str, *, url: str | None = None) -> Page:
    """Main text and metadata of one page; :class:`InputError` when there is no main text."""
    import trafilatura

    try:
        # One parse for the text and the date: trafilatura reads a copy of the tree.
        tree = trafilatura.load_html(markup)
        # fast=True skips trafilatura's fallback extractors (readability, jusText): on the
        # extraction benchmark they cost half as much time again and gained nothing
        # (bench/ingest_bench.py: 16.6 ms a page with them, 11.0 without).
        doc = (
            None
            if tree is None
            else trafilatura.bare_extraction(
                tree,
                url=url,
                fast=True,
                with_metadata=False,
                include_comments=False,
                include_tables=True,
                config=_config(),
            )
        )
        meta = None if doc is None else _metadata(tree, url)
    except (
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        KeyError,
        RecursionError,
        UnicodeError,
        MemoryError,
    ) as exc:
        # lxml and trafilatura raise these on markup they cannot make sense of.
        raise InputError(E.NO_MAIN_TEXT, name=name, why=f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # lxml's own errors have no common public base
        if type(exc).__module__.startswith(("lxml", "trafilatura", "htmldate", "courlan")):
            raise InputError(
                E.NO_MAIN_TEXT, name=name, why=f"{type(exc).__name__}: {exc}"
            ) from None
        raise
    if doc is None:
        raise InputError(
            E.NO_MAIN_TEXT,
            name=name,
            why="the page is empty, too large to parse, or holds only navigation",
        )
    fields: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = scrub(fields.get("text") or "")
    if not any(_sentence_like(line) for line in body.splitlines()):
        # What is left of a page without an article is its menu: short lines of link texts.
        raise InputError(
            E.NO_MAIN_TEXT,
            name=name,
            why="no line as long as a sentence, only link texts or captions",
        )
    assert meta is not None
    page_url = _clean(meta.url)

    def markup_date() -> str | None:
        # htmldate on the markup only (no text search), with the page's own URL: one of the
        # findings that pagedates weighs, asked for only when its own rules found nothing.
        from htmldate import find_date

        try:
            return _clean(find_date(tree, extensive_search=False, original_date=True, url=meta.url))
        except Exception:  # a finding, not the page: markup htmldate cannot read gives none
            return None

    found = find_page_date(tree, page_url or url, markup_date=markup_date)
    return Page(
        title=_clean(meta.title),
        body=body,
        author=_clean(meta.author),
        outlet=_clean(meta.sitename),
        published=found.date if found else None,
        url=page_url,
    )


def _metadata(tree: Any, url: str | None) -> Any:
    """Title, author, canonical URL and site name, as ``trafilatura.extract_metadata`` finds
    them, without what it does besides that we do not use: htmldate (asked for later, and only
    when our own date rules find nothing), categories, tags and licence: 3 ms of the 20 a page
    took (bench/ingest_bench.py)."""
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader has its own bugs
        meta = extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.author:
        meta.author = extract_author(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if "." not in meta.sitename and meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        match = META_URL.match(meta.url)
        if match:
            meta.sitename = match[1]
    meta.clean_and_trim()
    return meta


def _sentence_like(line: str) -> bool:
    return len(line.split()) >= MIN_SENTENCE_WORDS or len(line.strip()) >= MIN_SENTENCE_CHARS


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(scrub(value).split())
    return value or None


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # The size cap is ours (``--max-bytes``); trafilatura's own must not refuse first.
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max(DEFAULT_MAX_BYTES, 50_000_000)))
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


__all__ = ["HTML_MEDIA_TYPE", "Document", "Page", "compose", "extract_page", "html_to_article"]

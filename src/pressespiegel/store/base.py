"""What every store offers: the protocol the CLI, the batch, the story layer and the renderers
are typed against, and the rows it returns. SQLite (:mod:`.sqlite`) is the one implementation;
:func:`open_store` picks it from the location given.

A store keeps articles (each with its annotations, keyed by the hash of its text), the errors of
inputs and stages, what was fetched from where, the stories with their dossiers, and the state of
the story linking. Every write is one transaction: a crash leaves the whole call or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

from ..model import Article, Dossier, Story


@dataclass(slots=True)
class ErrorRow:
    source: str
    article_id: str | None
    stage: str
    code: str
    message: str
    added_at: str


@dataclass(slots=True)
class StoryRow:
    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    n_articles: int


class Store(Protocol):
    """A pressespiegel store (see the module's docstring)."""

    @property
    def path(self) -> Path:
        """Where the store is (shown in messages)."""
        ...

    @property
    def schema_version(self) -> int: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    # -- articles and their sources ----------------------------------------------------------
    def has(self, text: str) -> bool:
        """Whether an article with exactly this text is stored with no stage failed on it."""
        ...

    def has_original(self, digest: str) -> bool:
        """Whether a page with these exact bytes (SHA-256 ``digest``) was analysed already."""
        ...

    def original(self, article_id: str) -> tuple[str, bytes] | None:
        """The media type and bytes of the page an article was extracted from."""
        ...

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The ETag and Last-Modified to send for ``url`` (none after a failed stage)."""
        ...

    def feed_body(self, url: str) -> bytes | None: ...

    def remember_feed(
        self, url: str, etag: str | None, last_modified: str | None, body: bytes
    ) -> None: ...

    def add_article(self, article: Article) -> bool:
        """Store one annotated article; False when its text is stored already."""
        ...

    def add_error(
        self, source: str, stage: str, code: str, message: str, article_id: str | None = None
    ) -> None:
        """Record why an input failed, replacing what was recorded for it before."""
        ...

    def count(self) -> int: ...

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles in the order they were added (optionally only some ids)."""
        ...

    def stored_as(self, *, text: str | None = None, digest: str | None = None) -> Article | None:
        """The stored article with exactly this text, or from the page with this digest."""
        ...

    def errors(self) -> list[ErrorRow]: ...

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None]]:
        """Article ids and titles matching a full-text query."""
        ...

    # -- stories -----------------------------------------------------------------------------
    def unlinked_ids(self) -> list[str]:
        """Ids of stored articles that are in no story yet, in the order they were added."""
        ...

    def story_rows(self) -> list[StoryRow]:
        """Every story: id, title, dates, size (largest first)."""
        ...

    def story_dossiers(self) -> Iterator[tuple[StoryRow, str | None]]:
        """Every story as in :meth:`story_rows`, with its dossier's JSON text (None: not built)."""
        ...

    def story_of(self) -> dict[str, tuple[str, str | None, str | None]]:
        """article id -> (story id, duplicate_of, sub_event)."""
        ...

    def stale_stories(self) -> list[str]:
        """Stories whose dossier failed to build last time (or was never built)."""
        ...

    def dossier(self, story_id: str) -> dict[str, Any] | None:
        """The stored dossier JSON of a story (None when unknown or not built)."""
        ...

    def link_state(self, key: str) -> bytes | None: ...

    def link_version(self) -> int:
        """How many times the stories were saved (checked by :meth:`save_stories`)."""
        ...

    def save_stories(
        self,
        stories: Iterable[Story],
        dossiers: Mapping[str, Dossier],
        state: Mapping[str, bytes],
        *,
        expect_version: int | None = None,
    ) -> bool:
        """Write stories, their dossiers and the link state in one transaction; False (and
        nothing written) when another process saved since ``expect_version``."""
        ...

    def integrity_ok(self) -> bool: ...


def open_store(location: str | Path) -> Store:
    """The store at ``location``: a SQLite file (created on first use)."""
    from .sqlite import Database

    return Database(location)

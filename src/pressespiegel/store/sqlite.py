"""The SQLite store: one class owns the database file (after datasette's ``Database``).

Every write goes through one connection, inside one transaction per call, so a crash leaves
either the whole article or nothing. Articles are keyed by the hash of their text: feeding the
same input again adds nothing. The full Article JSON is kept; the columns and side tables
beside it are what queries and the later story layers need without parsing JSON.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import E, StoreError
from ..model import Article, Dossier, Story, free_id, text_hash
from .base import ErrorRow, Store, StoryRow

SCHEMA_VERSION = 4
# How long one statement waits for another process's write lock (SQLite's busy timeout), and how
# long opening a store keeps retrying the locks SQLite will not wait for.
BUSY_TIMEOUT_SECONDS = 30.0
OPEN_WAIT_SECONDS = 60.0

# Each entry upgrades the schema from version i to i+1 (index 0 creates version 1).
_MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT,
        dateline TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        n_errors INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_id ON articles(id);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE mentions (
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        canonical TEXT NOT NULL,
        entity_id TEXT NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_article ON mentions(article);
    CREATE TABLE quotes (
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        cue TEXT,
        channel TEXT
    );
    CREATE INDEX quotes_article ON quotes(article);
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE errors (
        rowid INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        article_id TEXT,
        stage TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (source, stage, code, message)
    );
    """,
    # 2: stories. ``story_articles`` says which story each article is in (and whether it is a
    # near-duplicate of another); ``stories`` keeps each story's dossier JSON; ``link_state``
    # keeps the serialised incremental indexes, written in the same transaction as the stories
    # they describe, so the two can never disagree after a crash.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        first_seen TEXT,
        last_seen TEXT,
        n_articles INTEGER NOT NULL,
        data TEXT,
        stale INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY,
        story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        duplicate_of TEXT,
        sub_event TEXT
    );
    CREATE INDEX story_articles_story ON story_articles(story);
    CREATE TABLE link_state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    """,
    # Version 3: the quotation corpus's type and the addressee of a quotation. Rows written
    # before keep NULL until their article is analysed again.
    """
    ALTER TABLE quotes ADD COLUMN type TEXT;
    ALTER TABLE quotes ADD COLUMN addressee TEXT;
    CREATE INDEX quotes_type ON quotes(type);
    """,
    # Version 4: the pages articles were extracted from (zlib-compressed), found again by the
    # SHA-256 of their bytes so that a re-run does not extract them again; and what was fetched
    # from the web: the HTTP validators of article pages and feeds, and the body of each feed
    # (an unchanged feed still lists its entries).
    """
    CREATE TABLE originals (
        digest TEXT PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        media_type TEXT NOT NULL,
        url TEXT,
        data BLOB NOT NULL
    );
    CREATE INDEX originals_article ON originals(article);
    CREATE TABLE fetches (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        feed BLOB,
        fetched_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX errors_source ON errors(source);
    """,
]


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class Database:
    """A pressespiegel SQLite database file (created on first use): the :class:`Store`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.parent.is_dir():
            raise StoreError(E.NO_STORE_FOLDER, path=self.path, folder=self.path.parent)
        try:
            self.conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise StoreError(E.NOT_A_DATABASE, path=self.path, why=exc) from None
        try:
            self._open()
        except sqlite3.OperationalError as exc:
            self.conn.close()
            code = E.STORE_BUSY if _is_busy(exc) else E.NOT_A_DATABASE
            raise StoreError(code, path=self.path, why=exc, seconds=OPEN_WAIT_SECONDS) from None
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(E.NOT_A_DATABASE, path=self.path, why=exc) from None
        self.fts = self._has_fts()

    def _open(self) -> None:
        """Set the connection up and bring the schema current, waiting out other processes.

        Switching a new file to WAL and SQLite's WAL recovery answer "database is locked" at
        once, without the busy handler, while another process opens the same file; so a second
        `analyze` started beside the first waits here instead of failing."""
        deadline = time.monotonic() + OPEN_WAIT_SECONDS
        pause = 0.01
        while True:
            try:
                mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA foreign_keys=ON")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            has_meta = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
            ).fetchone()
            others = self.conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            if not has_meta and others:
                raise StoreError(
                    E.NOT_A_DATABASE,
                    path=self.path,
                    why="it holds tables but no pressespiegel schema",
                )
            version = self.schema_version if has_meta else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    E.SCHEMA_NEWER, path=self.path, found=version, supported=SCHEMA_VERSION
                )
            for step in range(version, SCHEMA_VERSION):
                # Statement by statement: executescript() would commit our open transaction.
                for statement in _MIGRATIONS[step].split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                if step == 1:
                    self._make_ids_unique()
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (str(step + 1),),
                )
            if version == 0:
                self._create_fts()
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _make_ids_unique(self) -> None:
        """Version 1 stored clashing ids (every stdin input was "stdin"); stories key articles by
        id, so the later ones get the suffix that :meth:`add_article` now gives."""
        taken = {r[0] for r in self.conn.execute("SELECT id FROM articles")}
        seen: set[str] = set()
        rows = self.conn.execute(
            "SELECT rowid, id, data FROM articles WHERE id IN"
            " (SELECT id FROM articles GROUP BY id HAVING count(*) > 1) ORDER BY rowid"
        ).fetchall()
        for rowid, aid, data in rows:
            if aid not in seen:
                seen.add(aid)
                continue
            new = free_id(aid, taken.__contains__)
            taken.add(new)
            doc = json.loads(data)
            doc["id"] = new
            self.conn.execute(
                "UPDATE articles SET id = ?, data = ? WHERE rowid = ?",
                (new, json.dumps(doc, ensure_ascii=False), rowid),
            )

    def _create_fts(self) -> None:
        # Full-text search over title and text; SQLite builds without FTS5 still work, unsearchable.
        try:
            self.conn.execute(
                "CREATE VIRTUAL TABLE articles_fts USING fts5("
                "title, text, content='articles', content_rowid='rowid')"
            )
        except sqlite3.OperationalError:
            return

    def _has_fts(self) -> bool:
        return bool(
            self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
        )

    # -- writes ------------------------------------------------------------------------------
    def has(self, text: str) -> bool:
        """Whether an article with exactly this text is stored, with no stage failed on it
        (an article a stage failed on is analysed again, and replaced, on the next run)."""
        return (
            self.conn.execute(
                "SELECT 1 FROM articles WHERE content_hash = ? AND n_errors = 0", (text_hash(text),)
            ).fetchone()
            is not None
        )

    def has_original(self, digest: str) -> bool:
        """Whether a page with these exact bytes (SHA-256 ``digest``) was analysed already."""
        return (
            self.conn.execute(
                "SELECT 1 FROM originals o JOIN articles a ON a.rowid = o.article"
                " WHERE o.digest = ? AND a.n_errors = 0",
                (digest,),
            ).fetchone()
            is not None
        )

    def original(self, article_id: str) -> tuple[str, bytes] | None:
        """The media type and bytes of the page an article was extracted from."""
        row = self.conn.execute(
            "SELECT o.media_type, o.data FROM originals o JOIN articles a ON a.rowid = o.article"
            " WHERE a.id = ? LIMIT 1",
            (article_id,),
        ).fetchone()
        return (row[0], zlib.decompress(row[1])) if row else None

    # The fetch cache (see ingest.web.FetchCache).
    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The ETag and Last-Modified to send for ``url``; none when a stage failed on the
        article fetched from it, so that the re-run fetches and analyses it again."""
        row = self.conn.execute(
            "SELECT etag, last_modified FROM fetches WHERE url = ? AND NOT EXISTS ("
            " SELECT 1 FROM originals o JOIN articles a ON a.rowid = o.article"
            " WHERE a.source = ? AND a.n_errors > 0)",
            (url, url),
        ).fetchone()
        return (row[0], row[1]) if row and (row[0] or row[1]) else None

    def feed_body(self, url: str) -> bytes | None:
        row = self.conn.execute("SELECT feed FROM fetches WHERE url = ?", (url,)).fetchone()
        return zlib.decompress(row[0]) if row and row[0] is not None else None

    def remember_feed(
        self, url: str, etag: str | None, last_modified: str | None, body: bytes
    ) -> None:
        with self._transaction() as cur:
            self._remember_fetch(cur, url, etag, last_modified, zlib.compress(body))

    @staticmethod
    def _remember_fetch(
        cur: sqlite3.Cursor,
        url: str,
        etag: str | None,
        last_modified: str | None,
        feed: bytes | None,
    ) -> None:
        cur.execute(
            "INSERT INTO fetches(url, etag, last_modified, feed) VALUES (?,?,?,?)"
            " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, feed = excluded.feed,"
            " fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            (url, etag, last_modified, feed),
        )

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def add_article(self, article: Article) -> bool:
        """Store one annotated article; False (and only its page written) when its text is
        stored already.

        An id already used by another article is made unique (``article.id`` is updated). An
        article stored with stage errors is replaced by a new analysis of the same text (same
        id, same story; the story's dossier is rebuilt). Errors recorded for the same input
        before are cleared: they were about an earlier attempt."""
        digest = article.content_hash
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            cur.execute("DELETE FROM errors WHERE source = ?", (article.source or article.id,))
            old = cur.execute(
                "SELECT rowid, id, n_errors FROM articles WHERE content_hash = ?", (digest,)
            ).fetchone()
            if old is not None and old[2] == 0:
                self._add_original(cur, old[0], article)
                cur.execute("COMMIT")
                return False
            if old is not None:
                self._drop_for_retry(cur, old[0], old[1])
                article.id = old[1]
            # Ids must be unique in a store: a clashing one gets the first free suffix "#2", ...
            article.id = free_id(
                article.id,
                lambda i: (
                    cur.execute("SELECT 1 FROM articles WHERE id = ?", (i,)).fetchone() is not None
                ),
            )
            data = json.dumps(article.to_dict(), ensure_ascii=False)
            cur.execute(
                "INSERT INTO articles(id, content_hash, source, url, title, outlet, published,"
                " language, dateline, text, data, n_errors)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(content_hash) DO NOTHING",
                (
                    article.id,
                    digest,
                    article.source,
                    article.url,
                    article.title,
                    article.outlet,
                    article.published,
                    article.language,
                    article.dateline,
                    article.text,
                    data,
                    len(article.errors),
                ),
            )
            if cur.rowcount == 0:
                cur.execute("ROLLBACK")
                return False
            rowid = cur.lastrowid
            cur.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
                [
                    (rowid, m.start, m.end, m.text, m.label, m.canonical, m.entity_id)
                    for m in article.entities
                ],
            )
            cur.executemany(
                "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        rowid,
                        q.start,
                        q.end,
                        q.text,
                        q.kind,
                        q.speaker,
                        q.cue.text if q.cue else None,
                        q.channel,
                        q.type,
                        article.text[q.addressee.start : q.addressee.end] if q.addressee else None,
                    )
                    for q in article.quotes
                ],
            )
            for err in article.errors:
                self._insert_error(
                    cur, article.source or article.id, article.id, err.stage, err.code, err.message
                )
            if self.fts:
                cur.execute(
                    "INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)",
                    (rowid, article.title or "", article.text),
                )
            self._add_original(cur, rowid, article)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return True

    def _add_original(self, cur: sqlite3.Cursor, rowid: int | None, article: Article) -> None:
        """Keep the page the article came from, and the validators of a fetched page (written
        with the article, so a page is never marked as seen while its article is missing)."""
        page = article.original
        if page is None or rowid is None:
            return
        cur.execute(
            "INSERT INTO originals(digest, article, media_type, url, data)"
            " VALUES (?,?,?,?,?) ON CONFLICT(digest) DO NOTHING",
            (page.digest, rowid, page.media_type, page.url, zlib.compress(page.data)),
        )
        # Validators are kept under the URL that was asked for (the article's source), which a
        # re-run asks for again, not under the one a redirect led to.
        asked = (
            article.source
            if article.source and article.source.startswith(("http://", "https://"))
            else page.url
        )
        if asked and (page.etag or page.last_modified):
            self._remember_fetch(cur, asked, page.etag, page.last_modified, None)

    def _drop_for_retry(self, cur: sqlite3.Cursor, rowid: int, article_id: str) -> None:
        if self.fts:
            row = cur.execute(
                "SELECT title, text FROM articles WHERE rowid = ?", (rowid,)
            ).fetchone()
            cur.execute(
                "INSERT INTO articles_fts(articles_fts, rowid, title, text)"
                " VALUES ('delete', ?, ?, ?)",
                (rowid, row[0] or "", row[1]),
            )
        cur.execute("DELETE FROM articles WHERE rowid = ?", (rowid,))
        cur.execute("DELETE FROM errors WHERE article_id = ?", (article_id,))
        cur.execute(
            "UPDATE stories SET stale = 1 WHERE id IN"
            " (SELECT story FROM story_articles WHERE article_id = ?)",
            (article_id,),
        )

    def add_error(
        self, source: str, stage: str, code: str, message: str, article_id: str | None = None
    ) -> None:
        """Record why an input failed; what was recorded for the same input before goes (it was
        about an earlier attempt)."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            cur.execute("DELETE FROM errors WHERE source = ?", (source,))
            self._insert_error(cur, source, article_id, stage, code, message)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    @staticmethod
    def _insert_error(
        cur: sqlite3.Cursor,
        source: str,
        article_id: str | None,
        stage: str,
        code: str,
        message: str,
    ) -> None:
        cur.execute(
            "INSERT INTO errors(source, article_id, stage, code, message) VALUES (?,?,?,?,?)"
            " ON CONFLICT DO NOTHING",
            (source, article_id, stage, code, message),
        )

    # -- reads -------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles in the order they were added (optionally only some ids)."""
        if ids is None:
            for (data,) in self.conn.execute("SELECT data FROM articles ORDER BY rowid"):
                yield Article.from_dict(json.loads(data))
            return
        wanted = list(dict.fromkeys(ids))
        found: list[tuple[int, str]] = []
        # In chunks: SQLite limits the number of parameters of one statement (999 on old builds).
        for k in range(0, len(wanted), 900):
            chunk = wanted[k : k + 900]
            marks = ",".join("?" * len(chunk))
            found.extend(
                self.conn.execute(f"SELECT rowid, data FROM articles WHERE id IN ({marks})", chunk)
            )
        for _, data in sorted(found):
            yield Article.from_dict(json.loads(data))

    def stored_as(self, *, text: str | None = None, digest: str | None = None) -> Article | None:
        """The stored article with exactly this text, or extracted from the page whose bytes
        have this SHA-256 ``digest``."""
        if text is not None:
            row = self.conn.execute(
                "SELECT data FROM articles WHERE content_hash = ?", (text_hash(text),)
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT a.data FROM originals o JOIN articles a ON a.rowid = o.article"
                " WHERE o.digest = ?",
                (digest,),
            ).fetchone()
        return Article.from_dict(json.loads(row[0])) if row else None

    def unlinked_ids(self) -> list[str]:
        """Ids of stored articles that are in no story yet, in the order they were added."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL ORDER BY a.rowid"
        )
        return [r[0] for r in rows]

    def story_rows(self) -> list[StoryRow]:
        """Every story: id, title, dates, size (largest first)."""
        rows = self.conn.execute(
            "SELECT id, title, first_seen, last_seen, n_articles FROM stories"
            " ORDER BY n_articles DESC, id"
        )
        return [StoryRow(*r) for r in rows]

    def story_dossiers(self) -> Iterator[tuple[StoryRow, str | None]]:
        """Every story as in :meth:`story_rows`, with its stored dossier's JSON text (None when
        not built), read in one query."""
        rows = self.conn.execute(
            "SELECT id, title, first_seen, last_seen, n_articles, data FROM stories"
            " ORDER BY n_articles DESC, id"
        )
        for r in rows:
            yield StoryRow(*r[:5]), r[5] or None

    def story_of(self) -> dict[str, tuple[str, str | None, str | None]]:
        """article id -> (story id, duplicate_of, sub_event)."""
        rows = self.conn.execute(
            "SELECT article_id, story, duplicate_of, sub_event FROM story_articles"
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def stale_stories(self) -> list[str]:
        """Stories whose dossier failed to build last time (or was never built)."""
        rows = self.conn.execute(
            "SELECT id FROM stories WHERE stale = 1 OR data IS NULL ORDER BY id"
        )
        return [r[0] for r in rows]

    def dossier(self, story_id: str) -> dict[str, Any] | None:
        """The stored dossier JSON of a story (None when unknown or not built)."""
        row = self.conn.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def link_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM link_state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def link_version(self) -> int:
        """How many times the stories were saved: taken before reading the link state, and
        checked by :meth:`save_stories`, so two processes never overwrite each other's work."""
        row = self.conn.execute("SELECT value FROM link_state WHERE key = 'version'").fetchone()
        return int(bytes(row[0]).decode()) if row else 0

    def save_stories(
        self,
        stories: Iterable[Story],
        dossiers: Mapping[str, Dossier],
        state: Mapping[str, bytes],
        *,
        expect_version: int | None = None,
    ) -> bool:
        """Write stories (their membership and dossiers) and the link state in one transaction.

        With ``expect_version``, nothing is written (and False returned) when another process has
        saved stories since that version was read: the caller reloads and tries again.
        """
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            if expect_version is not None and self.link_version() != expect_version:
                cur.execute("ROLLBACK")
                return False
            cur.execute(
                "INSERT INTO link_state(key, value) VALUES ('version', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(self.link_version() + 1).encode(),),
            )
            for story in stories:
                d = dossiers.get(story.id)
                cur.execute(
                    # Without a new dossier (it failed to build) the previous one stays, marked
                    # stale, so that the next run builds it again.
                    "INSERT INTO stories(id, title, first_seen, last_seen, n_articles, data,"
                    " stale) VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
                    " title = COALESCE(excluded.title, stories.title),"
                    " first_seen = COALESCE(excluded.first_seen, stories.first_seen),"
                    " last_seen = COALESCE(excluded.last_seen, stories.last_seen),"
                    " n_articles = excluded.n_articles,"
                    " data = COALESCE(excluded.data, stories.data), stale = excluded.stale,"
                    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                    (
                        story.id,
                        d.title if d else None,
                        d.first_seen if d else None,
                        d.last_seen if d else None,
                        len(story.articles),
                        json.dumps(d.to_dict(), ensure_ascii=False) if d else None,
                        0 if d else 1,
                    ),
                )
                sub = {a: e.id for e in story.sub_events for a in e.articles}
                cur.execute("DELETE FROM story_articles WHERE story = ?", (story.id,))
                cur.executemany(
                    "INSERT INTO story_articles(article_id, story, duplicate_of, sub_event)"
                    " VALUES (?,?,?,?) ON CONFLICT(article_id) DO UPDATE SET"
                    " story = excluded.story, duplicate_of = excluded.duplicate_of,"
                    " sub_event = excluded.sub_event",
                    [(a, story.id, story.duplicate_of.get(a), sub.get(a)) for a in story.articles],
                )
            for key, value in state.items():
                cur.execute(
                    "INSERT INTO link_state(key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
            # A story left without articles (all moved elsewhere) is gone.
            cur.execute(
                "DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story FROM story_articles)"
            )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return True

    def errors(self) -> list[ErrorRow]:
        rows = self.conn.execute(
            "SELECT source, article_id, stage, code, message, added_at FROM errors ORDER BY rowid"
        )
        return [ErrorRow(*row) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None]]:
        """Article ids and titles matching an FTS5 query (empty without FTS5)."""
        if not self.fts:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.title FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [(r[0], r[1]) for r in rows]

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _is_a_store(db: Database) -> Store:
    return db  # mypy checks here that Database has everything the Store protocol asks for

"""A per-word memo that outlives the process: HanTa's word analyses, shared by runs and workers.

HanTa spends most of its time on the morphological analysis of each word form it has not seen
(about 1.5 ms a word; on 300 news articles 85 % of its time), and that analysis depends on the
form alone. In one process the analyses are memoised already; this keeps them in a SQLite file
in the per-user cache (:mod:`pressespiegel.cache`), so that the next run, and every worker
process, starts with the words the earlier ones analysed: news of the next day is mostly written
in the words of the last. The file is named by HanTa's version and model, so another HanTa never
reads it; its values are JSON, so reading one back gives what the analysis returned (lists for
tuples, which HanTa only iterates and indexes). Nothing depends on the file: when it cannot be
opened, written or read (a read-only home, a full disk, a damaged file, another process holding
it too long), the memo keeps working in memory only and says nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The file size after which a process adds nothing more (about a million words): Heaps' law
#: keeps new word forms coming, and a cache that never stops growing would only cost disk.
MAX_BYTES = 150 * 2**20
#: Analyses collected before they are written in one transaction.
BATCH = 256
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS memo (kind TEXT, key TEXT, value TEXT, "
    "PRIMARY KEY (kind, key)) WITHOUT ROWID"
)


#: Connections a forked child inherited: never used or closed there (SQLite forbids carrying a
#: connection across fork), only kept from being garbage-collected.
_INHERITED: list[sqlite3.Connection] = []


class WordMemo:
    """``get``/``put`` of JSON values by (kind, key) over one SQLite file. A process forked
    while the memo was open opens its own connection on first use."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None
        self._pending: list[tuple[str, str, str]] = []
        self._full = True
        self._pid = os.getpid()
        self._open()

    def _open(self) -> None:
        path = self.path
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                con = sqlite3.connect(
                    path, timeout=5, isolation_level=None, check_same_thread=False
                )
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=NORMAL")
                con.execute(_SCHEMA)
                (pages,) = con.execute("PRAGMA page_count").fetchone()
                (size,) = con.execute("PRAGMA page_size").fetchone()
                self._full = int(pages) * int(size) >= MAX_BYTES
                self._con = con
            except (OSError, sqlite3.Error):
                self._con = None

    def _here(self) -> None:
        if self._pid != os.getpid():  # forked: the parent's connection is not ours to use
            if self._con is not None:
                _INHERITED.append(self._con)
            self._con, self._pending, self._pid = None, [], os.getpid()
            self._open()

    def get(self, kind: str, key: str) -> Any:
        """The stored value, or None."""
        self._here()
        if self._con is None:
            return None
        try:
            row = self._con.execute(
                "SELECT value FROM memo WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        except sqlite3.Error:
            self._give_up()
            return None
        return None if row is None else json.loads(row[0])

    def put(self, kind: str, key: str, value: Any) -> None:
        self._here()
        if self._con is None or self._full:
            return
        self._pending.append((kind, key, json.dumps(value)))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write what was collected (in one transaction; rows already there are kept)."""
        self._here()
        if self._con is None or not self._pending:
            return
        rows, self._pending = self._pending, []
        try:
            self._con.execute("BEGIN")
            self._con.executemany("INSERT OR IGNORE INTO memo VALUES (?, ?, ?)", rows)
            self._con.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self._con.execute("ROLLBACK")
            # Busy past the timeout, or the disk is full: these analyses stay in memory only.

    def _give_up(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            with contextlib.suppress(sqlite3.Error):
                con.close()

    def close(self) -> None:
        self.flush()
        self._give_up()


def persisted(memo: WordMemo, kind: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its results (of JSON-able arguments) looked up in and added to ``memo``."""

    def lookup(*args: Any) -> Any:
        key = json.dumps(args, ensure_ascii=False)
        got = memo.get(kind, key)
        if got is not None:
            return got
        value = func(*args)
        memo.put(kind, key, value)
        return value

    return lookup

"""HanTa's word analyses kept across processes: the same tags, fewer analyses, and a memo file
that can be lost, damaged or unwritable without harm."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pressespiegel.language import tokens, wordmemo
from pressespiegel.language.wordmemo import WordMemo, persisted

SENTENCES = [
    ["Die", "Stadtwerke", "erhöhen", "ab", "Januar", "die", "Fernwärmepreise", "."],
    ["Der", "Bürgermeister", "kündigte", "eine", "Überprüfung", "der", "Verträge", "an", "."],
]


def _rows(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM memo").fetchone()[0])
    finally:
        con.close()


def test_values_come_back_from_the_file_in_a_new_memo(tmp_path: Path) -> None:
    calls: list[tuple[str, int]] = []

    def analysis(word: str, n: int) -> list[object]:
        calls.append((word, n))
        return [(word.upper(), n), 0.5, -1e6]

    first = WordMemo(tmp_path / "m.sqlite")
    f = persisted(first, "k", analysis)
    assert f("wort", 2) == [("WORT", 2), 0.5, -1e6]
    first.close()
    second = persisted(WordMemo(tmp_path / "m.sqlite"), "k", analysis)
    assert second("wort", 2) == [["WORT", 2], 0.5, -1e6]  # JSON: tuples come back as lists
    assert calls == [("wort", 2)]
    assert second("wort", 3) == [("WORT", 3), 0.5, -1e6] and len(calls) == 2


def test_an_unwritable_or_damaged_file_leaves_the_memo_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not a database" * 100)
    for path in (blocker / "sub" / "m.sqlite", damaged):
        memo = WordMemo(path)
        f = persisted(memo, "k", lambda w: w * 2)
        assert f("ab") == "abab"
        memo.close()
    assert damaged.read_bytes().startswith(b"this is not")


def test_the_file_stops_growing_at_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.sqlite"
    memo = WordMemo(path)
    f = persisted(memo, "k", lambda w: w * 40)
    for i in range(500):
        f(f"w{i}")
    memo.close()
    monkeypatch.setattr(wordmemo, "MAX_BYTES", path.stat().st_size)
    full = WordMemo(path)
    g = persisted(full, "k", lambda w: w * 40)
    assert g("new") == "new" * 40 and g("w1") == "w1" * 40  # still answers, from file and work
    full.close()
    assert _rows(path) == 500, "a full file takes no more words"


def test_a_forked_child_opens_its_own_connection(tmp_path: Path) -> None:
    import multiprocessing

    memo = WordMemo(tmp_path / "m.sqlite")
    f = persisted(memo, "k", lambda w: w.upper())
    assert f("vorher") == "VORHER"
    memo.flush()
    ctx = multiprocessing.get_context("fork")

    def child() -> None:
        inherited = memo._con
        assert f("kind") == "KIND" and f("vorher") == "VORHER"
        memo.flush()
        raise SystemExit(0 if memo._con is not inherited and memo._con is not None else 3)

    proc = ctx.Process(target=child)
    proc.start()
    proc.join(30)
    assert proc.exitcode == 0
    memo.close()
    assert _rows(tmp_path / "m.sqlite") == 2


def test_hanta_tags_the_same_from_a_warm_memo_without_analysing_again(tmp_path: Path) -> None:
    path = tmp_path / tokens.hanta_memo_name()
    cold = tokens._MemoTagger(WordMemo(path))
    want = [cold.tag(list(s)) for s in SENTENCES]
    cold.memo.close()
    stored = _rows(path)
    assert stored > 0
    warm = tokens._MemoTagger(WordMemo(path))
    assert [warm.tag(list(s)) for s in SENTENCES] == want
    warm.memo.close()
    assert _rows(path) == stored, "every analysis came from the file"
    plain = tokens._MemoTagger(WordMemo(None))  # no file at all: HanTa's own answers
    assert [plain.tag(list(s)) for s in SENTENCES] == want

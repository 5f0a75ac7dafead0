"""Crash safety of `analyze`: killed with SIGKILL in the middle of a run over 2,000 articles and
run again, every article is stored exactly once, the story tables hold together and SQLite's
integrity check passes; two `analyze` processes writing one store at once lose nothing.

The articles are generated here from templates (invented towns, people and events), so the test
needs no data set. It runs the real CLI in subprocesses and takes a few minutes: marked slow.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

_TOWNS = [
    "Gruvenau",
    "Lindhagen",
    "Osterfeld",
    "Kranzbach",
    "Wedelstein",
    "Mittelbrück",
    "Sandhorst",
    "Tiefenau",
    "Haldenberg",
    "Rothmoor",
]
_PEOPLE = [
    "Anna Keller",
    "Peter Hansen",
    "Miriam Lohse",
    "Jonas Berg",
    "Eva Lind",
    "Tobias Wendt",
    "Sara Quist",
    "Karl Moser",
]
_EVENTS = [
    (
        "Brücke",
        "Die Brücke über die Ache in {town} bleibt nach einem Gutachten bis {month} "
        "gesperrt. Bürgermeister {person} sagte, die Stadt prüfe eine Fähre. Die Sanierung koste "
        "rund {n} Millionen Euro.",
    ),
    (
        "Hochwasser",
        "Nach starkem Regen ist die Ache in {town} über die Ufer getreten. {n} "
        "Keller liefen voll, teilte die Feuerwehr mit. Landrätin {person} besuchte am Abend das "
        "Lagezentrum.",
    ),
    (
        "Schule",
        "Der Stadtrat von {town} hat den Neubau der Grundschule beschlossen. Die Kosten "
        "liegen bei {n} Millionen Euro. „Wir bauen für die nächsten fünfzig Jahre“, sagte "
        "{person}.",
    ),
    (
        "Wahl",
        "In {town} ist {person} zur Bürgermeisterin gewählt worden. Sie erhielt {n} "
        "Prozent der Stimmen. Die Wahlbeteiligung lag bei knapp der Hälfte.",
    ),
]
_MONTHS = ["März", "April", "Mai", "Juni", "Juli", "August"]


def _articles(n: int, seed: int) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        topic, template = rnd.choice(_EVENTS)
        text = template.format(
            town=rnd.choice(_TOWNS),
            person=rnd.choice(_PEOPLE),
            month=rnd.choice(_MONTHS),
            n=rnd.randint(2, 90),
        )
        # A number and a day make every text distinct, as real reports of one event are.
        text += f" Meldung {i} vom {rnd.randint(1, 28)}. des Monats."
        out.append({"id": f"{topic.lower()}-{seed}-{i}", "text": text})
    return out


def _write(path: Path, articles: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path


def _analyze(inp: Path, db: Path, out: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-c",
        "import sys; from pressespiegel.cli import main; sys.exit(main(sys.argv[1:]))",
        "analyze",
        str(inp),
        "--db",
        str(db),
        "--out",
        str(out),
        "--format",
        "json",
        "--no-clean",
        "--lang",
        "de",
        "-q",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # the schema is not there yet


def _check_store(db: Path, expected_ids: set[str]) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)), "an article is stored twice"
        assert set(ids) == expected_ids, (
            f"missing {len(expected_ids - set(ids))}, unexpected {len(set(ids) - expected_ids)}"
        )
        hashes = [r[0] for r in con.execute("SELECT content_hash FROM articles")]
        assert len(hashes) == len(set(hashes))
        # Story tables: every linked article exists, every story has its articles.
        linked = con.execute(
            "SELECT count(*) FROM story_articles WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert linked == 0
        empty = con.execute(
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story FROM story_articles)"
        ).fetchone()[0]
        assert empty == 0
        unlinked = con.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"
        ).fetchone()[0]
        assert unlinked == 0, f"{unlinked} articles in no story after a complete run"
    finally:
        con.close()


def test_killed_run_resumes_with_every_article_once(tmp_path: Path) -> None:
    arts = _articles(2000, seed=1)
    inp = _write(tmp_path / "in.jsonl", arts)
    db, out = tmp_path / "store.db", tmp_path / "out"
    proc = _analyze(inp, db, out)
    deadline = time.monotonic() + 600
    while _stored(db) < 300 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = _stored(db)
    assert 300 <= killed_at < 2000
    again = _analyze(inp, db, out)
    _, err = again.communicate(timeout=1800)
    assert again.returncode == 0, err.decode(errors="replace")[-2000:]
    _check_store(db, {a["id"] for a in arts})


def test_two_processes_writing_one_store_lose_nothing(tmp_path: Path) -> None:
    first, second = _articles(400, seed=2), _articles(400, seed=3)
    db, out = tmp_path / "store.db", tmp_path / "out"
    a = _analyze(_write(tmp_path / "a.jsonl", first), db, out)
    b = _analyze(_write(tmp_path / "b.jsonl", second), db, out)
    _, err_a = a.communicate(timeout=1800)
    _, err_b = b.communicate(timeout=1800)
    assert a.returncode == 0, err_a.decode(errors="replace")[-2000:]
    assert b.returncode == 0, err_b.decode(errors="replace")[-2000:]
    _check_store(db, {x["id"] for x in first + second})

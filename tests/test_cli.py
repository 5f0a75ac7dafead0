from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pressespiegel.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "eins.txt").write_text(
        "Neue Brücke in Talheim eröffnet\n\nDie Bürgermeisterin Anna Beispiel eröffnete am "
        "Montag die neue Brücke. „Das ist ein guter Tag“, sagte sie.\n",
        encoding="utf-8",
    )
    (folder / "zwei.txt").write_bytes(
        "Der Fluss führt Hochwasser. Die Straße ist gesperrt.".encode("cp1252")
    )
    (folder / "kaputt.txt").write_bytes(b"\x89PNG\r\n\x1a\n....")


def test_analyze_stores_and_rerun_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    db = tmp_path / "p.db"
    assert main(["analyze", str(corpus), "--db", str(db)]) == 1  # one bad file: partial
    err = capsys.readouterr().err
    assert "2 stored" in err and "1 failed" in err and "kaputt.txt" in err
    assert main(["analyze", str(corpus), "--db", str(db)]) == 1
    assert "2 exists" in capsys.readouterr().err
    assert main(["errors", "--db", str(db), "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["code"] == "E102" and "kaputt.txt" in rows[0]["source"]


def test_a_fixed_input_leaves_the_error_list_on_the_rerun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    (corpus / "leer.html").write_text("<html><body><nav>Start</nav></body></html>")
    db = tmp_path / "p.db"
    assert main(["analyze", str(corpus), "--db", str(db), "-q"]) == 1
    capsys.readouterr()
    assert main(["errors", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 2 and "E102: 1, E110: 1" in err and "retries only" in err
    assert main(["errors", "--db", str(db), "--code", "e110", "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["code"], r["stage"]) for r in rows] == [("E110", "ingest")]
    assert rows[0]["source"].endswith("leer.html")
    # The user replaces the broken image by a real text; the re-run reads it, and only it.
    (corpus / "kaputt.txt").write_text(
        "Die Feuerwehr rückte am Abend zu einem Brand in einer "
        "Scheune aus. Verletzt wurde niemand.",
        encoding="utf-8",
    )
    assert main(["analyze", str(corpus), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "1 stored" in err and "2 exists" in err and "1 failed" in err
    assert main(["errors", "--db", str(db), "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["code"] for r in rows] == ["E110"]


def test_analyze_all_good_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Ein ganz normaler Satz über das Wetter.", encoding="utf-8")
    out = str(tmp_path / "out")
    assert (
        main(
            ["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "p.db"), "-q", "--out", out]
        )
        == 0
    )
    assert capsys.readouterr() == ("", "")  # -q: nothing but errors


def test_analyze_verbose_says_where_the_time_went(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    main(
        [
            "analyze",
            str(corpus),
            "--db",
            str(tmp_path / "p.db"),
            "--out",
            str(tmp_path / "out"),
            "-v",
        ]
    )
    err = capsys.readouterr().err
    lines = err[err.index("time:") :].splitlines()
    assert [ln.split("  ")[1].strip() for ln in lines[1:4]] == [
        "read, annotate and store",
        "link stories, build dossiers",
        "write dossier files",
    ]
    assert "(3 input(s)," in lines[4] and "a second)" in lines[4]


def test_extract_jsonl_one_line_per_input(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "1", "text": "Die Stadt plant eine neue Schule."})
        + "\n"
        + "{broken\n"
        + json.dumps({"id": "3", "text": "Der Rat stimmt zu.", "published": "2024-02-01"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code = main(["extract", "--in", str(src), "--out", str(out), "-q"])
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert code == 1
    assert [r["id"] for r in rows] == ["1", "in.jsonl:2".replace("in.jsonl", str(src)), "3"]
    assert rows[1]["errors"][0]["code"] == "E106" and rows[1]["text"] == ""
    for row in rows:
        for key in (
            "id",
            "source",
            "text",
            "title",
            "outlet",
            "published",
            "dateline",
            "agencies",
            "language",
            "body",
            "removed",
            "sentences",
            "entities",
            "quotes",
            "figures",
            "dates",
            "labels",
            "damage",
            "errors",
        ):
            assert key in row
    assert rows[2]["published"] == "2024-02-01"
    for start, end in rows[0]["body"]:
        assert 0 <= start < end <= len(rows[0]["text"])


def test_extract_with_a_store_gives_the_stored_analysis_on_a_rerun(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Neue Brücke in Talheim</title></head><body><article>"
        "<h1>Neue Brücke in Talheim</h1><p>Die Bürgermeisterin Anna Beispiel eröffnete am "
        "Montag die neue Brücke über die Talach. Hunderte Menschen kamen zur Feier.</p>"
        "<p>Der Bau hatte zwei Jahre gedauert und kostete acht Millionen Euro.</p>"
        "</article></body></html>"
    )
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "t", "text": "Der Rat der Stadt Talheim stimmt zu."})
        + "\n"
        + json.dumps({"id": "h", "html": page})
        + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "p.db")
    runs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}.jsonl"
        assert main(["extract", "--in", str(src), "--out", str(out), "--db", db, "-q"]) == 0
        runs.append([json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()])
    first, second = runs
    # The re-run analyses nothing again, and still writes every analysis in full.
    assert [r["sentences"] for r in second] == [r["sentences"] for r in first]
    assert second[1]["text"].startswith("Neue Brücke in Talheim")
    assert second[1]["entities"] and second[1]["entities"] == first[1]["entities"]


def test_extract_no_clean_keeps_everything(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "1", "text": "zum Inhalt\nDer Rat tagt."}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    main(["extract", "--in", str(src), "--out", str(out), "--no-clean", "--lang", "de", "-q"])
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["body"] == [[0, len(row["text"])]] and row["removed"] == []
    assert row["title"] is None and row["language"] == "de"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "a.txt").write_text("Der Rat tagt am Montag.", encoding="utf-8")
    db = tmp_path / "p.db"
    main(["analyze", str(tmp_path / "a.txt"), "--db", str(db), "-q"])
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out)]) == 0
    content = out.read_text(encoding="utf-8")
    assert "Der Rat tagt am Montag." in content


def test_export_defaults_to_the_analyze_database_and_names_each_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Der Rat tagt am Montag.", encoding="utf-8")
    main(["analyze", "a.txt", "-q"])
    assert main(["export", "--format", "csv", "--out", "out.csv"]) == 0
    with open("out.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1 and rows[0]["story"].startswith("s-")
    assert main(["export", "--format", "jsonl", "--out", "out.jsonl"]) == 0
    record = json.loads(Path("out.jsonl").read_text(encoding="utf-8"))
    assert record["story"] == rows[0]["story"] and record["duplicate_of"] is None


def test_clean_run_prints_no_failure_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(
        "Der Rat der Stadt tagt am Montag im Rathaus.", encoding="utf-8"
    )
    db = str(tmp_path / "p.db")
    assert main(["analyze", str(tmp_path / "a.txt"), "--db", db]) == 0
    assert "pressespiegel errors" not in capsys.readouterr().err
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path / "b.txt"), "--db", db]) == 1
    assert "1 failed input(s) or stage(s): pressespiegel errors" in capsys.readouterr().err


def test_placeholders_are_counted_and_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    (tmp_path / "p.txt").write_text(
        "Neue Brücke eröffnet. Dieser Artikel ist leider nicht mehr verfügbar.", encoding="utf-8"
    )
    db = str(tmp_path / "p.db")
    assert main(["analyze", str(tmp_path / "p.txt"), "--db", db, "--out", str(tmp_path / "d")]) == 0
    assert "1 placeholder(s) kept out of stories" in capsys.readouterr().err
    out = tmp_path / "out.csv"
    assert main(["export", "--db", db, "--format", "csv", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        assert [r["placeholder"] for r in csv.DictReader(fh)] == ["unavailable"]


def test_missing_database_is_a_fatal_error(tmp_path: Path) -> None:
    assert main(["export", "--db", str(tmp_path / "none.db"), "--format", "csv"]) == 2


def test_unusable_database_is_a_fatal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"no database" * 100)
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--db", str(junk)]) == 2
    assert "E302" in capsys.readouterr().err


def test_help_lists_the_contract_verbs() -> None:
    text = build_parser().format_help()
    for verb in ("analyze", "extract", "export", "errors"):
        assert verb in text


def test_console_script_runs() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "pressespiegel.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0 and "pressespiegel" in res.stdout


def test_parallel_jobs_give_the_same_result(tmp_path: Path) -> None:
    from pressespiegel.app.batch import SMALL_RUN

    src = tmp_path / "in.jsonl"
    n = 2 * SMALL_RUN + 3  # more than a run done in one process
    src.write_text(
        "".join(
            json.dumps({"id": str(i), "text": f"Satz Nummer {i}. Noch einer."}) + "\n"
            for i in range(n)
        )
        + "{bad\n",
        encoding="utf-8",
    )
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    main(["extract", "--in", str(src), "--out", str(one), "-q", "--jobs", "1"])
    main(["extract", "--in", str(src), "--out", str(two), "-q", "--jobs", "2"])
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")

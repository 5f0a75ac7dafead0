"""End to end: `analyze` on the example corpus finds its one story and writes dossiers; a new
article joins incrementally; `cluster` writes the contract's lines; the store stays consistent."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from pressespiegel.cli import main
from pressespiegel.store import Database

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
MANIFEST = json.loads((ROOT / "examples" / "corpus_manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("analyze")
    db, out = work / "p.db", work / "dossiers"
    assert main(["analyze", str(CORPUS), "--db", str(db), "--out", str(out), "-q"]) == 0
    return db, out


def _dossier(out: Path) -> dict[str, Any]:
    files = [p for p in out.glob("s-*.json")]
    assert len(files) == 1, [p.name for p in files]
    return dict(json.loads(files[0].read_text(encoding="utf-8")))


def test_one_story_with_all_articles_and_the_near_duplicate(analyzed: tuple[Path, Path]) -> None:
    _, out = analyzed
    dossier = _dossier(out)
    ids = {e["id"] for e in MANIFEST["articles"]}
    assert set(dossier["articles"]) == ids
    for copy_pair in MANIFEST["story"]["near_duplicates"]:
        a, b = copy_pair
        assert dossier["duplicate_of"].get(b) == a or dossier["duplicate_of"].get(a) == b
    for fmt in ("html", "md"):
        assert (out / f"{dossier['id']}.{fmt}").stat().st_size > 1000
    assert (out / "index.html").exists() and (out / "index.md").exists()


def test_the_corpus_contradictions_are_found(analyzed: tuple[Path, Path]) -> None:
    _, out = analyzed
    dossier = _dossier(out)
    for want in MANIFEST["story"]["contradictions"]:
        found = False
        for c in dossier["contradictions"]:
            texts = {(k["article"], k["text"]) for k in c["claims"]}
            hit = [
                any(w["article"] == a and w["text"] in t for a, t in texts) for w in want["claims"]
            ]
            found = found or all(hit)
        assert found, want["about"]


def test_dossier_follows_the_contract(analyzed: tuple[Path, Path]) -> None:
    _, out = analyzed
    d = _dossier(out)
    for key in (
        "id",
        "title",
        "articles",
        "first_seen",
        "last_seen",
        "summary",
        "timeline",
        "entities",
        "facts",
        "contradictions",
        "quotes",
        "framing",
        "coverage",
    ):
        assert key in d, key
    assert d["first_seen"] == "2025-05-14" and d["title"]
    assert 1 <= len(d["summary"]) <= 8
    for s in d["summary"]:
        assert all({"article", "start", "end"} <= set(r) for r in s["sources"])
    for f in d["facts"]:
        assert f["count"] == len(f["outlets"]) >= 2
    wendtland = next(e for e in d["entities"] if e["canonical"] == "Konrad Wendtland")
    assert len(wendtland["articles"]) >= 3


def test_store_holds_stories_consistently(analyzed: tuple[Path, Path]) -> None:
    db, _ = analyzed
    with Database(db) as store:
        assert store.integrity_ok()
        assert store.unlinked_ids() == []
        rows = store.story_rows()
        assert len(rows) == 1 and rows[0].n_articles == store.count()
    con = sqlite3.connect(db)
    orphans = con.execute(
        "SELECT count(*) FROM story_articles s LEFT JOIN articles a"
        " ON a.id = s.article_id WHERE a.id IS NULL"
    ).fetchone()[0]
    assert orphans == 0


def test_new_article_joins_incrementally_and_other_news_stays_apart(
    analyzed: tuple[Path, Path], tmp_path: Path
) -> None:
    db, out = analyzed
    late = tmp_path / "late.jsonl"
    late.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {
                    "id": "late-report",
                    "published": "2025-05-16",
                    "outlet": "Testblatt",
                    "text": "Gruvenau – Zwei Tage nach dem Bruch des Damms an der Merve-Talsperre "
                    "kehren die "
                    "ersten Bewohner in ihre Häuser zurück. Bürgermeister Konrad Wendtland sagte, "
                    "die Aufräumarbeiten in Gruvenau würden Wochen dauern. Die Mervetal "
                    "Wasserkraft "
                    "GmbH senkt den Wasserstand der Talsperre weiter ab.",
                },
                {
                    "id": "chess",
                    "published": "2025-05-16",
                    "outlet": "Testblatt",
                    "text": "Lissabon – Die portugiesische Schachmeisterin Inês Carvalho hat das "
                    "Jugendturnier in Porto gewonnen. Sie setzte sich in der letzten Runde gegen "
                    "ihren Trainingspartner durch und qualifizierte sich für die "
                    "Europameisterschaft.",
                },
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["analyze", str(late), "--db", str(db), "--out", str(out), "-q"]) == 0
    with Database(db) as store:
        story_of = store.story_of()
        assert story_of["late-report"][0] == story_of["01_merve_kurier"][0]
        assert story_of["chess"][0] != story_of["01_merve_kurier"][0]
        assert store.unlinked_ids() == []


def test_cluster_verb_writes_one_line_per_article(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = []
    for name in ("01_merve_kurier.txt", "03_rundblick24.txt", "06_continental_ledger_en.txt"):
        rows.append({"id": name, "text": (CORPUS / name).read_bytes().decode("utf-8-sig")})
    rows.append({"id": "bad", "text": ""})
    src.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    dst = tmp_path / "out.jsonl"
    assert main(["cluster", "--in", str(src), "--out", str(dst), "-q"]) == 1  # one bad line
    lines = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [r["id"] for r in rows]
    good = [x for x in lines if x["id"] != "bad"]
    assert len({x["story"] for x in good}) == 1
    assert all(set(x) >= {"id", "story", "duplicate_of"} for x in lines)
    assert next(x for x in lines if x["id"] == "bad")["story"] is None


def test_unknown_format_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(CORPUS), "--db", str(tmp_path / "x.db"), "--format", "pdf"]) == 2
    assert "E403" in capsys.readouterr().err


def test_unwritable_out_is_reported_and_the_store_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the dossier folder should be", encoding="utf-8")
    db = tmp_path / "w.db"
    src = tmp_path / "one.txt"
    src.write_text(
        "Kurzmeldung\n\nIn Talheim hat die neue Fähre den Betrieb aufgenommen. "
        "Sie fährt jede halbe Stunde.\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "analyze",
                str(src),
                "--db",
                str(db),
                "--out",
                str(blocker / "sub"),
                "--min-articles",
                "1",
            ]
        )
        == 1
    )
    assert "cannot write dossiers" in capsys.readouterr().err
    with Database(db) as store:
        assert store.count() == 1 and store.unlinked_ids() == []


def test_cluster_makes_repeated_ids_unique(tmp_path: Path) -> None:
    src = tmp_path / "rep.jsonl"
    text = (CORPUS / "03_rundblick24.txt").read_bytes().decode("utf-8-sig")
    src.write_text(
        "\n".join(
            json.dumps({"id": "1", "text": t}, ensure_ascii=False)
            for t in [
                text,
                "Ganz andere Nachricht über einen Bäckerstreik in "
                "Hamm, der seit Montag andauert und viele trifft.",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    dst = tmp_path / "rep-out.jsonl"
    main(["cluster", "--in", str(src), "--out", str(dst), "-q"])
    lines = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["1", "1#2"]
    assert lines[0]["story"] != lines[1]["story"]


def test_similarity_knob_moves_the_merge_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    from pressespiegel.ingest.decode import decode_bytes

    rows = [
        {"id": p.stem, "text": decode_bytes(p.read_bytes(), p.name, 10**7)}
        for p in sorted(CORPUS.glob("0*.txt"))
    ]
    src.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    counts = {}
    for value in ("0.05", "normal", "0.95"):
        dst = tmp_path / f"out-{value}.jsonl"
        assert (
            main(["cluster", "--in", str(src), "--out", str(dst), "-q", "--similarity", value]) == 0
        )
        counts[value] = len(
            {json.loads(x)["story"] for x in dst.read_text(encoding="utf-8").splitlines()}
        )
    # At 0.95 only the corpus's near-duplicate pair stays together (copies always do).
    assert counts["0.05"] == 1 and counts["0.95"] == len(rows) - 1
    assert counts["0.05"] <= counts["normal"] <= counts["0.95"]
    with pytest.raises(SystemExit) as exc:
        main(["cluster", "--in", str(src), "--similarity", "medium"])
    assert exc.value.code == 2 and "similarity must be one of" in capsys.readouterr().err

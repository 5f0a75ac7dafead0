from __future__ import annotations

import io
import json
from pathlib import Path

from pressespiegel.ingest import Document, InputFailure, Item, read_jsonl, read_paths, read_stream
from pressespiegel.model import Article


def _ids(items: list[Item]) -> list[str]:
    return [f"!{i.code}" if isinstance(i, InputFailure) else i.id for i in items]


def test_folder_reads_text_and_jsonl_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Erster Artikel über die Brücke.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Zweiter Artikel, Köln.".encode("cp1252"))
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_bytes(b"%PDF-1.4 not text")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Ein dritter Text."}) + "\n", encoding="utf-8"
    )
    items = list(read_paths([str(tmp_path)]))
    assert _ids(items) == ["a", "b", "!E101", "!E102", "j1"]
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert all(str(tmp_path) in f.message for f in failures)
    b = items[1]
    assert isinstance(b, Article) and b.text == "Zweiter Artikel, Köln."


def test_missing_path_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ein Text.", encoding="utf-8")
    items = list(read_paths([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")]))
    assert _ids(items) == ["!E105", "a"]


def test_same_stem_in_subfolders_gets_distinct_ids(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(f"Text {sub}.", encoding="utf-8")
    assert _ids(list(read_paths([str(tmp_path)]))) == ["x/story", "y/story"]


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    assert _ids(list(read_paths([str(tmp_path)]))) == ["!E109"]


def test_jsonl_bad_lines_do_not_stop_the_rest() -> None:
    lines = [
        json.dumps(
            {
                "id": "ok1",
                "text": "Gut.",
                "url": "https://example.org/1",
                "published": "2024-03-05T10:00:00Z",
                "outlet": "Beispielblatt",
            }
        ),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "n", "text": 5}),
        json.dumps({"id": "e", "text": "   "}),
        json.dumps({"id": "h", "html": "<p>x</p>"}),
        "",
        json.dumps({"id": "ok2", "text": "Auch gut.", "published": "gestern"}),
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    items = list(read_jsonl(io.BytesIO(data), "in.jsonl"))
    assert _ids(items) == ["ok1", "!E106", "!E107", "!E107", "!E107", "!E101", "h", "ok2"]
    assert isinstance(items[6], Document) and items[6].data == b"<p>x</p>"
    ok1, ok2 = items[0], items[-1]
    assert isinstance(ok1, Article) and isinstance(ok2, Article)
    assert ok1.published == "2024-03-05" and ok1.outlet == "Beispielblatt"
    assert ok1.url == "https://example.org/1" and ok1.source == "in.jsonl:1"
    # An unusable date is dropped with a recorded reason, the article is kept.
    assert ok2.published is None and ok2.errors and "gestern" in ok2.errors[0].message
    assert items[1].source == "in.jsonl:2"  # type: ignore[union-attr]


def test_jsonl_over_long_line_is_refused_and_reading_goes_on() -> None:
    big = json.dumps({"id": "big", "text": "x" * 5000})
    small = json.dumps({"id": "small", "text": "Kurz."})
    items = list(read_jsonl(io.BytesIO(f"{big}\n{small}\n".encode()), "in.jsonl", max_bytes=1000))
    assert _ids(items) == ["!E103", "small"]


def test_stdin_text_and_jsonl() -> None:
    text = io.BufferedReader(io.BytesIO(b"Ein Text von der Standardeingabe."))
    assert _ids(list(read_stream(text, "<stdin>"))) == ["stdin"]
    jl = io.BufferedReader(io.BytesIO(b'{"id": "s1", "text": "Hallo."}\n'))
    assert _ids(list(read_stream(jl, "<stdin>"))) == ["s1"]


def test_failure_becomes_an_error_article() -> None:
    items = list(read_jsonl(io.BytesIO(b"{oops\n"), "in.jsonl"))
    art = items[0].to_article()  # type: ignore[union-attr]
    assert art.text == "" and art.errors[0].stage == "ingest" and art.errors[0].code == "E106"


# -- gzip-compressed files -----------------------------------------------------------------------

_PAGE = (
    "<!doctype html><html><head><title>Neue Brücke eröffnet</title></head><body><article>"
    "<h1>Neue Brücke eröffnet</h1><p>Die neue Brücke über den Fluss ist seit Montag für den "
    "Verkehr freigegeben, teilte die Stadtverwaltung mit. Die Bauarbeiten hatten zwei Jahre "
    "gedauert und kosteten rund zwölf Millionen Euro.</p></article></body></html>"
)


def test_gzipped_html_text_and_jsonl_in_a_folder(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "page.html.gz").write_bytes(gzip.compress(_PAGE.encode("utf-8")))
    (tmp_path / "note.txt.gz").write_bytes(gzip.compress("Ein kurzer Text.".encode("cp1252")))
    lines = [json.dumps({"id": f"j{i}", "text": f"Meldung {i}."}) for i in range(2)]
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(read_paths([str(tmp_path)]))
    assert not [i for i in items if isinstance(i, InputFailure)]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == ["page"] and b"Neue Br" in docs[0].data
    texts = {i.id: i.text for i in items if isinstance(i, Article)}
    assert texts == {"note": "Ein kurzer Text.", "j0": "Meldung 0.", "j1": "Meldung 1."}


def test_gzip_bomb_and_broken_gzip_are_refused_alone(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 2_000_000))
    good = gzip.compress(b"Zweiter Text, der gelesen wird.")
    (tmp_path / "cut.txt.gz").write_bytes(good[: len(good) // 2])
    lines = "\n".join(json.dumps({"id": f"j{i}", "text": f"Meldung {i}."}) for i in range(500))
    packed = gzip.compress(lines.encode())
    (tmp_path / "part.jsonl.gz").write_bytes(packed[: len(packed) - 40])
    (tmp_path / "ok.txt.gz").write_bytes(good)
    items = list(read_paths([str(tmp_path)], max_bytes=100_000))
    failures = {Path(f.source).name: f.code for f in items if isinstance(f, InputFailure)}
    assert failures == {"bomb.txt.gz": "E103", "cut.txt.gz": "E119", "part.jsonl.gz": "E119"}
    ids = [i.id for i in items if isinstance(i, Article)]
    assert "ok" in ids and "j0" in ids  # the lines before the break are kept

"""`analyze` on a feed URL served by a local server: entries followed to their pages, stored
with the pages; a re-run asks with the stored validators and fetches nothing again; without
--allow-private nothing is requested from 127.0.0.1 at all."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from pressespiegel.cli import main
from pressespiegel.store import Database

TOWNS = ["Kleinhafen", "Oberwiesen", "Talbrück"]


def _page(n: int) -> bytes:
    town = TOWNS[n]
    paragraphs = "".join(
        f"<p>{sentence}</p>"
        for sentence in (
            f"In {town} hat der Gemeinderat am Dienstagabend einen neuen Haushalt beschlossen. "
            f"Für Schulen und Straßen stehen im kommenden Jahr {n + 2} Millionen Euro bereit.",
            f"Bürgermeister Jonas Albrecht sprach nach der Sitzung von einem tragfähigen "
            f"Kompromiss. Die Opposition kritisierte, dass die Bäder in {town} leer ausgingen.",
            "Die Beratungen hatten sich über drei Sitzungen hingezogen. Mehrere Anträge wurden "
            "vertagt, weil die Kosten noch nicht feststanden.",
        )
    )
    return (
        f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
        f"<title>Haushalt in {town} beschlossen</title></head><body>"
        f"<nav><a href='/'>Start</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>Haushalt in {town} beschlossen</h1>{paragraphs}</article>"
        f"<footer>Impressum · Datenschutz</footer></body></html>"
    ).encode()


class _Site(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str | None]]] = []  # (path, If-None-Match) of each
    agents: ClassVar[set[str]] = set()
    base = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        _Site.requests.append((self.path, self.headers.get("If-None-Match")))
        _Site.agents.add(self.headers.get("User-Agent", ""))
        if self.path == "/feed.xml":
            body, ctype, tag = self._feed(), "application/rss+xml", '"feed-1"'
        elif self.path.startswith("/artikel/"):
            n = int(self.path.rsplit("/", 1)[1])
            body, ctype, tag = _page(n), "text/html; charset=utf-8", f'"page-{n}"'
        else:
            self.send_response(404)
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _feed(self) -> bytes:
        items = "".join(
            f"<item><title>Haushalt in {town}</title><link>{_Site.base}/artikel/{n}</link>"
            f"<pubDate>Tue, 0{n + 1} Oct 2024 18:00:00 GMT</pubDate>"
            f"<description>Kurz: der Rat hat entschieden.</description></item>"
            for n, town in enumerate(TOWNS)
        )
        return (
            f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Lokales</title><link>{_Site.base}/</link>{items}</channel></rss>"
        ).encode()


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    _Site.base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.requests = []
    _Site.agents = set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Site.base
    server.shutdown()
    server.server_close()


def _analyze(tmp_path: Path, url: str, *extra: str) -> int:
    return main(
        [
            "analyze",
            url,
            "--db",
            str(tmp_path / "p.db"),
            "--out",
            str(tmp_path / "out"),
            "-q",
            "--fetch-delay",
            "0",
            *extra,
        ]
    )


def test_a_feed_url_is_followed_to_its_articles_and_a_rerun_fetches_nothing_again(
    tmp_path: Path, site: str
) -> None:
    assert (
        _analyze(
            tmp_path, f"{site}/feed.xml", "--allow-private", "--contact", "redaktion@example.org"
        )
        == 0
    )
    (agent,) = _Site.agents
    assert agent.startswith("pressespiegel/") and "+redaktion@example.org)" in agent
    with Database(tmp_path / "p.db") as db:
        articles = {a.id: a for a in db.articles()}
        assert sorted(articles) == [f"{site}/artikel/{n}" for n in range(3)]
        first = articles[f"{site}/artikel/0"]
        assert first.title == "Haushalt in Kleinhafen beschlossen"
        assert first.published == "2024-10-01"  # from the feed: the page states no date
        assert "Impressum" not in first.text and "Gemeinderat" in first.text
        stored = db.original(first.id)
        assert stored is not None and stored[1] == _page(0)
        assert db.errors() == []
    assert [path for path, _ in _Site.requests] == [
        "/feed.xml",
        "/artikel/0",
        "/artikel/1",
        "/artikel/2",
    ]

    _Site.requests.clear()
    assert _analyze(tmp_path, f"{site}/feed.xml", "--allow-private") == 0
    # Every request of the re-run is conditional, and every answer was 304: nothing re-read.
    assert _Site.requests == [("/feed.xml", '"feed-1"')] + [
        (f"/artikel/{n}", f'"page-{n}"') for n in range(3)
    ]
    with Database(tmp_path / "p.db") as db:
        assert db.count() == 3


def test_without_the_allowance_nothing_is_requested_from_the_local_network(
    tmp_path: Path, site: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _analyze(tmp_path, f"{site}/feed.xml") == 1
    assert _Site.requests == []
    capsys.readouterr()
    assert main(["errors", "--db", str(tmp_path / "p.db"), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["source"], r["code"]) for r in rows] == [(f"{site}/feed.xml", "E114")]
    assert "127.0.0.1" in rows[0]["message"] and "--allow-private" in rows[0]["message"]


def test_no_fetch_refuses_urls_without_touching_the_network(tmp_path: Path, site: str) -> None:
    assert _analyze(tmp_path, f"{site}/feed.xml", "--no-fetch", "--allow-private") == 1
    assert _Site.requests == []
    with Database(tmp_path / "p.db") as db:
        assert [e.code for e in db.errors()] == ["E113"]

"""WARC archives: HTML responses become documents, everything else is passed over or refused
with an error naming the record, and broken archives never raise."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pressespiegel.ingest import Document, InputFailure, Item, read_paths
from pressespiegel.ingest.warc import parse_content_type, read_warc_stream

SITE = "https://www.oberwippra-bote.example"

STORY = (
    "Die Freiwillige Feuerwehr Oberwippra ist in der Nacht zum Sonntag zu einem Scheunenbrand "
    "am Ortsrand ausgerückt. Als die ersten Kräfte eintrafen, stand das Dach bereits in hellen "
    "Flammen. Verletzt wurde nach Angaben der Polizei niemand.",
    "„Wir konnten ein Übergreifen auf das Wohnhaus gerade noch verhindern“, sagte "
    "Einsatzleiter Bernd Krautwurst. Rund 60 Feuerwehrleute aus vier Ortswehren waren bis in "
    "den Morgen im Einsatz. Das Löschwasser musste aus einem Teich gepumpt werden.",
    "Den Schaden schätzt die Polizei auf etwa 150.000 Euro. In der Scheune lagerten Heu und "
    "landwirtschaftliche Maschinen. Die Brandursache ist noch unklar, ein Gutachter soll die "
    "Brandstelle am Montag untersuchen.",
)


def page(
    headline: str = "Scheune in Oberwippra abgebrannt", *, charset: str = "utf-8", padding: int = 0
) -> str:
    """A news page with menu and footer; ``padding`` adds about that many characters of inline
    script, which extraction ignores (random hex, so that gzip cannot shrink it away)."""
    paras = "\n".join(f"<p>{p}</p>" for p in STORY)
    script = (
        f"<script>var tracking = '{os.urandom(padding // 2).hex()}';</script>" if padding else ""
    )
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="{charset}">
<title>{headline} | Oberwippra-Bote</title>
<meta property="og:site_name" content="Oberwippra-Bote">{script}</head><body>
<header><nav><a href="/">Startseite</a> <a href="/lokales">Lokales</a>
<a href="/polizei">Blaulicht</a></nav></header>
<main><article><h1>{headline}</h1>
{paras}
</article></main>
<footer><p>© Oberwippra-Bote. Alle Rechte vorbehalten.</p><a href="/impressum">Impressum</a>
</footer></body></html>"""


class Warc:
    """Writes records with warcio, the way crawlers do."""

    def __init__(self, fh: io.BufferedWriter, gzip: bool) -> None:
        self.w = WARCWriter(fh, gzip=gzip)

    def warcinfo(self, name: str) -> None:
        self.w.write_record(
            self.w.create_warcinfo_record(
                name, {"software": "pressespiegel-tests", "format": "WARC File Format 1.1"}
            )
        )

    def request(self, uri: str) -> None:
        http = StatusAndHeaders(
            f"GET {uri} HTTP/1.1",
            [("Host", "example"), ("User-Agent", "test")],
            is_http_request=True,
        )
        self.w.write_record(self.w.create_warc_record(uri, "request", http_headers=http))

    def response(
        self,
        uri: str,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        status: str = "200 OK",
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        http = StatusAndHeaders(
            status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1"
        )
        self.w.write_record(
            self.w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        )

    def metadata(self, uri: str) -> None:
        self.w.write_record(
            self.w.create_warc_record(
                uri,
                "metadata",
                payload=io.BytesIO(b"via: https://www.oberwippra-bote.example/\n"),
                warc_content_type="application/warc-fields",
            )
        )


LIMIT = 20_000


def write_mixed(path: Path, gzip: bool) -> None:
    """Eleven records: two good HTML pages (records 3 and 11) among everything else."""
    with path.open("wb") as fh:
        w = Warc(fh, gzip)
        w.warcinfo(path.name)  # 1
        w.request(f"{SITE}/brand")  # 2
        w.response(f"{SITE}/brand", page().encode())  # 3
        w.request(f"{SITE}/alt")  # 4
        w.response(
            f"{SITE}/alt",
            b"",
            content_type="text/html",  # 5
            status="301 Moved Permanently",
            headers=[("Location", f"{SITE}/brand")],
        )
        w.response(
            f"{SITE}/bild.png",
            b"\x89PNG\r\n\x1a\n" + bytes(500),  # 6
            content_type="image/png",
        )
        w.metadata(f"{SITE}/brand")  # 7
        w.response(f"{SITE}/riesig", page(padding=3 * LIMIT).encode())  # 8
        w.response(
            f"{SITE}/fehlt",
            page("Seite nicht gefunden").encode(),  # 9
            status="404 Not Found",
        )
        w.request(f"{SITE}/umlaute")  # 10
        w.response(
            f"{SITE}/umlaute",  # 11
            page("Brand in Oberwippra: Schaden größer", charset="koi8-r").encode("cp1252"),
            content_type="text/html; charset=windows-1252",
        )


def _summary(items: list[Item]) -> list[tuple[str, str]]:
    return [
        (f"!{i.code}", i.source) if isinstance(i, InputFailure) else (i.id, i.source) for i in items
    ]


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_html_responses_become_documents_and_the_rest_is_passed_over(
    tmp_path: Path, gzip: bool
) -> None:
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_mixed(warc, gzip)
    items = list(read_paths([str(warc)], max_bytes=LIMIT))
    assert _summary(items) == [
        (f"{SITE}/brand", f"{warc}#3 ({SITE}/brand)"),
        ("!E103", f"{warc}#8"),
        (f"{SITE}/umlaute", f"{warc}#11 ({SITE}/umlaute)"),
    ]
    brand, big, umlaute = items
    assert isinstance(brand, Document) and isinstance(umlaute, Document)
    assert brand.url == f"{SITE}/brand" and brand.data == page().encode()
    assert brand.charset == "utf-8"
    assert isinstance(big, InputFailure) and f"{SITE}/riesig" in big.message
    art = brand.to_article()
    assert art.title == "Scheune in Oberwippra abgebrannt" and STORY[1] in art.text
    assert art.original is not None and art.original.url == f"{SITE}/brand"


def test_charset_from_the_http_header_reaches_the_document(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_mixed(warc, gzip=True)
    doc = list(read_paths([str(warc)], max_bytes=LIMIT))[-1]
    assert isinstance(doc, Document) and doc.charset == "windows-1252"
    # The page's own meta says koi8-r; the server's charset is the one that decodes it right.
    art = doc.to_article()
    assert art.title == "Brand in Oberwippra: Schaden größer"
    assert "„Wir konnten ein Übergreifen auf das Wohnhaus" in art.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('Text/HTML;Charset="ISO-8859-1"', ("text/html", "iso-8859-1")),
        ("application/xhtml+xml", ("application/xhtml+xml", None)),
        ("", ("", None)),
        (None, ("", None)),
    ],
)
def test_parse_content_type(value: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(value) == expected


def _offsets(path: Path) -> list[int]:
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        return [records.get_record_offset() for _ in records]


def _pages_warc(path: Path, n: int, gzip: bool, padding: int = 0) -> None:
    with path.open("wb") as fh:
        w = Warc(fh, gzip)
        for i in range(1, n + 1):
            w.response(
                f"{SITE}/seite-{i}",
                page(f"Meldung Nummer {i} aus Oberwippra", padding=padding).encode(),
            )


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_truncated_warc_yields_the_records_before_it_then_bad_warc(
    tmp_path: Path, gzip: bool
) -> None:
    whole = tmp_path / ("whole.warc.gz" if gzip else "whole.warc")
    _pages_warc(whole, 4, gzip)
    offsets = _offsets(whole)
    assert len(offsets) == 4
    cut = (offsets[2] + offsets[3]) // 2  # the middle of the third record's page
    broken = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    broken.write_bytes(whole.read_bytes()[:cut])
    items = list(read_paths([str(broken)]))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "InputFailure"]
    assert [i.id for i in items[:2]] == [f"{SITE}/seite-1", f"{SITE}/seite-2"]
    failure = items[2]
    assert isinstance(failure, InputFailure) and failure.code == "E112"
    assert str(broken) in failure.message


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_truncated_warc_never_raises_and_keeps_the_whole_records(
    tmp_path: Path, gzip: bool
) -> None:
    whole = tmp_path / ("whole.warc.gz" if gzip else "whole.warc")
    _pages_warc(whole, 4, gzip)
    offsets = _offsets(whole)
    data = whole.read_bytes()
    for cut in range(offsets[2] + 1, offsets[3], max(1, (offsets[3] - offsets[2]) // 7)):
        broken = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
        broken.write_bytes(data[:cut])
        items = list(read_paths([str(broken)]))
        assert [i.id for i in items[:2]] == [f"{SITE}/seite-1", f"{SITE}/seite-2"]
        assert all(isinstance(i, Document) for i in items[:2])
        assert f"{SITE}/seite-4" not in [i.id for i in items]


def _corrupt_third_record(tmp_path: Path, gzip: bool) -> Path:
    """Four pages; eight bytes of the third record's start overwritten (its WARC header, or
    its gzip member's header)."""
    whole = tmp_path / ("whole.warc.gz" if gzip else "whole.warc")
    _pages_warc(whole, 4, gzip)
    at = _offsets(whole)[2] + 5
    data = bytearray(whole.read_bytes())
    data[at : at + 8] = b"\x00\xff\x13\x37garb"
    broken = tmp_path / ("kaputt.warc.gz" if gzip else "kaputt.warc")
    broken.write_bytes(bytes(data))
    return broken


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_corrupt_record_stops_the_archive_after_the_records_before_it(
    tmp_path: Path, gzip: bool
) -> None:
    broken = _corrupt_third_record(tmp_path, gzip)
    items = list(read_paths([str(broken)]))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "InputFailure"]
    assert [i.id for i in items[:2]] == [f"{SITE}/seite-1", f"{SITE}/seite-2"]
    failure = items[2]
    assert isinstance(failure, InputFailure) and failure.code == "E112"
    assert str(broken) in failure.message and "records before it were read" in failure.message


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_corrupt_record_failure_names_the_broken_record(tmp_path: Path, gzip: bool) -> None:
    broken = _corrupt_third_record(tmp_path, gzip)
    failure = list(read_paths([str(broken)]))[-1]
    assert isinstance(failure, InputFailure)
    assert failure.source == f"{broken}#3"
    assert f"{broken}#3:" in failure.message


def test_content_and_transfer_encodings_are_undone(tmp_path: Path) -> None:
    import gzip as gz

    body = page().encode()
    chunked = (
        b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:1000], body[1000:]))
        + b"0\r\n\r\n"
    )
    warc = tmp_path / "kodiert.warc.gz"
    with warc.open("wb") as fh:
        w = Warc(fh, gzip=True)
        w.response(f"{SITE}/gz", gz.compress(body), headers=[("Content-Encoding", "gzip")])
        w.response(f"{SITE}/chunked", chunked, headers=[("Transfer-Encoding", "chunked")])
    items = list(read_paths([str(warc)]))
    assert [i.id for i in items] == [f"{SITE}/gz", f"{SITE}/chunked"]
    for item in items:
        assert isinstance(item, Document) and item.data == body


@pytest.mark.parametrize("name", ["x.warc.gz", "x.warc", "x.arc.gz"])
def test_random_bytes_are_one_bad_warc_failure(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes((i * 73 + 41) % 256 for i in range(4096)) + os.urandom(4096))
    items = list(read_paths([str(path)]))
    assert len(items) == 1
    assert isinstance(items[0], InputFailure) and items[0].code == "E112"
    assert str(path) in items[0].message


@pytest.mark.parametrize("name", ["leer.warc", "leer.warc.gz"])
def test_empty_warc_is_a_failure(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    items = list(read_paths([str(path)]))
    assert len(items) == 1 and isinstance(items[0], InputFailure)
    assert items[0].code == "E112" and str(path) in items[0].message


def test_warc_in_a_folder_is_read(tmp_path: Path) -> None:
    write_mixed(tmp_path / "crawl.warc.gz", gzip=True)
    (tmp_path / "liesmich.md").write_text("Archiv vom Mai.", encoding="utf-8")
    ids = [i.id for i in read_paths([str(tmp_path)], max_bytes=LIMIT) if isinstance(i, Document)]
    assert ids == [f"{SITE}/brand", f"{SITE}/umlaute"]


class CountingReader(io.RawIOBase):
    """A file that counts how many bytes were taken from it."""

    def __init__(self, path: Path) -> None:
        self.fh = path.open("rb")
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = self.fh.readinto(buffer)
        self.taken += n or 0
        return n or 0

    def close(self) -> None:
        self.fh.close()
        super().close()


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_warc_is_read_lazily(tmp_path: Path, gzip: bool) -> None:
    warc = tmp_path / ("many.warc.gz" if gzip else "many.warc")
    _pages_warc(warc, 300, gzip, padding=20_000)
    size = warc.stat().st_size
    items = read_paths([str(warc)])
    first = next(items)
    items.close()  # the rest is never read
    assert isinstance(first, Document) and first.id == f"{SITE}/seite-1"
    raw = CountingReader(warc)
    stream = read_warc_stream(raw, str(warc))
    item = next(stream)
    assert isinstance(item, Document) and item.id == f"{SITE}/seite-1"
    # One record plus read-ahead buffers, not the archive (300 records of 20+ kB).
    assert raw.taken < size / 20, (raw.taken, size)
    rest = sum(1 for _ in stream)
    assert rest == 299 and raw.taken == size
    raw.close()

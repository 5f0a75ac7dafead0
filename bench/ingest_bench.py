"""Quality and speed of the HTML main-text extractors, and speed of the two WARC readers.

    .venv/bin/python bench/ingest_bench.py [--limit N] [--records N] [--repeat N]
                                           [--only extractors|warc] [--data DIR] [--json]

Extractors: every extractor that imports here turns each page of the English news benchmark
(``../shared/data/extraction_en/``, 181 pages with the gold article body) into plain text. The
text is scored with ``eval/extraction_en.py``'s own ``page_score`` (4-token shingles, precision
and recall averaged over pages, F1 of the averages), and the extraction alone is timed with
``time.perf_counter`` over all pages, in this one process on one core, after a warm-up call on
the first page (imports, caches). An exception on a page counts as empty output and is counted.
An extractor that cannot be imported gets a row saying why instead of numbers.

* ``trafilatura``: ``trafilatura.extract(html, url=url, include_comments=False)``, the default.
* ``trafilatura fast``: the same with ``fast=True`` (no fallback extractors).
* ``trafilatura + metadata``: ``bare_extraction(..., with_metadata=True)``'s ``.text``, the call
  our ingest makes (the metadata costs time too).
* ``pressespiegel``: our own path, ``html_to_article`` then the clean stage
  (``extraction_en.ours``).
* ``trafilaturacore``: its public ``clean()`` (balanced boilerplate removal, comments and images
  excluded) returns cleaned HTML, turned into text here with lxml, one line per block element.
  ``clean()`` always extracts the page's metadata as well (there is no switch for it), which is
  part of its time; it has no plain-text output of its own.
* ``resiliparse``: ``extract_plain_text(HTMLTree.parse(text), main_content=True)`` on the bytes
  decoded with resiliparse's own encoding detection, with ``comments=False`` and
  ``alt_texts=False`` so that, like trafilatura, it leaves out user comments and image alt texts;
  ``resiliparse defaults`` is the same call with the library's defaults (both kept).
* ``rs-trafilatura``: the Rust port, if it imports (it does not build here).

WARC readers: a temporary WARC is written with warcio holding ``--records`` HTML responses
cycling through the benchmark's pages, with a request and a metadata record beside each and a
plain-text response (robots.txt) after every tenth, as crawl archives have them; once gzipped
per record (as Common Crawl publishes them) and once plain. warcio and fastwarc each read both
files, keep the responses whose HTTP Content-Type is HTML and read their payloads fully; the
best of ``--repeat`` runs is reported as records/s and MB/s of payload (the files are in the page
cache then: this measures parsing and decompression, not the disk). The two readers must agree
on the number of HTML responses and their total payload bytes (OK or MISMATCH).

Exits 2 when the benchmark data is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import extraction_en  # noqa: E402
from _shared import shared_dir  # noqa: E402
from extraction_en import Page, Score, load, page_score  # noqa: E402

PACKAGES = (
    "trafilatura",
    "trafilaturacore",
    "resiliparse",
    "fastwarc",
    "warcio",
    "lxml",
    "htmldate",
    "rs-trafilatura",
    "trafipy",
)

Extract = Callable[[bytes, str], str]


# --------------------------------------------------------------------------------- extractors


def _trafilatura(**kwargs: Any) -> Extract:
    import trafilatura

    def run(html: bytes, url: str) -> str:
        return trafilatura.extract(html, url=url or None, include_comments=False, **kwargs) or ""

    return run


def _trafilatura_metadata() -> Extract:
    import trafilatura

    def run(html: bytes, url: str) -> str:
        doc = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False
        )
        return (doc.text or "") if doc is not None else ""

    return run


def _pressespiegel() -> Extract:
    def run(html: bytes, url: str) -> str:
        return extraction_en.ours(Page("bench", url, html, ""))

    return run


# Elements after which a line ends when trafilaturacore's HTML is turned into text.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "pre",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "header",
        "footer",
        "main",
        "aside",
        "br",
        "hr",
    }
)


def _trafilaturacore() -> Extract:
    import lxml.html
    from trafilaturacore import clean

    def to_text(fragment: str) -> str:
        if not fragment.strip():
            return ""
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag in _BLOCKS:
                el.tail = "\n" + (el.tail or "")
        lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
        return "\n".join(line for line in lines if line)

    def run(html: bytes, url: str) -> str:
        ok_url = url if urlsplit(url).scheme in ("http", "https") else None
        result = clean(html, url=ok_url, comment_handling="exclude", image_handling="exclude")
        return to_text(result.html)

    return run


def _resiliparse(**options: Any) -> Extract:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(html: bytes, url: str) -> str:
        text = bytes_to_str(html, detect_encoding(html) or "utf-8")
        return extract_plain_text(HTMLTree.parse(text), main_content=True, **options)

    return run


_RS_WHY = (
    "sdist only on the package index; its Rust build needs crates.io, which this "
    "machine cannot reach, and the wheel-based trafipy needs Python >= 3.12"
)


def _rs_trafilatura() -> Extract:
    try:
        import rs_trafilatura as rs  # type: ignore[import-not-found]
    except ImportError as exc:
        try:
            import trafipy as rs  # type: ignore[import-not-found]
        except ImportError:
            raise ImportError(f"{_RS_WHY} ({exc})") from None
    extract = getattr(rs, "extract", None) or getattr(rs, "extract_text", None)
    if extract is None:
        raise ImportError(f"{rs.__name__} has no extract() function")

    def run(html: bytes, url: str) -> str:
        out = extract(html.decode("utf-8", errors="replace"))
        if out is None or isinstance(out, str):
            return out or ""
        for name in ("text", "content_text", "main_content", "content"):
            value = getattr(out, name, None)
            if isinstance(value, str):
                return value
        return str(out)

    return run


EXTRACTORS: dict[str, Callable[[], Extract]] = {
    "trafilatura": _trafilatura,
    "trafilatura fast": lambda: _trafilatura(fast=True),
    "trafilatura + metadata": _trafilatura_metadata,
    "pressespiegel": _pressespiegel,
    "trafilaturacore": _trafilaturacore,
    "resiliparse": lambda: _resiliparse(comments=False, alt_texts=False),
    "resiliparse defaults": _resiliparse,
    "rs-trafilatura": _rs_trafilatura,
}


@dataclass
class ExtractorResult:
    name: str
    missing: str | None = None
    pages: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    seconds: float = 0.0
    pages_per_s: float = 0.0
    ms_per_page: float = 0.0
    empty: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)


def run_extractor(name: str, make: Callable[[], Extract], pages: list[Page]) -> ExtractorResult:
    try:
        func = make()
    except ImportError as exc:
        return ExtractorResult(name, missing=f"not installable here: {exc}")
    with contextlib.suppress(Exception):  # an exception here is counted in the timed pass
        func(pages[0].html, pages[0].url)  # warm-up: imports, caches, lazily built configs
    res = ExtractorResult(name, pages=len(pages))
    outputs: list[str] = []
    total = 0.0
    for page in pages:
        t0 = time.perf_counter()
        try:
            text = func(page.html, page.url)
        except Exception as exc:  # any failure is empty output for that page
            text = ""
            res.errors += 1
            kind = type(exc).__name__
            res.error_kinds[kind] = res.error_kinds.get(kind, 0) + 1
        total += time.perf_counter() - t0
        outputs.append(text)
    scores: list[Score] = [page_score(p.gold, text) for p, text in zip(pages, outputs, strict=True)]
    res.precision = sum(s.precision for s in scores) / len(scores)
    res.recall = sum(s.recall for s in scores) / len(scores)
    res.f1 = Score(res.precision, res.recall).f1
    res.empty = sum(1 for text in outputs if not text.strip())
    res.seconds = total
    res.pages_per_s = len(pages) / max(total, 1e-9)
    res.ms_per_page = 1000 * total / len(pages)
    return res


# ------------------------------------------------------------------------------- WARC readers

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def write_warc(path: Path, pages: list[Page], records: int, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(
            writer.create_warcinfo_record(
                path.name,
                {
                    "software": "pressespiegel bench/ingest_bench.py",
                    "format": "WARC File Format 1.0",
                },
            )
        )
        for i in range(records):
            page = pages[i % len(pages)]
            base = page.url or f"http://example.invalid/{page.id}"
            uri = f"{base}{'&' if '?' in base else '?'}n={i}"
            parts = urlsplit(uri)
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            request = StatusAndHeaders(
                f"GET {target} HTTP/1.1",
                [
                    ("Host", parts.netloc),
                    ("User-Agent", "pressespiegel-bench/1.0"),
                    ("Accept", "text/html,application/xhtml+xml"),
                ],
                is_http_request=True,
            )
            writer.write_record(
                writer.create_warc_record(
                    uri, "request", payload=BytesIO(b""), http_headers=request
                )
            )
            response = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(page.html))),
                ],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=BytesIO(page.html), http_headers=response
                )
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "metadata",
                    payload=BytesIO(b"fetchTimeMs: 120\ncharset-detected: UTF-8\n"),
                    warc_content_type="application/warc-fields",
                )
            )
            if i % 10 == 9:  # something that is a response but not HTML
                robots = f"{parts.scheme}://{parts.netloc}/robots.txt?n={i}"
                body = b"User-agent: *\nDisallow: /private/\n"
                plain = StatusAndHeaders(
                    "200 OK",
                    [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))],
                    protocol="HTTP/1.1",
                )
                writer.write_record(
                    writer.create_warc_record(
                        robots, "response", payload=BytesIO(body), http_headers=plain
                    )
                )


def read_warcio(path: Path) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    count = size = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if not _is_html(record.http_headers.get_header("Content-Type")):
                continue
            size += len(record.content_stream().read())
            count += 1
    return count, size


def read_fastwarc(path: Path) -> tuple[int, int]:
    # fastwarc 2 detects gzip (and other compressions) itself (stream_detect=True) and reads
    # a path with its own native file reader.
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = size = 0
    for record in ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True):
        if not _is_html(record.http_content_type):
            continue
        size += len(record.reader.read())
        count += 1
    return count, size


READERS: dict[str, Callable[[Path], tuple[int, int]]] = {
    "warcio": read_warcio,
    "fastwarc": read_fastwarc,
}


def run_warc(pages: list[Page], records: int, repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {"html_records_written": records, "readers": [], "files": {}}
    with tempfile.TemporaryDirectory(prefix="ingest_bench_") as tmp:
        files = {"gz": Path(tmp) / "bench.warc.gz", "plain": Path(tmp) / "bench.warc"}
        t0 = time.perf_counter()
        for kind, path in files.items():
            write_warc(path, pages, records, gz=kind == "gz")
            out["files"][kind] = {"bytes": path.stat().st_size}
        out["write_s"] = time.perf_counter() - t0
        seen: dict[str, dict[str, tuple[int, int]]] = {}
        for kind, path in files.items():
            for reader, read in READERS.items():
                best = float("inf")
                got = (0, 0)
                error = None
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    try:
                        got = read(path)
                    except Exception as exc:
                        error = f"{type(exc).__name__}: {exc}"
                        break
                    best = min(best, time.perf_counter() - t0)
                row: dict[str, Any] = {
                    "reader": reader,
                    "file": kind,
                    "records": got[0],
                    "payload_bytes": got[1],
                }
                if error:
                    row["error"] = error
                else:
                    row.update(
                        seconds=best,
                        records_per_s=got[0] / max(best, 1e-9),
                        mb_per_s=got[1] / 1e6 / max(best, 1e-9),
                    )
                    seen.setdefault(kind, {})[reader] = got
                out["readers"].append(row)
        out["agree"] = {
            kind: len(set(by.values())) == 1 and len(by) == len(READERS)
            for kind, by in seen.items()
        }
        out["agree"]["across files"] = len({g for by in seen.values() for g in by.values()}) == 1
    return out


# ----------------------------------------------------------------------------------- report


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def print_extractors(rows: list[ExtractorResult], pages: int) -> None:
    print(
        f"main-text extraction: {pages} English news pages, 4-token shingles, mean over pages, "
        "one core, warm"
    )
    header = (
        f"{'extractor':<24} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8} {'ms/page':>8} "
        f"{'empty':>6} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        if r.missing:
            print(f"{r.name:<24} {r.missing}")
            continue
        print(
            f"{r.name:<24} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} "
            f"{r.pages_per_s:8.1f} {r.ms_per_page:8.1f} {r.empty:>6} {r.errors:>6}"
        )
    for r in rows:
        if r.error_kinds:
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(r.error_kinds.items()))
            print(f"  {r.name}: exceptions on {r.errors} pages ({kinds})")


def print_warc(w: dict[str, Any]) -> None:
    sizes = ", ".join(f"{kind} {f['bytes'] / 1e6:.1f} MB" for kind, f in w["files"].items())
    print(
        f"WARC readers: {w['html_records_written']} HTML responses (+ requests, metadata, "
        f"robots.txt responses); files {sizes}; written in {w['write_s']:.1f} s; "
        f"best of {w['repeat']}"
    )
    header = (
        f"{'reader':<10} {'file':<6} {'records':>8} {'payload MB':>11} {'s':>7} "
        f"{'records/s':>10} {'MB/s':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in w["readers"]:
        lead = (
            f"{r['reader']:<10} {r['file']:<6} {r['records']:>8} {r['payload_bytes'] / 1e6:>11.1f}"
        )
        if "error" in r:
            print(f"{lead}  failed: {r['error']}")
        else:
            print(f"{lead} {r['seconds']:>7.2f} {r['records_per_s']:>10.0f} {r['mb_per_s']:>8.1f}")
    for kind, ok in w["agree"].items():
        what = (
            "same HTML responses and payload bytes"
            if kind != "across files"
            else "gz and plain give the same"
        )
        print(f"{kind:<12} {what}: {'OK' if ok else 'MISMATCH'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=None,
        help="the extraction_en folder (default: ../shared/data/extraction_en)",
    )
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    ap.add_argument(
        "--records", type=int, default=2000, help="HTML responses in the test WARC (default 2000)"
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="read each WARC this many times and keep the best (default 3)",
    )
    ap.add_argument("--only", choices=("extractors", "warc"), default=None)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")
    if args.records < 1 or args.repeat < 1:
        ap.error("--records and --repeat must be at least 1")
    folder = args.data or shared_dir() / "data" / "extraction_en"
    if not (folder / "ground-truth.json").exists():
        print(
            f"no extraction benchmark at {folder} (see ../shared/data/README.md)", file=sys.stderr
        )
        return 2
    pages = load(folder, args.limit)
    if not pages:
        print(f"no pages in {folder}", file=sys.stderr)
        return 2

    result: dict[str, Any] = {
        "data": str(folder),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "versions": versions(),
        "pages": len(pages),
    }
    if not args.json:
        print(f"data: {folder}  ({len(pages)} pages)")
        print(
            f"python {result['python']}, {result['cpus']} CPUs; "
            + ", ".join(f"{k} {v}" for k, v in result["versions"].items())
        )
        print()
    if args.only in (None, "extractors"):
        rows = [run_extractor(name, make, pages) for name, make in EXTRACTORS.items()]
        result["extractors"] = [vars(r) for r in rows]
        if not args.json:
            print_extractors(rows, len(pages))
            print()
    if args.only in (None, "warc"):
        warc = run_warc(pages, args.records, args.repeat)
        warc["repeat"] = args.repeat
        result["warc"] = warc
        if not args.json:
            print_warc(warc)
            print()
    result["loadavg_1min_end"] = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(
            f"1-min load average at the end: {result['loadavg_1min_end']} "
            "(numbers taken next to other busy processes are slower)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""WARC archives (plain or gzipped per record, as Common Crawl News publishes them).

Records are read one at a time from the open file, so an archive of any size streams in
constant memory. Only ``response`` records whose HTTP payload is HTML become documents;
requests, metadata, redirects and images are passed over. A payload over the size limit is
refused with a clear error and skipped without being read into memory. A broken archive stops
at the broken record with an error naming it; every record before it has been yielded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import E, InputError
from .decode import DEFAULT_MAX_BYTES
from .html import Document
from .items import InputFailure, Item

#: Payload media types read as HTML pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def read_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Documents (and failures naming the record) from one WARC file."""
    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputFailure(name, InputError(E.UNREADABLE, name=name, why=exc.strerror or exc))
        return
    with fh:
        yield from read_warc_stream(fh, name, max_bytes=max_bytes)


def read_warc_stream(stream: IO[bytes], name: str, *, max_bytes: int = DEFAULT_MAX_BYTES
                     ) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    where = f"{name}#1"
    records = iter(ArchiveIterator(stream, arc2warc=True))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises many kinds on a broken archive
            yield InputFailure(where, InputError(E.BAD_WARC, name=where,
                                                 why=_why(exc)))
            return
        count += 1
        where = f"{name}#{count}"
        try:
            item = _document(record, name, count, max_bytes)
        except InputError as exc:
            yield InputFailure(where, exc)
            continue
        except Exception as exc:
            yield InputFailure(where, InputError(E.BAD_WARC, name=where, why=_why(exc)))
            return
        if item is not None:
            yield item
    if count == 0:
        yield InputFailure(name, InputError(E.BAD_WARC, name=name, why="it holds no records"))


def _document(record: Any, name: str, number: int, max_bytes: int) -> Document | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    if status and not status.startswith("2"):
        return None  # redirects and errors carry no article
    media, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    if media and media not in HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    where = f"{name}#{number}" + (f" ({uri})" if uri else "")
    length = record.rec_headers.get_header("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes + 65536:
        raise InputError(E.TOO_LARGE, name=where, size=int(length), limit=max_bytes)
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(E.TOO_LARGE, name=where, size=len(data), limit=max_bytes)
    if not media and data.lstrip()[:1] != b"<":
        return None
    return Document(id=uri or f"{Path(name).name}#{number}", source=where, data=data, url=uri,
                    charset=charset)


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``"text/html; charset=UTF-8"``; ``("", None)`` if absent."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


__all__ = ["HTML_TYPES", "is_warc", "parse_content_type", "read_warc", "read_warc_stream"]

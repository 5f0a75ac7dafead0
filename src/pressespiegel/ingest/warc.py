"""WARC archives (plain or gzipped per record, as Common Crawl News publishes them).

Records are read one at a time from the open file, so an archive of any size streams in
constant memory. Only ``response`` records whose HTTP payload is HTML become documents;
requests, metadata, redirects and images are passed over. A payload over the size limit is
refused with a clear error and skipped without being read into memory. A broken archive stops
at the broken record with an error naming it; every record before it has been yielded.

Gzipped archives are decompressed here, member by member, in bounded steps, and warcio reads
the plain bytes; a file cut inside a member is recognised as cut. warcio reads header lines
whole, so a gzip bomb (a record declaring a small length followed by gigabytes of zeros) would
fill memory with one "line": its reader is given a line limit, and the bomb ends as a broken
record instead.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import E, InputError
from .decode import DEFAULT_MAX_BYTES
from .fetch import HTML_TYPES
from .html import Document
from .items import InputFailure, Item

#: The longest header line read (a URL in a header is at most a few kilobytes).
MAX_LINE = 1 << 20


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


def read_warc_stream(
    stream: IO[bytes], name: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    head = stream.read(2)
    plain: Any = _Gunzip(stream, head) if head == b"\x1f\x8b" else _Prefixed(stream, head)
    counted = _Counting(plain)
    archive = _quiet_iterator(counted)
    records = iter(archive)
    count = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises many kinds on a broken archive
            where = f"{name}#{count + 1}"  # the record it could not read
            yield InputFailure(where, InputError(E.BAD_WARC, name=where, why=_why(exc)))
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
        if isinstance(item, _Cut):
            yield InputFailure(
                where,
                InputError(
                    E.BAD_WARC,
                    name=where,
                    why=f"the record is cut short, {item.missing:,} bytes missing",
                ),
            )
            return
        if item is not None:
            yield item
    # warcio ends quietly when the file stops inside a record's headers (or a gzip member):
    # bytes left over after the last whole record mean the archive was cut or is broken there.
    try:
        left = counted.total() - archive.offset
        cut = isinstance(plain, _Gunzip) and plain.cut
    except Exception as exc:
        where = f"{name}#{count + 1}"
        yield InputFailure(where, InputError(E.BAD_WARC, name=where, why=_why(exc)))
        return
    if count == 0:
        yield InputFailure(name, InputError(E.BAD_WARC, name=name, why="it holds no records"))
    elif left > 0 or cut:
        where = f"{name}#{count + 1}"
        why = (
            "the file ends inside a gzip member"
            if cut and left <= 0
            else f"{left:,} bytes at the end are no whole record (the file is cut short or has "
            "garbage at its end)"
        )
        yield InputFailure(where, InputError(E.BAD_WARC, name=where, why=why))


def _quiet_iterator(stream: Any) -> Any:
    from warcio.archiveiterator import ArchiveIterator

    class Quiet(ArchiveIterator):
        # warcio writes the rest of a misplaced "line" to stderr when a Content-Length is
        # wrong; for a gzip bomb that is hundreds of megabytes on the user's terminal.
        INC_RECORD = ""

    archive = Quiet(stream, arc2warc=True)
    whole_line = archive.reader.readline

    def readline(length: int | None = None) -> bytes:
        return whole_line(min(length, MAX_LINE) if length else MAX_LINE)

    archive.reader.readline = readline
    return archive


class _Prefixed:
    """A stream with the bytes already read from its start put back."""

    def __init__(self, stream: IO[bytes], head: bytes) -> None:
        self._stream = stream
        self._head = head

    def read(self, size: int = -1) -> bytes:
        if self._head:
            data = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(data) :]
            if size < 0:
                return data + self._stream.read()
            return data + (self._stream.read(size - len(data)) if size > len(data) else b"")
        return self._stream.read(size)


class _Gunzip:
    """Gzip members decompressed one after the other, at most one read's worth at a time."""

    def __init__(self, stream: IO[bytes], head: bytes) -> None:
        self._stream = stream
        self._pending = head
        self._member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._started = bool(head)
        self.cut = False  # the file ended inside a member

    def read(self, size: int = -1) -> bytes:
        want = size if size > 0 else 1 << 16
        while True:
            if self._member.eof:
                rest = self._member.unused_data
                self._member = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._started = False
                self._pending = rest + self._pending
            data = self._member.unconsumed_tail
            if not data:
                data = self._pending or self._stream.read(1 << 16)
                self._pending = b""
            if not data:
                self.cut = self._started and not self._member.eof
                return b""
            self._started = True
            out = self._member.decompress(data, want)
            if out:
                return out


class _Counting:
    """A read-only stream that counts the bytes it hands out (warcio reads ahead)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.read_bytes += len(data)
        return data

    def tell(self) -> int:  # warcio asks when it warns about a wrong Content-Length
        return self.read_bytes

    def total(self) -> int:
        """Every byte of the stream: those read so far and the rest, read through now."""
        while chunk := self._stream.read(1 << 20):
            self.read_bytes += len(chunk)
        return self.read_bytes


class _Cut:
    """A record whose payload ends before its declared length: the file is cut inside it."""

    def __init__(self, missing: int) -> None:
        self.missing = missing


def _document(record: Any, name: str, number: int, max_bytes: int) -> Document | _Cut | None:
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    where = f"{name}#{number}" + (f" ({uri[:200]})" if uri else "")
    headers, payload = record.http_headers, None
    if headers is None:
        declared = (record.rec_headers.get_header("Content-Type") or "").lower()
        if not declared.startswith("application/http"):
            return None  # dns:, whois: and other records that carry no web page
        # warcio parses the HTTP headers only when the target URI is http(s); a missing or
        # odd URI must not make a page vanish without a word.
        headers, payload = _http_headers(record, where), record.raw_stream
    status = headers.get_statuscode()
    if status and not status.startswith("2"):
        return None  # redirects and errors carry no article
    media, charset = parse_content_type(headers.get_header("Content-Type"))
    if media and media not in HTML_TYPES:
        return None
    length = record.rec_headers.get_header("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes + 65536:
        raise InputError(E.TOO_LARGE, name=where, size=int(length), limit=max_bytes)
    data = (payload or record.content_stream()).read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(E.TOO_LARGE, name=where, size=len(data), limit=max_bytes)
    # Bytes the record declares but the payload reader left: harmless when they are there
    # (junk after a compressed payload), a cut file when the stream has nothing left.
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0 and not record.raw_stream.read(1):
        return _Cut(missing)
    if not media and data.lstrip()[:1] != b"<":
        return None
    url = uri if uri and uri.lower().startswith(("http://", "https://")) else None
    return Document(
        id=url or f"{Path(name).name}#{number}", source=where, data=data, url=url, charset=charset
    )


def _http_headers(record: Any, where: str) -> Any:
    from warcio.statusandheaders import StatusAndHeadersParser

    try:
        return StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False).parse(
            record.raw_stream
        )
    except Exception as exc:
        raise InputError(
            E.BAD_WARC_RECORD, name=where, why=f"no HTTP response headers: {_why(exc)}"
        ) from None


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


__all__ = ["is_warc", "parse_content_type", "read_warc", "read_warc_stream"]

"""Where articles come from: text and HTML files, feeds, WARC archives, URLs, folders of them,
JSON Lines, standard input.

Every input ends as an :class:`~pressespiegel.model.Article`, a
:class:`~pressespiegel.ingest.html.Document` (an HTML page whose text is extracted later, in
the batch) or an :class:`InputFailure` that names it and says what is wrong; one bad file, line,
record or URL never stops the others.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from ..errors import E, InputError
from ..model import Article, ArticleError
from .decode import DEFAULT_MAX_BYTES, decode_bytes, normalize_text, scrub
from .feeds import looks_like_feed
from .html import Document
from .items import InputFailure, Item
from .warc import is_warc, read_warc
from .web import FetchCache, is_url, read_feed, read_url

if TYPE_CHECKING:
    from .fetch import Fetcher

#: File name endings read from a folder; a file named on the command line is read whatever
#: its name (its kind then comes from its first bytes). Other files in a folder (README.md,
#: images) are left alone.
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
#: A file of one of these kinds may also come gzip-compressed (``page.html.gz``,
#: ``articles.jsonl.gz``); WARC has its own per-record gzip (:mod:`.warc`).
GZIP_SUFFIX = ".gz"
# What a broken or truncated gzip stream raises while it is read.
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def read_paths(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[bytes] | None = None,
    fetcher: Fetcher | None = None,
    cache: FetchCache | None = None,
) -> Iterator[Item]:
    """Articles from files, folders, URLs and ``-`` (standard input), in the order given.

    URLs, and feed entries that carry only a teaser, are fetched with ``fetcher``; without one
    they are refused with a clear error (nothing goes over the network unasked)."""
    for raw in paths:
        if is_url(raw):
            yield from read_url(raw, fetcher, cache, max_bytes=max_bytes)
            continue
        if raw == "-":
            if stdin is None:
                import sys

                stdin = sys.stdin.buffer
            yield from read_stream(stdin, "<stdin>", max_bytes=max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path, max_bytes, fetcher, cache)
        elif path.exists():
            yield from read_file(path, max_bytes=max_bytes, fetcher=fetcher, cache=cache)
        else:
            yield InputFailure(raw, InputError(E.NOT_FOUND, name=raw))


def _read_folder(
    folder: Path, max_bytes: int, fetcher: Fetcher | None, cache: FetchCache | None
) -> Iterator[Item]:
    known = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and (_inner_suffix(p) in known or is_warc(p))
    )
    if not files:
        yield InputFailure(str(folder), InputError(E.NO_TEXT_FILES, name=str(folder)))
        return
    stems = [_stem(p) for p in files]
    for p, stem in zip(files, stems, strict=True):
        # Ids are file stems; when two files in different sub-folders share a stem, the
        # relative path keeps them apart.
        rel = p.relative_to(folder).parent / stem
        ident = stem if stems.count(stem) == 1 else rel.as_posix()
        yield from read_file(p, max_bytes=max_bytes, ident=ident, fetcher=fetcher, cache=cache)


def read_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ident: str | None = None,
    fetcher: Fetcher | None = None,
    cache: FetchCache | None = None,
) -> Iterator[Item]:
    """One file: a text or HTML page (one article), a feed or a WARC archive (many), or JSON
    Lines (one article per line)."""
    name = str(path)
    if is_warc(path):
        yield from read_warc(path, max_bytes=max_bytes)
        return
    compressed = _is_gzip(path)
    stem = ident or _stem(path)
    if _inner_suffix(path) in JSONL_SUFFIXES:
        try:
            with path.open("rb") as raw:
                fh = cast(IO[bytes], gzip.GzipFile(fileobj=raw) if compressed else raw)
                yield from read_jsonl(fh, name, max_bytes=max_bytes)
        except _GZIP_ERRORS as exc:
            yield InputFailure(name, InputError(E.BAD_GZIP, name=name, why=_gzip_why(exc)))
        except OSError as exc:
            yield InputFailure(name, InputError(E.UNREADABLE, name=name, why=exc.strerror or exc))
        return
    try:
        if compressed:
            data = _gunzip(path, name, max_bytes)
        else:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(E.TOO_LARGE, name=name, size=size, limit=max_bytes)
            data = path.read_bytes()
        kind = _kind(path, data)
        if kind == "feed":
            yield from read_feed(data, name, fetcher, cache, max_bytes=max_bytes)
            return
        if kind == "html":
            yield Document(id=stem, source=name, data=data)
            return
        text = decode_bytes(data, name, max_bytes)
    except InputError as exc:
        yield InputFailure(name, exc, stem)
        return
    except OSError as exc:
        yield InputFailure(name, InputError(E.UNREADABLE, name=name, why=exc.strerror or exc), stem)
        return
    yield Article(id=stem, text=text, source=name)


def _is_gzip(path: Path) -> bool:
    return path.suffix.lower() == GZIP_SUFFIX


def _inner_suffix(path: Path) -> str:
    """The ending that says what a file holds: ``.html`` for both ``a.html`` and ``a.html.gz``."""
    return Path(path.stem).suffix.lower() if _is_gzip(path) else path.suffix.lower()


def _stem(path: Path) -> str:
    """A file's name without its endings: ``a`` for ``a.html`` and ``a.html.gz``."""
    return Path(path.stem).stem if _is_gzip(path) else path.stem


def _gunzip(path: Path, name: str, max_bytes: int) -> bytes:
    """A gzip-compressed file's content, read no further than the size limit (so a small file
    that unpacks to gigabytes is refused, not unpacked)."""
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except _GZIP_ERRORS as exc:
        raise InputError(E.BAD_GZIP, name=name, why=_gzip_why(exc)) from exc
    if len(data) > max_bytes:
        raise InputError(E.TOO_LARGE, name=name + " (unpacked)", size=len(data), limit=max_bytes)
    return data


def _gzip_why(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the file ends inside the compressed data"
    return str(exc) or type(exc).__name__


def _kind(path: Path, data: bytes) -> str:
    """``html``, ``feed`` or ``text``: by the name's ending, else by the first bytes."""
    suffix = _inner_suffix(path)
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES or looks_like_feed(data[:2048]):
        return "feed"
    return "html" if looks_like_html(data) else "text"


def looks_like_html(data: bytes) -> bool:
    """A document that starts as an HTML page does (after a BOM, blanks and comments)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<head", b"<!--"))
        and b"<html" in data[:8192].lower()
    )


def read_stream(
    stream: IO[bytes], name: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Standard input: JSON Lines when it starts with ``{``, otherwise one text."""
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(stream, name, max_bytes=max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if looks_like_html(data) and len(data) <= max_bytes:
        yield Document(id="stdin", source=name, data=data)
        return
    try:
        text = decode_bytes(data, name, max_bytes)
    except InputError as exc:
        yield InputFailure(name, exc, "stdin")
        return
    yield Article(id="stdin", text=text, source=name)


def read_jsonl(
    stream: IO[bytes], name: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """One article per line: ``{"id", "text" | "html", "url"?, "published"?, "outlet"?}``."""
    for lineno, raw in enumerate(_lines(stream, max_bytes), start=1):
        where = f"{name}:{lineno}"
        if isinstance(raw, InputError):
            yield InputFailure(where, raw)
            continue
        if not raw.strip():
            continue
        try:
            yield _record(raw, name, lineno, max_bytes)
        except InputError as exc:
            yield InputFailure(where, exc, _guess_id(raw))


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | InputError]:
    # Read line by line without ever holding more than one over-long line's limit in memory.
    first = True
    while True:
        line = stream.readline(max_bytes + 2)
        if not line:
            return
        if first:
            line = line.removeprefix(b"\xef\xbb\xbf")
            first = False
        if len(line) > max_bytes + 1 and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the long line
                more = stream.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield InputError(E.TOO_LARGE, name="JSON Lines record", size=size, limit=max_bytes)
            continue
        yield line


def _record(raw: bytes, name: str, lineno: int, max_bytes: int) -> Article | Document:
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(
            E.BAD_JSON, name=name, line=lineno, why=f"not UTF-8: {exc.reason}"
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(E.BAD_JSON, name=name, line=lineno, why=exc.msg) from None
    except RecursionError:
        raise InputError(E.BAD_JSON, name=name, line=lineno, why="nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise InputError(E.BAD_JSON, name=name, line=lineno, why=str(exc)[:200]) from None
    if not isinstance(data, dict):
        raise InputError(E.BAD_RECORD, name=name, line=lineno, why="a record must be a JSON object")
    ident = data.get("id")
    if ident is None or isinstance(ident, (dict, list, bool)) or str(ident) == "":
        raise InputError(E.BAD_RECORD, name=name, line=lineno, why='the record has no "id"')
    text = data.get("text")
    if text is None and data.get("html") is not None:
        return _html_record(data, scrub(str(ident)), name, lineno, max_bytes)
    if not isinstance(text, str):
        raise InputError(E.BAD_RECORD, name=name, line=lineno, why='"text" must be a string')
    if len(text.encode("utf-8", errors="replace")) > max_bytes:
        raise InputError(E.TOO_LARGE, name=f"{name}:{lineno}", size=len(text), limit=max_bytes)
    text = normalize_text(text, f"{name}:{lineno}")
    art = Article(id=scrub(str(ident)), text=text, source=f"{name}:{lineno}")
    for key in ("url", "outlet", "language"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            setattr(art, key, scrub(value.strip()))
    published = data.get("published")
    if published not in (None, ""):
        iso = _iso_date(published)
        if iso is None:
            art.errors.append(
                ArticleError(
                    "ingest",
                    E.BAD_RECORD.code,
                    E.BAD_RECORD.format(
                        name=name,
                        line=lineno,
                        why=f'"published" {published!r} is not an ISO date; ignored',
                    ),
                )
            )
        art.published = iso
    return art


def _html_record(
    data: dict[str, Any], ident: str, name: str, lineno: int, max_bytes: int
) -> Document:
    markup = data["html"]
    if not isinstance(markup, str):
        raise InputError(E.BAD_RECORD, name=name, line=lineno, why='"html" must be a string')
    raw = markup.encode("utf-8", errors="replace")
    if len(raw) > max_bytes:
        raise InputError(E.TOO_LARGE, name=f"{name}:{lineno}", size=len(raw), limit=max_bytes)
    url, outlet = data.get("url"), data.get("outlet")
    published = data.get("published")
    return Document(
        id=ident,
        source=f"{name}:{lineno}",
        data=raw,
        charset="utf-8",
        url=scrub(url.strip()) or None if isinstance(url, str) else None,
        outlet=scrub(outlet.strip()) or None if isinstance(outlet, str) else None,
        published=_iso_date(published) if published not in (None, "") else None,
    )


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _guess_id(raw: bytes) -> str | None:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if isinstance(data, dict) and isinstance(data.get("id"), (str, int)):
        return scrub(str(data["id"]))
    return None


__all__ = [
    "InputFailure",
    "Item",
    "looks_like_html",
    "read_file",
    "read_jsonl",
    "read_paths",
    "read_stream",
]

"""Bytes to text: encoding detection, mojibake repair, and refusal of what is not text.

The order matters: byte-order marks are trusted first, then strict UTF-8 (most scraped text
is UTF-8, and a strict decode that succeeds is almost never wrong), then a statistical guess
among the legacy encodings that news sites actually used (cp1252 before latin-1: cp1252 is a
superset for the printable range and gives curly quotes and dashes instead of C1 controls).
ftfy then repairs mojibake that happened before we got the bytes (UTF-8 read as cp1252 once or
twice), keeping curly quotes, which carry meaning for quotation detection.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..errors import E, InputError

#: Default size limit per document: a long news article is well under 200 kB of text; 5 MB
#: leaves room for pages with inline scripts while refusing dumps and archives fed by mistake.
DEFAULT_MAX_BYTES = 5_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of formats people feed by mistake (documents, images, archives, executables).
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
)

# C0 controls other than tab, newline, carriage return and form feed never occur in text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode one document; raise :class:`InputError` naming ``name`` when it is not usable text."""
    _refuse_unusable(data, name, max_bytes)
    text = _decode(data, name)
    return normalize_text(text, name)


def _refuse_unusable(data: bytes, name: str, max_bytes: int) -> None:
    """Too large, empty, or a known binary format: no decoding can help."""
    if len(data) > max_bytes:
        raise InputError(E.TOO_LARGE, name=name, size=len(data), limit=max_bytes)
    if not data.strip():
        raise InputError(E.EMPTY, name=name)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(E.BINARY, name=name, why=f"it starts like a {what}")


#: A charset declared in the first bytes of a page: <meta charset="..."> or the http-equiv form.
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)

#: Labels that browsers read as windows-1252 (the WHATWG Encoding Standard): pages that say
#: latin-1 use the curly quotes and dashes of cp1252 all the time.
_AS_CP1252 = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "l1",
        "us-ascii",
        "ascii",
        "windows-1252",
        "cp1252",
        "iso_8859-1",
        "x-cp1252",
    }
)


def decode_markup(
    data: bytes, name: str, declared: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Decode an HTML or XML document: byte-order mark, then the charset the server
    (``declared``) or the page itself declares, then the same guesses as for text.

    A declared charset is trusted only when the bytes decode under it without error: pages
    that say ISO-8859-1 and are UTF-8 are common. NUL bytes are dropped rather than refused,
    as browsers do; the extracted text is normalised later with :func:`normalize_text`.
    """
    _refuse_unusable(data, name, max_bytes)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if _utf16_without_bom(data) is None:
        data = data.replace(b"\x00", b"")
    for label in (declared, _meta_charset(data)):
        text = _decode_as(data, label)
        if text is not None:
            return text
    return _decode(data, name)


def _meta_charset(data: bytes) -> str | None:
    hit = _META_CHARSET_RE.search(data[:4096])
    return hit.group(1).decode("ascii") if hit else None


def _decode_as(data: bytes, label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        # Strict UTF-8 first: a page mislabelled latin-1 is far more often UTF-8 than not.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return _cp1252(data)
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in (
        "utf-16",
        "utf-32",
        "utf-16-le",
        "utf-16-be",
        "undefined",
        "punycode",
        "idna",
        "raw-unicode-escape",
        "unicode-escape",
        "utf-7",
    ):
        # rot13, base64, zlib... are codecs but not text encodings, and a page cannot declare
        # UTF-16 in ASCII: such a declaration is wrong, not a way to read the page.
        return None
    try:
        return data.decode(codec.name)
    except (UnicodeError, LookupError, ValueError):
        return None


def scrub(text: str) -> str:
    """``text`` with lone surrogates (from JSON escapes such as ``\\ud800`` or numeric
    entities) replaced by U+FFFD: they cannot be written as UTF-8, so no store could keep them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def normalize_text(text: str, name: str) -> str:
    """Repair and normalise text that is already a string (also used for JSON input)."""
    controls = len(_CONTROL_RE.findall(text))
    if controls and controls > max(2, len(text) // 100):
        raise InputError(E.BINARY, name=name, why=f"{controls} control characters")
    text = _CONTROL_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _fix(text)
    if not text.strip():
        raise InputError(E.EMPTY, name=name)
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    E.UNDECODABLE, name=name, why=f"broken {encoding}: {exc.reason}"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(E.BINARY, name=name, why="it contains NUL bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows as NUL in every other byte for Latin-script text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(
        data,
        cp_isolation=[
            "cp1252",
            "iso8859_15",
            "latin_1",
            "cp1250",
            "iso8859_2",
            "mac_roman",
            "cp850",
            "koi8_r",
            "cp1251",
        ],
    ).best()
    if best is not None and best.encoding in ("cp1252", "iso8859_15", "latin_1"):
        # Western encodings differ only in rarely used positions; cp1252 gives real quote marks
        # and dashes in 0x80-0x9f, where latin-1 would put invisible C1 controls.
        return _cp1252(data)
    if best is not None:
        return str(best)
    if _looks_binary(data):
        raise InputError(E.BINARY, name=name, why="too many bytes outside any text encoding")
    return _cp1252(data)


def _cp1252(data: bytes) -> str:
    # The five bytes cp1252 leaves undefined are mapped as latin-1 would, instead of failing.
    return data.decode("cp1252", errors="replace").replace("\ufffd", "")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8000]
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bad > len(sample) * 0.05


@lru_cache(maxsize=1)
def _ftfy_config() -> Any:
    import ftfy

    # Keep quote marks as written (they are evidence for quotations), keep widths and
    # ligatures (offsets stay meaningful for the user's copy), but do compose to NFC so that
    # "Pjöngjang" matches whether the page used a combining diaeresis or not.
    return ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        fix_line_breaks=True,
        normalization="NFC",
        explain=False,
    )


def _fix(text: str) -> str:
    import ftfy

    if text.isascii():
        return text
    fixed = ftfy.fix_text(text, config=_ftfy_config())
    return unicodedata.normalize("NFC", fixed)

"""Fuzz ingest and the per-article pipeline with hostile inputs: nothing may crash them.

    .venv/bin/python scripts/fuzz_ingest.py --inputs 100000 [--seed N] [--pipeline-every K]
                                            [--out report.json]
    .venv/bin/python scripts/fuzz_ingest.py --seed N --replay I [--dump input.bin]

Every input is written to a file with the suffix its generator chose and read with
``read_file``; the same bytes go to ``read_jsonl``, ``read_stream``, ``decode_bytes`` and
``decode_markup`` (and ``html_to_article`` for markup and small inputs). Every K-th input also
goes through ``process`` (extraction and the whole per-article pipeline, about 0.1 s an
article). The contract checked on every input:

* the direct calls raise nothing but ``InputError``; the readers and ``process`` raise nothing;
* every item is an Article with text, a Document, or an ``InputFailure`` with an ``E1xx`` code;
* ``process`` gives one Outcome per item: ``failed`` with an ``E1xx`` error, or an Article
  whose spans (body, sentences, tokens, entities, quotes, ...) lie inside its text.

Generators use ``random.Random(f"{seed}/{index}")``, so one input is reproduced by its index
(``--replay``) without the ones before it. An input that runs over 20 s is stopped
(``signal.alarm``) and reported as slow. Output written to ``sys.stderr`` by the libraries
(warcio prints whole records) is counted, not shown. Exits 1 on any unhandled exception or
broken contract. The test ``tests/ingest/test_fuzz.py`` loads this file and runs the same
generators under hypothesis.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pressespiegel.app.batch import Options, Outcome, process
from pressespiegel.errors import InputError
from pressespiegel.ingest import (
    DEFAULT_MAX_BYTES,
    Document,
    InputFailure,
    Item,
    decode_bytes,
    decode_markup,
    html_to_article,
    read_file,
    read_jsonl,
    read_stream,
)
from pressespiegel.model import Article

#: An input taking longer than this is stopped and reported as slow.
SLOW_SECONDS = 20
#: The small size limit of the over-the-limit inputs, so that they stay fast.
SMALL_MAX_BYTES = 200_000
#: What a gzip bomb inflates to.
BOMB_BYTES = 100 * 2**20

SUFFIXES = (".txt", ".html", ".rss", ".xml", ".jsonl", ".warc", ".warc.gz", "")


# -- cases ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Case:
    """One generated input: the bytes, the file name ending it is read under, and its limit."""

    kind: str
    data: bytes
    suffix: str = ".txt"
    max_bytes: int = DEFAULT_MAX_BYTES
    #: An error code ``read_file`` must give among its items.
    expect: str | None = None

    def short(self, width: int = 100) -> str:
        head = repr(self.data[:width])
        more = f"...+{len(self.data) - width:,} bytes" if len(self.data) > width else ""
        return f"{self.kind}{self.suffix or '(no suffix)'} {head}{more}"


class Violation(AssertionError):
    """An item or outcome breaks the contract."""


class Slow(BaseException):
    """Raised by the alarm; a BaseException, so that no ``except Exception`` in the code under
    test swallows it."""


# -- building blocks ----------------------------------------------------------------------------

SENTENCES = (
    "Der Stadtrat von Görlitz hat am Dienstag einen neuen Haushalt für das Jahr 2025 beschlossen.",
    "„Wir müssen sparen, aber nicht an den Schulen“, sagte Bürgermeisterin Jana Weißmüller.",
    "Die Opposition kritisierte die Pläne als überhastet und kündigte Widerstand an.",
    "Nach Angaben der Polizei in Würzburg wurden bei dem Unfall drei Menschen leicht verletzt.",
    "Die Straße zwischen Ochsenfurt und Kitzingen blieb bis zum späten Abend gesperrt.",
    "Die Südhafen Logistik AG kündigte an, 120 Stellen in Bremerhaven abzubauen.",
    "Gewerkschaftssprecher Tobias Krämer nannte die Entscheidung „einen Schlag ins Gesicht“.",
    "Am Freitag sollen die Gespräche in Köln fortgesetzt werden, teilte das Ministerium mit.",
    "Der Deutsche Wetterdienst warnt für Donnerstag vor Sturmböen an der Nordseeküste.",
    "Auf Föhr und Amrum fallen mehrere Fährverbindungen aus; Urlauber müssen länger warten.",
    "Ministerpräsident Günther Ohlsen sagte, das Land werde die Kommunen nicht allein lassen.",
    "Die Kosten des Projekts sind von 40 auf 63 Millionen Euro gestiegen.",
    "Kritiker in Düsseldorf sprechen von „Größenwahn“, Befürworter von einer Jahrhundertchance.",
    "Das Amtsgericht Lübeck verurteilte den 34-Jährigen zu einer Bewährungsstrafe.",
    "Er habe die Tat gestanden und sich bei den Opfern entschuldigt, hieß es.",
    "Ärztinnen und Ärzte des Klinikums Süd fordern mehr Personal für die Notaufnahme.",
)
TITLES = (
    "Görlitz beschließt Sparhaushalt",
    "Unfall bei Würzburg: drei Verletzte",
    "Südhafen streicht 120 Stellen",
    "Sturmwarnung für die Nordseeküste",
    "Streit um Kosten für Großprojekt in Düsseldorf",
)
WORDS = tuple(w for s in SENTENCES for w in s.split())

#: Byte strings that break parsers, inserted by the mutator.
HOSTILE_TOKENS = (
    b"\x00",
    b"\x00" * 64,
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<div>" * 50,
    b"</html>",
    b"<script>",
    b"<style>",
    b"&amp;" * 20,
    b"&#0;",
    b"&#xD800;",
    b"&#x110000;",
    b"&#99999999999;",
    b"&",
    b"<",
    b">",
    b'"',
    b"'",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xe0\x80\xaf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\x80",
    b"\xbf\xbf",
    b"\xf5\x80\x80\x80",
    b"\r",
    b"\r\n",
    b"\n\n\n",
    b"\t",
    b"\x1b[31m",
    b"\x7f",
    b"WARC/1.0\r\n",
    b"Content-Length: -5\r\n",
    b"Content-Length: 99999999999999999999\r\n",
    b"\r\n\r\n",
    b'{"',
    b'"}',
    b"\\u",
    b"\\ud800",
    b"[" * 50,
    b"}" * 10,
    b"<rss>",
    b"<item>",
    b"</item>",
    b"<?xml ",
    b"<!DOCTYPE x [",
    b'<meta charset="rot13">',
    b"\x1f\x8b",
    b"%PDF",
    "„“‚‘–—…ß€".encode(),
    "\u2028\u2029\ufeff\u200b".encode(),
    "Ä".encode("cp1252"),
    "ö".encode("utf-16-le"),
)

#: Charset labels a page or a server may declare: real ones, misspelt ones, and Python
#: codecs that are not text encodings at all.
CHARSETS = (
    "utf-8",
    "UTF8",
    "iso-8859-1",
    "latin1",
    "windows-1252",
    "cp1252",
    "iso-8859-15",
    "utf-16",
    "utf-16le",
    "utf-32",
    "utf-7",
    "ascii",
    "us-ascii",
    "koi8-r",
    "shift_jis",
    "gb2312",
    "big5",
    "x-user-defined",
    "bogus",
    "utf-8-sig",
    "unicode",
    "idna",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
    "rot13",
    "hex",
    "base64",
    "zlib",
    "bz2",
    "uu",
    "quopri",
    "undefined",
    "mbcs",
    "cp65001",
    "palmos",
    "",
)


def _size(rng: random.Random, lo: int, hi: int) -> int:
    """A size between ``lo`` and ``hi``, log-uniform, so that small ones are common."""
    lo = max(lo, 1)
    return min(hi, int(lo * (hi / lo) ** rng.random()))


def german(rng: random.Random, sentences: int | None = None) -> str:
    """An invented German news text: a headline, a blank line, paragraphs."""
    n = sentences if sentences is not None else rng.randint(3, 12)
    body = [rng.choice(SENTENCES) for _ in range(n)]
    paras = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    return rng.choice(TITLES) + "\n\n" + "\n\n".join(paras) + "\n"


def html_page(
    rng: random.Random,
    text: str | None = None,
    *,
    charset: str = "utf-8",
    head_extra: str = "",
    body_extra: str = "",
) -> str:
    text = text if text is not None else german(rng)
    title, _, rest = text.partition("\n\n")
    paras = "".join(f"<p>{p}</p>\n" for p in rest.split("\n\n") if p.strip())
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="de"><head>{meta}<title>{title} - Beispielblatt</title>'
        f'{head_extra}</head><body><nav><a href="/">Start</a> | <a href="/politik">Politik</a>'
        f"</nav><article><h1>{title}</h1>\n{paras}{body_extra}</article>"
        "<footer>© Beispielblatt GmbH</footer></body></html>\n"
    )


def rss(
    items: list[str], *, head: str = '<?xml version="1.0" encoding="utf-8"?>\n', close: bool = True
) -> bytes:
    doc = (
        head + '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Beispielblatt</title><link>https://example.org/</link>" + "".join(items)
    )
    if close:
        doc += "</channel></rss>\n"
    return doc.encode("utf-8", errors="surrogatepass")


def rss_item(
    rng: random.Random,
    n: int,
    *,
    link: str | None = None,
    full: bool | None = None,
    close: bool = True,
) -> str:
    full = rng.random() < 0.5 if full is None else full
    link = link if link is not None else f"https://example.org/artikel/{n}"
    text = german(rng, 12 if full else 1)
    title, _, rest = text.partition("\n\n")
    content = (
        "<content:encoded><![CDATA["
        + "".join(f"<p>{p}</p>" for p in rest.split("\n\n"))
        + "]]></content:encoded>"
        if full
        else ""
    )
    item = (
        f"<item><title>{title}</title><link>{link}</link><guid>{link or n}</guid>"
        f"<pubDate>Tue, 04 Jun 2024 0{n % 10}:00:00 +0200</pubDate>"
        f"<description>{rest[:200]}</description>{content}"
    )
    return item + ("</item>" if close else "")


def atom(rng: random.Random, entries: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Beispielblatt</title><id>urn:x</id><updated>2024-06-04T10:00:00Z</updated>"
    ]
    for n in range(entries):
        text = german(rng, 12)
        title, _, rest = text.partition("\n\n")
        parts.append(
            f'<entry><title>{title}</title><link href="https://example.org/a/{n}"/>'
            f"<id>urn:a:{n}</id><updated>2024-06-04T10:00:00Z</updated>"
            f'<content type="html">{_xml_escape("".join(f"<p>{p}</p>" for p in rest.split()))}'
            "</content></entry>"
        )
    parts.append("</feed>")
    return "".join(parts).encode()


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def warc_record(
    payload: bytes = b"",
    *,
    uri: bytes = b"https://example.org/artikel/1",
    rtype: bytes = b"response",
    version: bytes = b"WARC/1.0",
    length: bytes | None = None,
    http: bytes | None = None,
    blank: bool = True,
    content_type: bytes = b"text/html; charset=utf-8",
    status: bytes = b"200 OK",
    tail: bytes = b"\r\n\r\n",
) -> bytes:
    """One WARC record; ``length`` overrides the true Content-Length, ``http`` the HTTP head."""
    if rtype == b"response":
        head = (
            http
            if http is not None
            else (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type + b"\r\n\r\n")
        )
        block = head + payload
        mime = b"application/http; msgtype=response"
    else:
        block, mime = payload, b"application/warc-fields"
    cl = str(len(block)).encode() if length is None else length
    return (
        version
        + b"\r\nWARC-Type: "
        + rtype
        + b"\r\nWARC-Record-ID: <urn:uuid:"
        + str(random.Random(block[:64]).getrandbits(64)).encode()
        + b">\r\n"
        + b"WARC-Date: 2024-06-04T10:00:00Z\r\nWARC-Target-URI: "
        + uri
        + b"\r\n"
        + b"Content-Type: "
        + mime
        + b"\r\nContent-Length: "
        + cl
        + b"\r\n"
        + (b"\r\n" if blank else b"")
        + block
        + tail
    )


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


@lru_cache(maxsize=8)
def zeros_gz(prefix: bytes, size: int = BOMB_BYTES, suffix: bytes = b"") -> bytes:
    """A gzip member of ``prefix``, ``size`` zero bytes and ``suffix``, compressed in chunks
    so that the inflated size is never held in memory (about 100 kB for 100 MB)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [comp.compress(prefix)]
    chunk = bytes(1 << 20)
    left = size
    while left > 0:
        out.append(comp.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    out.append(comp.compress(suffix))
    out.append(comp.flush())
    return b"".join(out)


def _insert(rng: random.Random, data: bytes, token: bytes) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + token + data[at:]


def _encode_text(rng: random.Random, text: str) -> bytes:
    enc = rng.choice(
        (
            "utf-8",
            "utf-8",
            "utf-8",
            "cp1252",
            "latin-1",
            "utf-8-sig",
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-32",
            "iso-8859-15",
            "mac_roman",
        )
    )
    return text.encode(enc, errors="replace")


# -- generators --------------------------------------------------------------------------------


@dataclass(slots=True)
class Generator:
    func: Callable[[random.Random], Case]
    weight: float
    #: Heavy generators build megabytes or take seconds; the CI test leaves them to the
    #: handmade cases.
    heavy: bool = False


GENERATORS: dict[str, Generator] = {}


def generator(
    weight: float, *, heavy: bool = False
) -> Callable[[Callable[[random.Random], Case]], Callable[[random.Random], Case]]:
    def register(func: Callable[[random.Random], Case]) -> Callable[[random.Random], Case]:
        GENERATORS[func.__name__] = Generator(func, weight, heavy)
        return func

    return register


@generator(8)
def random_bytes(rng: random.Random) -> Case:
    data = rng.randbytes(_size(rng, 1, 65536))
    if rng.random() < 0.3:  # printable-ish noise gets past the binary checks
        data = bytes(b % 95 + 32 if b % 7 else 10 for b in data)
    return Case("random_bytes", data, rng.choice(SUFFIXES))


@generator(4)
def good_text(rng: random.Random) -> Case:
    """Valid German text in the encodings people send; the control group."""
    return Case("good_text", _encode_text(rng, german(rng)), rng.choice((".txt", "", ".text")))


@generator(8)
def bad_utf8(rng: random.Random) -> Case:
    data = german(rng).encode()
    for _ in range(rng.randint(1, 6)):
        how = rng.randrange(6)
        if how == 0:  # cut in the middle of a code point
            starts = [i for i, b in enumerate(data) if b >= 0xC2]
            if starts:
                data = data[: rng.choice(starts) + 1]
        elif how == 1:  # lone continuation bytes
            data = _insert(
                rng, data, bytes(rng.randint(0x80, 0xBF) for _ in range(rng.randint(1, 4)))
            )
        elif how == 2:  # overlong encodings
            data = _insert(
                rng,
                data,
                rng.choice(
                    (b"\xc0\xaf", b"\xc1\xbf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf", b"\xc0\x80")
                ),
            )
        elif how == 3:  # surrogates encoded in UTF-8 (CESU-8)
            data = _insert(
                rng,
                data,
                rng.choice((b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80")),
            )
        elif how == 4:  # bytes that never occur in UTF-8
            data = _insert(
                rng,
                data,
                rng.choice((b"\xf5\x80\x80\x80", b"\xff", b"\xfe", b"\xf8\x88\x80\x80\x80")),
            )
        else:  # a legacy-encoded fragment in UTF-8 text
            data = _insert(rng, data, rng.choice(SENTENCES).encode("cp1252"))
    suffix = rng.choice((".txt", ".html", ".jsonl", ""))
    if suffix == ".jsonl":
        data = b'{"id": "u", "text": "' + data.replace(b'"', b"'").replace(b"\n", b" ") + b'"}\n'
    elif suffix == ".html":
        data = html_page(rng).encode().replace(b"<h1>", b"<h1>" + data[:200], 1)
    return Case("bad_utf8", data, suffix)


@generator(5)
def utf16(rng: random.Random) -> Case:
    text = german(rng)
    if rng.random() < 0.3:
        text = html_page(rng, text, charset=rng.choice(("utf-16", "utf-8", "")))
    enc = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"))
    data = text.encode(enc)
    how = rng.randrange(5)
    if how == 1:  # odd length
        data = data[:-1]
    elif how == 2:  # lone surrogate code units
        data = _insert(rng, data, rng.choice((b"\x00\xd8", b"\xd8\x00", b"\x00\xdc\x00\xdc")))
    elif how == 3:  # the other byte order's mark
        data = rng.choice((b"\xff\xfe", b"\xfe\xff")) + data
    elif how == 4:  # a BOM in front of something else
        data = rng.choice((b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")) + german(rng).encode()
    suffix = ".html" if text.startswith("<!DOCTYPE") else rng.choice((".txt", "", ".jsonl"))
    return Case("utf16", data, suffix)


@generator(5)
def nul_bytes(rng: random.Random) -> Case:
    markup = rng.random() < 0.5
    data = (html_page(rng) if markup else german(rng)).encode()
    rate = rng.choice((0.001, 0.01, 0.1, 0.5))
    out = bytearray()
    for b in data:
        out.append(b)
        if rng.random() < rate:
            out.extend(b"\x00" * rng.choice((1, 1, 2, 100)))
    return Case("nul_bytes", bytes(out), ".html" if markup else rng.choice((".txt", "", ".rss")))


@generator(2)
def deep_html(rng: random.Random) -> Case:
    depth = _size(rng, 100, 3000) if rng.random() < 0.8 else rng.randint(10_000, 50_000)
    tags = rng.choice(
        (
            ["div"],
            ["b"],
            ["table"],
            ["div", "b", "table", "span", "p", "td", "li", "ul", "font", "i", "a", "blockquote"],
        )
    )
    opened = "".join(f"<{rng.choice(tags)}>" for _ in range(depth))
    text = rng.choice(SENTENCES)
    data = f"<!DOCTYPE html><html><body>{opened}<p>{text}</p>{german(rng)}".encode()
    return Case("deep_html", data, rng.choice((".html", ".html", "", ".txt")))


@generator(5)
def unclosed_html(rng: random.Random) -> Case:
    page = html_page(rng)
    for _ in range(rng.randint(1, 8)):
        how = rng.randrange(6)
        if how == 0:  # drop closing tags
            page = page.replace(
                rng.choice(
                    ("</p>", "</article>", "</body>", "</html>", "</title>", "</head>", "</nav>")
                ),
                "",
            )
        elif how == 1:  # cut anywhere
            page = page[: rng.randint(0, len(page))]
        elif how == 2:  # an attribute never closed
            at = rng.randint(0, len(page))
            page = page[:at] + '<a href="javascript:alert(1)' + page[at:]
        elif how == 3:  # a tag never closed
            at = rng.randint(0, len(page))
            page = page[:at] + rng.choice(("<p", "<div class=", "<", "</", "<!", "<?")) + page[at:]
        elif how == 4:
            page = page.replace("<p>", rng.choice(("<p><p>", "<p><table><tr><td>", "<li>")))
        else:
            page = page.replace("<article>", "<article><textarea>", 1)
    return Case("unclosed_html", page.encode(), rng.choice((".html", "", ".xml")))


@generator(3)
def broken_comment(rng: random.Random) -> Case:
    page = html_page(rng)
    token = rng.choice(
        (
            "<!--",
            "<!-- -- >",
            "<!---->",
            "<![CDATA[",
            "<!DOCTYPE",
            "<?xml",
            "<!--[if IE]>",
            "<script>/*",
            "<style>",
            "<title>",
            "<noscript>",
            "<plaintext>",
            "<xmp>",
        )
    )
    where = rng.choice(("start", "head", "body", "middle"))
    if where == "start":
        page = token + page
    elif where == "head":
        page = page.replace("<head>", "<head>" + token, 1)
    elif where == "body":
        page = page.replace("<article>", token + "<article>", 1)
    else:
        at = rng.randint(0, len(page))
        page = page[:at] + token + page[at:]
    return Case("broken_comment", page.encode(), rng.choice((".html", "")))


@generator(2)
def huge_attr(rng: random.Random) -> Case:
    size = _size(rng, 1000, 2_000_000)
    value = rng.choice(
        (
            "x" * size,
            "&amp;" * (size // 5),
            "\"'<>" * (size // 4),
            "ä" * (size // 2),
            "javascript:" + "a" * size,
        )
    )
    attr = rng.choice(("class", "style", "href", "data-x", "content", "src", "onload"))
    tag = rng.choice(("div", "a", "meta", "img", "p", "html", "body", "article"))
    page = html_page(rng, body_extra=f'<{tag} {attr}="{value}">Text</{tag}>')
    if rng.random() < 0.3:  # never closed
        page = page.replace(f'{value}">', value)
    return Case("huge_attr", page.encode(), ".html")


@generator(1)
def big_script(rng: random.Random) -> Case:
    size = _size(rng, 10_000, 3_000_000)
    body = rng.choice(
        (
            "var a = 1;\n" * (size // 11),
            "x" * size,
            "</scr" + "ipt" * (size // 3),
            "<!--" + "a" * size,
            "document.write('<p>" + "Text " * (size // 5),
        )
    )
    close = "</script>" if rng.random() < 0.7 else ""
    page = html_page(rng, head_extra=f"<script>{body}{close}")
    return Case("big_script", page.encode(), ".html")


@generator(4)
def entity_flood(rng: random.Random) -> Case:
    bad = (
        "&#0;",
        "&#xD800;",
        "&#xDFFF;",
        "&#x110000;",
        "&#99999999999;",
        "&#x;",
        "&#;",
        "&#-1;",
        "&#xFFFE;",
        "&#x1F;",
        "&#128;",
        "&#x80;",
        "&#65533;",
        "&nosuch;",
        "&amp",
        "&#x10FFFF;",
        "&#9;",
        "&#13;",
        "&amp;amp;",
    )
    n = _size(rng, 10, 200_000)
    flood = rng.choice(("&amp;" * n, "".join(rng.choice(bad) for _ in range(n)), "&lt;p&gt;" * n))
    where = rng.randrange(4)
    if where == 3:  # in a feed entry's description
        desc = flood + " " + german(rng, 12)
        data = rss(
            [
                f"<item><title>{flood[:5000]}</title><link>https://example.org/e</link>"
                f"<description>{desc}</description></item>"
            ]
        )
        return Case("entity_flood", data, ".rss")
    page = html_page(rng)
    if where == 0:
        page = page.replace("<h1>", "<h1>" + flood, 1)
    elif where == 1:
        page = page.replace("<title>", "<title>" + flood, 1)
    else:
        page = page.replace("<article>", f'<article><img alt="{flood}">', 1)
    return Case("entity_flood", page.encode(), rng.choice((".html", ".html", ".txt")))


@generator(0.5, heavy=True)
def long_line(rng: random.Random) -> Case:
    """One to three megabytes of text without a newline."""
    size = rng.randint(1_000_000, 3_000_000)
    how = rng.randrange(3)
    if how == 0:
        text = " ".join(rng.choice(WORDS) for _ in range(size // 7))[:size]
    elif how == 1:
        text = "x" * size
    else:
        text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüß.,;  ") for _ in range(size))
    suffix = rng.choice((".txt", ".html", ".jsonl", ""))
    if suffix == ".html":
        data = html_page(rng, "Titel\n\n" + text).encode()
    elif suffix == ".jsonl":
        data = json.dumps({"id": "lang", "text": text}, ensure_ascii=False).encode()
    else:
        data = text.encode()
    return Case("long_line", data, suffix)


@generator(1, heavy=True)
def long_word(rng: random.Random) -> Case:
    """German text with one long token (a number, a hash, words run together): small, but
    the tagger's work grows with the square of a word's length."""
    size = _size(rng, 100, 8000)
    word = rng.choice(
        (
            "9" * size,
            "x" * size,
            "".join(rng.choice("0123456789abcdef") for _ in range(size)),
            "".join(w.strip(".,„“") for w in rng.choices(WORDS, k=size // 6)),
            "https://example.org/" + "a/" * (size // 2),
        )
    )
    text = german(rng, 3).replace("\n\n", f"\n\n{word} ", 1)
    return Case("long_word", text.encode(), rng.choice((".txt", "", ".html")))


@generator(3)
def over_limit(rng: random.Random) -> Case:
    """Just over a small size limit: every reader must refuse it with E103."""
    limit = SMALL_MAX_BYTES
    size = limit + rng.randint(1, 5000)
    suffix = rng.choice((".txt", ".html", ".rss", ".jsonl", ".warc", ""))
    filler = german(rng, 40) * (size // 2000 + 1)
    if suffix == ".html":
        data = html_page(rng, filler).encode()
    elif suffix == ".rss":
        data = rss([rss_item(rng, 1, full=True)] * (size // 2000 + 1))
    elif suffix == ".jsonl":
        data = json.dumps({"id": "gross", "text": filler}, ensure_ascii=False).encode()
    elif suffix == ".warc":
        data = warc_record(html_page(rng, filler).encode()[:size])
    else:
        data = filler.encode()
    while len(data) <= limit:
        data += data
    data = data[:size] if suffix in (".txt", "") else data
    return Case("over_limit", data, suffix, max_bytes=limit, expect="E103")


@generator(0.2, heavy=True)
def warc_bomb(rng: random.Random) -> Case:
    """A .warc.gz whose one record inflates to 100 MB of zeros."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    how = rng.randrange(3)
    if how == 0:  # an honest Content-Length: refused by the declared length alone
        data = zeros_gz(
            warc_record(http=http, length=str(len(http) + BOMB_BYTES).encode(), tail=b""),
            BOMB_BYTES,
        )
        return Case("warc_bomb", data, ".warc.gz", max_bytes=SMALL_MAX_BYTES, expect="E103")
    if how == 1:  # a Content-Length that lies: the zeros come after the record
        data = zeros_gz(
            warc_record(b"<html><body><p>" + SENTENCES[0].encode(), http=http, tail=b""), BOMB_BYTES
        )
    else:  # no Content-Length
        data = zeros_gz(warc_record(http=http, length=b"", tail=b""), BOMB_BYTES)
    return Case("warc_bomb", data, ".warc.gz", max_bytes=SMALL_MAX_BYTES)


@generator(0.2, heavy=True)
def gzip_bomb(rng: random.Random) -> Case:
    """A gzip member of 100 MB of zeros with no WARC in it."""
    suffix = rng.choice((".warc.gz", ".warc.gz", ".txt", ".html", ".jsonl"))
    return Case("gzip_bomb", zeros_gz(b""), suffix)


def _warc_malformed(rng: random.Random) -> bytes:
    page = html_page(rng).encode()
    good = warc_record(page)
    how = rng.randrange(16)
    if how == 0:
        return warc_record(
            page,
            version=rng.choice(
                (b"WARC/9.9", b"HELLO", b"", b"warc/1.0", b"WARC/1.0 extra", b"\x00WARC/1.0")
            ),
        )
    if how == 1:  # Content-Length larger than what follows
        return warc_record(page, length=str(len(page) + rng.randint(1, 10**6)).encode(), tail=b"")
    if how == 2:
        return warc_record(
            page,
            length=rng.choice(
                (
                    b"-5",
                    b"-1",
                    b"abc",
                    b"1e3",
                    b"0x10",
                    b" ",
                    b"99999999999999999999",
                    b"1.5",
                    b"+3",
                )
            ),
        )
    if how == 3:  # headers without the blank line
        return warc_record(page, blank=False)
    if how == 4:  # a valid record, then garbage
        return good + rng.choice(
            (
                b"garbage\r\n",
                rng.randbytes(200),
                b"WARC/1.0\r\n",
                b"\x1f\x8b\x08\x00garbage",
                b"WARC/1.0\r\nContent-Length: 5",
            )
        )
    if how == 5:  # truncated
        return good[: rng.randint(0, len(good))]
    if how == 6:  # requests and metadata only
        return warc_record(b"GET / HTTP/1.1\r\n\r\n", rtype=b"request") + warc_record(
            b"key: value\r\n", rtype=b"metadata"
        )
    if how == 7:  # redirects, errors, images, plain text
        return warc_record(
            page,
            status=rng.choice((b"301 Moved", b"404 Not Found", b"abc", b"999 ?", b"")),
            content_type=rng.choice(
                (b"image/png", b"text/plain", b"", b";;", b"text/html; charset=")
            ),
        )
    if how == 8:
        return warc_record(
            page,
            http=rng.choice(
                (
                    b"HTTP/1.1\r\n\r\n",
                    b"garbage\r\n\r\n",
                    b"",
                    b"HTTP/1.1 200 OK\r\nContent-Type",
                    b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 5000,
                )
            ),
        )
    if how == 9:  # charsets that are not text encodings
        return warc_record(
            page, content_type=b"text/html; charset=" + rng.choice(CHARSETS).encode()
        )
    if how == 10:
        return warc_record(
            page,
            uri=rng.choice(
                (
                    b"",
                    b"not a url",
                    b"javascript:alert(1)",
                    "https://例え.jp/ä".encode(),
                    b"x" * 10000,
                )
            ),
        )
    if how == 11:  # the payload is not HTML at all
        return warc_record(
            rng.choice(
                (b"", b"\x00" * 100, rng.randbytes(500), b"%PDF-1.4", german(rng).encode("utf-16"))
            )
        )
    if how == 12:  # many small records
        return b"".join(
            warc_record(html_page(rng).encode(), uri=f"https://e.org/{i}".encode())
            for i in range(rng.randint(2, 8))
        )
    if how == 13:  # an ARC-style first line
        return b"filedesc://x.arc 0.0.0.0 20240604 text/plain 10\n1 0 x\n" + good
    if how == 14:  # header continuation lines and odd header names
        return good.replace(
            b"WARC-Date:", b"WARC-Date:\r\n continued\r\nX\x00Y: z\r\nWARC-Date:", 1
        )
    return rng.randbytes(_size(rng, 1, 5000))


@generator(8)
def bad_warc(rng: random.Random) -> Case:
    data = _warc_malformed(rng)
    suffix = rng.choice((".warc", ".warc.gz"))
    if suffix == ".warc.gz":
        how = rng.randrange(4)
        if how == 0:
            data = gz(data)
        elif how == 1:  # gzip, then truncated
            data = gz(data)
            data = data[: rng.randint(0, len(data))]
        elif how == 2:  # a corrupt byte in the deflate stream
            packed = bytearray(gz(data))
            if len(packed) > 20:
                packed[rng.randint(10, len(packed) - 1)] ^= 0xFF
            data = bytes(packed)
        # how == 3: not compressed at all, under a .gz name
    return Case("bad_warc", data, suffix)


@generator(8)
def bad_feed(rng: random.Random) -> Case:
    how = rng.randrange(10)
    n = rng.randint(1, 6)
    if how == 0:  # items never closed
        data = rss([rss_item(rng, i, close=False) for i in range(n)], close=rng.random() < 0.5)
    elif how == 1:  # cut anywhere
        data = rss([rss_item(rng, i) for i in range(n)])
        data = data[: rng.randint(0, len(data))]
    elif how == 2:  # links that must not be followed or kept
        bad = (
            "javascript:alert(1)",
            "JavaScript:void(0)",
            "data:text/html,<p>x</p>",
            "file:///etc/passwd",
            "vbscript:x",
            "//example.org/x",
            "/relativ",
            "",
            " ",
            "http://",
            "https://[::1",
            "http://127.0.0.1/",
            "ftp://example.org/x",
        )
        data = rss([rss_item(rng, i, link=rng.choice(bad)) for i in range(n)])
    elif how == 3:  # an encoding declaration that lies
        enc = rng.choice(("utf-16", "iso-8859-1", "x-unknown", "rot13", "utf-32", "ebcdic"))
        data = rss(
            [rss_item(rng, i) for i in range(n)], head=f'<?xml version="1.0" encoding="{enc}"?>\n'
        )
    elif how == 4:  # undefined entities, external entities, a DOCTYPE
        data = rss(
            [rss_item(rng, 0)],
            head='<?xml version="1.0"?>\n<!DOCTYPE rss ['
            '<!ENTITY ext SYSTEM "file:///etc/passwd"><!ENTITY x "&undef;">]>\n',
        )
        data = data.replace(b"<title>", b"<title>&ext;&x;&nbsp;&euro;", 1)
    elif how == 5:
        data = atom(rng, n)
        if rng.random() < 0.5:
            data = data[: rng.randint(0, len(data))]
    elif how == 6:  # RSS 1.0 / RDF, and a feed inside HTML
        data = (
            b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
            b'syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>x</title>'
            b"</channel><item><title>a</title><link>https://example.org/r</link></item>"
            b"</rdf:RDF>"
        )
        if rng.random() < 0.5:
            data = b"<html><body>" + data + b"</body></html>"
    elif how == 7:  # CDATA broken or nested
        data = rss([rss_item(rng, 0, full=True)])
        data = data.replace(b"]]>", rng.choice((b"", b"]]]]><![CDATA[>", b"]]>]]>")), 1)
    elif how == 8:  # full-text entries whose HTML is itself hostile
        hostile = rng.choice(
            (
                "<div>" * 5000,
                "<!--",
                "<script>" + "x" * 100_000,
                "\x00" * 10,
                "&#xD800;" * 1000,
                '<meta charset="rot13">',
            )
        )
        data = rss([rss_item(rng, 0, full=True).replace("<![CDATA[", "<![CDATA[" + hostile, 1)])
    else:  # dates and ids of every shape
        item = rss_item(rng, 0, full=True).replace(
            "Tue, 04 Jun 2024 00:00:00 +0200",
            rng.choice(
                (
                    "Mon, 99 Foo 2024",
                    "",
                    "0000-00-00",
                    "9999999999",
                    "2024-02-30",
                    "Tue, 04 Jun 99999 00:00:00 +0200",
                    "gestern",
                )
            ),
        )
        data = rss([item])
    suffix = rng.choice((".rss", ".xml", ".rss", "", ".txt"))
    return Case("bad_feed", data, suffix)


def billion_laughs(levels: int = 10, width: int = 10) -> bytes:
    """An XML entity expansion bomb: 10**levels "lol"s if a parser expands it."""
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * width}">' for i in range(1, levels)
    ]
    top = f"&lol{levels - 1};"
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(ents) + "\n]>\n"
        f'<rss version="2.0"><channel><title>{top}</title><item><title>{top}</title>'
        f"<link>https://example.org/lol</link><description>{top}</description>"
        f"<content:encoded>{top}</content:encoded></item></channel></rss>"
    ).encode()


@generator(1)
def feed_bomb(rng: random.Random) -> Case:
    if rng.random() < 0.5:
        data = billion_laughs(rng.randint(3, 10))
    else:  # quadratic blowup: one big entity used many times
        big = "x" * rng.randint(1000, 50_000)
        data = (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + big + '">]>\n'
            '<rss version="2.0"><channel><title>t</title><item><title>t</title>'
            "<link>https://example.org/q</link><description>"
            + "&a;" * rng.randint(100, 50_000)
            + "</description></item></channel></rss>"
        ).encode()
    return Case("feed_bomb", data, rng.choice((".rss", ".xml", "")))


@generator(1)
def feed_teasers(rng: random.Random) -> Case:
    """Many entries with only a teaser; without a fetcher each must fail with E117."""
    n = _size(rng, 10, 10_000)
    items = [
        f"<item><title>Meldung {i}</title><link>https://example.org/m/{i}</link>"
        f"<description>{rng.choice(SENTENCES)}</description></item>"
        for i in range(n)
    ]
    return Case("feed_teasers", rss(items), ".rss")


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.randrange(10 if depth < 4 else 6)
    if roll == 0:
        return None
    if roll == 1:
        return rng.choice((True, False))
    if roll == 2:
        return rng.choice((0, -1, 2**63, -(2**63) - 1, 10**300, 1.5, -0.0, 1e308, 5e-324))
    if roll in (3, 4, 5):
        return rng.choice(
            (
                "",
                " ",
                "a",
                "ä\u0308",
                "\u2028",
                "\ufeff",
                "\x00",
                "\ud800",
                rng.choice(SENTENCES),
                "x" * rng.randint(0, 3000),
            )
        )
    if roll in (6, 7):
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {
        rng.choice(
            ("id", "text", "html", "url", "published", "outlet", "language", "x")
        ): _json_value(rng, depth + 1)
        for _ in range(rng.randint(0, 4))
    }


def _jsonl_line(rng: random.Random) -> bytes:
    how = rng.randrange(12)
    if how == 0:  # deep nesting, alone or inside a record, closed or not
        depth = _size(rng, 10, 100_000)
        inner = b"[" * depth + (b"]" * depth if rng.random() < 0.7 else b"")
        if rng.random() < 0.5:
            inner = b'{"id": "tief", "text": "Hallo.", "x": ' + inner + b"}"
        return inner
    if how == 1:  # huge numbers
        digits = _size(rng, 10, 100_000)
        num = rng.choice(
            (
                b"9" * digits,
                b"-" + b"9" * digits,
                b"1e" + b"9" * min(digits, 400),
                b"0." + b"0" * digits + b"1",
                b"1" + b"0" * digits + b".5",
            )
        )
        where = rng.choice((b"id", b"x", b"text", b"published"))
        return b'{"id": "n", "text": "Zahlen.", "' + where + b'": ' + num + b"}"
    if how == 2:  # invalid escapes and raw control characters
        esc = rng.choice(
            (
                b"\\x41",
                b"\\u12",
                b"\\ud800",
                b"\\udc00\\ud800",
                b"\\",
                b"\\q",
                b"\x01",
                b"\t",
                b"\\u0000",
                b"\\uDBFF\\uDFFF",
                b"\\/",
                b"\x7f",
            )
        )
        return b'{"id": "e", "text": "Text ' + esc + b' Ende."}'
    if how == 3:  # ids of every JSON type
        ident = rng.choice(
            (
                b"null",
                b"true",
                b"false",
                b"0",
                b"-0",
                b"1.5",
                b"1e400",
                b"-1e400",
                b'""',
                b'" "',
                b"[]",
                b"{}",
                b"NaN",
                b"Infinity",
                b"-Infinity",
                b'"\\u0000"',
                b'"' + b"x" * 100_000 + b'"',
                b'"\\ud800"',
                b"[1]",
            )
        )
        return b'{"id": ' + ident + b', "text": "' + rng.choice(SENTENCES).encode() + b'"}'
    if how == 4:  # fields of the wrong type
        value = json.dumps(_json_value(rng)).encode()
        field_ = rng.choice((b"text", b"html", b"url", b"published", b"outlet", b"language"))
        return b'{"id": "t", "text": "Ein Text.", "' + field_ + b'": ' + value + b"}"
    if how == 5:  # an html record
        page = rng.choice(
            (
                html_page(rng),
                "<p>",
                "",
                "<div>" * 3000,
                '<meta charset="hex">x',
                "\x00",
                html_page(rng, charset=rng.choice(CHARSETS)),
            )
        )
        return json.dumps(
            {
                "id": "h",
                "html": page,
                "published": rng.choice(("2024-06-04", "gestern", "", 5, None, "2024-13-45T99:99")),
            }
        ).encode()
    if how == 6:  # not an object
        return rng.choice(
            (
                b"[]",
                b"1",
                b'"text"',
                b"null",
                b"",
                b"   ",
                b"{",
                b"}",
                b"{}",
                b'{"id": "a"}{"id": "b"}',
                b'{"id": "a", "text": "x",}',
            )
        )
    if how == 7:  # invalid UTF-8 inside a string
        return b'{"id": "b", "text": "K\xf6ln \xed\xa0\x80 \xc0\xaf"}'
    if how == 8:  # duplicate keys
        return b'{"id": "d", "text": "eins", "text": 2, "id": null}'
    if how == 9:
        return json.dumps(_json_value(rng)).encode()
    text = german(rng) if rng.random() < 0.8 else rng.choice(("", " ", "\x00" * 50, "\ufffd"))
    rec = {
        "id": rng.choice(("a", 1, "a")),
        "text": text,
        "published": rng.choice(("2024-06-04T10:00:00Z", "2024-06-04", "", "Montag")),
        "url": rng.choice(("https://example.org/a", "javascript:alert(1)", " ", "")),
        "outlet": "Beispielblatt",
    }
    return json.dumps(rec, ensure_ascii=rng.random() < 0.5).encode()


@generator(10)
def jsonl(rng: random.Random) -> Case:
    lines = [_jsonl_line(rng) for _ in range(rng.randint(1, 6))]
    sep = rng.choice((b"\n", b"\n", b"\r\n", b"\n\n", b"\r"))
    data = sep.join(lines) + rng.choice((b"\n", b""))
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    return Case("jsonl", data, rng.choice((".jsonl", ".jsonl", ".jsonl", ".txt", "")))


def _seed_document(rng: random.Random) -> tuple[bytes, str]:
    roll = rng.randrange(6)
    if roll == 0:
        return german(rng).encode(), ".txt"
    if roll == 1:
        return html_page(rng).encode(), ".html"
    if roll == 2:
        return rss([rss_item(rng, i) for i in range(rng.randint(1, 3))]), ".rss"
    if roll == 3:
        return warc_record(html_page(rng).encode()), rng.choice((".warc", ".warc.gz"))
    if roll == 4:
        return b"\n".join(_jsonl_line(rng) for _ in range(3)), ".jsonl"
    return atom(rng, 2), ".xml"


@generator(20)
def mutate(rng: random.Random) -> Case:
    """A valid document of some kind with random damage."""
    data, suffix = _seed_document(rng)
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        how = rng.randrange(6)
        at = rng.randrange(len(data))
        if how == 0:  # flip a byte
            data = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
        elif how == 1:  # delete a slice
            data = data[:at] + data[at + rng.randint(1, 200) :]
        elif how == 2:  # duplicate a slice
            end = at + rng.randint(1, 500)
            data = data[:end] + data[at:end] * rng.randint(1, 20) + data[end:]
        elif how == 3:
            data = _insert(rng, data, rng.choice(HOSTILE_TOKENS))
        elif how == 4:
            data = _insert(rng, data, rng.randbytes(rng.randint(1, 16)))
        else:  # truncate
            data = data[:at]
    if suffix == ".warc.gz":
        data = gz(data)
    if rng.random() < 0.1:
        suffix = rng.choice(SUFFIXES)
    return Case("mutate", data, suffix)


# -- handmade hostile cases ----------------------------------------------------------------------

_ARTICLE = (
    "Görlitz beschließt Sparhaushalt\n\n"
    "Der Stadtrat von Görlitz hat am Dienstag einen neuen Haushalt beschlossen. "
    "„Wir müssen sparen, aber nicht an den Schulen“, sagte Bürgermeisterin Jana Weißmüller.\n\n"
    "Die Opposition kritisierte die Pläne als überhastet.\n"
)


def _page(**kw: str) -> bytes:
    return html_page(random.Random(0), _ARTICLE, **kw).encode()


def _cut_mid_codepoint() -> bytes:
    data = _ARTICLE.encode()
    return data[: data.index("ü".encode()) + 1]


#: Named hostile inputs, each built on demand (some are megabytes). ``expect`` is the error the
#: readers must give.
HOSTILE: dict[str, Callable[[], Case]] = {
    # encodings
    "utf8_cut_mid_codepoint": lambda: Case("handmade", _cut_mid_codepoint()),
    "utf8_lone_continuation": lambda: Case(
        "handmade", _ARTICLE.encode().replace(b" ", b" \x80", 3)
    ),
    "utf8_overlong": lambda: Case(
        "handmade", b"Der Pfad \xc0\xaf\xe0\x80\xaf ist " + _ARTICLE.encode()
    ),
    "utf8_surrogates": lambda: Case("handmade", _ARTICLE.encode() + b"\xed\xa0\xbd\xed\xb8\x80"),
    "utf8_only_continuations": lambda: Case("handmade", bytes(range(0x80, 0xC0)) * 20),
    "utf16_le_bom": lambda: Case("handmade", _ARTICLE.encode("utf-16")),
    "utf16_be_no_bom": lambda: Case("handmade", _ARTICLE.encode("utf-16-be")),
    "utf16_le_no_bom_odd": lambda: Case("handmade", _ARTICLE.encode("utf-16-le")[:-1]),
    "utf16_lone_surrogate": lambda: Case(
        "handmade",
        b"\xff\xfe" + "Hallo".encode("utf-16-le") + b"\x00\xd8" + "Welt".encode("utf-16-le"),
    ),
    "utf16_html_no_bom": lambda: Case(
        "handmade", _page(charset="utf-16").decode().encode("utf-16-le"), ".html"
    ),
    "bom_only": lambda: Case("handmade", b"\xef\xbb\xbf"),
    "nul_in_text": lambda: Case("handmade", _ARTICLE.encode().replace(b"e", b"e\x00")),
    "nul_in_html": lambda: Case("handmade", _page().replace(b"<p>", b"<p>\x00\x00"), ".html"),
    "nul_only": lambda: Case("handmade", b"\x00" * 10_000, ".html"),
    # markup
    "deep_div_10k": lambda: Case(
        "handmade", b"<html><body>" + b"<div>" * 10_000 + _ARTICLE.encode(), ".html"
    ),
    "deep_b_50k": lambda: Case(
        "handmade", b"<html><body>" + b"<b>" * 50_000 + _ARTICLE.encode(), ".html"
    ),
    "deep_table_20k": lambda: Case(
        "handmade", b"<html><body>" + b"<table><tr><td>" * 20_000 + _ARTICLE.encode(), ".html"
    ),
    "deep_div_no_suffix": lambda: Case(
        "handmade", b"<!DOCTYPE html><html><body>" + b"<div>" * 30_000 + _ARTICLE.encode(), ""
    ),
    "unclosed_everything": lambda: Case("handmade", _page().replace(b"</", b"<"), ".html"),
    "comment_never_closed": lambda: Case(
        "handmade", _page().replace(b"<article>", b"<!--<article>"), ".html"
    ),
    "comment_at_start": lambda: Case("handmade", b"<!--" + _page(), ".html"),
    "comment_start_no_suffix": lambda: Case("handmade", b"<!--<html>" + _page(), ""),
    "huge_attribute": lambda: Case(
        "handmade", _page(head_extra='<meta name="x" content="' + "a" * 3_000_000 + '">'), ".html"
    ),
    "script_megabytes": lambda: Case(
        "handmade", _page(head_extra="<script>" + "var x = 1; " * 300_000 + "</script>"), ".html"
    ),
    "script_never_closed": lambda: Case(
        "handmade", _page().replace(b"<article>", b"<script><article>"), ".html"
    ),
    "entity_amp_flood": lambda: Case(
        "handmade", _page(body_extra="<p>" + "&amp;" * 500_000 + "</p>"), ".html"
    ),
    "entity_invalid_codepoints": lambda: Case(
        "handmade",
        _page(
            body_extra="<p>" + "&#0;&#xD800;&#x110000;&#99999999999;&#x;&#-1;" * 2000 + "</p>"
        ).replace(b"<title>", b"<title>&#0;&#xD800;&#x110000;"),
        ".html",
    ),
    "meta_charset_rot13": lambda: Case("handmade", _page(charset="rot13"), ".html"),
    "meta_charset_hex": lambda: Case("handmade", _page(charset="hex"), ".html"),
    "meta_charset_undefined": lambda: Case("handmade", _page(charset="undefined"), ".html"),
    "meta_charset_punycode": lambda: Case(
        "handmade", _page(charset="punycode").decode().encode("ascii", errors="ignore"), ".html"
    ),
    "meta_charset_utf7": lambda: Case("handmade", _page(charset="utf-7"), ".html"),
    "html_looking_text": lambda: Case("handmade", b"<html" + b"x" * 100, ".txt"),
    # long lines and size limits
    "long_line_1mb_text": lambda: Case(
        "handmade", (" ".join(SENTENCES) * 800)[:1_000_000].encode()
    ),
    "long_line_1mb_one_word_repeated": lambda: Case("handmade", ("Wort " * 200_000).encode()),
    "long_line_3mb_one_word": lambda: Case("handmade", b"x" * 3_000_000),
    "long_word_2000_digits": lambda: Case("handmade", b"Zahlen. " + b"9" * 2000),
    "long_line_3mb_stdin_html": lambda: Case(
        "handmade", b"<!DOCTYPE html><html><body><p>" + b"Text " * 600_000, ".html"
    ),
    "over_limit_text": lambda: Case(
        "handmade", _ARTICLE.encode() * 1000, ".txt", SMALL_MAX_BYTES, "E103"
    ),
    "over_limit_html": lambda: Case(
        "handmade",
        _page(body_extra="<p>" + "x" * SMALL_MAX_BYTES),
        ".html",
        SMALL_MAX_BYTES,
        "E103",
    ),
    "over_limit_jsonl_line": lambda: Case(
        "handmade",
        json.dumps({"id": "g", "text": "y" * (SMALL_MAX_BYTES + 10)}).encode() + b"\n",
        ".jsonl",
        SMALL_MAX_BYTES,
        "E103",
    ),
    "over_limit_by_one": lambda: Case(
        "handmade", b"a" * (SMALL_MAX_BYTES + 1), ".txt", SMALL_MAX_BYTES, "E103"
    ),
    # compression bombs
    "warc_gz_bomb_true_length": lambda: Case(
        "handmade",
        zeros_gz(
            warc_record(
                http=b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                length=str(45 + BOMB_BYTES).encode(),
                tail=b"",
            ),
            BOMB_BYTES,
        ),
        ".warc.gz",
        SMALL_MAX_BYTES,
        "E103",
    ),
    "warc_gz_bomb_lying_length": lambda: Case(
        "handmade",
        zeros_gz(warc_record(b"<html><body><p>Hallo", tail=b""), BOMB_BYTES),
        ".warc.gz",
        SMALL_MAX_BYTES,
    ),
    "gzip_bomb_no_warc": lambda: Case("handmade", zeros_gz(b""), ".warc.gz"),
    "gzip_bomb_as_text": lambda: Case("handmade", zeros_gz(b""), ".txt", expect="E102"),
    # WARC
    "warc_bad_version": lambda: Case(
        "handmade", warc_record(_page(), version=b"WARC/9.9"), ".warc"
    ),
    "warc_length_beyond_end": lambda: Case(
        "handmade", warc_record(_page(), length=b"999999", tail=b""), ".warc"
    ),
    "warc_negative_length": lambda: Case("handmade", warc_record(_page(), length=b"-5"), ".warc"),
    "warc_garbage_length": lambda: Case("handmade", warc_record(_page(), length=b"abc"), ".warc"),
    "warc_headers_without_blank_line": lambda: Case(
        "handmade", warc_record(_page(), blank=False), ".warc"
    ),
    "warc_valid_then_garbage": lambda: Case(
        "handmade", warc_record(_page()) + b"garbage\r\n" * 10, ".warc"
    ),
    "warc_gz_valid_then_garbage": lambda: Case(
        "handmade", gz(warc_record(_page())) + b"\x1f\x8b\x08\x00garbage", ".warc.gz"
    ),
    "warc_charset_rot13": lambda: Case(
        "handmade", warc_record(_page(), content_type=b"text/html; charset=rot13"), ".warc"
    ),
    "warc_empty": lambda: Case("handmade", b"", ".warc"),
    "warc_html_without_http_uri": lambda: Case(
        "handmade", warc_record(_page(), uri=b"seite-1"), ".warc"
    ),
    # feeds
    "rss_unclosed_items": lambda: Case(
        "handmade",
        rss([rss_item(random.Random(i), i, close=False) for i in range(3)], close=False),
        ".rss",
    ),
    "rss_billion_laughs": lambda: Case("handmade", billion_laughs(), ".rss"),
    "rss_javascript_links": lambda: Case(
        "handmade",
        rss(
            [
                rss_item(random.Random(1), 1, link="javascript:alert(1)", full=True),
                rss_item(random.Random(2), 2, link="javascript:alert(2)", full=False),
                rss_item(random.Random(3), 3, link="JaVaScRiPt:alert(3)", full=True),
            ]
        ),
        ".rss",
    ),
    "rss_10k_teasers": lambda: feed_teasers_n(10_000),
    "rss_charset_rot13": lambda: Case(
        "handmade",
        rss(
            [rss_item(random.Random(1), 1, full=True)],
            head='<?xml version="1.0" encoding="rot13"?>\n',
        ),
        ".rss",
    ),
    # JSON Lines
    "jsonl_deep_100k": lambda: Case(
        "handmade", b"[" * 100_000 + b"]" * 100_000 + b"\n" + _good_jsonl(), ".jsonl"
    ),
    "jsonl_deep_in_record": lambda: Case(
        "handmade",
        b'{"id": "t", "text": "Hallo.", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}\n" + _good_jsonl(),
        ".jsonl",
    ),
    "jsonl_huge_int": lambda: Case(
        "handmade",
        b'{"id": "n", "text": "Zahl.", "x": ' + b"9" * 5000 + b"}\n" + _good_jsonl(),
        ".jsonl",
    ),
    "jsonl_huge_float": lambda: Case(
        "handmade", b'{"id": 1e999999, "text": "Zahl.", "x": -1e999}', ".jsonl"
    ),
    "jsonl_invalid_escapes": lambda: Case(
        "handmade",
        b'{"id": "e", "text": "a\\x41"}\n'
        b'{"id": "f", "text": "b\\u12"}\n'
        b'{"id": "g", "text": "Hallo \\ud800 Welt."}\n',
        ".jsonl",
    ),
    "jsonl_ids_of_every_type": lambda: Case(
        "handmade",
        b"\n".join(
            b'{"id": ' + ident + b', "text": "Text ' + str(i).encode() + b'."}'
            for i, ident in enumerate(
                (
                    b"null",
                    b"true",
                    b"0",
                    b"-0",
                    b"1.5",
                    b"1e400",
                    b'""',
                    b"[]",
                    b"{}",
                    b"NaN",
                    b"-Infinity",
                    b'"\\u0000"',
                    b'"\\u2028"',
                    b'"' + b"x" * 100_000 + b'"',
                )
            )
        )
        + b"\n",
        ".jsonl",
    ),
    "jsonl_surrogate_id": lambda: Case(
        "handmade", b'{"id": "\\ud800", "text": "Ein Text."}\n' + _good_jsonl(), ".jsonl"
    ),
    "jsonl_stdin_deep": lambda: Case("handmade", b'{"a": ' + b"[" * 100_000, ".jsonl"),
}


def feed_teasers_n(n: int) -> Case:
    items = [
        f"<item><title>Meldung {i}</title><link>https://example.org/m/{i}</link>"
        f"<description>Kurz.</description></item>"
        for i in range(n)
    ]
    return Case("handmade", rss(items), ".rss")


def _good_jsonl() -> bytes:
    return json.dumps({"id": "gut", "text": _ARTICLE}, ensure_ascii=False).encode() + b"\n"


@generator(2)
def handmade(rng: random.Random) -> Case:
    name = rng.choice(sorted(HOSTILE))
    case = _hostile(name)
    return Case(f"handmade:{name}", case.data, case.suffix, case.max_bytes, case.expect)


@lru_cache(maxsize=16)
def _hostile(name: str) -> Case:
    return HOSTILE[name]()


def generate(kind: str, rng: random.Random) -> Case:
    return GENERATORS[kind].func(rng)


def pick(rng: random.Random, kinds: list[str] | None = None) -> Case:
    """A case of a kind drawn by weight."""
    names = kinds or list(GENERATORS)
    kind = rng.choices(names, weights=[GENERATORS[k].weight for k in names])[0]
    return generate(kind, rng)


# -- the contract --------------------------------------------------------------------------------

ENTRY_POINTS = (
    "decode_bytes",
    "decode_markup",
    "html_to_article",
    "read_file",
    "read_jsonl",
    "read_stream",
    "process",
)


@dataclass(slots=True)
class Result:
    """What one input gave: counts of items and outcomes, and remarks that are not failures
    (``notes``: the first example of each kind of remark)."""

    counts: Counter[str] = field(default_factory=Counter)
    notes: dict[str, str] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    #: The entry points entered, in order (the last one is where a slow input was stopped).
    trace: list[str] = field(default_factory=list)
    #: What the libraries wrote to ``sys.stderr`` meanwhile (warcio prints whole records).
    stderr_chars: int = 0
    stderr_head: str = ""

    def note(self, key: str, text: str) -> None:
        self.counts[f"note:{key}"] += 1
        self.notes.setdefault(key, text)


def check_item(item: object, where: str, result: Result) -> None:
    if isinstance(item, InputFailure):
        if not (isinstance(item.code, str) and item.code.startswith("E1") and len(item.code) == 4):
            raise Violation(f"{where}: failure with code {item.code!r}: {item.message}")
        if not item.source or not item.message.startswith(f"[{item.code}]"):
            raise Violation(f"{where}: failure without source or message: {item!r}")
        result.counts[f"{where}:failure:{item.code}"] += 1
    elif isinstance(item, Document):
        if not isinstance(item.data, bytes) or not item.source or not item.id:
            raise Violation(f"{where}: bad document {item.id!r} from {item.source!r}")
        _check_storable(item, ("id", "source", "url", "charset", "published", "outlet"), where)
        result.counts[f"{where}:document"] += 1
        _note_url(item.url, where, result)
    elif isinstance(item, Article):
        _check_text(item, where)
        result.counts[f"{where}:article"] += 1
        _note_url(item.url, where, result)
    else:
        raise Violation(f"{where}: yielded {type(item).__name__}, not an item")


def _check_text(article: Article, where: str) -> None:
    if not isinstance(article.text, str) or not article.text.strip():
        raise Violation(f"{where}: article {article.id!r} without text")
    if not isinstance(article.id, str) or not article.id:
        raise Violation(f"{where}: article without id: {article.id!r}")
    _check_storable(
        article,
        ("text", "id", "source", "url", "title", "outlet", "published", "language", "dateline"),
        where,
    )


def _check_storable(obj: object, names: tuple[str, ...], where: str) -> None:
    """Strings the store writes must be valid Unicode: SQLite (and JSON Lines output as UTF-8)
    cannot take lone surrogates, and the store raises instead of refusing one input."""
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise Violation(
                    f"{where}: {type(obj).__name__}.{name} {value[:40]!r} is not "
                    f"storable ({exc.reason})"
                ) from None


def _note_url(url: str | None, where: str, result: Result) -> None:
    if url and url.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
        result.note(f"script_url:{where}", f"{where}: kept the URL {url[:60]!r}")


def _spans(article: Article) -> Iterator[tuple[str, int, int]]:
    for s in article.body:
        yield "body", s.start, s.end
    for r in article.removed:
        yield "removed", r.start, r.end
    for se in article.sentences:
        yield "sentence", se.start, se.end
    for t in article.tokens:
        yield "token", t.start, t.end
    for m in article.entities:
        yield "entity", m.start, m.end
    for q in article.quotes:
        yield "quote", q.start, q.end
        for name, span in (("speaker", q.speaker_span), ("cue", q.cue), ("addressee", q.addressee)):
            if span is not None:
                yield f"quote.{name}", span.start, span.end
    for f in article.figures:
        yield "figure", f.start, f.end
    for d in article.dates:
        yield "date", d.start, d.end
    for lb in article.labels:
        yield "label", lb.start, lb.end
    for dm in article.damage:
        yield "damage", dm.start, dm.end


def check_outcome(outcome: Outcome, where: str, result: Result) -> None:
    art = outcome.article
    if outcome.status == "failed":
        if not art.errors or not art.errors[0].code.startswith("E1"):
            raise Violation(f"{where}: failed without an E1xx error: {art.errors!r}")
        result.counts[f"outcome:failed:{art.errors[0].code}"] += 1
        return
    if outcome.status not in ("annotated", "stored", "exists"):
        raise Violation(f"{where}: status {outcome.status!r}")
    _check_text(art, where)
    n = len(art.text)
    for what, start, end in _spans(art):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= n):
            raise Violation(
                f"{where}: {what} span {start}..{end} outside the text of {n} "
                f"characters (article {art.id!r})"
            )
    for m in art.entities:
        if art.text[m.start : m.end] != m.text:
            result.note(
                "entity_text_mismatch",
                f"{where}: entity {m.text!r} != text {art.text[m.start : m.end]!r}",
            )
    result.counts[f"outcome:{outcome.status}"] += 1
    for err in art.errors:
        result.counts[f"stage_error:{err.code}"] += 1
        if err.code == "E201":  # a stage raised: handled, but a bug in that stage
            result.note(f"stage_failed:{err.stage}", f"{where}: {err.message[:300]}")
    _note_url(art.url, where, result)


OnError = Callable[[str, BaseException], None]


def exercise(
    case: Case,
    folder: Path,
    *,
    pipeline: bool = True,
    markup: bool | None = None,
    on_error: OnError | None = None,
    result: Result | None = None,
) -> Result:
    """Feed one case to every entry point and check the contract.

    An unexpected exception propagates, unless ``on_error`` is given: then it is handed over
    (with the entry point's name) and the other entry points still run. ``Slow`` always
    propagates. Contract breaks raise :class:`Violation` (or go to ``on_error``). Over the
    size limit, ``decode_*`` and ``read_stream`` must refuse with E103.
    """
    result = result if result is not None else Result()
    sink = _CountingSink()
    try:
        with contextlib.redirect_stderr(sink):
            _exercise(case, folder, pipeline, markup, on_error, result)
    finally:
        result.stderr_chars, result.stderr_head = sink.chars, sink.head
    return result


def _exercise(
    case: Case,
    folder: Path,
    pipeline: bool,
    markup: bool | None,
    on_error: OnError | None,
    result: Result,
) -> None:
    over = len(case.data) > case.max_bytes
    name = f"fuzz{case.suffix}"
    path = folder / name
    path.write_bytes(case.data)
    if markup is None:
        # An .html file reaches html_to_article in the pipeline anyway (as a Document).
        markup = (case.suffix in (".html", ".xml", ".rss") or len(case.data) < 65536) and not (
            pipeline and case.suffix == ".html"
        )

    def guard(entry: str, func: Callable[[], None]) -> None:
        result.trace.append(entry)
        try:
            func()
        except Slow:
            raise
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt) or on_error is None:
                raise
            on_error(entry, exc)

    def direct(entry: str, call: Callable[[], object]) -> None:
        try:
            out = call()
        except InputError as exc:
            if not exc.code.startswith("E1"):
                raise Violation(f"{entry}: InputError with code {exc.code}") from None
            result.counts[f"{entry}:{exc.code}"] += 1
            if over and entry.startswith("decode") and exc.code != "E103":
                raise Violation(f"{entry}: {exc.code} for an input over the limit: {exc}") from None
            return
        if over:
            raise Violation(f"{entry}: accepted an input over the size limit")
        if isinstance(out, Article):
            _check_text(out, entry)
        elif not isinstance(out, str):
            raise Violation(f"{entry}: returned {type(out).__name__}")
        result.counts[f"{entry}:ok"] += 1

    def items_of(
        entry: str, produce: Callable[[], Iterator[Item]], expect: str | None
    ) -> list[Item]:
        items = []
        for item in produce():
            check_item(item, entry, result)
            items.append(item)
        if expect and not any(isinstance(i, InputFailure) and i.code == expect for i in items):
            raise Violation(
                f"{entry}: no {expect} among "
                f"{[getattr(i, 'code', type(i).__name__) for i in items][:10]}"
            )
        return items

    guard(
        "decode_bytes",
        lambda: direct("decode_bytes", lambda: decode_bytes(case.data, name, case.max_bytes)),
    )
    guard(
        "decode_markup",
        lambda: direct(
            "decode_markup", lambda: decode_markup(case.data, name, None, case.max_bytes)
        ),
    )
    if markup:
        guard(
            "html_to_article",
            lambda: direct(
                "html_to_article",
                lambda: html_to_article(case.data, "fuzz", name, max_bytes=case.max_bytes),
            ),
        )

    def file_then_pipeline() -> None:
        result.items = items_of(
            "read_file", lambda: read_file(path, max_bytes=case.max_bytes), case.expect
        )
        if not result.items:
            result.note(f"no_items:{case.kind}", f"read_file: nothing from {case.short(60)}")
        if pipeline:
            guard("process", run_process)

    def run_process() -> None:
        outcomes = list(process(result.items, options=Options(max_bytes=case.max_bytes)))
        if len(outcomes) != len(result.items):
            raise Violation(f"process: {len(outcomes)} outcomes for {len(result.items)} items")
        for outcome in outcomes:
            check_outcome(outcome, "process", result)
        result.outcomes = outcomes

    def stream() -> None:
        text = not case.data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
        items = items_of(
            "read_stream",
            lambda: read_stream(
                io.BufferedReader(io.BytesIO(case.data)), "<stdin>", max_bytes=case.max_bytes
            ),
            "E103" if over and text else None,
        )
        if text and len(items) != 1:
            raise Violation(f"read_stream: {len(items)} items for a text input")

    def lines() -> None:
        for item in read_jsonl(io.BytesIO(case.data), "in.jsonl", max_bytes=case.max_bytes):
            check_item(item, "read_jsonl", result)

    guard("read_file", file_then_pipeline)
    guard("read_stream", stream)
    guard("read_jsonl", lines)


# -- the long run ----------------------------------------------------------------------------------


def _on_alarm(signum: int, frame: object) -> None:
    raise Slow


class _CountingSink(io.TextIOBase):
    """Stands in for ``sys.stderr``: counts what the libraries write and keeps the first few
    hundred characters."""

    def __init__(self) -> None:
        self.chars = 0
        self.head = ""

    def write(self, s: str) -> int:
        self.chars += len(s)
        if len(self.head) < 300:
            self.head += s[: 300 - len(self.head)]
        return len(s)


def _frame(exc: BaseException) -> tuple[str, str]:
    """The traceback's last frame, and the last frame in pressespiegel."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?", "?"
    last = frames[-1]
    ours = [f for f in frames if "pressespiegel" in f.filename]
    where = f"{_short_path(last.filename)}:{last.lineno} in {last.name}"
    src = f"{_short_path(ours[-1].filename)}:{ours[-1].lineno} in {ours[-1].name}" if ours else "-"
    return where, src


def _short_path(filename: str) -> str:
    for marker in ("site-packages/", "src/", "lib/python"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


@dataclass(slots=True)
class Run:
    seed: int
    started: float = field(default_factory=time.perf_counter)
    inputs: int = 0
    pipelined: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)
    crashes: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    crash_count: int = 0
    slow: list[dict[str, Any]] = field(default_factory=list)
    memory: list[dict[str, Any]] = field(default_factory=list)
    noisy: list[dict[str, Any]] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    note_examples: dict[str, str] = field(default_factory=dict)

    def record_crash(self, index: int, case: Case, entry: str, exc: BaseException) -> None:
        self.crash_count += 1
        last, ours = _frame(exc)
        kind = "violation" if isinstance(exc, Violation) else "exception"
        key = (entry, type(exc).__name__, last if kind == "exception" else str(exc)[:80])
        seen = self.crashes.get(key)
        if seen is None:
            self.crashes[key] = {
                "kind": kind,
                "entry": entry,
                "type": type(exc).__name__,
                "message": str(exc)[:300],
                "last_frame": last,
                "pressespiegel_frame": ours,
                "input_kind": case.kind,
                "input": case.short(),
                "index": index,
                "count": 1,
                "kinds": Counter([case.kind]),
            }
        else:
            seen["count"] += 1
            seen["kinds"][case.kind] += 1

    def report(self) -> dict[str, Any]:
        seconds = time.perf_counter() - self.started
        items = {k: v for k, v in sorted(self.counts.items())}
        return {
            "seed": self.seed,
            "inputs": self.inputs,
            "pipelined": self.pipelined,
            "by_kind": dict(sorted(self.by_kind.items())),
            "read_file_items": {
                "articles": items.get("read_file:article", 0),
                "documents": items.get("read_file:document", 0),
                "failures": {
                    k.split(":")[-1]: v
                    for k, v in items.items()
                    if k.startswith("read_file:failure:")
                },
            },
            "counts": items,
            "unhandled": {
                "count": self.crash_count,
                "distinct": [dict(c, kinds=dict(c["kinds"])) for c in self.crashes.values()],
            },
            "slow": self.slow,
            "memory": self.memory,
            "noisy": self.noisy,
            "notes": dict(self.notes),
            "note_examples": self.note_examples,
            "seconds": round(seconds, 1),
            "inputs_per_s": round(self.inputs / seconds, 1) if seconds else None,
            "peak_rss_mb": _peak_rss_mb(),
        }


def _peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # kB on Linux


def case_at(seed: int, index: int) -> Case:
    return pick(random.Random(f"{seed}/{index}"))


def run_one(run: Run, index: int, folder: Path, pipeline: bool) -> None:
    case = case_at(run.seed, index)
    run.inputs += 1
    run.pipelined += pipeline
    run.by_kind[case.kind.split(":")[0]] += 1
    rss_before = _peak_rss_mb()
    started = time.perf_counter()
    result = Result()

    def on_error(where: str, exc: BaseException) -> None:
        run.record_crash(index, case, where, exc)

    signal.alarm(SLOW_SECONDS)
    try:
        exercise(case, folder, pipeline=pipeline, on_error=on_error, result=result)
    except Slow:
        run.slow.append(
            {
                "index": index,
                "kind": case.kind,
                "input": case.short(),
                "pipeline": pipeline,
                "stopped_in": result.trace[-1:],
            }
        )
        return
    finally:
        signal.alarm(0)
        elapsed = time.perf_counter() - started
        if result.stderr_chars > 1_000_000:
            run.noisy.append(
                {
                    "index": index,
                    "kind": case.kind,
                    "stderr_chars": result.stderr_chars,
                    "head": result.stderr_head[:200],
                }
            )
        grew = _peak_rss_mb() - rss_before
        if grew > 100:
            run.memory.append(
                {
                    "index": index,
                    "kind": case.kind,
                    "input": case.short(60),
                    "peak_rss_grew_mb": grew,
                    "seconds": round(elapsed, 1),
                }
            )
    if elapsed > SLOW_SECONDS:  # stuck in C code, where the alarm cannot interrupt
        run.slow.append(
            {
                "index": index,
                "kind": case.kind,
                "input": case.short(),
                "pipeline": pipeline,
                "seconds": round(elapsed, 1),
            }
        )
    for key, n in result.counts.items():
        run.counts[key] += n
        if key.startswith("note:"):
            run.notes[key.removeprefix("note:")] += n
    for key, text in result.notes.items():
        run.note_examples.setdefault(key, f"#{index} {case.kind}: {text[:300]}")


def summary(report: dict[str, Any]) -> str:
    lines = [
        f"inputs tried: {report['inputs']:,} (seed {report['seed']}, "
        f"{report['pipelined']:,} through the whole pipeline)",
        "by kind: " + ", ".join(f"{k} {v:,}" for k, v in report["by_kind"].items()),
    ]
    items = report["read_file_items"]
    lines.append(
        f"read_file items: {items['articles']:,} articles, {items['documents']:,} "
        "documents, failures "
        + (", ".join(f"{k} {v:,}" for k, v in sorted(items["failures"].items())) or "none")
    )
    outcomes = {
        k.removeprefix("outcome:"): v
        for k, v in report["counts"].items()
        if k.startswith("outcome:")
    }
    lines.append(
        "pipeline outcomes: " + (", ".join(f"{k} {v:,}" for k, v in outcomes.items()) or "none")
    )
    stage = {
        k.removeprefix("stage_error:"): v
        for k, v in report["counts"].items()
        if k.startswith("stage_error:")
    }
    if stage:
        lines.append(
            "stage errors recorded on articles: "
            + ", ".join(f"{k} {v:,}" for k, v in stage.items())
        )
    un = report["unhandled"]
    lines.append(
        f"unhandled exceptions and broken contracts: {un['count']:,} "
        f"({len(un['distinct'])} distinct)"
    )
    for c in un["distinct"]:
        lines.append(f"  [{c['count']:,}x] {c['entry']}: {c['type']}: {c['message'][:150]}")
        lines.append(f"      at {c['last_frame']} (pressespiegel: {c['pressespiegel_frame']})")
        lines.append(f"      first: input #{c['index']} {c['input'][:160]}")
    lines.append(
        f"slow (over {SLOW_SECONDS} s): {len(report['slow'])}"
        + "".join(
            f"\n  #{s['index']} {s['kind']} pipeline={s['pipeline']} {s['input'][:100]}"
            for s in report["slow"][:20]
        )
    )
    if report["memory"]:
        lines.append(
            "inputs that raised peak memory by over 100 MB: "
            + "; ".join(
                f"#{m['index']} {m['kind']} +{m['peak_rss_grew_mb']} MB" for m in report["memory"]
            )
        )
    if report["noisy"]:
        lines.append(
            "inputs that made a library write over 1 MB to stderr: "
            + "; ".join(
                f"#{m['index']} {m['kind']} {m['stderr_chars']:,} chars" for m in report["noisy"]
            )
        )
    if report["notes"]:
        lines.append(
            "notes (not failures): "
            + ", ".join(
                f"{k} {v:,}" for k, v in sorted(report["notes"].items(), key=lambda kv: -kv[1])[:12]
            )
        )
    lines.append(
        f"seconds: {report['seconds']:,}  inputs/s: {report['inputs_per_s']}  "
        f"peak RSS: {report['peak_rss_mb']:,} MB"
    )
    return "\n".join(lines)


def replay(seed: int, index: int, dump: Path | None, pipeline: bool) -> int:
    """One input again, with full tracebacks."""
    case = case_at(seed, index)
    print(f"input #{index}: {case.short(200)} (max_bytes {case.max_bytes:,})")
    if dump is not None:
        dump.write_bytes(case.data)
        print(f"wrote {len(case.data):,} bytes to {dump}")
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        result = exercise(case, Path(tmp), pipeline=pipeline)
    print(dict(result.counts), f"stderr: {result.stderr_chars:,} characters")
    for key, note in result.notes.items():
        print(f"note {key}: {note}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="how many inputs to try")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--pipeline-every",
        type=int,
        default=20,
        metavar="K",
        help="run the whole pipeline on every K-th input (0: never)",
    )
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.add_argument("--replay", type=int, metavar="I", help="run input I only, loudly")
    parser.add_argument("--dump", type=Path, help="with --replay: write the input's bytes here")
    args = parser.parse_args(argv)
    if args.replay is not None:
        return replay(args.seed, args.replay, args.dump, pipeline=True)

    # Load the models first, so that neither the time nor the memory they take is blamed on
    # the first input that reaches the pipeline.
    list(
        process(
            [
                Article(id="warm", text=_ARTICLE),
                Article(id="warm-short", text="Hallo."),
                Document(id="warm-page", source="warm.html", data=_page()),
            ]
        )
    )
    run = Run(seed=args.seed)
    signal.signal(signal.SIGALRM, _on_alarm)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp)
        for index in range(args.inputs):
            every = args.pipeline_every
            run_one(run, index, folder, bool(every) and index % every == 0)
            if (index + 1) % 5000 == 0:
                print(
                    f"{index + 1:,} inputs, {run.crash_count} unhandled, {len(run.slow)} slow, "
                    f"{time.perf_counter() - run.started:,.0f} s",
                    flush=True,
                )
    report = run.report()
    print(summary(report))
    if args.out:
        args.out.write_text(
            json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
    return 1 if run.crash_count else 0


if __name__ == "__main__":
    sys.exit(main())

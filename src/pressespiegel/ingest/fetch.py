"""Fetching pages and feeds over HTTP: polite to servers, closed to the user's own network.

A feed names URLs chosen by strangers, so every URL is hostile input. Only http and https are
fetched, never with credentials. Each hop of a redirect chain is resolved once, every address it
resolves to is checked with :mod:`ipaddress`, and the connection goes to the checked address
itself (Host header and TLS name set by hand), so a DNS answer that changes between check and
connect (rebinding) cannot reach the user's router, intranet or cloud metadata service. Bodies
are streamed and decompressed here, under a byte cap on the decoded size and a deadline, so
neither a gzip bomb nor a slow-drip server can exhaust memory or time. Every failure is an
:class:`InputError` naming the URL; the batch goes on.

Politeness: a User-Agent that names the project, conditional requests (ETag, Last-Modified),
and a pause between two requests to one host.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import quote, urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import NewConnectionError, ProtocolError, SSLError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from ..errors import E, InputError
from .decode import DEFAULT_MAX_BYTES

__all__ = ["FEED_TYPES", "HTML_TYPES", "USER_AGENT", "FetchPolicy", "Fetcher", "Response"]


def _version() -> str:
    try:
        return metadata.version("pressespiegel")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


#: Names the tool and what it does; ``analyze --contact`` adds the operator's address, as
#: polite crawlers do, so that a site can reach whoever runs it.
USER_AGENT = f"pressespiegel/{_version()} (news analysis; polite)"

#: Media types accepted for each kind of resource. Many feeds are served as plain XML;
#: an HTML page is never a feed (it is what a moved feed's URL usually returns).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/rdf+xml",
    }
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# A pool keeps one idle socket; a crawl over thousands of hosts must not keep thousands open.
_MAX_POOLS = 32
# After IDNA: what DNS names and IP literals are made of (no spaces, no header injection).
_HOST_RE = re.compile(r"[a-z0-9._:%-]+")
_URL_SAFE = "/%:@!$&'()*+,;=-._~"
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How to fetch: limits, politeness, and whether non-public addresses may be reached."""

    timeout: float = 20.0  # seconds, for connecting and for each read; the body gets 3x
    max_bytes: int = DEFAULT_MAX_BYTES  # cap on the decoded body
    max_redirects: int = 5
    per_host_delay: float = 1.0  # seconds between two requests to one host
    user_agent: str = USER_AGENT
    allow_private: bool = False  # loopback, private, link-local... (tests, intranets)


@dataclass(slots=True)
class Response:
    """A fetched resource; ``body`` is decompressed but not decoded to text."""

    url: str  # final URL after redirects
    status: int  # 2xx (almost always 200) or 304
    content_type: str  # media type only, lower case; "" when the server sent none
    charset: str | None
    body: bytes  # b"" when not modified
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class _Target:
    """One hop's URL taken apart: what to resolve, what to send."""

    scheme: str
    host: str  # ASCII (IDNA), lower case, IPv6 without brackets
    port: int
    path: str  # request target: path and query, percent-encoded
    host_header: str

    @property
    def key(self) -> str:
        return f"{self.host}:{self.port}"


_DEFAULT_POLICY = FetchPolicy()


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`; keeps connections and per-host timing.

    Not thread-safe: use one per thread. ``clock`` and ``sleep`` pace requests to one host.
    """

    def __init__(
        self,
        policy: FetchPolicy = _DEFAULT_POLICY,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._pools: OrderedDict[tuple[str, str, int, str], urllib3.HTTPConnectionPool] = (
            OrderedDict()
        )
        self._timeout = urllib3.Timeout(connect=policy.timeout, read=policy.timeout)

    def get(
        self,
        url: str,
        *,
        accept: frozenset[str] = HTML_TYPES | FEED_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """Fetch ``url``, following redirects; raise :class:`InputError` on any failure."""
        headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": ", ".join(sorted(accept)),
            "Accept-Encoding": "gzip, deflate",
        }
        # Sent on every hop: the caller stores validators from the final URL under the first.
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.policy.max_redirects + 1):
            target = _parse(current, url)
            resp = self._open(target, headers, url)
            done = False
            try:
                if resp.status in _REDIRECTS:
                    current = _location(resp, current, url)
                    continue
                result = self._finish(resp, current, accept, url, etag, last_modified)
                done = True
                return result
            finally:
                if not done:  # unread body: drop the connection rather than drain it
                    resp.close()
                resp.release_conn()
        raise InputError(E.TOO_MANY_REDIRECTS, name=url, limit=self.policy.max_redirects)

    def address_allowed(self, ip: IPAddress) -> bool:
        """Whether a non-public address may be reached; a subclass may allow only some."""
        return self.policy.allow_private

    def close(self) -> None:
        for pool in self._pools.values():
            pool.close()
        self._pools.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(
        self, target: _Target, headers: dict[str, str], name: str
    ) -> urllib3.BaseHTTPResponse:
        addresses = self._check(target, name)
        self._wait(target.key)
        refused: Exception | None = None
        for address in addresses:
            try:
                return self._pool(target, address).urlopen(
                    "GET",
                    target.path,
                    headers={**headers, "Host": target.host_header},
                    retries=False,
                    redirect=False,
                    assert_same_host=False,
                    preload_content=False,
                    decode_content=False,
                    timeout=self._timeout,
                )
            except NewConnectionError as exc:
                refused = exc  # try the next address, as browsers do (::1 then 127.0.0.1)
            except (Urllib3Error, OSError, http.client.HTTPException, ValueError) as exc:
                raise self._failed(name, exc) from None
        raise self._failed(name, refused or OSError("no address"))

    def _check(self, target: _Target, name: str) -> list[str]:
        """Resolve once and refuse if any address is not public; the caller connects to these."""
        try:
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
            addresses = list(
                dict.fromkeys(
                    str(info[4][0])
                    for info in infos
                    if info[0] in (socket.AF_INET, socket.AF_INET6)
                )
            )
        except (OSError, ValueError):  # UnicodeError is a ValueError
            addresses = []
        if not addresses:
            raise InputError(
                E.FETCH_FAILED, name=name, why=f"could not resolve the host name {target.host}"
            )
        for address in addresses:
            ip = ipaddress.ip_address(address.partition("%")[0])  # drop an IPv6 zone
            kind = blocked_kind(ip)
            if kind and not self.address_allowed(ip):
                raise InputError(E.BLOCKED_ADDRESS, name=name, address=str(ip), kind=kind)
        return addresses

    def _wait(self, key: str) -> None:
        last = self._last.get(key)
        if last is not None:
            remaining = last + self.policy.per_host_delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[key] = self._clock()

    def _pool(self, target: _Target, address: str) -> urllib3.HTTPConnectionPool:
        key = (target.scheme, address, target.port, target.host)
        pool = self._pools.pop(key, None)
        if pool is None and target.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                address,
                target.port,
                timeout=self._timeout,
                retries=False,
                maxsize=1,
                server_hostname=target.host,
                assert_hostname=target.host,
            )
        elif pool is None:
            pool = urllib3.HTTPConnectionPool(
                address, target.port, timeout=self._timeout, retries=False, maxsize=1
            )
        self._pools[key] = pool  # most recently used last
        while len(self._pools) > _MAX_POOLS:
            self._pools.popitem(last=False)[1].close()
        return pool

    def _finish(
        self,
        resp: urllib3.BaseHTTPResponse,
        url: str,
        accept: frozenset[str],
        name: str,
        etag: str | None,
        last_modified: str | None,
    ) -> Response:
        status = resp.status
        if status == 304 and (etag or last_modified):
            return Response(
                url,
                304,
                "",
                None,
                b"",
                resp.headers.get("ETag") or etag,
                resp.headers.get("Last-Modified") or last_modified,
            )
        if not 200 <= status < 300:
            raise InputError(E.FETCH_FAILED, name=name, why=_status_text(status, url, name))
        media, charset = _parse_content_type(resp.headers.get("Content-Type", ""))
        if media and media not in accept:
            raise InputError(
                E.BAD_CONTENT_TYPE,
                name=name,
                content_type=media[:100],
                expected=" or ".join(sorted(accept)),
            )
        limit = self.policy.max_bytes
        declared = _declared_length(resp.headers.get("Content-Length", ""))
        if declared is not None and declared > limit:
            raise InputError(E.TOO_LARGE, name=name, size=declared, limit=limit)
        body = self._read(resp, name)
        return Response(
            url,
            status,
            media,
            charset,
            body,
            resp.headers.get("ETag"),
            resp.headers.get("Last-Modified"),
        )

    def _read(self, resp: urllib3.BaseHTTPResponse, name: str) -> bytes:
        limit = self.policy.max_bytes
        encoding = resp.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in _WBITS and encoding not in ("", "identity"):
            raise InputError(
                E.FETCH_FAILED, name=name, why=f"unsupported Content-Encoding {encoding[:40]!r}"
            )
        decoder = _Decoder(_WBITS.get(encoding), limit, name)
        # The read timeout is per read: a server dripping one byte at a time never trips it.
        deadline = time.monotonic() + 3 * self.policy.timeout
        parts, raw = [], 0
        try:
            while chunk := resp.read1(_CHUNK, decode_content=False):
                raw += len(chunk)
                if raw > limit:  # compressed data larger than the cap decodes larger still
                    raise InputError(E.TOO_LARGE, name=name, size=raw, limit=limit)
                parts.append(decoder.feed(chunk))
                if time.monotonic() > deadline:
                    raise InputError(
                        E.FETCH_FAILED,
                        name=name,
                        why=f"the body took longer than {3 * self.policy.timeout:g} s to arrive",
                    )
            if raw:  # an empty body with a Content-Encoding header is just empty
                decoder.finish()
        except (Urllib3Error, OSError, http.client.HTTPException, ValueError) as exc:
            raise self._failed(name, exc) from None
        except zlib.error:
            raise InputError(E.FETCH_FAILED, name=name, why=f"broken {encoding} body") from None
        return b"".join(parts)

    def _failed(self, name: str, exc: BaseException) -> InputError:
        return InputError(E.FETCH_FAILED, name=name, why=_why(exc, self.policy.timeout))


class _Decoder:
    """gzip/deflate decoded here rather than by urllib3, so that the cap applies to the output."""

    __slots__ = ("_done", "_identity", "_maybe_raw", "_obj", "_wbits", "limit", "name", "size")

    def __init__(self, wbits: int | None, limit: int, name: str) -> None:
        self._identity = wbits is None
        self._wbits = wbits or zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits)
        # Some servers send raw deflate without the zlib header that HTTP asks for.
        self._maybe_raw = wbits == zlib.MAX_WBITS
        self._done = False
        self.limit, self.name, self.size = limit, name, 0

    def feed(self, data: bytes) -> bytes:
        if self._identity:
            return self._count(data)
        out = []
        while data and not self._done:
            if self._obj.eof:
                # Another gzip member may follow; anything else after the end is junk that
                # some servers append, ignored as browsers do.
                if self._wbits != _WBITS["gzip"] or not data.startswith(b"\x1f\x8b"):
                    self._done = True
                    break
                self._obj = zlib.decompressobj(self._wbits)
            out.append(self._count(self._decompress(data)))
            data = self._obj.unused_data if self._obj.eof else self._obj.unconsumed_tail
        return b"".join(out)

    def finish(self) -> None:
        if not self._identity and not self._obj.eof:
            raise zlib.error("the compressed body ended early")

    def _decompress(self, data: bytes) -> bytes:
        # max_length: never hold more than one byte over the cap, however small the input.
        room = self.limit - self.size + 1
        if self._maybe_raw:
            self._maybe_raw = False
            try:
                return self._obj.decompress(data, room)
            except zlib.error:
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._obj.decompress(data, room)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise InputError(E.TOO_LARGE, name=self.name, size=self.size, limit=self.limit)
        return data


def blocked_kind(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public internet address ("loopback", "private", ...), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 hidden in IPv6 (::ffff:127.0.0.1, 6to4, NAT64) reaches the IPv4 address.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return blocked_kind(embedded)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("shared (carrier-grade NAT)", ip in _SHARED),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
        ("non-public", not ip.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def _parse(url: str, name: str) -> _Target:
    def fail(why: str) -> InputError:
        return InputError(E.FETCH_FAILED, name=name, why=why)

    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise fail(f"not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"{scheme}:" if scheme else "a URL without a scheme"
        redirected = "" if url == name else f" (redirected to {url[:200]})"
        raise fail(f"only http and https URLs are fetched, not {what}{redirected}")
    if "@" in parts.netloc:
        raise fail("the URL contains a user name or password, which are never sent")
    if not parts.hostname:
        raise fail("the URL names no host")
    try:
        host = (
            parts.hostname
            if ":" in parts.hostname
            else parts.hostname.encode("idna").decode("ascii")
        )
    except UnicodeError:
        host = ""
    if not _HOST_RE.fullmatch(host):
        raise fail(f"{parts.hostname[:100]!r} is not a valid host name")
    default = 443 if scheme == "https" else 80
    port = default if port is None else port
    path = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE + "?")
    shown = f"[{host}]" if ":" in host else host
    return _Target(scheme, host, port, path, shown if port == default else f"{shown}:{port}")


def _location(resp: urllib3.BaseHTTPResponse, current: str, name: str) -> str:
    location = resp.headers.get("Location", "").strip()
    if not location:
        raise InputError(
            E.FETCH_FAILED, name=name, why=f"HTTP {resp.status} redirect without a Location header"
        )
    try:
        return urljoin(current, location)
    except ValueError:
        raise InputError(
            E.FETCH_FAILED, name=name, why="the redirect target is not a valid URL"
        ) from None


def _parse_content_type(value: str) -> tuple[str, str | None]:
    # Repeated headers arrive joined by commas; the last one wins, as in browsers.
    media, _, params = value.rpartition(",")[2].partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return media.strip().lower(), charset


def _declared_length(value: str) -> int | None:
    value = value.strip()
    # Python refuses to convert very long digit strings; anything that long is huge anyway.
    if not value.isascii() or not value.isdigit():
        return None
    return int(value) if len(value) < 19 else 10**18


def _status_text(status: int, url: str, name: str) -> str:
    try:
        phrase = http.HTTPStatus(status).phrase  # never echo the server's own reason text
    except ValueError:
        phrase = "unknown status"
    where = "" if url == name else f" at {url[:200]} (redirected)"
    return f"HTTP {status} {phrase}{where}"


def _why(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, NewConnectionError):
        refused = (
            isinstance(exc.__cause__ or exc.__context__, ConnectionRefusedError)
            or "refused" in str(exc).lower()
        )
        return "connection refused" if refused else f"could not connect: {_short(exc)}"
    if isinstance(exc, (Urllib3Timeout, TimeoutError)):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, SSLError):
        return f"TLS failed: {_short(exc)}"
    if isinstance(exc, ProtocolError):  # urllib3 wraps what http.client found wrong
        inner = exc.args[-1] if exc.args and isinstance(exc.args[-1], Exception) else exc
        text, kind = _short(inner), type(inner).__name__
        return f"the connection broke: {text if text.startswith(kind) else f'{kind}: {text}'}"
    return _short(exc)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"

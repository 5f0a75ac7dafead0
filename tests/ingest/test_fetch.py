"""The fetcher against a real local HTTP server whose routes misbehave on purpose."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import urllib3.util.connection

from pressespiegel.errors import E, InputError
from pressespiegel.ingest.fetch import (
    FEED_TYPES,
    HTML_TYPES,
    USER_AGENT,
    Fetcher,
    FetchPolicy,
    Response,
)

PAGE = "<html><body><p>Die Brücke öffnet im März.</p></body></html>".encode()
FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
BOMB = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # 50 MB of zeros in ~50 kB
ETAG = '"v1"'
MODIFIED = "Tue, 01 Apr 2025 08:00:00 GMT"


class Handler(BaseHTTPRequestHandler):
    """Routes by path; every request is recorded on the server before it is answered."""

    protocol_version = "HTTP/1.1"  # keep-alive, so connection reuse can be seen
    server: Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.server.hits.append(path)
        self.server.seen.append({"headers": dict(self.headers), "port": self.client_address[1]})
        route = ROUTES.get(path) or ROUTES.get(path.rsplit("/", 1)[0] + "/*")
        if route is None:
            self.send(404, b"not found", "text/plain")
        else:
            route(self)

    def send(
        self,
        status: int,
        body: bytes = b"",
        ctype: str | None = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def stream(self, chunks: Iterator[bytes], ctype: str = "text/html") -> None:
        """A body without length, ended by closing the connection; stops when the client goes."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
        except OSError:
            pass

    def query(self, key: str) -> str:
        return parse_qs(urlsplit(self.path).query)[key][0]


def _drip(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100")
    h.end_headers()
    try:
        for _ in range(100):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


def _slow_headers(h: Handler) -> None:
    time.sleep(2)
    h.send(200, PAGE)


def _etag(h: Handler) -> None:
    if h.headers.get("If-None-Match") == ETAG or h.headers.get("If-Modified-Since") == MODIFIED:
        h.send_response(304)
        h.send_header("ETag", ETAG)
        h.end_headers()
    else:
        h.send(200, PAGE, ETag=ETAG, Last_Modified=MODIFIED)


def _redirect(h: Handler) -> None:
    left = int(h.path.rsplit("/", 1)[1])
    h.send(302, Location=f"/redirect/{left - 1}" if left > 1 else "/page")


def _raw(data: bytes) -> Callable[[Handler], None]:
    """Write bytes as they are, whatever HTTP says, and close."""

    def route(h: Handler) -> None:
        h.close_connection = True
        h.wfile.write(data)

    return route


ROUTES: dict[str, Callable[[Handler], None]] = {
    "/page": lambda h: h.send(200, PAGE),
    "/feed": lambda h: h.send(200, FEED, "application/rss+xml; charset=UTF-8"),
    "/ua": lambda h: h.send(200, PAGE),
    "/typed": lambda h: h.send(200, PAGE, h.query("ct")),
    "/untyped": lambda h: h.send(200, PAGE, None),
    "/image": lambda h: h.send(200, b"\x89PNG\r\n\x1a\n", "image/png"),
    "/status/*": lambda h: h.send(int(h.path.rsplit("/", 1)[1]), b"nope"),
    "/redirect/*": _redirect,
    "/moved/*": lambda h: h.send(int(h.path.rsplit("/", 1)[1]), Location="/page"),
    "/loop": lambda h: h.send(302, Location="/loop"),
    "/dir/relative": lambda h: h.send(301, Location="../page"),
    "/to-metadata": lambda h: h.send(302, Location="http://169.254.169.254/latest/meta-data/"),
    "/to-file": lambda h: h.send(302, Location="file:///etc/passwd"),
    "/no-location": lambda h: h.send(302),
    "/to-missing": lambda h: h.send(302, Location="/status/404"),
    "/slow-headers": _slow_headers,
    "/drip": _drip,
    "/huge-length": _raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000000\r\n\r\nxyz"
    ),
    "/huge-stream": lambda h: h.stream(b"x" * 65536 for _ in range(400)),
    "/bomb": lambda h: h.send(200, BOMB, Content_Encoding="gzip"),
    "/gzip": lambda h: h.send(200, gzip.compress(PAGE), Content_Encoding="gzip"),
    "/gzip-members": lambda h: h.send(
        200, gzip.compress(PAGE[:20]) + gzip.compress(PAGE[20:]), Content_Encoding="gzip"
    ),
    "/gzip-junk": lambda h: h.send(200, gzip.compress(PAGE) + b"\0\0junk", Content_Encoding="gzip"),
    "/deflate": lambda h: h.send(200, zlib.compress(PAGE), Content_Encoding="deflate"),
    "/raw-deflate": lambda h: h.send(200, _raw_deflate(PAGE), Content_Encoding="deflate"),
    "/gzip-truncated": lambda h: h.send(200, gzip.compress(PAGE)[:-12], Content_Encoding="gzip"),
    "/gzip-broken": lambda h: h.send(200, b"this is not gzip", Content_Encoding="gzip"),
    "/brotli": lambda h: h.send(200, b"\x0b\x02\x80hi\x03", Content_Encoding="br"),
    "/etag": _etag,
    "/always-304": lambda h: h.send(304, ctype=None),
    "/garbage": _raw(b"NOT HTTP AT ALL\r\n\r\n"),
    "/truncated": _raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\nonly this"
    ),
    "/bad-length": _raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: zwei\r\n\r\n<p>x</p>"
    ),
    "/odd-status": _raw(b"HTTP/1.1 299 Whatever\r\nContent-Length: 0\r\n\r\n"),
    "/long-header": _raw(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n"),
}


def _raw_deflate(data: bytes) -> bytes:
    obj = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return obj.compress(data) + obj.flush()


class Server(ThreadingHTTPServer):
    hits: list[str]
    seen: list[dict[str, Any]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hang up on slow and huge routes on purpose


@pytest.fixture(scope="module")
def running_server() -> Iterator[Server]:
    srv = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def server(running_server: Server) -> Server:
    """The shared server with its records cleared for this test."""
    running_server.hits, running_server.seen = [], []
    return running_server


@pytest.fixture
def base(server: Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connect urllib3 makes; only loopback really connects, so no test goes outside."""
    real = urllib3.util.connection.create_connection
    made: list[tuple[str, int]] = []

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        made.append(address)
        if address[0] not in ("127.0.0.1", "::1"):
            raise ConnectionRefusedError(111, "Connection refused (test)")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", create_connection)
    return made


LOCAL = FetchPolicy(allow_private=True, per_host_delay=0, timeout=2)


@pytest.fixture
def fetcher(connects: list[tuple[str, int]]) -> Iterator[Fetcher]:
    with Fetcher(LOCAL) as f:
        yield f


def fails(code: E, call: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as info:
        call()
    assert info.value.error is code, str(info.value)
    return info.value


# --- ordinary fetching ---------------------------------------------------------------------


def test_html_page(fetcher: Fetcher, base: str) -> None:
    resp = fetcher.get(base + "/page")
    assert (resp.status, resp.url, resp.body) == (200, base + "/page", PAGE)
    assert (resp.content_type, resp.charset) == ("text/html", "utf-8")
    assert not resp.not_modified


def test_feed_with_feed_types(fetcher: Fetcher, base: str) -> None:
    resp = fetcher.get(base + "/feed", accept=FEED_TYPES)
    assert (resp.content_type, resp.charset, resp.body) == ("application/rss+xml", "utf-8", FEED)


def test_headers_sent(fetcher: Fetcher, server: Server, base: str) -> None:
    fetcher.get(base + "/ua", accept=HTML_TYPES)
    headers = server.seen[-1]["headers"]
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("pressespiegel/") and "polite" in USER_AGENT
    assert headers["Accept"] == "application/xhtml+xml, text/html"
    assert headers["Accept-Encoding"] == "gzip, deflate"
    assert headers["Host"] == base.removeprefix("http://")
    assert "If-None-Match" not in headers


def test_user_agent_from_policy(server: Server, base: str) -> None:
    with Fetcher(FetchPolicy(allow_private=True, per_host_delay=0, user_agent="probe/1")) as f:
        f.get(base + "/ua")
    assert server.seen[-1]["headers"]["User-Agent"] == "probe/1"


def test_odd_paths_are_percent_encoded(fetcher: Fetcher, server: Server, base: str) -> None:
    with pytest.raises(InputError):  # 404 from the server: the request itself went out
        fetcher.get(base + "/Brücke mit Leerzeichen?q=ä b")
    assert server.hits == ["/Br%C3%BCcke%20mit%20Leerzeichen"]


def test_connections_are_reused_and_closed(fetcher: Fetcher, server: Server, base: str) -> None:
    fetcher.get(base + "/page")
    fetcher.get(base + "/feed")
    assert server.seen[0]["port"] == server.seen[1]["port"]  # one kept-alive connection
    assert len(fetcher._pools) == 1
    fetcher.close()
    assert not fetcher._pools


# --- content types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "media", "charset"),
    [
        ("text/html", "text/html", None),
        ('TEXT/HTML; Charset="ISO-8859-1"', "text/html", "iso-8859-1"),
        ("application/xhtml+xml;charset=utf-8;q=1", "application/xhtml+xml", "utf-8"),
        ("text/html; charset=", "text/html", None),
    ],
)
def test_content_type_is_parsed(
    fetcher: Fetcher, base: str, header: str, media: str, charset: str | None
) -> None:
    resp = fetcher.get(f"{base}/typed?ct={quote(header)}")
    assert (resp.content_type, resp.charset) == (media, charset)


def test_missing_content_type_is_accepted(fetcher: Fetcher, base: str) -> None:
    resp = fetcher.get(base + "/untyped", accept=FEED_TYPES)
    assert (resp.content_type, resp.body) == ("", PAGE)


@pytest.mark.parametrize(
    ("path", "accept", "sent"),
    [
        ("/image", HTML_TYPES, "image/png"),
        ("/image", HTML_TYPES | FEED_TYPES, "image/png"),
        ("/page", FEED_TYPES, "text/html"),  # an HTML page is not a feed
        ("/feed", HTML_TYPES, "application/rss+xml"),
    ],
)
def test_wrong_content_type(
    fetcher: Fetcher, server: Server, base: str, path: str, accept: frozenset[str], sent: str
) -> None:
    err = fails(E.BAD_CONTENT_TYPE, lambda: fetcher.get(base + path, accept=accept))
    assert err.details["content_type"] == sent
    assert err.details["expected"] == " or ".join(sorted(accept))


# --- URLs that are never fetched -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "not file:"),
        ("ftp://example.org/x", "not ftp:"),
        ("data:text/html,<p>hi</p>", "not data:"),
        ("javascript:alert(1)", "not javascript:"),
        ("//example.org/page", "without a scheme"),
        ("http:///page", "no host"),
        ("http://user:secret@127.0.0.1/page", "user name or password"),
        ("http://@127.0.0.1/page", "user name or password"),
        ("http://[::1/page", "not a valid URL"),
        ("http://127.0.0.1:99999/", "not a valid URL"),
        ("http://exa mple.org/", "not a valid host name"),
        ("http://a..b/", "not a valid host name"),
        ("http://" + "x" * 64 + ".org/", "not a valid host name"),
    ],
)
def test_bad_urls(fetcher: Fetcher, connects: list[tuple[str, int]], url: str, why: str) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(url))
    assert why in str(err.details["why"])
    assert connects == []


def test_unresolvable_host(fetcher: Fetcher, connects: list[tuple[str, int]]) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get("http://no-such-host.invalid/"))
    assert "could not resolve" in str(err.details["why"])
    assert connects == []


# --- SSRF ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("localhost", "loopback"),
        ("[::1]", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("[::]", "unspecified"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "shared (carrier-grade NAT)"),
        ("[::ffff:127.0.0.1]", "loopback"),
        ("[::ffff:169.254.169.254]", "link-local"),
        ("[64:ff9b::a9fe:a9fe]", "link-local"),  # NAT64 form of 169.254.169.254
        ("[2002:7f00:1::]", "loopback"),  # 6to4 form of 127.0.0.1
        ("2130706433", "loopback"),  # decimal 127.0.0.1
        ("0x7f.1", "loopback"),
        ("017700000001", "loopback"),  # octal
        ("[fe80::1]", "link-local"),
        ("[fc00::1]", "private"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_non_public_addresses_are_refused_before_connecting(
    server: Server, connects: list[tuple[str, int]], host: str, kind: str
) -> None:
    port = server.server_address[1]
    with Fetcher(FetchPolicy(per_host_delay=0, timeout=1)) as f:
        err = fails(E.BLOCKED_ADDRESS, lambda: f.get(f"http://{host}:{port}/page"))
    assert err.details["kind"] == kind
    assert "--allow-private" in str(err)
    assert connects == [] and server.hits == []


def test_any_private_address_among_several_blocks(
    monkeypatch: pytest.MonkeyPatch, connects: list[tuple[str, int]]
) -> None:
    _fake_dns(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.5"]})
    err = fails(E.BLOCKED_ADDRESS, lambda: Fetcher().get("http://mixed.example/"))
    assert err.details["address"] == "10.0.0.5"
    assert connects == []


def test_connection_is_pinned_to_the_checked_address(
    monkeypatch: pytest.MonkeyPatch, connects: list[tuple[str, int]]
) -> None:
    # DNS rebinding: the first answer is public, a second lookup would say 127.0.0.1.
    lookups = _fake_dns(
        monkeypatch, {"rebind.example": ["93.184.216.34"]}, then={"rebind.example": ["127.0.0.1"]}
    )
    with Fetcher(FetchPolicy(per_host_delay=0, timeout=1)) as f:
        err = fails(E.FETCH_FAILED, lambda: f.get("http://rebind.example/"))
    assert "connection refused" in str(err.details["why"])
    assert connects == [("93.184.216.34", 80)]
    assert lookups == ["rebind.example"]


def test_host_header_names_the_host_not_the_address(
    monkeypatch: pytest.MonkeyPatch, fetcher: Fetcher, server: Server
) -> None:
    port = server.server_address[1]
    _fake_dns(monkeypatch, {"news.example": ["127.0.0.1"]})
    resp = fetcher.get(f"http://news.example:{port}/ua")
    assert resp.url == f"http://news.example:{port}/ua"
    assert server.seen[-1]["headers"]["Host"] == f"news.example:{port}"


def test_next_address_is_tried_when_one_refuses(
    monkeypatch: pytest.MonkeyPatch,
    fetcher: Fetcher,
    server: Server,
    connects: list[tuple[str, int]],
) -> None:
    port = server.server_address[1]
    _fake_dns(monkeypatch, {"dual.example": ["10.9.9.9", "127.0.0.1"]})
    assert fetcher.get(f"http://dual.example:{port}/page").body == PAGE
    assert connects == [("10.9.9.9", port), ("127.0.0.1", port)]


class LoopbackOnly(Fetcher):
    """Allows the test server's address, and no other non-public one."""

    def address_allowed(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return ip == ipaddress.ip_address("127.0.0.1")


def test_every_redirect_hop_is_checked(
    server: Server, base: str, connects: list[tuple[str, int]]
) -> None:
    with LoopbackOnly(FetchPolicy(per_host_delay=0, timeout=1)) as f:
        assert f.get(base + "/page").body == PAGE
        err = fails(E.BLOCKED_ADDRESS, lambda: f.get(base + "/to-metadata"))
    assert err.details["address"] == "169.254.169.254"
    assert err.details["name"] == base + "/to-metadata"
    assert server.hits == ["/page", "/to-metadata"]
    assert {host for host, _ in connects} == {"127.0.0.1"}


# --- redirects -----------------------------------------------------------------------------


def test_redirect_chain(fetcher: Fetcher, server: Server, base: str) -> None:
    resp = fetcher.get(base + "/redirect/3")
    assert (resp.url, resp.body) == (base + "/page", PAGE)
    assert server.hits == ["/redirect/3", "/redirect/2", "/redirect/1", "/page"]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_statuses(fetcher: Fetcher, base: str, status: int) -> None:
    assert fetcher.get(f"{base}/moved/{status}").url == base + "/page"


def test_relative_redirect(fetcher: Fetcher, base: str) -> None:
    assert fetcher.get(base + "/dir/relative").url == base + "/page"


def test_too_many_redirects(server: Server, base: str) -> None:
    with Fetcher(FetchPolicy(allow_private=True, per_host_delay=0, max_redirects=2)) as f:
        err = fails(E.TOO_MANY_REDIRECTS, lambda: f.get(base + "/redirect/3"))
    assert err.details["limit"] == 2
    assert len(server.hits) == 3  # the first request and two redirects, no fourth


def test_redirect_loop(fetcher: Fetcher, server: Server, base: str) -> None:
    fails(E.TOO_MANY_REDIRECTS, lambda: fetcher.get(base + "/loop"))
    assert server.hits == ["/loop"] * 6


def test_redirect_to_other_scheme(fetcher: Fetcher, base: str) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(base + "/to-file"))
    assert "not file: (redirected to file:///etc/passwd)" in str(err.details["why"])


def test_redirect_without_location(fetcher: Fetcher, base: str) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(base + "/no-location"))
    assert "without a Location" in str(err.details["why"])


# --- status codes and conditional requests -------------------------------------------------


@pytest.mark.parametrize(
    ("status", "why"),
    [
        (404, "HTTP 404 Not Found"),
        (410, "HTTP 410 Gone"),
        (403, "HTTP 403 Forbidden"),
        (500, "HTTP 500 Internal Server Error"),
        (503, "HTTP 503 Service Unavailable"),
    ],
)
def test_error_status(fetcher: Fetcher, base: str, status: int, why: str) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(f"{base}/status/{status}"))
    assert err.details["why"] == why
    assert err.details["name"] == f"{base}/status/{status}"


def test_error_status_after_redirect_names_both(fetcher: Fetcher, base: str) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(base + "/to-missing"))
    assert err.details["name"] == base + "/to-missing"
    assert err.details["why"] == f"HTTP 404 Not Found at {base}/status/404 (redirected)"


def test_etag_and_last_modified(fetcher: Fetcher, server: Server, base: str) -> None:
    first = fetcher.get(base + "/etag")
    assert (first.status, first.etag, first.last_modified) == (200, ETAG, MODIFIED)
    again = fetcher.get(base + "/etag", etag=first.etag)
    assert again.not_modified and again.body == b"" and again.etag == ETAG
    assert server.seen[-1]["headers"]["If-None-Match"] == ETAG
    by_date = fetcher.get(base + "/etag", last_modified=first.last_modified)
    assert by_date.status == 304 and by_date.last_modified == MODIFIED
    assert server.seen[-1]["headers"]["If-Modified-Since"] == MODIFIED
    assert fetcher.get(base + "/etag", etag='"old"').status == 200


def test_304_without_a_conditional_request(fetcher: Fetcher, base: str) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(base + "/always-304"))
    assert err.details["why"] == "HTTP 304 Not Modified"


# --- sizes and compression -----------------------------------------------------------------


def test_declared_length_over_the_cap_is_refused_before_reading(
    fetcher: Fetcher, base: str
) -> None:
    err = fails(E.TOO_LARGE, lambda: fetcher.get(base + "/huge-length"))
    assert (err.details["size"], err.details["limit"]) == (1_000_000_000, LOCAL.max_bytes)


def test_cap_applies_to_small_pages_too(base: str) -> None:
    with Fetcher(FetchPolicy(allow_private=True, per_host_delay=0, max_bytes=20)) as f:
        fails(E.TOO_LARGE, lambda: f.get(base + "/page"))
        fails(E.TOO_LARGE, lambda: f.get(base + "/gzip"))


def test_streamed_body_without_length_is_cut_at_the_cap(base: str) -> None:
    with Fetcher(FetchPolicy(allow_private=True, per_host_delay=0, max_bytes=1_000_000)) as f:
        err = fails(E.TOO_LARGE, lambda: f.get(base + "/huge-stream"))
    assert 1_000_000 < err.details["size"] <= 1_000_000 + 65536  # type: ignore[operator]


def test_gzip_bomb_is_stopped_without_inflating_it(fetcher: Fetcher, base: str) -> None:
    tracemalloc.start()
    try:
        err = fails(E.TOO_LARGE, lambda: fetcher.get(base + "/bomb"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.details["size"] == LOCAL.max_bytes + 1
    assert peak < 3 * LOCAL.max_bytes  # far below the 50 MB the bomb would inflate to


@pytest.mark.parametrize(
    "path", ["/gzip", "/gzip-members", "/gzip-junk", "/deflate", "/raw-deflate"]
)
def test_compressed_pages(fetcher: Fetcher, base: str, path: str) -> None:
    assert fetcher.get(base + path).body == PAGE


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/gzip-truncated", "broken gzip body"),
        ("/gzip-broken", "broken gzip body"),
        ("/brotli", "unsupported Content-Encoding 'br'"),
    ],
)
def test_broken_or_unknown_compression(fetcher: Fetcher, base: str, path: str, why: str) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(base + path))
    assert err.details["why"] == why


# --- hostile and broken servers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/garbage", "BadStatusLine"),
        ("/truncated", "IncompleteRead(9 bytes read, 91 more expected)"),
        ("/long-header", "LineTooLong"),
    ],
)
def test_broken_responses_are_input_errors(
    fetcher: Fetcher, base: str, path: str, why: str
) -> None:
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(base + path))
    assert str(err.details["why"]).startswith("the connection broke: " + why)


def test_unreadable_content_length_reads_until_close(fetcher: Fetcher, base: str) -> None:
    assert fetcher.get(base + "/bad-length").body == b"<p>x</p>"


def test_unknown_success_status(fetcher: Fetcher, base: str) -> None:
    assert fetcher.get(base + "/odd-status").status == 299


def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    err = fails(E.FETCH_FAILED, lambda: fetcher.get(f"http://127.0.0.1:{port}/"))
    assert err.details["why"] == "connection refused"


def test_slow_headers_time_out(base: str) -> None:
    start = time.monotonic()
    with Fetcher(FetchPolicy(allow_private=True, per_host_delay=0, timeout=0.5)) as f:
        err = fails(E.FETCH_FAILED, lambda: f.get(base + "/slow-headers"))
    assert err.details["why"] == "timed out after 0.5 s"
    assert time.monotonic() - start < 1.5


def test_slow_drip_body_hits_the_deadline(base: str) -> None:
    start = time.monotonic()
    with Fetcher(FetchPolicy(allow_private=True, per_host_delay=0, timeout=0.5)) as f:
        err = fails(E.FETCH_FAILED, lambda: f.get(base + "/drip"))
    assert err.details["why"] == "the body took longer than 1.5 s to arrive"
    assert time.monotonic() - start < 2.5  # the whole body would take 10 s


# --- politeness ----------------------------------------------------------------------------


class FakeTime:
    """A clock that only moves when told to, and a sleep that records instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def _polite(fake: FakeTime, delay: float = 1.0) -> Fetcher:
    return Fetcher(
        FetchPolicy(allow_private=True, per_host_delay=delay, timeout=2),
        clock=fake.clock,
        sleep=fake.sleep,
    )


def test_second_request_to_a_host_waits(base: str) -> None:
    fake = FakeTime()
    with _polite(fake) as f:
        f.get(base + "/page")
        assert fake.slept == []
        f.get(base + "/feed")
    assert fake.slept == [pytest.approx(1.0)]


def test_wait_counts_time_already_passed(base: str) -> None:
    fake = FakeTime()
    with _polite(fake) as f:
        f.get(base + "/page")
        fake.now += 0.4
        f.get(base + "/page")
        fake.now += 5
        f.get(base + "/page")
    assert fake.slept == [pytest.approx(0.6)]


def test_redirect_hops_to_the_same_host_wait_too(base: str) -> None:
    fake = FakeTime()
    with _polite(fake, delay=2.0) as f:
        f.get(base + "/redirect/2")
    assert fake.slept == [pytest.approx(2.0)] * 2


def test_different_hosts_do_not_wait_for_each_other(server: Server, base: str) -> None:
    fake = FakeTime()
    with _polite(fake) as f:
        f.get(base + "/page")
        f.get(f"http://localhost:{server.server_address[1]}/page")
    assert fake.slept == []
    assert len(server.hits) == 2


# --- helpers -------------------------------------------------------------------------------


def _fake_dns(
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, list[str]],
    then: dict[str, list[str]] | None = None,
) -> list[str]:
    """Answer lookups for made-up names; ``then`` answers every lookup after the first."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        table = then if then and host in lookups else answers
        if host not in table:
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in table[host]]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def test_response_not_modified_property() -> None:
    assert Response("u", 304, "", None, b"", None, None).not_modified
    assert not Response("u", 200, "text/html", None, b"x", None, None).not_modified

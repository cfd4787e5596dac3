"""The fetcher against a real server on 127.0.0.1: conditional GET, decoding, redirects, statuses,
connection reuse, and HTTPS with HTTP/2 to a name that is connected to by its vetted address."""

from __future__ import annotations

import gzip
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import brotli
import pytest
import zstandard

from newsdesk.errors import ConnectError, FetchError, InvalidURLError, TooManyRedirectsError
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.types import Validators
from tests.pipeline.fetchsupport import TEST_POLICY, make_fetcher
from tests.pipeline.fetchsupport.fixtures import fresh_local_server, module_server  # noqa: F401
from tests.pipeline.fetchsupport.handlers import hang_up, raw_reply
from tests.pipeline.fetchsupport.tls import TLSServer, make_certificate
from tests.support.server import LocalServer

TEXT = b"<rss><channel><title>Wire</title></channel></rss>\n" * 200
ETAG = '"v1"'
LAST_MODIFIED = "Sat, 01 Mar 2025 10:00:00 GMT"


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with make_fetcher() as fetcher:
        yield fetcher


def conditional(request: BaseHTTPRequestHandler) -> None:
    """200 with validators, or 304 (without them) when the client's validators match."""
    if request.headers.get("If-None-Match") == ETAG:
        raw_reply(304)(request)
    else:
        headers = {
            "ETag": ETAG,
            "Last-Modified": LAST_MODIFIED,
            "Content-Type": "application/rss+xml",
        }
        raw_reply(200, headers, TEXT)(request)


def test_sends_user_agent_accept_and_encodings(local_server: LocalServer, fetcher: Fetcher) -> None:
    fetcher.fetch(local_server.add("/feed", TEXT), accept="application/rss+xml")
    _, headers = local_server.requests[0]
    assert headers["User-Agent"] == "newsdesk/0.1"
    assert headers["Accept"] == "application/rss+xml"
    assert headers["Accept-Encoding"] == "gzip, deflate, br, zstd"
    assert "If-None-Match" not in headers


def test_conditional_get(local_server: LocalServer, fetcher: Fetcher) -> None:
    url = local_server.add("/feed", handler=conditional)
    first = fetcher.fetch(url)
    assert first.status == 200 and first.ok and first.content == TEXT
    assert first.content_type == "application/rss+xml"
    assert first.validators == Validators(ETAG, LAST_MODIFIED)

    second = fetcher.fetch(url, validators=first.validators)
    _, headers = local_server.requests[-1]
    assert headers["If-None-Match"] == ETAG
    assert headers["If-Modified-Since"] == LAST_MODIFIED
    assert second.not_modified and second.content == b""
    assert second.validators == Validators(ETAG, LAST_MODIFIED)


def test_304_with_a_new_etag_replaces_only_that(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    url = local_server.add("/feed", handler=raw_reply(304, {"ETag": '"v2"'}))
    result = fetcher.fetch(url, validators=Validators(ETAG, LAST_MODIFIED))
    assert result.validators == Validators('"v2"', LAST_MODIFIED)


def test_200_without_validators_clears_them(local_server: LocalServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(
        local_server.add("/feed", TEXT), validators=Validators(ETAG, LAST_MODIFIED)
    )
    assert result.status == 200 and result.validators == Validators()


@pytest.mark.parametrize("status", [404, 410, 500, 502])
def test_error_statuses_come_back_as_results(
    local_server: LocalServer, fetcher: Fetcher, status: int
) -> None:
    url = local_server.add("/gone", b"no such feed", status=status, headers={"ETag": '"err"'})
    result = fetcher.fetch(url, validators=Validators(ETAG))
    assert result.status == status and not result.ok
    assert result.content == b"no such feed"
    assert result.validators == Validators(ETAG)  # an error page's ETag is not the feed's
    assert result.retry_after is None


def test_retry_after_in_seconds_and_as_a_date(local_server: LocalServer, fetcher: Fetcher) -> None:
    slow_down = local_server.add("/busy", status=429, headers={"Retry-After": "120"})
    assert fetcher.fetch(slow_down).retry_after == 120.0
    later = local_server.add(
        "/down", status=503, headers={"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"}
    )
    retry = fetcher.fetch(later).retry_after
    assert retry is not None and retry > 60 * 365 * 24 * 3600
    fine = local_server.add("/fine", TEXT, headers={"Retry-After": "30"})
    assert fetcher.fetch(fine).retry_after is None


def _gzip_members(data: bytes) -> bytes:
    half = len(data) // 2
    return gzip.compress(data[:half]) + gzip.compress(data[half:])


def _raw_deflate(data: bytes) -> bytes:
    deflater = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return deflater.compress(data) + deflater.flush()


ENCODED = {
    "gzip": ("gzip", gzip.compress(TEXT)),
    "gzip-members": ("gzip", _gzip_members(TEXT)),
    "gzip-trailing-zeros": ("gzip", gzip.compress(TEXT) + bytes(16)),
    "deflate": ("deflate", zlib.compress(TEXT)),
    "deflate-raw": ("deflate", _raw_deflate(TEXT)),
    "br": ("br", brotli.compress(TEXT)),
    "zstd": ("zstd", zstandard.ZstdCompressor().compress(TEXT)),
    "gzip-then-br": ("gzip, br", brotli.compress(gzip.compress(TEXT))),
    "identity": ("identity", TEXT),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_content_encodings_are_decoded(
    local_server: LocalServer, fetcher: Fetcher, name: str
) -> None:
    coding, body = ENCODED[name]
    url = local_server.add("/feed", body, headers={"Content-Encoding": coding})
    assert fetcher.fetch(url).content == TEXT


def test_unknown_coding_is_returned_as_it_came(local_server: LocalServer, fetcher: Fetcher) -> None:
    body = gzip.compress(TEXT)
    url = local_server.add("/feed", body, headers={"Content-Encoding": "gzip, x-custom"})
    assert fetcher.fetch(url).content == body


def test_corrupt_gzip_is_a_fetch_error(local_server: LocalServer, fetcher: Fetcher) -> None:
    url = local_server.add(
        "/feed", b"\x1f\x8b\x08\x00garbage" * 10, headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="decode"):
        fetcher.fetch(url)


def test_permanent_redirects(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.add("/old", status=301, headers={"Location": "/older"})
    local_server.add("/older", status=308, headers={"Location": local_server.url("/new")})
    final = local_server.add("/new", TEXT)
    result = fetcher.fetch(local_server.url("/old"))
    assert result.status == 200 and result.content == TEXT
    assert result.url == local_server.url("/old")
    assert result.final_url == final
    assert result.permanent_url == final
    assert result.redirects == 2


@pytest.mark.parametrize("temporary", [302, 303, 307])
def test_one_temporary_hop_makes_the_chain_temporary(
    local_server: LocalServer, fetcher: Fetcher, temporary: int
) -> None:
    local_server.add("/a", status=301, headers={"Location": "/b"})
    local_server.add("/b", status=temporary, headers={"Location": "c"})
    final = local_server.add("/c", TEXT)
    result = fetcher.fetch(local_server.url("/a"))
    assert (result.final_url, result.permanent_url, result.redirects) == (final, "", 2)


def test_no_redirect_no_permanent_url(local_server: LocalServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(local_server.add("/feed", TEXT))
    assert (result.redirects, result.permanent_url) == (0, "")


def test_redirect_limit(local_server: LocalServer) -> None:
    for hop in range(3):
        local_server.add(f"/{hop}", status=302, headers={"Location": f"/{hop + 1}"})
    local_server.add("/3", TEXT)
    with make_fetcher(max_redirects=3) as fetcher:
        assert fetcher.fetch(local_server.url("/0")).redirects == 3
    with make_fetcher(max_redirects=2) as fetcher, pytest.raises(TooManyRedirectsError):
        fetcher.fetch(local_server.url("/0"))


def test_redirect_loop(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.add("/ping", status=301, headers={"Location": "/pong"})
    local_server.add("/pong", status=301, headers={"Location": "/ping"})
    with pytest.raises(TooManyRedirectsError):
        fetcher.fetch(local_server.url("/ping"))
    assert local_server.hits["/ping"] + local_server.hits["/pong"] == 6


@pytest.mark.parametrize("target", ["file:///etc/passwd", "gopher://example.com/", "http://[::1"])
def test_redirect_to_an_unusable_url(
    local_server: LocalServer, fetcher: Fetcher, target: str
) -> None:
    url = local_server.add("/jump", status=302, headers={"Location": target})
    with pytest.raises(InvalidURLError):
        fetcher.fetch(url)


def test_3xx_without_location_is_returned(local_server: LocalServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(local_server.add("/odd", b"choose", status=300))
    assert (result.status, result.content, result.redirects) == (300, b"choose", 0)


def test_keep_alive_reuses_one_connection(local_server: LocalServer, fetcher: Fetcher) -> None:
    ports: set[int] = set()

    def record(request: BaseHTTPRequestHandler) -> None:
        ports.add(request.client_address[1])
        raw_reply(304, {"ETag": ETAG})(request)

    url = local_server.add("/feed", handler=record)
    for _ in range(20):
        assert fetcher.fetch(url, validators=Validators(ETAG)).not_modified
    assert len(ports) == 1


def test_many_not_modified_checks_from_threads(local_server: LocalServer) -> None:
    """Loose floor only (the real figure is a benchmark): far above 5,000 checks a minute."""
    url = local_server.add("/feed", handler=raw_reply(304, {"ETag": ETAG}))
    statuses: list[int] = []

    def check(fetcher: Fetcher) -> None:
        for _ in range(150):
            statuses.append(fetcher.fetch(url, validators=Validators(ETAG)).status)

    with make_fetcher(per_host_concurrency=4) as fetcher:
        threads = [threading.Thread(target=check, args=(fetcher,)) for _ in range(4)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    assert statuses == [304] * 600
    assert 600 / elapsed * 60 > 5000


def test_refused_connection_is_a_connect_error(fetcher: Fetcher) -> None:
    with pytest.raises(ConnectError) as caught:
        fetcher.fetch(f"http://127.0.0.1:{_closed_port()}/feed")
    assert caught.value.__cause__ is not None
    assert not type(caught.value).__module__.startswith(("httpx", "httpcore"))


def test_server_hanging_up_is_a_fetch_error(local_server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError):
        fetcher.fetch(local_server.add("/hangup", handler=hang_up))


def test_unresolvable_name_is_a_connect_error() -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise OSError(f"no such host {host}")

    with make_fetcher(resolver=nowhere) as fetcher, pytest.raises(ConnectError):
        fetcher.fetch("http://feeds.example.test/")


# --- HTTPS and HTTP/2 -------------------------------------------------------------------------

HOSTNAME = "feeds.example.test"


def to_loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"] if host.endswith(".example.test") else []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    try:
        return make_certificate(HOSTNAME, tmp_path_factory.mktemp("tls"))
    except (OSError, RuntimeError) as e:  # no openssl command
        pytest.skip(f"cannot make a test certificate: {e}")


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[TLSServer]:
    server = TLSServer(*certificate, body=TEXT)
    yield server
    server.stop()


def test_https_uses_http2_with_sni_and_host_of_the_name(
    tls_server: TLSServer, certificate: tuple[Path, Path]
) -> None:
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    with Fetcher(TEST_POLICY, resolver=to_loopback, ssl_context=trusted) as fetcher:
        for path in ("/a", "/b"):
            result = fetcher.fetch(f"https://{HOSTNAME}:{tls_server.port}{path}")
            assert result.status == 200 and result.content == TEXT
    authority = f"{HOSTNAME}:{tls_server.port}"
    assert [(s.sni, s.protocol, s.authority, s.path) for s in tls_server.seen] == [
        (HOSTNAME, "h2", authority, "/a"),
        (HOSTNAME, "h2", authority, "/b"),
    ]


def test_https_certificate_must_match_the_name(
    tls_server: TLSServer, certificate: tuple[Path, Path]
) -> None:
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    with (
        Fetcher(TEST_POLICY, resolver=to_loopback, ssl_context=trusted) as fetcher,
        pytest.raises(ConnectError, match="certificate"),
    ):
        fetcher.fetch(f"https://other.example.test:{tls_server.port}/")


def test_https_certificate_must_be_trusted(tls_server: TLSServer) -> None:
    with make_fetcher(resolver=to_loopback) as fetcher, pytest.raises(ConnectError):
        fetcher.fetch(f"https://{HOSTNAME}:{tls_server.port}/")
    assert tls_server.seen == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])

"""The address guard end to end: every spelling of a private address is refused before any
request is sent, names are checked by what they resolve to, the socket goes to the vetted
address, and redirects are re-checked on every hop."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.errors import BlockedAddressError
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.pipeline.fetch.lookups import LookupPool
from tests.pipeline.fetchsupport import make_fetcher
from tests.pipeline.fetchsupport.fixtures import fresh_local_server, module_server  # noqa: F401
from tests.support.server import LocalServer

BODY = b"<rss/>"

# The loopback spellings carry the test server's port: if the guard let one through, the fetch
# would reach the server and return 200 instead of raising.
LOOPBACK_SPELLINGS = [
    "http://2130706433:{port}/feed",
    "http://0177.0.0.1:{port}/feed",
    "http://0x7f000001:{port}/feed",
    "http://0x7f.0.0.1:{port}/feed",
    "http://127.1:{port}/feed",
    "http://127.0.0.1:{port}/feed",
    "http://[::1]:{port}/feed",
    "http://[::ffff:127.0.0.1]:{port}/feed",
    "http://[::ffff:7f00:1]:{port}/feed",
    "http://[64:ff9b::7f00:1]:{port}/feed",
    "http://[2002:7f00:1::]:{port}/feed",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:{port}/feed",
    "http://localhost:{port}/feed",
]

OTHER_PRIVATE = [
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://0.0.0.0/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "http://198.18.0.1/",
    "http://192.0.2.10/",
]


@pytest.fixture
def unguarded_server(local_server: LocalServer) -> LocalServer:
    local_server.add("/feed", BODY)
    return local_server


@pytest.fixture
def strict() -> Iterator[Fetcher]:
    with make_fetcher(allow_networks=(), connect_timeout=1.0) as fetcher:
        yield fetcher


def test_the_server_is_reachable_when_allow_listed(unguarded_server: LocalServer) -> None:
    with make_fetcher() as fetcher:
        assert fetcher.fetch(unguarded_server.url("/feed")).content == BODY


@pytest.mark.parametrize("spelling", LOOPBACK_SPELLINGS)
def test_loopback_in_any_spelling_is_blocked(
    unguarded_server: LocalServer, strict: Fetcher, spelling: str
) -> None:
    with pytest.raises(BlockedAddressError):
        strict.fetch(spelling.format(port=unguarded_server.port))
    assert unguarded_server.hits["/feed"] == 0


@pytest.mark.parametrize("url", OTHER_PRIVATE)
def test_private_and_reserved_networks_are_blocked(strict: Fetcher, url: str) -> None:
    with pytest.raises(BlockedAddressError):
        strict.fetch(url)


def test_a_name_is_judged_by_what_it_resolves_to(unguarded_server: LocalServer) -> None:
    def rebinding(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "127.0.0.1"]

    with make_fetcher(resolver=rebinding, allow_networks=()) as fetcher:
        with pytest.raises(BlockedAddressError, match=r"127\.0\.0\.1"):
            fetcher.fetch(f"http://news.example.test:{unguarded_server.port}/feed")
        with pytest.raises(BlockedAddressError):
            fetcher.fetch_page(f"http://news.example.test:{unguarded_server.port}/feed")
    assert unguarded_server.hits["/feed"] == 0


def test_the_socket_goes_to_the_vetted_address_with_the_name_as_host(
    unguarded_server: LocalServer,
) -> None:
    """The answer that was checked is the one connected to: a resolver that changes its answer
    after the first lookup (DNS rebinding) cannot redirect the connection."""
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
    calls: list[str] = []

    def flipping(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    with make_fetcher(resolver=flipping) as fetcher:
        result = fetcher.fetch(f"http://flip.example.test:{unguarded_server.port}/feed")
    assert result.status == 200 and result.content == BODY
    assert calls == ["flip.example.test"]
    _, headers = unguarded_server.requests[-1]
    assert headers["Host"] == f"flip.example.test:{unguarded_server.port}"


@pytest.fixture
def second_loopback_server() -> Iterator[ThreadingHTTPServer]:
    """A server on 127.0.0.2 (Linux answers on all of 127/8), outside the 127.0.0.1/32 allow."""

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "6")
            self.end_headers()
            self.wfile.write(b"inside")

        def log_message(self, format: str, *args: object) -> None:
            pass

    try:
        server = ThreadingHTTPServer(("127.0.0.2", 0), Answer)
    except OSError as e:
        pytest.skip(f"cannot listen on 127.0.0.2: {e}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_redirect_to_a_private_address_is_blocked(
    local_server: LocalServer, second_loopback_server: ThreadingHTTPServer
) -> None:
    inside = f"http://127.0.0.2:{second_loopback_server.server_address[1]}/secret"
    url = local_server.add("/jump", status=302, headers={"Location": inside})
    with make_fetcher(allow_networks=("127.0.0.0/8",)) as fetcher:  # control: reachable
        assert fetcher.fetch(url).content == b"inside"
    with (
        make_fetcher(allow_networks=("127.0.0.1/32",)) as fetcher,
        pytest.raises(BlockedAddressError, match=r"127\.0\.0\.2"),
    ):
        fetcher.fetch(url)


def test_redirect_to_a_name_for_a_private_address_is_blocked(local_server: LocalServer) -> None:
    def metadata(host: str, port: int) -> list[str]:
        return ["169.254.169.254"]

    url = local_server.add("/jump", status=301, headers={"Location": "http://metadata.test/"})
    with make_fetcher(resolver=metadata) as fetcher, pytest.raises(BlockedAddressError):
        fetcher.fetch(url)


HANGING_LOOKUP = """
import time
from newsdesk.errors import DeadlineExceededError
from newsdesk.pipeline.fetch.guard import AddressGuard

def hang(host, port):
    time.sleep(600)
    return []

guard = AddressGuard(resolver=hang)
try:
    guard.vetted_addresses("news.example", 443, time.monotonic() + 0.2)
except DeadlineExceededError as e:
    print("gave up:", e)
"""


def test_a_hanging_lookup_holds_neither_its_caller_nor_the_process_at_exit() -> None:
    """A resolver that never answers: the caller gets a clear error at its deadline, and the
    process still ends at once (a stopped worker must not wait on a lookup nobody wants)."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", HANGING_LOOKUP], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "gave up: resolving news.example took too long" in done.stdout
    assert time.monotonic() - started < 30


def test_lookups_run_side_by_side_up_to_the_pool_size() -> None:
    pool = LookupPool(3, "test-lookups")
    gate = threading.Barrier(3, timeout=10)
    futures = [pool.submit(gate.wait) for _ in range(3)]  # all three must run at once
    assert sorted(f.result(timeout=10) for f in futures) == [0, 1, 2]
    more = [pool.submit(lambda n=n: n * n) for n in range(10)]  # queued behind no one
    assert [f.result(timeout=10) for f in more] == [n * n for n in range(10)]
    failing = pool.submit(int, "not a number")
    with pytest.raises(ValueError):
        failing.result(timeout=10)
    pool.shutdown()

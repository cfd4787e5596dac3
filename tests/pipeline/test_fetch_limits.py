"""Deadlines and size caps: slow servers, slow DNS, oversized bodies and compression bombs."""

from __future__ import annotations

import gzip
import resource
import time
import tracemalloc
from collections.abc import Iterator

import pytest
import zstandard

from newsdesk.errors import DeadlineExceededError, FetchError, ResponseTooLargeError
from tests.pipeline.fetchsupport import make_fetcher
from tests.pipeline.fetchsupport.bombs import BOMBS
from tests.pipeline.fetchsupport.fixtures import fresh_local_server, module_server  # noqa: F401
from tests.pipeline.fetchsupport.handlers import raw_reply, stall, streamed
from tests.support.server import LocalServer

MiB = 2**20


def drip(count: int) -> Iterator[bytes]:
    return (b"x" for _ in range(count))


def test_total_deadline_bounds_a_dripping_body(local_server: LocalServer) -> None:
    head = {"Content-Length": "100", "Content-Type": "text/xml"}
    url = local_server.add("/drip", handler=streamed(head, drip(100), pause=2.0))
    with make_fetcher(total_timeout=3.0, read_timeout=10.0) as fetcher:
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError):
            fetcher.fetch(url)
        elapsed = time.monotonic() - started
    assert 2.9 < elapsed < 3.5


def test_read_timeout_on_a_silent_server(local_server: LocalServer) -> None:
    url = local_server.add("/silent", handler=stall(3.0))
    with make_fetcher(read_timeout=0.5) as fetcher:
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError):
            fetcher.fetch(url)
    assert time.monotonic() - started < 1.0


def test_total_deadline_bounds_a_hanging_resolver() -> None:
    def hanging(host: str, port: int) -> list[str]:
        time.sleep(2.0)
        return ["127.0.0.1"]

    with make_fetcher(resolver=hanging, total_timeout=0.5) as fetcher:
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError):
            fetcher.fetch("http://slow-dns.example.test/")
    assert time.monotonic() - started < 0.9


def test_declared_length_over_the_cap_is_refused_before_reading(local_server: LocalServer) -> None:
    url = local_server.add("/big", handler=raw_reply(200, {}, bytes(2 * MiB), close=True))
    with make_fetcher(max_bytes=MiB) as fetcher, pytest.raises(ResponseTooLargeError):
        fetcher.fetch(url)


def test_a_body_at_the_cap_is_accepted(local_server: LocalServer) -> None:
    url = local_server.add("/exact", bytes(MiB))
    with make_fetcher(max_bytes=MiB) as fetcher:
        assert len(fetcher.fetch(url).content) == MiB


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "until-close"])
def test_undeclared_length_is_capped_on_the_wire(local_server: LocalServer, chunked: bool) -> None:
    pieces = (bytes(64 * 1024) for _ in range(64))  # 4 MiB, no Content-Length
    url = local_server.add("/stream", handler=streamed({}, pieces, chunked=chunked))
    with make_fetcher(max_bytes=MiB) as fetcher, pytest.raises(ResponseTooLargeError, match="wire"):
        fetcher.fetch(url)


def test_a_lying_content_length_cannot_raise_the_cap(local_server: LocalServer) -> None:
    """Only the declared bytes are read: a server sending more gets cut at its own length."""
    url = local_server.add(
        "/liar", handler=raw_reply(200, {"Content-Length": "10"}, bytes(MiB), content_length=False)
    )
    with make_fetcher() as fetcher:
        assert fetcher.fetch(url).content == bytes(10)


def test_decompressed_size_is_capped(local_server: LocalServer) -> None:
    body = gzip.compress(b"<item>news</item>" * (MiB // 8))  # 2 MiB when inflated
    url = local_server.add(
        "/feed", handler=raw_reply(200, {"Content-Encoding": "gzip"}, body, close=True)
    )
    with (
        make_fetcher(max_decompressed_bytes=MiB) as fetcher,
        pytest.raises(ResponseTooLargeError, match="decoded"),
    ):
        fetcher.fetch(url)
    with make_fetcher(max_decompressed_bytes=4 * MiB) as fetcher:
        assert len(fetcher.fetch(url).content) == 17 * (MiB // 8)


@pytest.fixture(scope="module", params=sorted(BOMBS))
def bomb(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    """(content coding, 1 GiB of zeros compressed)."""
    coding: str = request.param
    return coding, BOMBS[coding](1024 * MiB)


def test_bombs_are_real(local_server: LocalServer, bomb: tuple[str, bytes]) -> None:
    """Control: the same construction at 8 MiB decodes to 8 MiB of zeros under a larger cap."""
    coding, _ = bomb
    small = BOMBS[coding](8 * MiB)
    url = local_server.add("/small", handler=raw_reply(200, {"Content-Encoding": coding}, small))
    with make_fetcher(max_decompressed_bytes=16 * MiB) as fetcher:
        assert fetcher.fetch(url).content == bytes(8 * MiB)


def test_compression_bomb_stops_at_the_cap(
    local_server: LocalServer, bomb: tuple[str, bytes]
) -> None:
    coding, body = bomb
    assert len(body) < 1.1 * MiB
    url = local_server.add(
        "/bomb", handler=raw_reply(200, {"Content-Encoding": coding}, body, close=True)
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with make_fetcher(max_decompressed_bytes=8 * MiB) as fetcher:
        tracemalloc.start()
        started = time.monotonic()
        try:
            with pytest.raises(ResponseTooLargeError, match="decoded"):
                fetcher.fetch(url)
            elapsed = time.monotonic() - started
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before
    assert elapsed < 2.0
    assert peak < 24 * MiB
    assert rss_growth < 128 * MiB


def test_bomb_under_the_default_cap(local_server: LocalServer, bomb: tuple[str, bytes]) -> None:
    coding, body = bomb
    url = local_server.add(
        "/bomb", handler=raw_reply(200, {"Content-Encoding": coding}, body, close=True)
    )
    with make_fetcher() as fetcher:
        started = time.monotonic()
        with pytest.raises(ResponseTooLargeError):
            fetcher.fetch(url)
    assert time.monotonic() - started < 3.0


def test_zstd_frames_asking_for_a_huge_window_are_refused(local_server: LocalServer) -> None:
    """A zstd frame sets its decoder's window size; over 8 MiB (RFC 9659's limit) is refused."""
    params = zstandard.ZstdCompressionParameters.from_level(3, window_log=27)
    compressor = zstandard.ZstdCompressor(compression_params=params).compressobj()
    body = compressor.compress(b"<rss/>" * 100) + compressor.flush()
    assert zstandard.get_frame_parameters(body).window_size == 128 * MiB
    url = local_server.add("/feed", handler=raw_reply(200, {"Content-Encoding": "zstd"}, body))
    with make_fetcher() as fetcher, pytest.raises(FetchError, match="decode"):
        fetcher.fetch(url)


def test_a_call_can_tighten_the_body_cap_but_not_loosen_it(local_server: LocalServer) -> None:
    url = local_server.add("/image", bytes(2 * MiB))
    with make_fetcher(max_bytes=4 * MiB) as fetcher:
        assert len(fetcher.fetch(url).content) == 2 * MiB
        with pytest.raises(ResponseTooLargeError):
            fetcher.fetch(url, max_bytes=MiB)
    with make_fetcher(max_bytes=MiB) as fetcher, pytest.raises(ResponseTooLargeError):
        fetcher.fetch(url, max_bytes=10 * MiB)


def test_a_call_can_shorten_the_total_deadline(local_server: LocalServer) -> None:
    url = local_server.add("/silent", handler=stall(3.0))
    with make_fetcher(total_timeout=10.0, read_timeout=10.0) as fetcher:
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError):
            fetcher.fetch(url, timeout=0.5)
    assert time.monotonic() - started < 1.0

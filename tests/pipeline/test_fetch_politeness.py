"""Politeness: per-host concurrency and delay, and robots.txt for article pages."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest

from newsdesk.errors import DeadlineExceededError, RobotsDisallowedError
from tests.pipeline.fetchsupport import make_fetcher
from tests.pipeline.fetchsupport.fixtures import fresh_local_server, module_server  # noqa: F401
from tests.pipeline.fetchsupport.handlers import hang_up, raw_reply
from tests.support.server import LocalServer

PAGE = b"<html><body><article>Story</article></body></html>"


class Overlap:
    """A handler that takes ``seconds`` and records how many requests were in flight at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = 0
        self.most = 0
        self.starts: list[float] = []
        self._lock = threading.Lock()

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.active += 1
            self.most = max(self.most, self.active)
            self.starts.append(time.monotonic())
        time.sleep(self.seconds)
        with self._lock:
            self.active -= 1
        raw_reply(200, {}, PAGE)(request)


def in_threads(count: int, work: Callable[[], object]) -> list[BaseException]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.parametrize("limit", [1, 2])
def test_per_host_concurrency(local_server: LocalServer, limit: int) -> None:
    overlap = Overlap(0.15)
    url = local_server.add("/slow", handler=overlap)
    with make_fetcher(per_host_concurrency=limit) as fetcher:
        assert in_threads(4, lambda: fetcher.fetch(url)) == []
    assert overlap.most == limit
    assert len(overlap.starts) == 4


def test_per_host_delay_between_request_starts(local_server: LocalServer) -> None:
    overlap = Overlap(0.0)
    url = local_server.add("/page", handler=overlap)
    with make_fetcher(per_host_delay=0.3, per_host_concurrency=3) as fetcher:
        assert in_threads(3, lambda: fetcher.fetch(url)) == []
    starts = sorted(overlap.starts)
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    # The server sees each start a little after the fetcher's gate let it go, later still for a
    # request that waited for a core on a busy machine, so one gap may shrink by that wait (a CI
    # run saw 0.24 s). Unpaced requests would start together: gaps near 0, a span near 0.
    assert len(gaps) == 2 and min(gaps) > 0.15
    assert starts[-1] - starts[0] > 0.45


def test_waiting_for_the_host_is_bounded_by_the_deadline(local_server: LocalServer) -> None:
    url = local_server.add("/slow", handler=Overlap(1.5))
    with make_fetcher(per_host_concurrency=1, total_timeout=0.6) as fetcher:
        started = time.monotonic()
        errors = in_threads(2, lambda: fetcher.fetch(url))
    assert len(errors) == 2 and all(isinstance(e, DeadlineExceededError) for e in errors)
    assert time.monotonic() - started < 1.2


# --- robots.txt -------------------------------------------------------------------------------

ROBOTS = b"""\
User-agent: *
Disallow: /

User-agent: newsdesk
Disallow: /private/
"""


def test_robots_rules_for_our_token(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", ROBOTS, headers={"Content-Type": "text/plain"})
    public = local_server.add("/news/story", PAGE)
    private = local_server.add("/private/story", PAGE)
    with make_fetcher() as fetcher:
        result = fetcher.fetch_page(public)
        assert result.ok and result.content == PAGE
        with pytest.raises(RobotsDisallowedError):
            fetcher.fetch_page(private)
        fetcher.fetch_page(public)
    assert local_server.hits["/robots.txt"] == 1
    assert local_server.hits["/private/story"] == 0
    # Found by path: on a busy machine a request of the previous test may land after the reset.
    headers = next(h for path, h in local_server.requests if path == "/news/story")
    assert headers["Accept"].startswith("text/html")


def test_robots_group_chosen_by_the_product_token(local_server: LocalServer) -> None:
    local_server.add(
        "/robots.txt", b"User-agent: OtherBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    )
    url = local_server.add("/news/story", PAGE)
    with make_fetcher() as fetcher:
        assert fetcher.fetch_page(url).ok
    with (
        make_fetcher(user_agent="OtherBot/2.0 (+https://example.org/bot)") as fetcher,
        pytest.raises(RobotsDisallowedError),
    ):
        fetcher.fetch_page(url)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [(404, True), (403, True), (410, True), (429, False), (500, False), (503, False)],
)
def test_robots_status_decides(local_server: LocalServer, status: int, allowed: bool) -> None:
    local_server.add("/robots.txt", b"User-agent: *\nDisallow: /\n", status=status)
    url = local_server.add("/news/story", PAGE)
    with make_fetcher() as fetcher:
        if allowed:
            assert fetcher.fetch_page(url).content == PAGE
        else:
            with pytest.raises(RobotsDisallowedError):
                fetcher.fetch_page(url)
    assert local_server.hits["/news/story"] == (1 if allowed else 0)


def test_unreachable_robots_disallows(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", handler=hang_up)
    url = local_server.add("/news/story", PAGE)
    with make_fetcher() as fetcher, pytest.raises(RobotsDisallowedError):
        fetcher.fetch_page(url)


def test_robots_redirect_is_followed(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", status=301, headers={"Location": "/real-robots.txt"})
    local_server.add("/real-robots.txt", b"User-agent: newsdesk\nDisallow: /news/\n")
    url = local_server.add("/news/story", PAGE)
    with make_fetcher() as fetcher, pytest.raises(RobotsDisallowedError):
        fetcher.fetch_page(url)


def test_robots_are_checked_on_every_redirect_hop(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n")
    url = local_server.add("/go", status=302, headers={"Location": "/private/story"})
    local_server.add("/private/story", PAGE)
    with make_fetcher() as fetcher, pytest.raises(RobotsDisallowedError):
        fetcher.fetch_page(url)
    assert local_server.hits["/private/story"] == 0


def test_robots_cache_expires(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", b"User-agent: *\nAllow: /\n")
    url = local_server.add("/news/story", PAGE)
    with make_fetcher(robots_ttl=0.3) as fetcher:
        fetcher.fetch_page(url)
        fetcher.fetch_page(url)
        assert local_server.hits["/robots.txt"] == 1
        time.sleep(0.35)
        fetcher.fetch_page(url)
    assert local_server.hits["/robots.txt"] == 2


def test_robots_fetched_once_by_concurrent_pages(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", handler=Overlap(0.2))  # an HTML page: no rules, all allowed
    url = local_server.add("/news/story", PAGE)
    with make_fetcher(per_host_concurrency=4) as fetcher:
        assert in_threads(4, lambda: fetcher.fetch_page(url)) == []
    assert local_server.hits["/robots.txt"] == 1
    assert local_server.hits["/news/story"] == 4


def test_robots_can_be_ignored(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", b"User-agent: *\nDisallow: /\n")
    url = local_server.add("/news/story", PAGE)
    with make_fetcher(obey_robots=False) as fetcher:
        assert fetcher.fetch_page(url).ok
    assert local_server.hits["/robots.txt"] == 0


def test_feed_fetches_do_not_read_robots(local_server: LocalServer) -> None:
    local_server.add("/robots.txt", b"User-agent: *\nDisallow: /\n")
    url = local_server.add("/feed.xml", b"<rss/>")
    with make_fetcher() as fetcher:
        assert fetcher.fetch(url).ok
    assert local_server.hits["/robots.txt"] == 0

"""robots.txt as RFC 9309 reads it, through the fetcher and a real server on 127.0.0.1.

Each case serves one robots.txt and asks a fresh fetcher for article pages: a page the rules
disallow raises :class:`RobotsDisallowedError` before any request for it is made. The statuses,
the unreachable file, redirects, caching and the feed/page split are in test_fetch_politeness.py.
"""

from __future__ import annotations

import pytest

from newsdesk.errors import RobotsDisallowedError
from newsdesk.pipeline.fetch.robots import ROBOTS_MAX_BYTES, RobotsRules
from tests.pipeline.fetchsupport import make_fetcher
from tests.pipeline.fetchsupport.fixtures import fresh_local_server, module_server  # noqa: F401
from tests.support.server import LocalServer

PAGE = b"<html><body><article>Story</article></body></html>"


def allowed(server: LocalServer, robots: bytes | str, path: str, **policy: object) -> bool:
    """Whether a fresh fetcher may fetch ``path`` under ``robots``; the page is really asked for
    exactly when it is allowed."""
    server.routes.clear()
    server.hits.clear()
    server.add("/robots.txt", robots, headers={"Content-Type": "text/plain; charset=utf-8"})
    server.add(path.split("?", 1)[0], PAGE)
    with make_fetcher(**policy) as fetcher:
        try:
            fetcher.fetch_page(server.url(path))
        except RobotsDisallowedError:
            assert sum(server.hits.values()) == 1  # robots.txt alone
            return False
    assert sum(server.hits.values()) == 2  # robots.txt, then the page
    return True


LONGEST_MATCH = [
    # The most specific (longest) rule wins, whatever the order of the lines.
    ("User-agent: *\nAllow: /news\nDisallow: /news/private\n", "/news/private/a", False),
    ("User-agent: *\nAllow: /news\nDisallow: /news/private\n", "/news/public/a", True),
    ("User-agent: *\nDisallow: /\nAllow: /news/\n", "/news/a", True),
    ("User-agent: *\nDisallow: /\nAllow: /news/\n", "/sport/a", False),
    ("User-agent: *\nDisallow: /folder/\nAllow: /folder/page\n", "/folder/page", True),
    ("User-agent: *\nDisallow: /folder/\nAllow: /folder/page\n", "/folder/other", False),
    # Equal length: Allow wins, in either order.
    ("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page", True),
    ("User-agent: *\nAllow: /page\nDisallow: /page\n", "/page", True),
    # A rule with no path matches nothing.
    ("User-agent: *\nDisallow:\n", "/anything", True),
]

WILDCARDS = [
    ("User-agent: *\nDisallow: /*?print=\n", "/world/story?print=1", False),
    ("User-agent: *\nDisallow: /*?print=\n", "/world/story?page=2", True),
    ("User-agent: *\nDisallow: /*.pdf$\n", "/files/report.pdf", False),
    ("User-agent: *\nDisallow: /*.pdf$\n", "/files/report.pdf?download=1", True),
    ("User-agent: *\nDisallow: /*.pdf$\n", "/files/report.pdfs", True),
    ("User-agent: *\nDisallow: /*/amp/\n", "/world/amp/story", False),
    ("User-agent: *\nDisallow: /news/*/comments\n", "/news/2024/story/comments", False),
    ("User-agent: *\nDisallow: /news/*/comments\n", "/news/2024/story", True),
    ("User-agent: *\nDisallow: /page$\n", "/page", False),
    ("User-agent: *\nDisallow: /page$\n", "/page/", True),
    # A wildcard rule counts by its length too: the longer Allow beats the shorter Disallow.
    ("User-agent: *\nDisallow: /*.php\nAllow: /public/*.php\n", "/public/index.php", True),
    ("User-agent: *\nDisallow: /*.php\nAllow: /public/*.php\n", "/private/index.php", False),
]

GROUPS = [
    # Our product token's group replaces "*" entirely, matched case-insensitively.
    ("User-agent: *\nDisallow: /\n\nUser-agent: newsdesk\nAllow: /\n", "/a", True),
    ("User-agent: *\nAllow: /\n\nUser-agent: NewsDesk\nDisallow: /news/\n", "/news/a", False),
    ("User-agent: *\nDisallow: /news/\n\nUser-agent: newsdesk\nDisallow: /x/\n", "/news/a", True),
    # A group may name several agents; groups naming the same agent are combined.
    ("User-agent: otherbot\nUser-agent: newsdesk\nDisallow: /x/\n", "/x/a", False),
    (
        "User-agent: newsdesk\nDisallow: /a/\n\nUser-agent: otherbot\nDisallow: /\n\n"
        "User-agent: newsdesk\nDisallow: /b/\n",
        "/b/story",
        False,
    ),
    # Another crawler's group does not apply to us; without a "*" group all is allowed.
    ("User-agent: otherbot\nDisallow: /\n", "/a", True),
    ("User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /b/\n", "/b/a", False),
    # Rules before any user-agent line belong to no group.
    ("Disallow: /\n\nUser-agent: *\nDisallow: /private/\n", "/a", True),
]

SPELLING = [
    # Paths are case-sensitive; directive names are not.
    ("User-agent: *\nDisallow: /Private/\n", "/private/a", True),
    ("User-agent: *\nDisallow: /Private/\n", "/Private/a", False),
    ("USER-AGENT: *\nDISALLOW: /private/\n", "/private/a", False),
    # Percent-encoding: unreserved characters compare decoded, UTF-8 compares encoded.
    ("User-agent: *\nDisallow: /%7Euser/\n", "/~user/page", False),
    ("User-agent: *\nDisallow: /~user/\n", "/%7Euser/page", False),
    ("User-agent: *\nDisallow: /foo/bar/ツ\n", "/foo/bar/%E3%83%84", False),
    ("User-agent: *\nDisallow: /foo/bar/%E3%83%84\n", "/foo/bar/%E3%83%84", False),
    ("User-agent: *\nDisallow: /foo/bar/ツ\n", "/foo/bar/baz", True),
    # Comments, a byte order mark, blank lines, unknown lines and sitemaps change nothing.
    (
        "\ufeffUser-agent: * # everyone\n\nSitemap: https://x.test/s.xml\nNoindex: /x\n"
        "Crawl-delay: 10\nDisallow: /private/ # keep out\n",
        "/private/a",
        False,
    ),
    # /robots.txt itself is always allowed.
    ("User-agent: *\nDisallow: /\n", "/robots.txt", True),
]


@pytest.mark.parametrize(("robots", "path", "expected"), LONGEST_MATCH)
def test_longest_match_wins(
    local_server: LocalServer, robots: str, path: str, expected: bool
) -> None:
    assert allowed(local_server, robots, path) is expected


@pytest.mark.parametrize(("robots", "path", "expected"), WILDCARDS)
def test_wildcards_and_end_anchor(
    local_server: LocalServer, robots: str, path: str, expected: bool
) -> None:
    assert allowed(local_server, robots, path) is expected


@pytest.mark.parametrize(("robots", "path", "expected"), GROUPS)
def test_user_agent_groups(
    local_server: LocalServer, robots: str, path: str, expected: bool
) -> None:
    assert allowed(local_server, robots, path) is expected


@pytest.mark.parametrize(("robots", "path", "expected"), SPELLING)
def test_paths_case_and_percent_encoding(
    local_server: LocalServer, robots: str, path: str, expected: bool
) -> None:
    assert allowed(local_server, robots, path) is expected


def test_group_chosen_by_the_product_token_of_a_full_user_agent(
    local_server: LocalServer,
) -> None:
    robots = "User-agent: *\nAllow: /\n\nUser-agent: newsdesk\nDisallow: /news/\n"
    agent = "newsdesk/2.1 (+https://newsdesk.example/about)"
    assert allowed(local_server, robots, "/news/a", user_agent=agent) is False
    assert allowed(local_server, robots, "/news/a", user_agent="Mozilla/5.0 other") is True


# --- the size cap (RFC 9309 2.5: at least 500 KiB are parsed) ------------------------------


def padded(before: str, after: str, pad_to: int) -> str:
    """``before``, comment lines up to ``pad_to`` bytes, then ``after``."""
    line = "# " + "x" * 97 + "\n"
    padding = line * ((pad_to - len(before)) // len(line))
    return before + padding + after


def test_size_cap_is_500_kib() -> None:
    assert ROBOTS_MAX_BYTES == 500 * 1024


def test_rules_within_the_cap_apply_and_rules_beyond_it_are_ignored(
    local_server: LocalServer,
) -> None:
    robots = padded(
        "User-agent: *\nDisallow: /early/\n",
        "Disallow: /late/\n",
        ROBOTS_MAX_BYTES + 1000,
    )
    assert allowed(local_server, robots, "/early/a") is False
    assert allowed(local_server, robots, "/late/a") is True


def test_a_line_cut_by_the_cap_is_dropped(local_server: LocalServer) -> None:
    # Cut at the cap, "Allow: /private/open-house" would read "Allow: /priv" and open /private/.
    before = "User-agent: *\nDisallow: /private/\n"
    robots = padded(before, "", ROBOTS_MAX_BYTES - 20)
    robots += "#" * (ROBOTS_MAX_BYTES - 12 - len(robots.encode())) + "\n"
    robots += "Allow: /private/open-house\n"
    assert len(robots.encode()[:ROBOTS_MAX_BYTES].rsplit(b"\n", 1)[1]) > 0  # really cut
    assert allowed(local_server, robots, "/private/a") is False


# --- the rules as plain data ----------------------------------------------------------------


def test_rules_parse_bytes_and_answer_per_agent() -> None:
    rules = RobotsRules.parse(
        b"User-agent: *\nDisallow: /*?print=\n\nUser-agent: newsdesk\nDisallow: /x/\n"
    )
    assert not rules.allows("somebot", "https://a.test/story?print=1")
    assert rules.allows("newsdesk", "https://a.test/story?print=1")
    assert not rules.allows("newsdesk", "https://a.test/x/story")


def test_rules_of_an_undecodable_file_still_apply() -> None:
    rules = RobotsRules.parse(b"User-agent: *\nDisallow: /caf\xe9/\nDisallow: /private/\n")
    assert not rules.allows("newsdesk", "https://a.test/private/a")

"""The feeds stage: feed bytes in, ParsedFeed out; feed discovery; OPML import and export.

The only place in newsdesk that uses the feed libraries (fastfeedparser first, feedparser as the
fallback). Nothing here fetches: callers pass the bytes the fetch stage got.

    parse_feed(content, url, content_type="") -> ParsedFeed      raises FeedParseError only
    looks_like_feed(content, content_type="") -> bool            cheap sniff, feed vs page
    discover_feed_urls(html, base_url) -> list[str]              <link rel="alternate"> feeds
    COMMON_FEED_PATHS                                            paths to probe without <link>
    read_opml(content) -> OPMLDocument                           feeds, and outlines skipped
    parse_opml(content) -> list[OutlineFeed]                     raises OPMLError
    render_opml(feeds, title=...) -> str                         OPML 2.0

The parsers (fastfeedparser, feedparser) and the OPML reader (defusedxml) load on first use of
their names, so code that only sniffs or discovers, or names a type, does not load them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .discover import COMMON_FEED_PATHS, discover_feed_urls
from .sniff import looks_like_feed

if TYPE_CHECKING:
    from .opml import OPMLDocument, OutlineFeed, SkippedOutline, parse_opml, read_opml, render_opml
    from .parse import parse_feed, parse_subscribed_feed

_MODULES = {
    "OPMLDocument": "opml",
    "OutlineFeed": "opml",
    "SkippedOutline": "opml",
    "parse_opml": "opml",
    "read_opml": "opml",
    "render_opml": "opml",
    "parse_feed": "parse",
    "parse_subscribed_feed": "parse",
}

__all__ = [
    "COMMON_FEED_PATHS",
    "OPMLDocument",
    "OutlineFeed",
    "SkippedOutline",
    "discover_feed_urls",
    "looks_like_feed",
    "parse_feed",
    "parse_opml",
    "parse_subscribed_feed",
    "read_opml",
    "render_opml",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        try:  # a module of the package, named as such
            return import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value

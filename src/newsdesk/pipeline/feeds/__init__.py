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
"""

from __future__ import annotations

from .discover import COMMON_FEED_PATHS, discover_feed_urls
from .opml import OPMLDocument, OutlineFeed, SkippedOutline, parse_opml, read_opml, render_opml
from .parse import parse_feed, parse_subscribed_feed
from .sniff import looks_like_feed

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

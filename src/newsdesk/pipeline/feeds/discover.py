"""Find a site's feeds: ``<link rel="alternate">`` in its HTML, and the paths worth probing.

:func:`discover_feed_urls` reads RSS, Atom, RDF and JSON Feed links (and HTML5 ``rel="feed"``)
anywhere in the page, honours ``<base href>``, resolves relative hrefs, keeps http(s) only and
returns them in page order without duplicates. It uses the standard library's tolerant HTML
tokenizer: no DTD, no entities beyond HTML's own, nothing fetched.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .fields import absolute_url

MAX_HTML_BYTES = 2 * 1024 * 1024

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/x-atom+xml",
        "text/rss+xml",
        "text/atom+xml",
    }
)

COMMON_FEED_PATHS: tuple[str, ...] = (
    "/feed",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/feed.json",
    "/feeds/all.atom.xml",
    "/feed/atom",
    "/rss/index.xml",
    "/blog/feed",
    "/blog/rss.xml",
    "/news/rss.xml",
    "/?feed=rss2",
    "/news-sitemap.xml",
    "/sitemap_news.xml",
    "/sitemap.xml",
)
"""Paths to try, in this order, on a site whose pages link no feed (WordPress, Ghost, Hugo,
Jekyll, Pelican, Blogger conventions; then news sitemaps, then the general sitemap)."""


def discover_feed_urls(html: bytes, base_url: str) -> list[str]:
    """Absolute URLs of the feeds an HTML page links to, in page order, deduplicated."""
    collector = _FeedLinkCollector()
    try:
        collector.feed(_decode(html[:MAX_HTML_BYTES]))
        collector.close()
    except (AssertionError, ValueError):
        pass  # the tokenizer gave up on a broken tail; keep what it found before it
    base = absolute_url(collector.base_href, base_url) or base_url
    found: dict[str, None] = {}
    for href in collector.hrefs:
        url = absolute_url(href, base)
        if url:
            found.setdefault(url)
    return list(found)


class _FeedLinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base_href = ""
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("link", "base"):
            return
        attributes = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "base":
            self.base_href = self.base_href or attributes.get("href", "")
        elif _is_feed_link(attributes) and attributes.get("href"):
            self.hrefs.append(attributes["href"])


def _is_feed_link(attributes: dict[str, str]) -> bool:
    rels = attributes.get("rel", "").lower().split()
    media_type = attributes.get("type", "").split(";", 1)[0].strip().lower()
    if "alternate" in rels and media_type in FEED_TYPES:
        return True
    return "feed" in rels and (not media_type or media_type in FEED_TYPES)


def _decode(html: bytes) -> str:
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        return html.decode("cp1252", errors="replace")

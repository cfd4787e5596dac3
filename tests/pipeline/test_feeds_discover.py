"""Feed discovery in HTML pages, the paths to probe, and the cheap feed-or-page sniff."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.pipeline.feeds import COMMON_FEED_PATHS, discover_feed_urls, looks_like_feed

SAMPLES = Path(__file__).parent / "feedsamples"


def test_discovery_from_a_page_with_many_links() -> None:
    html = (SAMPLES / "page-with-feeds.html").read_bytes()
    assert discover_feed_urls(html, "https://paper.example.com/sections/world") == [
        "https://paper.example.com/feeds/all.rss",  # once, although linked twice
        "https://paper.example.com/sections/world/atom.xml",  # relative to <base href>
        "https://paper.example.com/feed.json",  # rel="Alternate", type with parameters
        "https://paper.example.com/comments.rss",  # rel="alternate feed", feed: scheme
    ]


def test_relative_hrefs_resolve_against_the_page() -> None:
    html = b"""<html><head>
      <link rel="alternate" type="application/atom+xml" href="atom.xml">
      <link rel="alternate" type="application/rss+xml" href="/rss">
      <link rel="alternate" type="application/rss+xml" href="//cdn.example.net/rss">
    </head></html>"""
    assert discover_feed_urls(html, "https://blog.example.org/2024/post.html") == [
        "https://blog.example.org/2024/atom.xml",
        "https://blog.example.org/rss",
        "https://cdn.example.net/rss",
    ]


@pytest.mark.parametrize(
    "media_type",
    [
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "APPLICATION/RSS+XML",
    ],
)
def test_feed_types(media_type: str) -> None:
    html = f'<link rel="alternate" type="{media_type}" href="/f">'.encode()
    assert discover_feed_urls(html, "https://x.example/") == ["https://x.example/f"]


@pytest.mark.parametrize(
    "link",
    [
        '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">',
        '<link rel="alternate" hreflang="fr" href="/fr/">',
        '<link rel="alternate" type="text/html" href="/print">',
        '<link rel="stylesheet" type="application/rss+xml" href="/odd">',
        '<link rel="alternate" type="application/rss+xml">',
        '<link rel="alternate" type="application/rss+xml" href="mailto:x@example.com">',
        '<a rel="alternate" type="application/rss+xml" href="/in-body-anchor">feed</a>',
    ],
)
def test_links_that_are_not_feeds(link: str) -> None:
    assert (
        discover_feed_urls(f"<html><head>{link}</head></html>".encode(), "https://x.example/") == []
    )


def test_broken_html_and_other_encodings() -> None:
    html = "<head><title>Caf\xe9</title><link rel=alternate type=application/rss+xml href=/r\xe9>"
    assert discover_feed_urls(html.encode("cp1252"), "https://x.example/") == [
        "https://x.example/r\xe9"
    ]
    assert discover_feed_urls(b"<html><head><link rel=", "https://x.example/") == []
    assert discover_feed_urls(b"", "https://x.example/") == []
    assert discover_feed_urls(b"\x00\xff" * 1000, "https://x.example/") == []


def test_common_paths() -> None:
    for path in ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml"):
        assert path in COMMON_FEED_PATHS
    assert "/feeds/all.atom.xml" in COMMON_FEED_PATHS
    assert "/news-sitemap.xml" in COMMON_FEED_PATHS
    assert all(path.startswith("/") for path in COMMON_FEED_PATHS)
    assert len(set(COMMON_FEED_PATHS)) == len(COMMON_FEED_PATHS)


@pytest.mark.parametrize(
    "name",
    [
        "rss091.xml",
        "rss092.xml",
        "rss10.rdf",
        "rss20.xml",
        "atom03.xml",
        "atom10.xml",
        "jsonfeed10.json",
        "jsonfeed11.json",
        "news-sitemap.xml",
        "sitemap-index.xml",
    ],
)
def test_samples_look_like_feeds(name: str) -> None:
    content = (SAMPLES / name).read_bytes()
    assert looks_like_feed(content)
    assert looks_like_feed(gzip.compress(content))


@pytest.mark.parametrize(
    "content",
    [
        (SAMPLES / "page-with-feeds.html").read_bytes(),
        (SAMPLES / "subscriptions.opml").read_bytes(),
        b"",
        b"<html><body>hi</body></html>",
        b'{"items": "not a feed without a version"}',
        b"[1, 2, 3]",
        b"\x00\x01\x02garbage",
        b"<!DOCTYPE rss [<!ENTITY a 'never ends'",
    ],
)
def test_pages_and_junk_do_not_look_like_feeds(content: bytes) -> None:
    assert not looks_like_feed(content, "application/rss+xml")


def test_sniffing_sees_through_prologs_and_encodings() -> None:
    prolog = b'<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<!-- <html> -->\n'
    assert looks_like_feed(prolog + b'<rss version="2.0"><channel/></rss>', "text/html")
    document = '<?xml version="1.0" encoding="utf-16"?><feed xmlns="http://www.w3.org/2005/Atom"/>'
    assert looks_like_feed(document.encode("utf-16"))
    assert looks_like_feed(b"\n\n  <rdf:RDF xmlns:rdf='x'/>")

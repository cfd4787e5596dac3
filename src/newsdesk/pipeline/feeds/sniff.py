"""Tell feeds from web pages (and from other documents) by their first few kilobytes.

The body decides; the Content-Type header is only a hint, because servers label feeds
``text/html`` and pages ``application/xml`` often enough. XML documents are known by their root
element (``rss``, ``feed``, ``rdf:RDF``, ``channel``, ``urlset``, ``sitemapindex``), JSON Feed by
its ``version`` URL.
"""

from __future__ import annotations

import zlib
from enum import StrEnum

from newsdesk.errors import FeedParseError

from .encoding import decode_document
from .prolog import scan_prolog

HEAD_BYTES = 64 * 1024

FEED_ROOTS = frozenset({"rss", "rdf", "feed", "channel"})
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
HTML_ROOTS = frozenset({"html", "head", "body", "meta", "script", "div", "table", "frameset"})
JSON_FEED_VERSION = "jsonfeed.org/version/"


class DocumentKind(StrEnum):
    FEED = "feed"
    SITEMAP = "sitemap"
    JSON = "json"
    HTML = "html"
    OPML = "opml"
    OTHER = "other"
    EMPTY = "empty"


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    """True for RSS, Atom, RDF, JSON Feed and sitemaps; False for HTML pages and anything else.

    Cheap: reads at most the first 64 KB. Never raises.
    """
    kind = sniff_document(content)
    if kind is DocumentKind.JSON:
        return JSON_FEED_VERSION in _head_text(content, content_type)
    return kind in (DocumentKind.FEED, DocumentKind.SITEMAP)


def sniff_document(content: bytes, content_type: str = "") -> DocumentKind:
    """The kind of document ``content`` starts like."""
    return _kind_of_text(_head_text(content, content_type))


def _kind_of_text(text: str) -> DocumentKind:
    """The kind of document a (possibly truncated) decoded text starts like."""
    stripped = text.lstrip()
    if not stripped:
        return DocumentKind.EMPTY
    if stripped[0] in "{[":
        return DocumentKind.JSON
    try:
        root = scan_prolog(stripped, limit=HEAD_BYTES).root_local_name
    except FeedParseError:
        root = ""
    return kind_of_root(root, stripped)


def kind_of_root(root: str, text: str) -> DocumentKind:
    """The kind of an XML document by its root's local name (lower case) and its start."""
    if root in FEED_ROOTS:
        return DocumentKind.FEED
    if root in SITEMAP_ROOTS:
        return DocumentKind.SITEMAP
    if root == "opml":
        return DocumentKind.OPML
    if root in HTML_ROOTS or "<!doctype html" in text[:1024].lower():
        return DocumentKind.HTML
    return DocumentKind.OTHER


def _head_text(content: bytes, content_type: str) -> str:
    head = content[:HEAD_BYTES]
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(content, HEAD_BYTES)
        except zlib.error:
            return ""
    text, _ = decode_document(head, content_type)
    return text

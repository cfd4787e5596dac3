"""XML sitemaps: ``<urlset>`` (with Google News and image extensions) and ``<sitemapindex>``.

Elements are matched by local name, whatever their namespace: many sitemaps declare the wrong
namespace URI or none. A ``<url>`` becomes a FeedEntry (``loc`` the URL, ``lastmod`` the update
time, ``news:publication_date``, ``news:title`` and ``news:language`` when present); a sitemap
index lists its child sitemaps in ``ParsedFeed.sub_sitemaps``. Parsed with lxml through
:func:`safety.safe_xml_parser`, on bytes :func:`safety.prepare_xml` already stripped of DTDs.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from newsdesk.errors import FeedParseError
from newsdesk.types import FeedEntry, FeedKind, ParsedFeed

from .dates import parse_datetime
from .fields import absolute_url, plain_text
from .safety import PreparedXML, safe_xml_parser

PARSER_NAME = "sitemap"


def parse_sitemap(document: PreparedXML, url: str) -> ParsedFeed:
    """Parse a prepared ``<urlset>`` or ``<sitemapindex>`` document."""
    try:
        root = etree.fromstring(document.data, parser=safe_xml_parser())
    except etree.LxmlError as e:
        raise FeedParseError(f"malformed sitemap: {e}") from e
    if root is None:
        raise FeedParseError("malformed sitemap: no element could be read")
    base = absolute_url(url)
    if _local(root) == "sitemapindex":
        return _sitemap_index(root, base)
    if _local(root) != "urlset":
        raise FeedParseError(f"not a sitemap: root element <{_local(root)}>")
    entries = tuple(
        entry for entry in (_url_entry(node, base) for node in _children(root, "url")) if entry
    )
    return ParsedFeed(
        kind=FeedKind.SITEMAP,
        title=_first_publication_field(root, "name"),
        home_url=_site_root(base),
        language=_first_publication_field(root, "language"),
        entries=entries,
        parser=PARSER_NAME,
    )


def _sitemap_index(root: etree._Element, base: str) -> ParsedFeed:
    locations: dict[str, None] = {}
    for sitemap in _children(root, "sitemap"):
        location = absolute_url(_child_text(sitemap, "loc"), base)
        if location:
            locations.setdefault(location)
    return ParsedFeed(
        kind=FeedKind.SITEMAP,
        home_url=_site_root(base),
        parser=PARSER_NAME,
        sub_sitemaps=tuple(locations),
    )


def _url_entry(node: etree._Element, base: str) -> FeedEntry | None:
    location = absolute_url(_child_text(node, "loc"), base)
    if not location:
        return None
    news = _first_child(node, "news")
    publication = _first_child(news, "publication") if news is not None else None
    image = _first_child(node, "image")
    return FeedEntry(
        url=location,
        guid=location,
        title=plain_text(_child_text(news, "title")),
        published=parse_datetime(_child_text(news, "publication_date")),
        updated=parse_datetime(_child_text(node, "lastmod")),
        image_url=absolute_url(_child_text(image, "loc"), base),
        language=_child_text(publication, "language"),
    )


def _first_publication_field(root: etree._Element, field: str) -> str:
    for node in _children(root, "url"):
        news = _first_child(node, "news")
        publication = _first_child(news, "publication") if news is not None else None
        value = _child_text(publication, field)
        if value:
            return plain_text(value)
    return ""


def _site_root(base: str) -> str:
    return absolute_url("/", base) if base else ""


def _local(node: etree._Element) -> str:
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _children(node: etree._Element, name: str) -> Iterator[etree._Element]:
    return (child for child in node.iterchildren() if _local(child) == name)


def _first_child(node: etree._Element | None, name: str) -> etree._Element | None:
    if node is None:
        return None
    return next(_children(node, name), None)


def _child_text(node: etree._Element | None, name: str) -> str:
    child = _first_child(node, name)
    if child is None:
        return ""
    return "".join(child.itertext()).strip()

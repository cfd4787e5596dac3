"""OPML subscription lists: read (``newsdesk import-opml``, a reader's import) and write (export).

:func:`read_opml` reads OPML 1.0/2.0 as feed readers export it (Miniflux, FreshRSS, Feedly,
Inoreader and others): every ``<outline>`` with an ``xmlUrl`` is a subscription; the folders
(outlines without one) around it make a category, joined with "/" when nested, and the OPML 2.0
``category`` attribute (``"/News/World,/Tech"``) adds one category per path. A feed listed in
several folders is one feed with several categories. A feed's name is its ``title``, else its
``text``; a folder's is its ``text``, else its ``title``.

FreshRSS's web feeds (``type="HTML+XPath"`` with ``frss:xPathItem`` and the other ``frss:xPath…``
attributes) are read as feeds with a recipe (:mod:`webpage`), and a feed with a recipe is written
the same way, its CSS selectors turned into XPath, so FreshRSS reads it back.

Some outlines name an address but are not feeds newsdesk reads: FreshRSS's other scraping
sources (``"XML+XPath"``, ``"JSON+DotNotation"``, with ``frss:json…`` attributes), another OPML
file (``type="include"``, a FreshRSS folder filled from
``frss:opmlUrl``), or any other type than a feed's. They come back as :class:`SkippedOutline`
with the reason, so an import reports them instead of taking them for feeds or dropping them.

XML is read with defusedxml, which refuses entity declarations and external references; stray
``&`` in attributes (common in hand-edited files) is repaired first. :func:`render_opml` writes
OPML 2.0 with one folder per category level, a feed under each of its categories, which
:func:`read_opml` reads back to the same feeds and categories.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from xml.etree.ElementTree import (
    Element,
    ParseError,
    SubElement,
    indent,
    register_namespace,
    tostring,
)

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from newsdesk.errors import OPMLError

from .encoding import decode_document
from .fields import absolute_url
from .safety import MAX_DOCUMENT_BYTES, repair_ampersands
from .webpage import css_as_xpath

CATEGORY_SEPARATOR = "/"
# Outline types that name a feed (compared in lower case); no type at all is a feed too, and so
# is a media type of one ("application/rss+xml"). "jsonfeed" is FreshRSS's JSON Feed.
FEED_TYPES = frozenset({"", "rss", "atom", "rdf", "feed", "json", "jsonfeed"})
_FEED_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z.+-]*(rss|atom|rdf)[a-z.+-]*$")
# Outline types that point at another OPML file (OPML 2.0's inclusion, Liferea's remote lists).
OPML_TYPES = frozenset({"include", "opml"})
# FreshRSS's web scraping: a page or a JSON document read with its own rules, not a feed.
_SCRAPER_TYPE = re.compile(r"xpath|dotnotation|dotpath", re.IGNORECASE)
FRESHRSS_NAMESPACE = "https://freshrss.org/opml"
register_namespace("frss", FRESHRSS_NAMESPACE)  # written as FreshRSS writes it
# FreshRSS's web feed of a page read with XPath, and its attributes for each part of a recipe.
WEB_FEED_TYPE = "html+xpath"
FRESHRSS_RECIPE = {
    "item": "xPathItem",
    "title": "xPathItemTitle",
    "link": "xPathItemUri",
    "date": "xPathItemTimestamp",
    "summary": "xPathItemContent",
    "author": "xPathItemAuthor",
    "image": "xPathItemThumbnail",
}
# Characters XML 1.0 cannot carry at all, even escaped; they are dropped on export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class OutlineFeed:
    """One subscription of an OPML file, with every category (folder path) it is listed in."""

    xml_url: str
    title: str = ""
    html_url: str = ""
    categories: tuple[str, ...] = ()
    # A web feed's recipe (``webpage.PageRecipe.as_dict()``); empty for a feed.
    recipe: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class SkippedOutline:
    """An outline that names an address but is not a feed newsdesk reads, and why."""

    url: str
    title: str
    reason: str


@dataclass(frozen=True)
class OPMLDocument:
    feeds: list[OutlineFeed] = field(default_factory=list)
    skipped: list[SkippedOutline] = field(default_factory=list)


def read_opml(content: bytes) -> OPMLDocument:
    """The feeds of an OPML document (document order, each URL once) and the outlines skipped."""
    root = _load(content)
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise OPMLError("not an OPML file: no <body> element")
    feeds: dict[str, OutlineFeed] = {}
    skipped: list[SkippedOutline] = []
    for outline, folders in _outlines(body):
        refusal = _skipped(outline)
        if refusal is not None:
            skipped.append(refusal)
            continue
        feed = _feed(outline, folders)
        if feed is not None:
            feeds[feed.xml_url] = _merged(feeds.get(feed.xml_url), feed)
    return OPMLDocument(list(feeds.values()), skipped)


def parse_opml(content: bytes) -> list[OutlineFeed]:
    """The feeds of an OPML document, in document order, each feed URL once."""
    return read_opml(content).feeds


def render_opml(feeds: Iterable[OutlineFeed], title: str = "newsdesk subscriptions") -> str:
    """OPML 2.0 text for ``feeds``: each under each of its categories (folders in first-seen
    order), a feed with none at the top level."""
    root = Element("opml", version="2.0")
    SubElement(SubElement(root, "head"), "title").text = _xml_safe(title)
    body = SubElement(root, "body")
    folders: dict[tuple[str, ...], Element] = {(): body}
    for category, feed in _grouped(feeds):
        parent = _folder(folders, _category_path(_xml_safe(category)))
        SubElement(parent, "outline", _outline_attributes(feed))
    indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _outline_attributes(feed: OutlineFeed) -> dict[str, str]:
    title = _xml_safe(feed.title)
    # "text" is required; readers show the URL when a feed has no title, and so does this.
    attributes = {"type": "rss", "text": title or feed.xml_url, "xmlUrl": _xml_safe(feed.xml_url)}
    if feed.recipe:
        attributes.update(_freshrss_recipe(feed.recipe))
    if title:
        attributes["title"] = title
    if feed.html_url:
        attributes["htmlUrl"] = _xml_safe(feed.html_url)
    return attributes


def _freshrss_recipe(recipe: dict[str, str]) -> dict[str, str]:
    """A web feed as FreshRSS writes one: ``type="HTML+XPath"`` and its XPath expressions."""
    attributes = {"type": "HTML+XPath"}
    for part, name in FRESHRSS_RECIPE.items():
        expression = recipe.get(part, "")
        if expression and recipe.get("syntax", "css") == "css":
            expression = css_as_xpath(expression)
        if expression:
            attributes[f"{{{FRESHRSS_NAMESPACE}}}{name}"] = _xml_safe(expression)
    return attributes


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _load(content: bytes) -> Element:
    if len(content) > MAX_DOCUMENT_BYTES:
        raise OPMLError(f"OPML file too large: {len(content)} bytes")
    text, _ = decode_document(content)
    if not text.strip():
        raise OPMLError("empty OPML file")
    try:
        root = safe_fromstring(repair_ampersands(text.lstrip()))
    except DefusedXmlException as e:
        raise OPMLError(f"unsafe OPML file: {type(e).__name__}") from e
    except (ParseError, ValueError, RecursionError) as e:
        raise OPMLError(f"malformed OPML file: {e}") from e
    if _local(root) != "opml":
        raise OPMLError(f"not an OPML file: root element <{_local(root)}>")
    return root


def _outlines(body: Element) -> Iterator[tuple[Element, tuple[str, ...]]]:
    """Every outline under ``body`` with the folder names above it, depth first, no recursion."""
    stack: list[tuple[Element, tuple[str, ...]]] = [
        (child, ()) for child in reversed(list(body)) if _local(child) == "outline"
    ]
    while stack:
        outline, folders = stack.pop()
        yield outline, folders
        inner = folders
        if not _attribute(outline, "xmlurl"):
            name = _clean(_attribute(outline, "text") or _attribute(outline, "title"))
            inner = (*folders, name) if name else folders
        stack.extend(
            (child, inner) for child in reversed(list(outline)) if _local(child) == "outline"
        )


def _skipped(outline: Element) -> SkippedOutline | None:
    """Why an outline that names an address is not read as a feed; None when it is one (or when
    it names nothing: a folder, a note, a plain link)."""
    kind = _attribute(outline, "type")
    name = _clean(_attribute(outline, "text") or _attribute(outline, "title"))
    xml_url = _attribute(outline, "xmlurl")
    opml_url = outline.get(f"{{{FRESHRSS_NAMESPACE}}}opmlUrl", "").strip()
    if opml_url:
        return SkippedOutline(
            opml_url,
            name,
            "a FreshRSS folder filled from another OPML file: the feeds listed in it here are "
            "imported, that file is not followed (import it on its own)",
        )
    if kind.lower() in OPML_TYPES:
        address = _attribute(outline, "url") or xml_url
        reason = "another OPML file, listed by address: import that file on its own"
        return SkippedOutline(address, name, reason) if address else None
    if not xml_url or _is_feed_type(kind) or _is_web_feed(outline, kind):
        return None
    if _SCRAPER_TYPE.search(kind):
        reason = f'a FreshRSS web-scraping source (type "{kind}"), not a feed'
    else:
        reason = f'not a feed: outline type "{kind}"'
    return SkippedOutline(absolute_url(xml_url) or xml_url, name, reason)


def _is_web_feed(outline: Element, kind: str) -> bool:
    return kind.lower() == WEB_FEED_TYPE and bool(_freshrss(outline, FRESHRSS_RECIPE["item"]))


def _freshrss(outline: Element, name: str) -> str:
    return outline.get(f"{{{FRESHRSS_NAMESPACE}}}{name}", "").strip()


def _is_feed_type(kind: str) -> bool:
    lowered = kind.lower()
    return lowered in FEED_TYPES or bool(_FEED_MEDIA_TYPE.match(lowered))


def _feed(outline: Element, folders: tuple[str, ...]) -> OutlineFeed | None:
    raw_url = _attribute(outline, "xmlurl").strip()
    if not raw_url:
        return None
    # An unusable address is kept as written, so the importer can report it instead of losing it.
    xml_url = absolute_url(raw_url) or raw_url
    categories = [CATEGORY_SEPARATOR.join(folders)] if folders else []
    categories += _category_attribute(outline)
    title = _clean(_attribute(outline, "title") or _attribute(outline, "text"))
    return OutlineFeed(
        xml_url=xml_url,
        title="" if title in (xml_url, raw_url) else title,
        html_url=absolute_url(_attribute(outline, "htmlurl")),
        categories=tuple(dict.fromkeys(categories)),
        recipe=_recipe(outline),
    )


def _recipe(outline: Element) -> dict[str, str]:
    """The recipe of FreshRSS's ``HTML+XPath`` outline; empty for any other outline."""
    if not _is_web_feed(outline, _attribute(outline, "type")):
        return {}
    parts = {part: _freshrss(outline, name) for part, name in FRESHRSS_RECIPE.items()}
    return {"syntax": "xpath", **{part: value for part, value in parts.items() if value}}


def _merged(first: OutlineFeed | None, again: OutlineFeed) -> OutlineFeed:
    """One feed listed twice: the first listing, with the categories of both (and a title or
    site address the first lacked)."""
    if first is None:
        return again
    return replace(
        first,
        title=first.title or again.title,
        html_url=first.html_url or again.html_url,
        categories=tuple(dict.fromkeys((*first.categories, *again.categories))),
    )


def _category_attribute(outline: Element) -> list[str]:
    """OPML 2.0 ``category="/News/World,/Tech"``: each comma-separated, slash-delimited path."""
    paths = (
        CATEGORY_SEPARATOR.join(_category_path(path))
        for path in _attribute(outline, "category").split(",")
    )
    return [path for path in paths if path]


def _grouped(feeds: Iterable[OutlineFeed]) -> list[tuple[str, OutlineFeed]]:
    """(category, feed) pairs grouped by category in first-seen order; "" is the top level."""
    groups: dict[str, list[OutlineFeed]] = {}
    for feed in feeds:
        for category in feed.categories or ("",):
            groups.setdefault(category, []).append(feed)
    return [(category, feed) for category, members in groups.items() for feed in members]


def _category_path(category: str) -> tuple[str, ...]:
    levels = (_clean(level) for level in category.split(CATEGORY_SEPARATOR))
    return tuple(level for level in levels if level)


def _folder(folders: dict[tuple[str, ...], Element], path: tuple[str, ...]) -> Element:
    if path not in folders:
        parent = _folder(folders, path[:-1])
        folders[path] = SubElement(parent, "outline", {"text": path[-1], "title": path[-1]})
    return folders[path]


def _clean(value: str) -> str:
    """Attribute text with its whitespace collapsed (it is plain text: no markup to strip)."""
    return " ".join(value.split())


def _attribute(node: Element, name: str) -> str:
    """An attribute by case-insensitive name (``xmlUrl``, ``xmlurl`` and ``XMLURL`` all occur);
    attributes of other namespaces (``frss:…``, ``miniflux:…``) are not these."""
    for key, value in node.attrib.items():
        if key.lower() == name:
            return value.strip()
    return ""


def _local(node: Element) -> str:
    tag = node.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""

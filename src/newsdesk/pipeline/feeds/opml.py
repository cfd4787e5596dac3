"""OPML subscription lists: read (``newsdesk import-opml``) and write (export).

:func:`parse_opml` reads OPML 1.0/2.0 as exported by feed readers: every ``<outline>`` with an
``xmlUrl`` is a feed; the folders (outlines without one) around it make its category, joined
with "/" when nested (an OPML ``category`` attribute is used when there is no folder). XML is
read with defusedxml, which refuses entity declarations and external references; stray ``&``
in attributes (common in hand-edited files) is repaired first. :func:`render_opml` writes OPML
2.0 with one folder per category level, which :func:`parse_opml` reads back to the same list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, SubElement, indent, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from newsdesk.errors import OPMLError

from .encoding import decode_document
from .fields import absolute_url
from .safety import MAX_DOCUMENT_BYTES, repair_ampersands

CATEGORY_SEPARATOR = "/"
# Characters XML 1.0 cannot carry at all, even escaped; they are dropped on export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class OutlineFeed:
    """One subscription of an OPML file."""

    xml_url: str
    title: str = ""
    html_url: str = ""
    category: str = ""


def parse_opml(content: bytes) -> list[OutlineFeed]:
    """The feeds of an OPML document, in document order, each feed URL once."""
    root = _load(content)
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise OPMLError("not an OPML file: no <body> element")
    feeds: dict[str, OutlineFeed] = {}
    for outline, folders in _outlines(body):
        feed = _feed(outline, folders)
        if feed is not None:
            feeds.setdefault(feed.xml_url, feed)
    return list(feeds.values())


def render_opml(feeds: Iterable[OutlineFeed], title: str = "newsdesk subscriptions") -> str:
    """OPML 2.0 text for ``feeds``, grouped in folders by category (first-seen order)."""
    root = Element("opml", version="2.0")
    SubElement(SubElement(root, "head"), "title").text = _xml_safe(title)
    body = SubElement(root, "body")
    folders: dict[tuple[str, ...], Element] = {(): body}
    for feed in _grouped(feeds):
        parent = _folder(folders, _category_path(_xml_safe(feed.category)))
        SubElement(parent, "outline", _outline_attributes(feed))
    indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _outline_attributes(feed: OutlineFeed) -> dict[str, str]:
    title = _xml_safe(feed.title)
    # "text" is required; readers show the URL when a feed has no title, and so does this.
    attributes = {"type": "rss", "text": title or feed.xml_url, "xmlUrl": _xml_safe(feed.xml_url)}
    if title:
        attributes["title"] = title
    if feed.html_url:
        attributes["htmlUrl"] = _xml_safe(feed.html_url)
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


def _feed(outline: Element, folders: tuple[str, ...]) -> OutlineFeed | None:
    raw_url = _attribute(outline, "xmlurl").strip()
    if not raw_url:
        return None
    # An unusable address is kept as written, so the importer can report it instead of losing it.
    xml_url = absolute_url(raw_url) or raw_url
    category = CATEGORY_SEPARATOR.join(folders) or _category_attribute(outline)
    title = _clean(_attribute(outline, "title") or _attribute(outline, "text"))
    return OutlineFeed(
        xml_url=xml_url,
        title="" if title in (xml_url, _attribute(outline, "xmlurl")) else title,
        html_url=absolute_url(_attribute(outline, "htmlurl")),
        category=category,
    )


def _category_attribute(outline: Element) -> str:
    """OPML 2.0 ``category="/News/World,/Tech"``: the first slash-delimited path."""
    first = _attribute(outline, "category").split(",", 1)[0]
    return CATEGORY_SEPARATOR.join(part.strip() for part in first.split("/") if part.strip())


def _grouped(feeds: Iterable[OutlineFeed]) -> list[OutlineFeed]:
    groups: dict[str, list[OutlineFeed]] = {}
    for feed in feeds:
        groups.setdefault(feed.category, []).append(feed)
    return [feed for members in groups.values() for feed in members]


def _category_path(category: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in category.split(CATEGORY_SEPARATOR) if part.strip())


def _folder(folders: dict[tuple[str, ...], Element], path: tuple[str, ...]) -> Element:
    if path not in folders:
        parent = _folder(folders, path[:-1])
        folders[path] = SubElement(parent, "outline", {"text": path[-1], "title": path[-1]})
    return folders[path]


def _clean(value: str) -> str:
    """Attribute text with its whitespace collapsed (it is plain text: no markup to strip)."""
    return " ".join(value.split())


def _attribute(node: Element, name: str) -> str:
    """An attribute by case-insensitive name (``xmlUrl``, ``xmlurl`` and ``XMLURL`` all occur)."""
    for key, value in node.attrib.items():
        if key.lower() == name:
            return value.strip()
    return ""


def _local(node: Element) -> str:
    tag = node.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""

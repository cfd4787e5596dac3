"""Decide, before any parse, which reader an XML feed document needs: each document is parsed once.

Four readers, from the cheapest:

* :mod:`channel` (lxml, feed-level fields only) for a document with no ``<item>`` or
  ``<entry>``: there is nothing else to read, and the libraries' fixed cost is most of the work;
* :mod:`items` (lxml, the whole feed) for a document with items of at most
  :data:`ITEMS_MAX_BYTES`, where fastfeedparser's fixed cost is most of its time, and for a
  larger one that fastfeedparser would lose something from (the cases of
  :class:`FallbackPolicy`);
* fastfeedparser for the other large documents with an RSS, RDF or Atom root it knows;
* feedparser for what fastfeedparser is known to refuse, told by a look at the text: a root it
  does not know (CDF's ``<CHANNEL>``, a bare ``<channel>``), an ``<rss>`` without a
  ``<channel>``, an Atom root in no Atom namespace.

Both lxml readers take only a well-formed document (or one cut off at its very end); any other
goes on to the libraries, chosen by :func:`choose_library` (fastfeedparser, or feedparser for
the cases of :class:`FallbackPolicy`). fastfeedparser's result is still checked afterwards
(:func:`parse._parse_with_libraries`): a document with items from which it read neither an
entry nor a title goes to feedparser too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .safety import PreparedXML

FASTFEEDPARSER = "fastfeedparser"
FEEDPARSER = "feedparser"
CHANNEL = "channel"
ITEMS = "items"

ITEMS_MAX_BYTES = 8 * 1024
"""Documents up to this size go to :mod:`items` (lxml): there fastfeedparser's fixed cost is
most of its time. Above it fastfeedparser's native item reader is faster than building an
element tree (1.4 ms against 1.7 ms for 50 items), so larger documents go to it, unless they
hold something it loses (see :class:`FallbackPolicy`), which lxml reads."""
FASTFEEDPARSER_ROOTS = frozenset({"rss", "feed", "RDF"})
"""Root local names, as written, that fastfeedparser recognises."""
ATOM_NAMESPACES = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_ITEM = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]", re.IGNORECASE)
_CHANNEL = re.compile(rb"<(?:[\w.-]+:)?channel[\s/>]")
_XHTML_TEXT = re.compile(
    r"""<(?:\w+:)?(?:title|subtitle|summary)\b[^<>]*type=["'](?:application/)?xhtml"""
)
_BASE64_MODE = re.compile(r"""mode=["']base64["']""")
# A link, enclosure or media URL that is not absolute: an ``href`` or ``url`` attribute, or the
# text of a ``<link>``. (xml:base on content elements only, as Movable Type writes it, changes
# no URL read here: links inside content are resolved later, against the article.)
_RELATIVE_LINK = re.compile(
    r"""\b(?:href|url)\s*=\s*["'](?!\s*https?:)|<(?:\w+:)?link>\s*(?!https?:)[^<\s]""",
    re.IGNORECASE,
)
_XML_BASE = re.compile(r"""xml:base\s*=\s*(["'])(.*?)\1""", re.DOTALL)


@dataclass(frozen=True)
class FallbackPolicy:
    """Which documents go to feedparser although fastfeedparser would read them.

    Each flag is a case where fastfeedparser is known to lose what feedparser keeps; each costs
    feedparser's speed on the documents it matches (see docs/benchmarks/feeds.md).
    """

    xml_base: bool = True
    """``xml:base`` below the root element, which fastfeedparser ignores, when a link,
    enclosure or media URL is relative (it would go wrong). One on the root only, as WordPress
    writes it, is applied here instead."""
    xhtml_text: bool = True
    """An Atom title, subtitle or summary of type ``xhtml`` (or Atom 0.3's
    ``application/xhtml+xml``): fastfeedparser returns it empty."""
    base64: bool = True
    """Atom 0.3 ``mode="base64"`` text: fastfeedparser returns it still encoded."""
    rdf: bool = False
    """RSS 1.0 / RDF documents."""
    always: bool = False
    """Every document through feedparser (a reference for comparisons, not for production)."""
    items: bool = True
    """Well-formed documents with items read by :mod:`items` (lxml); the other flags then
    apply to the documents that are not well-formed. Off: the libraries read every document
    with items, as before that reader (a reference for comparisons)."""


DEFAULT_POLICY = FallbackPolicy()
BASE_POLICY = FallbackPolicy(xml_base=False, xhtml_text=False, base64=False, items=False)
FEEDPARSER_ONLY = FallbackPolicy(always=True)


@dataclass(frozen=True)
class Route:
    """The reader chosen, and why ("" for fastfeedparser, the default)."""

    reader: str
    reason: str = ""


def choose_reader(prepared: PreparedXML, policy: FallbackPolicy = DEFAULT_POLICY) -> Route:
    """The one reader for ``prepared`` (see the module docstring)."""
    if policy.always:
        return Route(FEEDPARSER, "feedparser for every document")
    reason = _unknown_root(prepared)
    if reason:
        return Route(FEEDPARSER, reason)
    if not has_items(prepared.data):
        return Route(CHANNEL, "no items")
    reason = _fastfeedparser_refuses(prepared)
    if reason:
        return Route(FEEDPARSER, reason)
    if policy.items and len(prepared.data) <= ITEMS_MAX_BYTES:
        return Route(ITEMS)
    route = choose_library(prepared, policy)
    if policy.items and route.reader == FEEDPARSER:  # lxml keeps what fastfeedparser loses
        return Route(ITEMS, route.reason)
    return route


def choose_library(prepared: PreparedXML, policy: FallbackPolicy = DEFAULT_POLICY) -> Route:
    """fastfeedparser or feedparser for a document with items that lxml could not read (not
    well-formed), or for every such document when the policy leaves :mod:`items` out."""
    reason = _fastfeedparser_refuses(prepared) or _fastfeedparser_loses(prepared, policy)
    return Route(FEEDPARSER, reason) if reason else Route(FASTFEEDPARSER)


def has_items(data: bytes) -> bool:
    """True when the document holds an ``<item>`` or ``<entry>`` element (any prefix or case)."""
    if b"<item" in data or b"<entry" in data:
        return True
    return _ITEM.search(data) is not None


def _unknown_root(prepared: PreparedXML) -> str:
    if prepared.root.rsplit(":", 1)[-1] not in FASTFEEDPARSER_ROOTS:
        return f"root element <{prepared.root}>"
    return ""


def _fastfeedparser_refuses(prepared: PreparedXML) -> str:
    local_name = prepared.root.rsplit(":", 1)[-1]
    if local_name == "rss" and _CHANNEL.search(prepared.data) is None:
        return "<rss> without a <channel>"
    if local_name == "feed" and not any(uri in _root_tag(prepared) for uri in ATOM_NAMESPACES):
        return "<feed> in no Atom namespace"
    return ""


def _fastfeedparser_loses(prepared: PreparedXML, policy: FallbackPolicy) -> str:
    """Each test scans the whole text (about 40 us for 125 KB), so only the formats that can
    hold the construct are scanned: typed and base64 text are Atom's."""
    if policy.rdf and prepared.root_local_name == "rdf":
        return "RSS 1.0 (RDF) document"
    if (
        policy.xml_base
        and prepared.has_xml_base
        and root_xml_base(prepared) is None
        and _RELATIVE_LINK.search(prepared.text) is not None
    ):
        return "xml:base below the root element"
    if prepared.root_local_name != "feed":
        return ""
    text = prepared.text
    if policy.xhtml_text and "xhtml" in text and _XHTML_TEXT.search(text):
        return 'title or summary of type="xhtml"'
    if policy.base64 and "base64" in text and _BASE64_MODE.search(text):
        return 'Atom 0.3 mode="base64" text'
    return ""


def _root_tag(prepared: PreparedXML) -> str:
    text = prepared.text
    start = text.find("<" + prepared.root)
    end = text.find(">", start) if start >= 0 else -1
    return text[start:end] if end >= 0 else ""


def root_xml_base(prepared: PreparedXML) -> str | None:
    """The root element's ``xml:base`` ("" if it has none); None if one appears deeper too."""
    text = prepared.text
    root_start = text.find("<" + prepared.root) if prepared.root else -1
    root_end = text.find(">", root_start) if root_start >= 0 else -1
    if root_end < 0:
        return None if prepared.has_xml_base else ""
    if text.find("xml:base", root_end) >= 0:
        return None
    match = _XML_BASE.search(text, root_start, root_end)
    return match.group(2).strip() if match else ""

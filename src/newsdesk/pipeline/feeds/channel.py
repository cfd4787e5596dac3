"""Read a feed that has no items: its title, home page, language and description, with lxml.

A document without ``<item>`` or ``<entry>`` elements has nothing for a feed library to do but
its feed-level fields, and both libraries pay their whole fixed cost for them (fastfeedparser
also gives nothing for many such documents, which used to send them on to feedparser as well).
So :func:`parse_channel` reads those few fields from the element tree itself: one lxml parse of
the prepared bytes (strict: entities unresolved, nothing loaded; a document that is not
well-formed goes to the libraries after all), then the direct children of the
channel (RSS, RDF) or of the root (Atom).

Element names are compared by their local name, case-insensitively (``<TiTlE>`` is a title, as
for podcast apps), so ``dc:title`` and ``dc:language`` count too. Titles of type ``xhtml`` give
their text, Atom 0.3 ``mode="base64"`` titles are decoded. ``xml:base`` on the way down
is applied to the home page's link, and an Atom ``<id>`` that is an http(s) URL stands for the
home page when no link names one.
"""

from __future__ import annotations

import base64
import binascii

from lxml import etree

from newsdesk.types import FeedKind, ParsedFeed

from .fields import absolute_url, plain_text
from .safety import PreparedXML, parse_tree

CHANNEL_PARSER = "lxml"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DESCRIPTIONS = ("subtitle", "tagline", "description", "summary")


def parse_channel(prepared: PreparedXML, base: str, kind: FeedKind) -> ParsedFeed | None:
    """The feed-level fields of an itemless RSS, RDF or Atom document; None when it is not
    well-formed (what to recover from a broken document is the libraries' job)."""
    root = parse_tree(prepared.data)
    if root is None:
        return None
    base = _base_of(root, base)
    channel = root if kind is FeedKind.ATOM else _child(root, "channel")
    if channel is None:
        language = _xml_lang(root).replace("_", "-")
        return ParsedFeed(kind=kind, language=language, parser=CHANNEL_PARSER)
    base = _base_of(channel, base) if channel is not root else base
    fields = _children_by_name(channel)
    return ParsedFeed(
        kind=kind,
        title=_title(fields.get("title")),
        home_url=_home_url(channel, fields, base, kind),
        description=_first_text(fields, _DESCRIPTIONS),
        language=_language(fields, channel, root),
        parser=CHANNEL_PARSER,
    )


def _children_by_name(element: etree._Element) -> dict[str, etree._Element]:
    """The first child element of each local name (lower case)."""
    found: dict[str, etree._Element] = {}
    for child in element:
        if isinstance(child.tag, str):
            found.setdefault(_local_name(child.tag), child)
    return found


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if isinstance(child.tag, str) and _local_name(child.tag) == name:
            return child
    return None


def _title(element: etree._Element | None) -> str:
    if element is None:
        return ""
    kind = (element.get("type") or "").lower()
    text = element.text or ""
    if (element.get("mode") or "").lower() == "base64":
        return plain_text(_from_base64(text))
    if "html" in kind and len(element) == 0:
        return plain_text(text)
    # Text titles are text: a "<" in them is a character, not markup to remove.
    return " ".join("".join(element.itertext()).split())


def _from_base64(text: str) -> str:
    try:
        return base64.b64decode("".join(text.split()), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""


def _home_url(
    channel: etree._Element, fields: dict[str, etree._Element], base: str, kind: FeedKind
) -> str:
    for child in channel:
        if not isinstance(child.tag, str) or _local_name(child.tag) != "link":
            continue
        href = child.get("href")
        if href is None:
            href = child.text
        elif child.get("rel") not in (None, "alternate"):
            continue
        link = absolute_url(href, _base_of(child, base))
        if link:
            return link
    identifier = fields.get("id")
    if kind is FeedKind.ATOM and identifier is not None:
        return absolute_url(identifier.text, _base_of(identifier, base))
    return ""


def _local_name(tag: str) -> str:
    """``{namespace}name`` or ``prefix:name`` (an undeclared prefix, recovered) to ``name``."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _first_text(fields: dict[str, etree._Element], names: tuple[str, ...]) -> str:
    for name in names:
        element = fields.get(name)
        text = "".join(element.itertext()).strip() if element is not None else ""
        if text:
            return text
    return ""


def _language(
    fields: dict[str, etree._Element], channel: etree._Element, root: etree._Element
) -> str:
    language = _first_text(fields, ("language",)) or _xml_lang(channel) or _xml_lang(root)
    return language.replace("_", "-")


def _base_of(element: etree._Element, base: str) -> str:
    declared = element.get(_XML_BASE)
    return (absolute_url(declared, base) or base) if declared else base


def _xml_lang(element: etree._Element) -> str:
    return (element.get(_XML_LANG) or "").strip()

"""Read a well-formed RSS 2.0, RSS 1.0 (RDF) or Atom feed with items straight from lxml.

Most feeds are well-formed and use a few dozen elements; for them a feed library's fixed cost
(its byte preparation, its own passes over the text) is most of the work, and on a small
document more than the parse itself. :func:`read_items` does one lxml parse of the prepared
bytes (:func:`safety.parse_tree`: no entities resolved, nothing loaded) and walks the direct
children of the channel, of each item and of each entry, building the feedparser-shaped dict
that :func:`convert.parsed_feed` maps to a :class:`ParsedFeed`, as it does for the libraries.

Elements are told by namespace and local name: RSS's own (no namespace, RSS 1.0's, RSS 0.90's,
the old ``backend.userland.com/rss2``), Atom 1.0 and 0.3, Dublin Core and DC terms,
``content:encoded``, Media RSS, iTunes (``data/namespaces.toml``). An unknown element is
ignored, as the libraries ignore it. ``xml:base`` and ``xml:lang`` apply wherever they are
written (the channel, an item, an entry, a link, a title), so documents with them below the
root are read here too. A document that is not well-formed (and not merely cut off at its end)
gives None: recovering what can be read of it is the libraries' job.
"""

from __future__ import annotations

import base64
import binascii
import html
import tomllib
from datetime import datetime
from importlib.resources import files
from typing import Any

from lxml import etree

from newsdesk.types import FeedKind

from .dates import cached_datetime
from .fields import absolute_url
from .safety import PreparedXML, parse_tree

ITEMS_PARSER = "lxml"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XHTML_DIV = "{http://www.w3.org/1999/xhtml}div"
_RSS = "rss"
_ATOM = "atom"
_DC = "dc"
_DCTERMS = "dcterms"
_CONTENT = "content"
_MEDIA = "media"
_ITUNES = "itunes"
_LANGUAGE_FIELDS = {
    "title": "title_detail",
    "description": "summary_detail",
    "summary": "summary_detail",
    "encoded": "content",
    "content": "content",
}
_XHTML_DECLARATION = ' xmlns="http://www.w3.org/1999/xhtml"'
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_NAMESPACES: dict[str, str] = tomllib.loads(
    files("newsdesk.pipeline.feeds").joinpath("data/namespaces.toml").read_text(encoding="utf-8")
)["namespaces"]
_SPLIT_CACHE: dict[tuple[str, bool], tuple[str, str]] = {}
_SPLIT_CACHE_SIZE = 4096  # element names met; a hostile feed cannot grow it further


def read_items(prepared: PreparedXML, base: str, kind: FeedKind) -> dict[str, Any] | None:
    """The feedparser-shaped dict of a well-formed feed document; None when it is not
    well-formed or has no channel (RSS) to read."""
    root = parse_tree(prepared.data)
    if root is None:
        return None
    if kind is FeedKind.ATOM:
        channel: etree._Element | None = root
        containers = [root]
    else:
        channel = _first(root, "channel")
        if channel is None:
            return None
        containers = [channel, root]  # RSS 1.0 puts items beside the channel
    base = _base_of(root, base)
    channel_base = _base_of(channel, base) if channel is not root else base
    entries: list[dict[str, Any]] = []
    atom = kind is FeedKind.ATOM
    languages = "xml:lang" in prepared.text
    document_language = _own_language(channel) or _own_language(root) or ""
    item = (_RSS, "entry" if atom else "item")
    for container in containers:
        container_base = channel_base if container is channel else base
        for child in container:
            tag = child.tag
            if isinstance(tag, str) and _split(tag, atom) == item:
                entry = _entry(child, _base_of(child, container_base), atom)
                if languages:
                    _languages(entry, child, document_language)
                entries.append(entry)
    return {"feed": _feed(channel, channel_base, atom), "entries": entries, "base": base}


def _split(tag: str, atom: bool = False) -> tuple[str, str]:
    """``{namespace}name`` to (vocabulary, name); an unknown namespace gives ("", name). In an
    Atom document, Atom's elements count as RSS's (unprefixed), to be read by one set of rules."""
    found = _SPLIT_CACHE.get((tag, atom))
    if found is None:
        if tag[0] != "{":
            found = (_RSS, tag)
        else:
            namespace, _, name = tag[1:].partition("}")
            vocabulary = _NAMESPACES.get(namespace, "")
            found = (_RSS if atom and vocabulary == _ATOM else vocabulary), name
        if len(_SPLIT_CACHE) < _SPLIT_CACHE_SIZE:
            _SPLIT_CACHE[tag, atom] = found
    return found


def _first(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if isinstance(child.tag, str) and _split(child.tag) == (_RSS, name):
            return child
    return None


def _feed(channel: etree._Element, base: str, atom: bool) -> dict[str, Any]:
    feed: dict[str, Any] = {}
    links: list[dict[str, str]] = []
    for child in channel:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        vocabulary, name = _split(tag, atom)
        if vocabulary == _ATOM:
            vocabulary = _RSS
        if vocabulary == _RSS and name == "title":
            feed.setdefault("title", _text_value(child)[0])
        elif vocabulary == _DC and name == "title":
            feed.setdefault("title", _text(child))
        elif vocabulary == _RSS and name == "link":
            if atom or child.get("href") is not None:
                links.append(_link(child, base))
            else:
                feed.setdefault("link", absolute_url(child.text, _base_of(child, base)))
        elif vocabulary in (_RSS, _DC) and name in ("description", "subtitle", "tagline"):
            feed.setdefault("subtitle", _text_value(child)[0])
        elif vocabulary in (_RSS, _DC) and name == "language":
            feed.setdefault("language", _text(child))
    if links:
        feed["links"] = links
    language = channel.get(_XML_LANG)
    if language and "language" not in feed:
        feed["language"] = language.strip()
    return feed


def _entry(item: etree._Element, base: str, atom: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    links: list[dict[str, str]] = []
    content: list[dict[str, str]] = []
    fallbacks: dict[str, str] = {}
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        vocabulary, name = _split(tag, atom)
        if vocabulary == _RSS:
            _core_field(entry, links, content, child, name, base, atom)
        elif vocabulary == _ATOM:
            _core_field(entry, links, content, child, name, base, True)
        elif vocabulary == _DC:
            _dc_field(entry, child, name)
        elif vocabulary == _DCTERMS:
            if name in ("issued", "created"):
                entry.setdefault("published", _date(child))
            elif name == "modified":
                entry.setdefault("updated", _date(child))
        elif vocabulary == _CONTENT and name == "encoded":
            content.append(_block(child, "text/html", _inner(child)))
        elif vocabulary == _MEDIA:
            if name == "title":
                fallbacks.setdefault("title", _text(child))
            _media_field(entry, child, name)
        elif vocabulary == _ITUNES and name == "summary":
            fallbacks.setdefault("summary", _text(child))
    if links:
        entry["links"] = links
        if not entry.get("link"):  # the alternate link, else the first one, is the page
            alternates = [link["href"] for link in links if link["rel"] == "alternate"]
            hrefs = alternates or [link["href"] for link in links]
            entry["link"] = next((href for href in hrefs if href), "")
    if content:
        entry["content"] = content
        entry.setdefault("summary", content[0]["value"])  # as feedparser: content stands in
    about = item.get(_RDF_ABOUT)
    if about:
        fallbacks["link"] = absolute_url(about, base)
    for name, value in fallbacks.items():
        if value and not entry.get(name):
            entry[name] = value
    if not entry.get("id") and entry.get("link"):
        entry["id"] = entry["link"]
    return entry


def _languages(entry: dict[str, Any], item: etree._Element, inherited: str) -> None:
    """The ``xml:lang`` in effect on the entry's title, summary and content, as feedparser
    gives them (an empty ``xml:lang`` resets the language)."""
    own = _own_language(item)
    inherited = own if own is not None else inherited
    found: dict[str, str] = {}
    for child in item:
        if isinstance(child.tag, str):
            name = _split(child.tag)[1]
            field = _LANGUAGE_FIELDS.get(name)
            if field is not None and field not in found:
                language = _own_language(child)
                found[field] = language if language is not None else inherited
    for field, language in found.items():
        if language:
            if field == "content":
                for block in entry.get("content", ()):
                    block.setdefault("language", language)
            else:
                entry[field] = {"language": language}


def _own_language(element: etree._Element) -> str | None:
    language = element.get(_XML_LANG)
    return language.strip() if language is not None else None


def _core_field(
    entry: dict[str, Any],
    links: list[dict[str, str]],
    content: list[dict[str, str]],
    child: etree._Element,
    name: str,
    base: str,
    atom: bool,
) -> None:
    """An element of RSS's or Atom's own (Atom's names in an RSS item are read too)."""
    if name == "title":
        entry.setdefault("title", _text_value(child)[0] if atom else _inner(child))
    elif name == "link":
        if atom or child.get("href") is not None:
            links.append(_link(child, base))
        else:
            entry.setdefault("link", absolute_url(child.text, _base_of(child, base)))
    elif name in ("description", "summary"):
        entry.setdefault("summary", _text_value(child)[0] if atom else _inner(child))
    elif name == "content":
        value, kind = _text_value(child)
        content.append(_block(child, kind, value))
    elif name in ("guid", "id"):
        entry.setdefault("id", _text(child))
    elif name == "author":
        author = _person(child)
        if author:
            entry.setdefault("author", author)
    elif name in ("pubDate", "published", "issued", "created"):
        entry.setdefault("published", _date(child))
    elif name in ("updated", "modified"):
        entry.setdefault("updated", _date(child))
    elif name == "enclosure":
        url = absolute_url(child.get("url"), _base_of(child, base))
        if url:
            enclosure = {"url": url, "type": child.get("type"), "length": child.get("length")}
            entry.setdefault("enclosures", []).append(enclosure)


def _block(element: etree._Element, kind: str, value: str) -> dict[str, str]:
    block = {"type": kind, "value": value}
    language = element.get(_XML_LANG)
    if language and language.strip():
        block["language"] = language.strip()
    return block


def _dc_field(entry: dict[str, Any], child: etree._Element, name: str) -> None:
    if name in ("creator", "author"):
        entry.setdefault("author", _text(child))
    elif name == "date":
        entry.setdefault("published", _date(child))
    elif name == "title":
        entry.setdefault("title", _text(child))
    elif name == "description":
        entry.setdefault("summary", _inner(child))


def _media_field(entry: dict[str, Any], child: etree._Element, name: str) -> None:
    if name == "content":
        media = {
            "url": child.get("url"),
            "medium": child.get("medium"),
            "type": child.get("type"),
            "fileSize": child.get("fileSize"),
            "duration": child.get("duration"),
        }
        entry.setdefault("media_content", []).append(media)
    elif name == "thumbnail":
        entry.setdefault("media_thumbnail", []).append({"url": child.get("url")})
    elif name == "group":
        for grandchild in child:
            if isinstance(grandchild.tag, str):
                vocabulary, inner = _split(grandchild.tag)
                if vocabulary == _MEDIA and inner != "group":
                    _media_field(entry, grandchild, inner)


def _link(element: etree._Element, base: str) -> dict[str, str]:
    href = element.get("href")
    link = {
        "rel": element.get("rel") or "alternate",
        "href": absolute_url(href, _base_of(element, base)) if href else "",
        "type": element.get("type") or "",
    }
    if element.get("length"):  # an Atom enclosure's size
        link["length"] = element.get("length", "")
    return link


def _person(element: etree._Element) -> str:
    for child in element:
        if isinstance(child.tag, str) and _split(child.tag) == (_ATOM, "name"):
            return _text(child)
    return _text(element) if len(element) == 0 else ""


def _text_value(element: etree._Element) -> tuple[str, str]:
    """An Atom text construct (or RSS text) as (value, type): HTML stays HTML, XHTML is
    serialised without its wrapping ``<div>``, Atom 0.3 base64 is decoded."""
    kind = (element.get("type") or "text").lower()
    mode = (element.get("mode") or "").lower()
    if mode == "base64":
        return _from_base64(element.text or ""), kind
    if "xhtml" in kind or (mode == "xml" and len(element)):
        children = list(element)
        if (
            kind == "xhtml"
            and len(children) == 1
            and children[0].tag == _XHTML_DIV
            and not (element.text or "").strip()
        ):
            return _inner(children[0], markup=True), "application/xhtml+xml"
        # Atom 0.3's application/xhtml+xml content is its children, a <div> included.
        return _inner(element, markup=True).replace(_XHTML_DECLARATION, ""), "application/xhtml+xml"
    if kind in ("html", "text/html") or mode == "escaped":
        return _inner(element), "text/html"
    return _inner(element), "text/plain" if kind == "text" else kind


def _inner(element: etree._Element, markup: bool = False) -> str:
    """The element's content: its text, and its children serialised as markup if it has any.
    With ``markup`` (XHTML content) the text is escaped too, being markup itself. Namespace
    declarations inherited from the feed are left out of the serialised children."""
    text = element.text or ""
    if markup:
        text = html.escape(text, quote=False)
    if not len(element):
        return text.strip()
    inherited = element.nsmap
    parts = [text]
    for child in element:
        serialised = etree.tostring(child, encoding="unicode", with_tail=True)
        if isinstance(child.tag, str) and inherited:
            serialised = _drop_inherited(serialised, child, inherited)
        parts.append(serialised)
    return "".join(parts).strip()


def _drop_inherited(serialised: str, child: etree._Element, inherited: dict[Any, str]) -> str:
    """``serialised`` without the declarations of its first tag that ``child`` inherited."""
    end = serialised.find(">")
    tag = serialised[:end]
    for prefix, uri in inherited.items():
        attribute = f' xmlns:{prefix}="{uri}"' if prefix else f' xmlns="{uri}"'
        tag = tag.replace(attribute, "", 1)
    return tag + serialised[end:]


def _date(element: etree._Element) -> datetime | None:
    text = _text(element)
    return cached_datetime(text) if text else None


def _text(element: etree._Element) -> str:
    if not len(element):
        text = element.text
        return text.strip() if text else ""
    return "".join(element.itertext()).strip()


def _from_base64(text: str) -> str:
    try:
        return base64.b64decode("".join(text.split()), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""


def _base_of(element: etree._Element, base: str) -> str:
    declared = element.get(_XML_BASE)
    return (absolute_url(declared, base) or base) if declared else base

"""Map the result dicts of fastfeedparser and feedparser to :class:`ParsedFeed`.

Both libraries return feedparser-shaped dicts (``feed``, ``entries``, ``title_detail``...) but
differ in the details this module evens out, so that a FeedEntry does not depend on the library:

* fastfeedparser names the summary ``description``, gives dates as UTC ISO strings, keeps Atom
  XHTML content wrapped in its ``<content>`` element, ignores the RSS ``<language>`` element and
  leaves links relative; feedparser gives ``*_parsed`` struct_times and resolved links;
* an item with a description only: fastfeedparser copies it into ``content`` (dropped here, so
  ``content_html`` is empty as with feedparser); an item with content only: feedparser copies
  it into ``summary``, fastfeedparser writes a 512-character plain-text excerpt of it (done here
  for feedparser's results too);
* fastfeedparser gives an entry with an update time only that time as ``published`` too;
  so does this module for feedparser's results (``published`` is "when it appeared", as near
  as the feed tells).

Every URL is resolved against the document's base and kept only when it is http(s). Audio and
video files (enclosures, ``media:content``) are read by :mod:`episodes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from newsdesk.types import FeedEntry, FeedKind, ParsedFeed

from .dates import from_struct_time, parse_datetime
from .episodes import media_enclosures
from .fields import absolute_url, excerpt, plain_text, text_to_html

_PARSED = {"published": "published_parsed", "updated": "updated_parsed"}
_IMAGE_KEYS = ("media_content", "media_thumbnail", "enclosures", "image")
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_EMAIL_THEN_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^()]+)\)$")
_NAME_THEN_EMAIL = re.compile(r"^(?P<name>[^()]+?)\s*\(\S+@\S+\)$")
_CONTENT_WRAPPER = re.compile(r"^\s*<content\b[^>]*>(?P<inner>.*)</content>\s*$", re.DOTALL)
_XHTML_DIV = re.compile(
    r"""^\s*<div\b[^>]*xmlns=["']http://www\.w3\.org/1999/xhtml["'][^>]*>(?P<inner>.*)</div>\s*$""",
    re.DOTALL,
)
# fastfeedparser does not read the RSS <language> element; it sits before the first item.
_CHANNEL_LANGUAGE = re.compile(
    r"<(?:dc:)?language>\s*([A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,4})\s*</", re.IGNORECASE
)


def parsed_feed(
    data: Mapping[str, Any], *, parser: str, kind: FeedKind, base: str, text: str = ""
) -> ParsedFeed:
    """Build a ParsedFeed from a library result; ``text`` is the document, for what it missed."""
    feed = _mapping(data.get("feed"))
    home_url = _link(feed, base)
    base = base or home_url
    language = _string(feed.get("language")) or _channel_language(text, kind)
    copies_description = parser == "fastfeedparser"
    entries = tuple(
        _entry(item, base, language, copies_description) for item in _mappings(data.get("entries"))
    )
    return ParsedFeed(
        kind=kind,
        title=plain_text(feed.get("title")),
        home_url=home_url,
        description=_string(feed.get("subtitle")) or _string(feed.get("description")),
        language=language,
        entries=tuple(entry for entry in entries if entry is not None),
        parser=parser,
    )


def _entry(
    item: Mapping[str, Any], base: str, feed_language: str, copies_description: bool
) -> FeedEntry | None:
    guid = _string(item.get("id")) or _string(item.get("guid"))
    enclosures = media_enclosures(item, base)
    # An episode without a page of its own (many podcast items link nowhere) is its file.
    url = _link(item, base) or absolute_url(guid) or (enclosures[0].url if enclosures else "")
    title = plain_text(item.get("title"))
    summary = _string(item.get("summary")) or _string(item.get("description"))
    content_html = _content_html(item.get("content"))
    if summary and summary == content_html:
        if copies_description:
            content_html = ""
        else:
            summary = excerpt(content_html)
    if not (url or guid or title or summary or content_html):
        return None
    updated = _date(item, "updated")
    return FeedEntry(
        url=url,
        guid=guid,
        title=title,
        summary=summary,
        content_html=content_html,
        author=_author(item),
        published=_date(item, "published") or updated,
        updated=updated,
        image_url=_image_url(item, base),
        language=_entry_language(item) or feed_language,
        enclosures=enclosures,
    )


def _link(node: Mapping[str, Any], base: str) -> str:
    """The http(s) page a feed or an entry links to: ``link``, else its first alternate link."""
    link = absolute_url(node.get("link"), base)
    if link:
        return link
    for candidate in _mappings(node.get("links")):
        if candidate.get("rel") in (None, "alternate"):
            link = absolute_url(candidate.get("href"), base)
            if link:
                return link
    return ""


def _content_html(content: object) -> str:
    """The first HTML (or XHTML) content of an entry; plain-text content is escaped into HTML."""
    blocks = list(_mappings(content))
    for block in blocks:
        kind = _string(block.get("type")).lower()
        value = _string(block.get("value"))
        if value and "html" in kind:
            return _unwrap_xhtml(value) if "xhtml" in kind else value
    for block in blocks:
        value = _string(block.get("value"))
        if value:
            return text_to_html(value)
    return ""


def _unwrap_xhtml(value: str) -> str:
    """Drop the Atom ``<content>`` element (fastfeedparser keeps it) and the XHTML ``<div>``
    the Atom format wraps content in (feedparser drops that one itself)."""
    wrapped = _CONTENT_WRAPPER.match(value)
    if wrapped is not None:
        value = wrapped.group("inner")
    div = _XHTML_DIV.match(value)
    return (div.group("inner") if div is not None else value).strip()


def _author(item: Mapping[str, Any]) -> str:
    detail = _mapping(item.get("author_detail"))
    name = _string(detail.get("name")) or _string(item.get("author"))
    if not name:
        for author in _mappings(item.get("authors")):
            name = _string(author.get("name"))
            if name:
                break
    if "@" in name:
        for pattern in (_EMAIL_THEN_NAME, _NAME_THEN_EMAIL):
            match = pattern.match(name)
            if match is not None:
                name = match.group("name")
                break
    return plain_text(name)


def _date(item: Mapping[str, Any], field: str) -> datetime | None:
    # dict.get, not item.get: feedparser's dict answers "updated" with "published" when the
    # entry has no update time (with a DeprecationWarning); that mapping is not wanted here.
    parsed = dict.get(item, _PARSED[field]) if isinstance(item, dict) else None
    if parsed is not None:
        return from_struct_time(parsed)
    value = item.get(field)
    if isinstance(value, datetime):  # read already (the lxml reader)
        return value
    return parse_datetime(value) if value and isinstance(value, str) else None


def _image_url(item: Mapping[str, Any], base: str) -> str:
    if not any(item.get(key) for key in _IMAGE_KEYS) and not _has_enclosure_link(item):
        return ""
    for url in _image_candidates(item):
        image = absolute_url(url, base)
        if image:
            return image
    return ""


def _has_enclosure_link(item: Mapping[str, Any]) -> bool:
    links = item.get("links")
    if not links or not isinstance(links, list | tuple):
        return False
    return any(isinstance(link, dict) and link.get("rel") == "enclosure" for link in links)


def _image_candidates(item: Mapping[str, Any]) -> Iterable[object]:
    for media in _mappings(item.get("media_content")):
        if _is_image(media, medium=_string(media.get("medium"))):
            yield media.get("url")
    for thumbnail in _mappings(item.get("media_thumbnail")):
        yield thumbnail.get("url")
    for enclosure in _mappings(item.get("enclosures")):
        if _is_image(enclosure):
            yield enclosure.get("url") or enclosure.get("href")
    for link in _mappings(item.get("links")):
        if link.get("rel") == "enclosure" and _is_image(link):
            yield link.get("href")
    image = item.get("image")
    if isinstance(image, dict):
        yield image.get("href") or image.get("url")


def _is_image(node: Mapping[str, Any], medium: str = "") -> bool:
    if medium:
        return medium == "image"
    kind = _string(node.get("type")).lower()
    if kind:
        return kind.startswith("image/")
    url = _string(node.get("url")) or _string(node.get("href"))
    return url.lower().split("?", 1)[0].endswith(_IMAGE_SUFFIXES)


def _entry_language(item: Mapping[str, Any]) -> str:
    for field in ("title_detail", "summary_detail"):
        detail = item.get(field)
        if detail and isinstance(detail, dict):
            language = _string(detail.get("language"))
            if language:
                return language
    content = item.get("content")
    if not content or not isinstance(content, list | tuple):
        return ""
    for block in content:
        if isinstance(block, dict):
            language = _string(block.get("language"))
            if language:
                return language
    return ""


def _channel_language(text: str, kind: FeedKind) -> str:
    if not text or kind is FeedKind.ATOM:
        return ""
    first_item = text.find("<item")
    match = _CHANNEL_LANGUAGE.search(text, 0, first_item if first_item > 0 else 65536)
    return match.group(1) if match else ""


# Both libraries build their results from dict subclasses; checking for dict is much cheaper
# than checking for Mapping, and this runs a dozen times per entry.


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _mappings(value: object) -> Iterable[Mapping[str, Any]]:
    if isinstance(value, list | tuple):
        return [node for node in value if isinstance(node, dict)]
    return []


def _string(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""

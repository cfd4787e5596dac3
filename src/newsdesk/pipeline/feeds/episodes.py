"""Sound and video in feeds: enclosures, ``media:content``, JSON Feed attachments, and the
iTunes podcast fields the feed libraries leave out.

An item that carries an audio or video file is an *episode* (of a podcast, of a video channel).
This module finds its files and their details, from whichever library read the feed:

    media_enclosures(item, base) -> tuple[Enclosure, ...]     a library's item dict
    json_attachments(item, base) -> tuple[Enclosure, ...]     a JSON Feed item
    with_podcast_fields(feed, prepared) -> ParsedFeed         itunes:duration, image, summary
    parse_duration("1:02:03") -> 3723                         seconds, or None

Only ``audio/*`` and ``video/*`` files count (an image enclosure is a lead image, read by
:mod:`convert`); a file without a type gets one from its address's extension when that is
unambiguous, and is left out otherwise. Only http(s) addresses are kept, at most
``MAX_ENCLOSURES`` an item, each once.

fastfeedparser reads no iTunes element, and feedparser names them differently: so
:func:`with_podcast_fields` reads ``itunes:duration``, ``itunes:image`` and ``itunes:summary``
from the document itself (one lxml parse, only for a document with episodes that uses the
iTunes namespace), matching each item to its entry by the address of its first file. An
episode without an image of its own gets the show's ``itunes:image``; one without notes gets
its ``itunes:summary``; a file without a length in seconds gets the item's duration.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from lxml import etree

from newsdesk.types import Enclosure, FeedEntry, ParsedFeed

from .fields import absolute_url
from .safety import PreparedXML, safe_xml_parser

MAX_ENCLOSURES = 5
MEDIA_KINDS = ("audio/", "video/")
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# Types for addresses that name none; only extensions that mean one thing.
TYPES_BY_EXTENSION = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".oga": "audio/ogg",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".flac": "audio/flac",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".mov": "video/quicktime",
}
MAX_DURATION = 7 * 24 * 3600  # longer than any episode: a number past it is not a duration
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2})(?:[.,]\d+)?$")
_SECONDS = re.compile(r"^(\d{1,7})(?:[.,]\d+)?$")
_PARSERS = threading.local()


def parse_duration(value: object) -> int | None:
    """Seconds from "3723", "3723.5", "62:03" or "1:02:03"; None for anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = int(value)
    elif isinstance(value, str):
        text = value.strip()
        clock, plain = _CLOCK.match(text), _SECONDS.match(text)
        if clock is not None:
            hours, minutes, secs = (int(part or 0) for part in clock.groups())
            seconds = hours * 3600 + minutes * 60 + secs
        elif plain is not None:
            seconds = int(plain.group(1))
        else:
            return None
    else:
        return None
    return seconds if 0 < seconds <= MAX_DURATION else None


def media_type_of(declared: object, url: str, medium: object = "") -> str:
    """The audio or video type of a file, "" when it is neither (or cannot be told)."""
    kind = declared.split(";", 1)[0].strip().lower() if isinstance(declared, str) else ""
    if kind.startswith(MEDIA_KINDS):
        return kind
    if kind and kind not in ("application/octet-stream", "binary/octet-stream"):
        return ""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    dot = path.rfind(".")
    guessed = TYPES_BY_EXTENSION.get(path[dot:], "") if dot > path.rfind("/") else ""
    if guessed and medium in ("audio", "video") and not guessed.startswith(f"{medium}/"):
        return f"{medium}/{guessed.split('/', 1)[1]}"  # an .mp4 marked audio is audio/mp4
    return guessed


def media_enclosures(item: Mapping[str, Any], base: str) -> tuple[Enclosure, ...]:
    """The audio and video files of a feed library's item (fastfeedparser or feedparser)."""
    found: list[Enclosure] = []
    for node in _nodes(item.get("enclosures")):
        _add(found, node.get("url") or node.get("href"), node.get("type"), node, base)
    for link in _nodes(item.get("links")):
        if link.get("rel") == "enclosure":
            _add(found, link.get("href"), link.get("type"), link, base)
    for media in _nodes(item.get("media_content")):
        _add(found, media.get("url"), media.get("type"), media, base, media.get("medium"))
    duration = parse_duration(item.get("itunes_duration"))  # feedparser reads it
    if duration is not None:
        found = [e if e.duration else replace(e, duration=duration) for e in found]
    return tuple(found)


def json_attachments(item: Mapping[str, Any], base: str) -> tuple[Enclosure, ...]:
    """The audio and video attachments of a JSON Feed item."""
    found: list[Enclosure] = []
    attachments = item.get("attachments")
    for node in attachments if isinstance(attachments, list) else []:
        if isinstance(node, Mapping):
            sizes = {
                "length": node.get("size_in_bytes"),
                "duration": node.get("duration_in_seconds"),
            }
            _add(found, node.get("url"), node.get("mime_type"), sizes, base)
    return tuple(found)


def _add(
    found: list[Enclosure],
    href: object,
    declared: object,
    node: Mapping[str, Any],
    base: str,
    medium: object = "",
) -> None:
    url = absolute_url(href, base)
    if not url or len(found) >= MAX_ENCLOSURES or any(e.url == url for e in found):
        return
    kind = media_type_of(declared, url, medium)
    if not kind:
        return
    length = _count(node.get("length") or node.get("fileSize") or node.get("filesize"))
    found.append(Enclosure(url, kind[:100], length, parse_duration(node.get("duration"))))


def _count(value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**53:
        return value
    return None


def _nodes(value: object) -> Iterable[Mapping[str, Any]]:
    return [node for node in value if isinstance(node, dict)] if isinstance(value, list) else []


# The iTunes fields, read from the document.


def with_podcast_fields(feed: ParsedFeed, prepared: PreparedXML, base: str = "") -> ParsedFeed:
    """``feed`` with its episodes' iTunes duration, image and summary filled in (see above)."""
    if not any(entry.enclosures for entry in feed.entries) or ITUNES_NS not in prepared.text:
        return feed
    try:
        root = etree.fromstring(prepared.data, _parser())
    except etree.XMLSyntaxError:
        return feed
    if root is None:
        return feed
    show_image = _show_image(root, base)
    details = _item_details(root, base)
    entries = tuple(_filled(entry, details, show_image, base) for entry in feed.entries)
    return replace(feed, entries=entries)


def _filled(
    entry: FeedEntry, details: Mapping[str, dict[str, str]], show_image: str, base: str
) -> FeedEntry:
    if not entry.enclosures:
        return entry
    found = details.get(entry.enclosures[0].url, {})
    duration = parse_duration(found.get("duration"))
    enclosures = entry.enclosures
    if duration is not None:
        enclosures = tuple(e if e.duration else replace(e, duration=duration) for e in enclosures)
    notes = entry.summary or (found.get("summary", "") if not entry.content_html else "")
    image = entry.image_url or absolute_url(found.get("image"), base) or show_image
    return replace(entry, enclosures=enclosures, summary=notes, image_url=image)


def _item_details(root: etree._Element, base: str) -> dict[str, dict[str, str]]:
    """For each item or entry, by the address of its first file: its iTunes fields."""
    details: dict[str, dict[str, str]] = {}
    for item in root.iter("{*}item", "{*}entry"):
        key, fields = "", {}
        for child in item:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "enclosure" and not key:
                key = (child.get("url") or "").strip()
            elif name == "link" and child.get("rel") == "enclosure" and not key:
                key = (child.get("href") or "").strip()
            elif etree.QName(child).namespace == ITUNES_NS and name in ("duration", "summary"):
                fields[name] = (child.text or "").strip()
            elif etree.QName(child).namespace == ITUNES_NS and name == "image":
                fields["image"] = (child.get("href") or "").strip()
        if key:
            details.setdefault(absolute_url(key, base) or key, fields)
    return details


def _show_image(root: etree._Element, base: str) -> str:
    channel = next(root.iter("{*}channel"), root)
    for child in channel:
        if isinstance(child.tag, str) and child.tag == f"{{{ITUNES_NS}}}image":
            return absolute_url(child.get("href"), base)
    return ""


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = safe_xml_parser(recover=True)
    return parser

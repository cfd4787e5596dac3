"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org), read with the standard json module.

Every field is type-checked: a JSON document can put a list where a string belongs, and such a
field is ignored rather than trusted. A document that is not JSON, or JSON but not a feed (no
``version`` naming jsonfeed.org and no ``items`` list), raises :class:`FeedParseError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from newsdesk.errors import FeedParseError
from newsdesk.types import FeedEntry, FeedKind, ParsedFeed

from .dates import parse_datetime
from .encoding import decode_document
from .episodes import json_attachments
from .fields import absolute_url, plain_text, text_to_html
from .sniff import JSON_FEED_VERSION

PARSER_NAME = "jsonfeed"


def parse_json_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse a JSON Feed document; relative URLs resolve against ``url``."""
    document = _load(content, content_type)
    base = absolute_url(url) or absolute_url(document.get("feed_url"))
    feed_language = _string(document, "language")
    feed_author = _author(document)
    items = document.get("items")
    entries = tuple(
        entry
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, Mapping)
        and (entry := _entry(item, base, feed_language, feed_author)) is not None
    )
    return ParsedFeed(
        kind=FeedKind.JSON,
        title=plain_text(_string(document, "title")),
        home_url=absolute_url(document.get("home_page_url"), base),
        description=_string(document, "description"),
        language=feed_language,
        entries=entries,
        parser=PARSER_NAME,
    )


def _load(content: bytes, content_type: str) -> dict[str, Any]:
    text, _ = decode_document(content, content_type)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise FeedParseError(f"not a feed: invalid JSON ({e})") from e
    if not isinstance(document, dict):
        raise FeedParseError("not a feed: JSON document is not an object")
    version = document.get("version")
    is_feed = isinstance(version, str) and JSON_FEED_VERSION in version
    if not is_feed and not isinstance(document.get("items"), list):
        raise FeedParseError("not a feed: JSON without a JSON Feed version or items")
    return document


def _entry(
    item: Mapping[str, Any], base: str, feed_language: str, feed_author: str
) -> FeedEntry | None:
    guid = _identifier(item.get("id"))
    url = absolute_url(item.get("url"), base) or absolute_url(item.get("external_url"), base)
    enclosures = json_attachments(item, base)
    url = url or absolute_url(guid) or (enclosures[0].url if enclosures else "")
    title = plain_text(_string(item, "title"))
    summary = _string(item, "summary")
    content_html = _string(item, "content_html") or text_to_html(_string(item, "content_text"))
    if not (url or guid or title or summary or content_html):
        return None
    return FeedEntry(
        url=url,
        guid=guid,
        title=title,
        summary=summary,
        content_html=content_html,
        author=_author(item) or feed_author,
        published=parse_datetime(_string(item, "date_published")),
        updated=parse_datetime(_string(item, "date_modified")),
        image_url=absolute_url(item.get("image"), base)
        or absolute_url(item.get("banner_image"), base),
        language=_string(item, "language") or feed_language,
        enclosures=enclosures,
    )


def _author(node: Mapping[str, Any]) -> str:
    """The first author's name: ``authors`` (1.1) first, then ``author`` (1.0)."""
    authors = node.get("authors")
    candidates = list(authors) if isinstance(authors, list) else []
    candidates.append(node.get("author"))
    for author in candidates:
        if isinstance(author, Mapping):
            name = plain_text(_string(author, "name"))
            if name:
                return name
    return ""


def _identifier(value: object) -> str:
    # Version 1.0 feeds often give numbers; the id is a string from 1.1 on.
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float | str):
        return str(value).strip()
    return ""


def _string(node: Mapping[str, Any], key: str) -> str:
    value = node.get(key)
    return value.strip() if isinstance(value, str) else ""

"""The Atom form of the Google Reader streams: ``/reader/atom/<stream>`` (``/reader/atom/`` is
the reading list), which older apps read instead of ``stream/contents`` (newsboat's FeedHQ and
Old Reader modes among them).

The same stream, filters and pages as the JSON (``n``, ``c``, ``xt``, ``it``, ``ot``, ``nt``,
``r``), written as Google Reader wrote it: each entry's ``<id>`` is the long item id (its
``gr:original-id`` the article's address), its states and labels are ``<category>`` elements of
the scheme ``http://www.google.com/reader/`` whose ``label`` is the last part ("read",
"starred", "fresh" for an unread item, a label's name), ``<source gr:stream-id>`` names its
subscription, and the next page is announced by ``<gr:continuation>``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

from newsdesk.api.protocols.greader import (
    LABEL_PREFIX,
    MAX_ITEMS,
    READ,
    READING_LIST,
    STARRED,
    count_of,
    feed_url,
    items_of,
    normal_stream,
    page,
    protocol_view,
    selected,
)
from newsdesk.desk.readers import subscriptions

ATOM = "http://www.w3.org/2005/Atom"
GR = "http://www.google.com/schemas/reader/atom/"
SCHEME = "http://www.google.com/reader/"
TAG = "tag:google.com,2005:reader/"
FRESH = "user/-/state/com.google/fresh"
# Characters XML 1.0 cannot carry, even escaped (feeds bring them in titles now and then).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_STATE_TITLES = {READING_LIST: "Reading list", STARRED: "Starred items", READ: "Read items"}


@protocol_view()
def atom_stream(
    request: HttpRequest, user: User, params: QueryDict, stream_id: str = ""
) -> HttpResponse:
    stream = normal_stream(stream_id or params.get("s", "")) or READING_LIST
    rows, continuation = page(selected(user, params, stream), count_of(params, MAX_ITEMS), user)
    root = _feed(user, stream, request.build_absolute_uri())
    if continuation:
        _text(root, "gr:continuation", continuation)
    for item in items_of(request, user, rows):
        _entry(root, item)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="utf-8")
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


def _feed(user: User, stream: str, self_url: str) -> Element:
    root = Element("feed", {"xmlns": ATOM, "xmlns:gr": GR, "gr:dir": "ltr"})
    _text(root, "generator", "newsdesk")
    _text(root, "id", f"{TAG}{stream}")
    title, html_url = _described(user, stream)
    _text(root, "title", title)
    _text(_sub(root, "author"), "name", user.get_username())
    _text(root, "updated", _iso(timezone.now()))
    _sub(root, "link", rel="self", href=self_url)
    if html_url:
        _sub(root, "link", rel="alternate", href=html_url, type="text/html")
    return root


def _described(user: User, stream: str) -> tuple[str, str]:
    """A stream's title and site: the reader's subscription, a label's name, a state's name."""
    if stream.startswith("feed/"):
        sub = subscriptions.subscription_of(user, feed_url(stream))
        return (sub.title, sub.html_url) if sub else (feed_url(stream), "")
    if stream.startswith(LABEL_PREFIX):
        return stream.removeprefix(LABEL_PREFIX), ""
    return _STATE_TITLES.get(stream, stream.rsplit("/", 1)[-1]), ""


def _entry(root: Element, item: dict[str, Any]) -> None:
    entry = _sub(root, "entry", **{"gr:crawl-timestamp-msec": item["crawlTimeMsec"]})
    link = item["alternate"][0]["href"]
    _text(entry, "id", item["id"], **{"gr:original-id": link})
    categories = item["categories"]
    if READ not in categories:
        categories = [*categories, FRESH]
    for term in categories:
        _sub(entry, "category", term=term, scheme=SCHEME, label=_label(term))
    _text(entry, "title", item["title"], type="text")
    _text(entry, "published", _iso(_from_unix(item["published"])))
    _text(entry, "updated", _iso(_from_unix(item["updated"])))
    _sub(entry, "link", rel="alternate", href=link, type="text/html")
    for enclosure in item.get("enclosure", ()):  # an episode's files, as Atom links them
        _sub(entry, "link", rel="enclosure", **enclosure)
    if item["summary"]["content"]:
        _text(entry, "content", item["summary"]["content"], type="html")
    author = _sub(entry, "author")
    _text(author, "name", item["author"] or "(author unknown)")
    if not item["author"]:
        author.set("gr:unknown-author", "true")
    origin = item["origin"]
    source = _sub(entry, "source", **{"gr:stream-id": origin["streamId"]})
    _text(source, "id", f"{TAG}{origin['streamId']}")
    _text(source, "title", origin["title"], type="text")
    if origin["htmlUrl"]:
        _sub(source, "link", rel="alternate", href=origin["htmlUrl"], type="text/html")


def _label(term: str) -> str:
    if term.startswith(LABEL_PREFIX):
        return term.removeprefix(LABEL_PREFIX)
    return term.rsplit("/", 1)[-1]


def _sub(parent: Element, tag: str, **attributes: str) -> Element:
    return SubElement(parent, tag, {key: _xml(value) for key, value in attributes.items()})


def _text(parent: Element, tag: str, text: str, **attributes: str) -> Element:
    element = _sub(parent, tag, **attributes)
    element.text = _xml(text)
    return element


def _xml(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _from_unix(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

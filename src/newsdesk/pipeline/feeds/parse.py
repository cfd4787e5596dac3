"""parse_feed: bytes of any feed format in, a ParsedFeed or a FeedParseError out.

Route by what the body looks like: JSON Feed and sitemaps have their own small readers; RSS,
Atom and RDF go to one reader chosen before parsing (:mod:`route`): lxml for the feed-level
fields of an itemless document (:mod:`channel`) and for a small or well-formed document with
items (:mod:`items`), fastfeedparser for a large one (fast, with the strict date reader of
:mod:`fastdates`), feedparser (thorough, 10 to 100 times slower) for what fastfeedparser is
known to refuse or lose. A document lxml finds not well-formed goes on to the libraries, and
feedparser also gets the rare document with items from which fastfeedparser read nothing.
Every reader only ever gets bytes from :func:`safety.prepare_xml`: UTF-8, no DTD; never a URL
or a path, so none fetches nor opens anything (feedparser reads a ``bytes`` argument as a file
name: it gets a BytesIO).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

import fastfeedparser
import feedparser

from newsdesk.errors import FeedParseError
from newsdesk.types import FeedKind, ParsedFeed

from . import fastdates
from .channel import parse_channel
from .convert import parsed_feed
from .episodes import with_podcast_fields
from .fields import absolute_url
from .items import ITEMS_PARSER, read_items
from .jsonfeed import parse_json_feed
from .route import (
    BASE_POLICY,
    CHANNEL,
    DEFAULT_POLICY,
    FASTFEEDPARSER,
    FEEDPARSER,
    FEEDPARSER_ONLY,
    ITEMS,
    FallbackPolicy,
    choose_library,
    choose_reader,
    root_xml_base,
)
from .safety import PreparedXML, prepare_xml, unwrap_body
from .sitemap import parse_sitemap
from .sniff import FEED_ROOTS, DocumentKind, kind_of_root, sniff_document

__all__ = [
    "BASE_POLICY",
    "DEFAULT_POLICY",
    "FEEDPARSER_ONLY",
    "FallbackPolicy",
    "ParseOutcome",
    "parse_feed",
    "parse_subscribed_feed",
    "parse_with_details",
]

FALLBACK_MAX_BYTES = 2 * 1024 * 1024
"""Larger documents are not handed to feedparser: its loose parser takes seconds per megabyte
of hostile markup (4 s for 1 MB of nested tags). fastfeedparser's result is kept instead, or
the document is refused when fastfeedparser could not read it at all."""
STRICT_FAST_DATES = fastdates.INSTALLED
_MESSAGE_CHARS = 200
_MARKUP_HEAD = 1024
# A page, told from its first kilobyte: the sniff answers it without decoding the whole page.
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_KINDS = {"feed": FeedKind.ATOM, "rdf": FeedKind.RDF}


@dataclass(frozen=True)
class ParseOutcome:
    """A parse with its provenance: the raw dict of the library whose result ``feed`` is (None
    for JSON Feed and sitemaps), and why feedparser was tried ("" when it was not)."""

    feed: ParsedFeed
    raw: Mapping[str, Any] | None = None
    fallback_reason: str = ""


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x or a sitemap. Raises FeedParseError."""
    return parse_with_details(content, url, content_type).feed


def parse_with_details(
    content: bytes, url: str, content_type: str = "", policy: FallbackPolicy = DEFAULT_POLICY
) -> ParseOutcome:
    """:func:`parse_feed`, also returning the library's own result and why it fell back."""
    try:
        return _parse(content, url, content_type, policy)
    except FeedParseError:
        raise
    except Exception as e:  # the boundary: whatever a library or odd input raised
        raise FeedParseError(f"feed could not be parsed: {_describe(e)}") from e


def _parse(content: bytes, url: str, content_type: str, policy: FallbackPolicy) -> ParseOutcome:
    body = unwrap_body(content)
    prepared: PreparedXML | None = None
    head = body[:_MARKUP_HEAD]
    if head.lstrip()[:1] == b"<" and _HTML_START.search(head) is None:  # decode once, no sniff
        prepared = prepare_xml(body, content_type)
        kind = kind_of_root(prepared.root_local_name, prepared.text)
    else:
        kind = sniff_document(body, content_type)
    if kind is DocumentKind.EMPTY:
        raise FeedParseError("not a feed: empty document")
    if kind is DocumentKind.HTML:
        raise FeedParseError("not a feed: looks like an HTML page")
    if kind is DocumentKind.OPML:
        raise FeedParseError("not a feed: an OPML subscription list (import it as OPML)")
    if kind is DocumentKind.JSON:
        return ParseOutcome(parse_json_feed(body, url, content_type))
    prepared = prepared or prepare_xml(body, content_type)
    base = absolute_url(url)
    if kind is DocumentKind.SITEMAP:
        return ParseOutcome(parse_sitemap(prepared, base))
    return _parse_with_libraries(prepared, base, policy)


def parse_subscribed_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """:func:`parse_feed` for a feed newsdesk subscribes to: a document that gives no items and
    is not well-formed XML is a broken feed, not an empty one, and is refused with where it
    breaks. (Items recovered from a broken document are kept; the check runs only when there
    are none, so a working feed never pays for it. :func:`parse_feed` itself stays as lenient
    as the libraries, which read what they can of a feed-level-only document.)"""
    parsed = parse_feed(content, url, content_type)
    if parsed.entries or parsed.kind in (FeedKind.JSON, FeedKind.SITEMAP):
        return parsed
    parser = expat.ParserCreate()
    try:
        parser.Parse(prepare_xml(unwrap_body(content), content_type).data, True)
    except expat.ExpatError as e:
        message = expat.errors.messages.get(e.code, str(e)) if e.code else str(e)
        raise FeedParseError(
            f"malformed feed: {message} at line {e.lineno}, column {e.offset + 1}; no items "
            "could be read"
        ) from e
    return parsed


def _parse_with_libraries(prepared: PreparedXML, base: str, policy: FallbackPolicy) -> ParseOutcome:
    if not prepared.root:
        raise FeedParseError("not a feed: no XML element found")
    route = choose_reader(prepared, policy)
    if route.reader == CHANNEL:
        kind = _KINDS.get(prepared.root_local_name, FeedKind.RSS)
        channel = parse_channel(prepared, base, kind)
        if channel is not None:
            return ParseOutcome(channel, None, route.reason)
    if route.reader == ITEMS:
        read = read_items(prepared, base, _KINDS.get(prepared.root_local_name, FeedKind.RSS))
        if read is not None and (read["entries"] or read["feed"].get("title")):
            return _outcome(read, ITEMS_PARSER, read["base"], prepared, read_language=True)
        route = choose_library(prepared, policy)
    if route.reader != FEEDPARSER:
        fast, reason = _try_fastfeedparser(prepared)
        if fast is not None and not reason:
            return _outcome(fast, FASTFEEDPARSER, _fast_base(prepared, base), prepared)
        thorough, problem = _try_feedparser(prepared, base)
        if thorough is not None:
            return _outcome(thorough, FEEDPARSER, base, prepared, reason)
    else:
        thorough, problem = _try_feedparser(prepared, base)
        if thorough is not None:
            return _outcome(thorough, FEEDPARSER, base, prepared, route.reason)
        fast, reason = _try_fastfeedparser(prepared)
        reason = f"{route.reason}; {reason}" if reason else route.reason
    if fast is not None:  # feedparser did no better: keep what the fast parser found
        fast_base = _fast_base(prepared, base)
        return _outcome(fast, FASTFEEDPARSER, fast_base, prepared, f"{reason}; {problem}")
    raise FeedParseError(f"not a parseable feed ({reason}; {problem})"[:400])


def _try_fastfeedparser(prepared: PreparedXML) -> tuple[Mapping[str, Any] | None, str]:
    """fastfeedparser's result (None if it raised) and why not to use it ("" to use it)."""
    try:
        result: Mapping[str, Any] = fastfeedparser.parse(prepared.data, include_tags=False)
    except Exception as e:
        return None, f"fastfeedparser raised {_describe(e)}"
    if not result.get("entries") and not _feed_title(result):
        return result, "fastfeedparser found no entries and no title"
    return result, ""


def _feed_title(result: Mapping[str, Any]) -> bool:
    feed = result.get("feed")
    return isinstance(feed, Mapping) and bool(feed.get("title"))


def _try_feedparser(prepared: PreparedXML, base: str) -> tuple[Mapping[str, Any] | None, str]:
    """feedparser's result when it found a feed; otherwise None and what went wrong."""
    if len(prepared.data) > FALLBACK_MAX_BYTES:
        return None, f"over the {FALLBACK_MAX_BYTES} bytes feedparser is given"
    try:
        result = _feedparser(prepared.data, base)
    except Exception as e:  # its loose parser crashes on some broken documents
        return None, f"feedparser raised {_describe(e)}"
    if not _has_feed(result):
        return None, f"feedparser: {result.get('bozo_exception') or 'nothing recognisable'}"
    return result, ""


def _fast_base(prepared: PreparedXML, base: str) -> str:
    """The base for fastfeedparser's relative links: the root's xml:base, if any, over ``base``."""
    root_base = root_xml_base(prepared) if prepared.has_xml_base else ""
    return absolute_url(root_base or "", base) or base


def _feedparser(data: bytes, base: str) -> Mapping[str, Any]:
    headers = {"content-type": "application/xml; charset=utf-8"}
    if base:
        headers["content-location"] = base
    result: Mapping[str, Any] = feedparser.parse(
        io.BytesIO(data),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    return result


def _has_feed(result: Mapping[str, Any]) -> bool:
    return bool(result.get("entries") or result.get("feed") or result.get("version"))


def _outcome(
    data: Mapping[str, Any],
    parser: str,
    base: str,
    prepared: PreparedXML,
    reason: str = "",
    *,
    read_language: bool = False,
) -> ParseOutcome:
    """``read_language``: the reader read the channel's language itself (no text scan for it)."""
    root = prepared.root_local_name
    kind = _KINDS.get(root, FeedKind.RSS)
    text = "" if read_language else prepared.text
    parsed = parsed_feed(data, parser=parser, kind=kind, base=base, text=text)
    if not parsed.entries and root not in FEED_ROOTS:
        raise FeedParseError(f"not a feed: root element <{prepared.root}> and no entries")
    return ParseOutcome(with_podcast_fields(parsed, prepared, base), data, reason)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:_MESSAGE_CHARS]

"""Page metadata: headline, byline, publication time, canonical address, lead image, site name.

The field extractors are trafilatura's (meta tags, OpenGraph, JSON-LD, then markup heuristics;
the byline from markup as ``author.page_author`` finds it, the same answer at a third of the
cost) and htmldate's, composed here the way ``trafilatura.metadata.extract_metadata`` composes
them (trafilatura 2.3.1, pinned), minus categories, tags and licence, which cost about a third
of the metadata time and which newsdesk does not use. Dates come from htmldate's fast search (meta
tags, JSON-LD, time elements, URL): its extensive text search finds four more correct dates in a
hundred on the wcxb-dev set but costs three to five times as much, and a feed entry usually
carries the date anyway.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    Document,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
)

from newsdesk.pipeline.extract.author import page_author

_ISO_WITH_ZONE = "%Y-%m-%dT%H:%M:%S%z"
_CANONICAL_SELECTORS = (
    './/head/link[@rel="canonical"]',
    './/link[@rel="canonical"]',
    './/head/meta[@property="og:url"]',
)
_LEAD_IMAGE_SCOPES = (".//article//img", ".//main//img")


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself, outside the article body."""

    title: str = ""
    byline: str = ""
    published: datetime | None = None
    canonical_url: str = ""
    image_url: str = ""
    description: str = ""
    site_name: str = ""


def read_metadata(tree: HtmlElement, url: str) -> PageMetadata:
    """Read the metadata of a parsed page; never raises on odd markup (fields stay empty)."""
    meta = _trafilatura_metadata(tree)
    return PageMetadata(
        title=meta.title or "",
        byline=(meta.author or "").replace("; ", ", "),
        published=publication_time(tree, url),
        canonical_url=canonical_url(tree, url),
        image_url=absolute_http_url(meta.image or "", url) or lead_image(tree, url),
        description=meta.description or "",
        site_name=(meta.sitename or "").lstrip("@"),
    )


def _trafilatura_metadata(tree: HtmlElement) -> Document:
    try:
        return _composed_metadata(tree)
    except Exception:  # odd markup costs the metadata, not the article
        return Document()


def _composed_metadata(tree: HtmlElement) -> Document:
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a bare handle or a site name, not a person's name
    with suppress(Exception):  # malformed JSON-LD only loses the fields it would have given
        meta = extract_meta_json(tree, meta)
    # The visible headline (a single <h1>, title markup) before meta tags, whose og:title is
    # often a variant written for social media: title accuracy on wcxb-dev 0.83 against 0.55.
    meta.title = extract_title(tree) or meta.title
    meta.author = meta.author or page_author(tree)
    meta.sitename = meta.sitename or extract_sitename(tree)
    meta.clean_and_trim()
    return meta


def publication_time(tree: HtmlElement, url: str) -> datetime | None:
    """The original publication time, aware and in UTC (midnight UTC when only a date is known)."""
    try:
        found = find_date(
            tree,
            extensive_search=False,
            original_date=True,
            outputformat=_ISO_WITH_ZONE,
            url=url or None,
        )
    except Exception:  # htmldate on odd markup: no date rather than no article
        return None
    if not found:
        return None
    try:
        moment = datetime.strptime(found, _ISO_WITH_ZONE)
    except ValueError:
        try:
            moment = datetime.strptime(found[:19], "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def canonical_url(tree: HtmlElement, url: str) -> str:
    """``<link rel=canonical>`` or ``og:url``, made absolute; "" when absent or not http(s)."""
    for selector in _CANONICAL_SELECTORS:
        element = tree.find(selector)
        if element is None:
            continue
        value = element.get("href") or element.get("content") or ""
        absolute = absolute_http_url(value, url)
        if absolute:
            return absolute
    return ""


def lead_image(tree: HtmlElement, url: str) -> str:
    """The first image inside the page's ``<article>`` (or ``<main>``), as an absolute URL."""
    for scope in _LEAD_IMAGE_SCOPES:
        for image in tree.iterfind(scope):
            source = image.get("src") or image.get("data-src") or ""
            absolute = absolute_http_url(source, url)
            if absolute:
                return absolute
    return ""


def absolute_http_url(value: str, base: str) -> str:
    """``value`` resolved against ``base`` if the result is an http(s) URL with a host, else ""."""
    value = value.strip()
    if not value or value.startswith("data:"):
        return ""
    try:
        resolved = urljoin(base, value) if base else value
        parts = urlsplit(resolved)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return resolved

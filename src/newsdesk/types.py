"""Records passed between the pipeline stages and the service layer.

Frozen dataclasses with plain values only (str, int, aware UTC datetimes, tuples), so every stage
can be tested and benchmarked on plain data. Stages return these; ``desk`` stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class FeedKind(StrEnum):
    RSS = "rss"
    ATOM = "atom"
    RDF = "rdf"
    JSON = "json"
    SITEMAP = "sitemap"
    PAGE = "page"  # a list page read with the operator's selectors (a web feed)


@dataclass(frozen=True)
class Validators:
    """Conditional-GET state kept per feed: sent back as If-None-Match / If-Modified-Since."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class FetchResult:
    """What one HTTP fetch produced, after redirects.

    ``status`` is the final status (200, 304, 404...); error statuses are returned, not raised,
    so the caller decides (a feed backs off, an article falls back to the feed's content).
    ``permanent_url`` is set when every redirect on the way was permanent (301/308): the new
    address to store. ``content`` is the decompressed body, within the policy's caps.
    """

    url: str
    final_url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    validators: Validators = field(default_factory=Validators)
    permanent_url: str = ""
    retry_after: float | None = None
    elapsed: float = 0.0
    redirects: int = 0
    links: str = ""  # the final answer's HTTP Link header, as sent (WebSub hub discovery)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Enclosure:
    """A sound or video file an item carries (an RSS ``<enclosure>``, an Atom enclosure link,
    ``<media:content>``, a JSON Feed attachment): the publisher's address, its media type, and
    its size in bytes and length in seconds when the feed says."""

    url: str
    media_type: str
    length: int | None = None
    duration: int | None = None

    @property
    def medium(self) -> str:
        """ "audio" or "video", from the media type."""
        return self.media_type.split("/", 1)[0]


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed (RSS item, Atom entry, JSON Feed item, sitemap URL). An item with
    ``enclosures`` (audio or video only) is an episode: its feed's notes are its body."""

    url: str
    guid: str = ""
    title: str = ""
    summary: str = ""
    content_html: str = ""
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    image_url: str = ""
    language: str = ""
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed document. ``parser`` names the library that produced it."""

    kind: FeedKind
    title: str = ""
    home_url: str = ""
    description: str = ""
    language: str = ""
    entries: tuple[FeedEntry, ...] = ()
    parser: str = ""
    sub_sitemaps: tuple[str, ...] = ()


class IconKind(StrEnum):
    """Where a candidate for a publisher's icon was named, in the order it is usually best."""

    OPERATOR = "operator"  # the operator's choice (Source.logo_url)
    TOUCH = "touch"  # <link rel="apple-touch-icon">: square, 120-180 px
    ICON = "icon"  # <link rel="icon">, with or without sizes
    LOGO = "logo"  # og:logo or JSON-LD publisher.logo: often a wide wordmark
    FAVICON = "favicon"  # /favicon.ico of the site, named nowhere


@dataclass(frozen=True)
class IconLink:
    """A page's pointer to an image of its publisher, with the dimensions it declares
    (``sizes="180x180"``, a JSON-LD logo's width and height; 0 when unknown) and its type."""

    url: str
    kind: IconKind
    width: int = 0
    height: int = 0
    media_type: str = ""


@dataclass(frozen=True)
class ExtractedArticle:
    """An article as extracted from its page (or from feed content when the page failed).

    ``html`` is sanitized (nh3 allow-list); ``text`` is the plain body, paragraphs separated by
    blank lines. ``published`` is aware UTC or None.
    """

    url: str
    canonical_url: str = ""
    title: str = ""
    byline: str = ""
    published: datetime | None = None
    language: str = ""
    text: str = ""
    html: str = ""
    image_url: str = ""
    description: str = ""
    site_name: str = ""
    # The publisher as the page names it (og:site_name, JSON-LD publisher, application-name),
    # "" when it names none worth believing; and the images it offers as the publisher's icon.
    publisher: str = ""
    icons: tuple[IconLink, ...] = ()

"""Adding sources and feeds: by URL (a feed, or a site whose feeds are discovered), from OPML,
or from the built-in list of public news feeds; and exporting them as OPML.

Adding is idempotent: a feed URL already known returns the existing Feed. A feed keeps its own
site address (``Feed.html_url``: the feed's home link, or an OPML file's ``htmlUrl``) and the
operator's folders of it (``Feed.categories``, OPML categories, named as a reader's folders
are: see ``desk.readers.folders``). Importing a file again adds the categories it lists to
those a feed has; exporting writes each feed under each of its categories with its own site
address, so a file exported after an import has the same folders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from newsdesk.desk.source_facts import with_shipped_facts
from newsdesk.errors import FeedParseError, FetchError, NewsdeskError, NoFeedFoundError
from newsdesk.pipeline import feeds as feed_stage  # its parsers and OPML reader load on first use
from newsdesk.pipeline.feeds import COMMON_FEED_PATHS, discover_feed_urls, looks_like_feed
from newsdesk.pipeline.fetch import check_url
from newsdesk.sources.models import Feed, Source
from newsdesk.types import ParsedFeed

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch import Fetcher

URL_MAX = 2000  # Feed.url and Feed.html_url
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# A web feed's list page is a page.
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class AddedFeed:
    feed: Feed
    created: bool


@dataclass
class OPMLImport:
    added: list[Feed] = field(default_factory=list)
    existing: list[Feed] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, error)


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def source_for_url(url: str, name: str = "", home_url: str = "") -> Source:
    """The Source of a URL's domain, created on first sight."""
    domain = domain_of(home_url or url)
    source = Source.objects.filter(domain=domain).order_by("id").first()
    if source is not None:
        return source
    home = home_url or (urljoin(url, "/") if url.startswith("http") else "")
    return _create_source(name.strip()[:200] or domain or "Unknown source", domain, home)


def _create_source(name: str, domain: str, home_url: str) -> Source:
    base = slugify(domain or name)[:100] or "source"
    for attempt in range(50):
        slug = base if attempt == 0 else f"{base}-{attempt}"
        try:
            source = Source(name=name, slug=slug, domain=domain, home_url=home_url)
            with_shipped_facts(source)
            with transaction.atomic():
                source.save(force_insert=True)
                return source
        except IntegrityError:
            existing = Source.objects.filter(domain=domain).order_by("id").first()
            if existing is not None and domain:
                return existing
    raise NewsdeskError(f"could not find a free slug for source {name!r}")


def register_feed(
    url: str,
    parsed: ParsedFeed | None = None,
    *,
    title: str = "",
    home_url: str = "",
    html_url: str = "",
    recipe: dict[str, str] | None = None,
) -> AddedFeed:
    """Store a feed (and its source) known to exist; idempotent on the feed URL.

    The feed's own site address is the parsed feed's home link, else ``html_url``; the source's
    home page (for a new source) the parsed feed's home link, else ``home_url``. A web feed
    comes with its ``recipe`` (the selectors that read its page).
    """
    existing = Feed.objects.filter(url=url).first()
    if existing is not None:
        return AddedFeed(existing, created=False)
    feed_title = (parsed.title if parsed else "") or title
    home = (parsed.home_url if parsed else "") or home_url
    source = source_for_url(url, name=feed_title, home_url=home)
    try:
        with transaction.atomic():
            feed = Feed.objects.create(
                source=source,
                url=url,
                title=feed_title[:500],
                html_url=_fitting((parsed.home_url if parsed else "") or html_url),
                kind=str(parsed.kind) if parsed else ("page" if recipe else ""),
                recipe=recipe or {},
                next_check_at=timezone.now(),
            )
    except IntegrityError:
        return AddedFeed(Feed.objects.get(url=url), created=False)
    return AddedFeed(feed, created=True)


def add_source(url: str, fetcher: Fetcher) -> list[AddedFeed]:
    """Add a feed URL, or a site URL whose feeds are discovered (links, then common paths)."""
    url = check_url(url)
    known = Feed.objects.filter(url=url).first()
    if known is not None:
        return [AddedFeed(known, created=False)]
    result = fetcher.fetch(url, accept=FEED_ACCEPT)
    if not result.ok:
        raise FetchError(f"{url} answered HTTP {result.status}")
    if looks_like_feed(result.content, result.content_type):
        parsed = feed_stage.parse_subscribed_feed(
            result.content, result.final_url, result.content_type
        )
        return [register_feed(result.permanent_url or url, parsed)]
    candidates = discover_feed_urls(result.content, result.final_url)
    found = _first_working_feeds(candidates, fetcher) or _probe_common_paths(
        result.final_url, fetcher
    )
    if not found:
        raise NoFeedFoundError(f"no feed found at {url} (no feed links, no feed at common paths)")
    return [register_feed(feed_url, parsed) for feed_url, parsed in found]


def _first_working_feeds(candidates: list[str], fetcher: Fetcher) -> list[tuple[str, ParsedFeed]]:
    """The first candidate that fetches and parses as a feed (a site's main feed comes first)."""
    for candidate in candidates[:10]:
        parsed = _try_feed(candidate, fetcher)
        if parsed is not None:
            return [(candidate, parsed)]
    return []


def _probe_common_paths(site_url: str, fetcher: Fetcher) -> list[tuple[str, ParsedFeed]]:
    return _first_working_feeds([urljoin(site_url, path) for path in COMMON_FEED_PATHS], fetcher)


def _try_feed(url: str, fetcher: Fetcher) -> ParsedFeed | None:
    try:
        result = fetcher.fetch(url, accept=FEED_ACCEPT)
        if not result.ok or not looks_like_feed(result.content, result.content_type):
            return None
        return feed_stage.parse_subscribed_feed(
            result.content, result.final_url, result.content_type
        )
    except (FetchError, FeedParseError):
        return None


def checked_recipe(recipe: dict[str, str]) -> dict[str, str]:
    """A web feed's recipe as stored, once its selectors compile; raises FeedParseError."""
    from newsdesk.pipeline.feeds.webpage import PageRecipe  # lxml and its CSS selectors

    return PageRecipe.from_dict(recipe).checked().as_dict()


def _fitting(url: str) -> str:
    """A site address as a feed keeps it: "" when too long for the column."""
    return url if len(url) <= URL_MAX else ""


def import_opml(content: bytes) -> OPMLImport:
    """Add every feed of an OPML file without fetching (they are checked on schedule), with its
    categories and site address; outlines that are not feeds are reported as failures."""
    document = feed_stage.read_opml(content)
    report = OPMLImport()
    for outline in document.feeds:
        try:
            url = check_url(outline.xml_url)
            added = register_feed(
                url,
                title=outline.title,
                home_url=outline.html_url,
                html_url=outline.html_url,
                recipe=checked_recipe(outline.recipe) if outline.recipe else None,
            )
        except NewsdeskError as e:
            report.failures.append((outline.xml_url, str(e)))
            continue
        for refused in file_feed(added.feed, outline.categories, outline.html_url):
            report.failures.append((outline.xml_url, refused))
        (report.added if added.created else report.existing).append(added.feed)
    report.failures += [(entry.url or entry.title, entry.reason) for entry in document.skipped]
    return report


def clean_categories(names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Category names in their stored form (as folder names), each once regardless of case;
    and what is wrong with those that cannot be kept."""
    # Here, not at the top: the folders' module loads the follows and, through them, the story
    # placer (numpy and more), which the quick commands that add feeds need not load.
    from newsdesk.desk.readers.folders import FolderError, clean_name

    kept: dict[str, str] = {}
    refused: list[str] = []
    for name in names:
        try:
            cleaned = clean_name(name)
        except FolderError as e:
            refused.append(f"category {str(name)[:60]!r} left out: {e}")
            continue
        kept.setdefault(cleaned.lower(), cleaned)
    return list(kept.values()), refused


@transaction.atomic
def file_feed(feed: Feed, categories: Iterable[str], html_url: str = "") -> list[str]:
    """Add categories to a feed's (the spelling it has wins) and give it a site address when it
    has none. Returns what could not be kept."""
    wanted, refused = clean_categories(categories)
    current = Feed.objects.select_for_update().get(pk=feed.pk)
    had = current.categories if isinstance(current.categories, list) else []
    merged, _ = clean_categories([*had, *wanted])
    changed = []
    if merged != current.categories:
        current.categories = merged
        changed.append("categories")
    if html_url and not current.html_url and _fitting(html_url):
        current.html_url = html_url
        changed.append("html_url")
    if changed:
        current.save(update_fields=changed)
        for name in changed:
            setattr(feed, name, getattr(current, name))
    return refused


def outline_of(feed: Feed, categories: Iterable[str]) -> feed_stage.OutlineFeed:
    """A feed as an OPML outline: its own site address (its source's home page when it has
    none), under these categories."""
    return feed_stage.OutlineFeed(
        xml_url=feed.url,
        title=feed.title or feed.source.name,
        html_url=feed.html_url or feed.source.home_url,
        categories=tuple(categories),
        recipe=dict(feed.recipe or {}),
    )


def export_opml(feeds: Iterable[Feed] | None = None) -> str:
    """The feeds (all of them by default) as OPML, each under each of its categories."""
    chosen = Feed.objects.select_related("source").order_by("id") if feeds is None else feeds
    return feed_stage.render_opml([outline_of(feed, feed.categories) for feed in chosen])


def default_feeds() -> list[feed_stage.OutlineFeed]:
    """The built-in list of well-known public news feeds offered on first start."""
    data = resources.files("newsdesk.desk").joinpath("data/default-feeds.opml").read_bytes()
    return feed_stage.parse_opml(data)


def add_default_feeds(indexes: Iterable[int]) -> list[AddedFeed]:
    """Register the built-in feeds at these positions (0-based) of ``default_feeds()``, each
    under its category of the list."""
    choices = default_feeds()
    added = []
    for i in indexes:
        choice = choices[i]
        made = register_feed(
            choice.xml_url, title=choice.title, home_url=choice.html_url, html_url=choice.html_url
        )
        file_feed(made.feed, choice.categories, choice.html_url)
        added.append(made)
    return added

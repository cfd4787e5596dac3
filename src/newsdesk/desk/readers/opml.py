"""A reader's OPML: bring the subscriptions of another feed reader, take one's own elsewhere.

:func:`import_for_reader` reads a file exported by Miniflux, FreshRSS, Feedly, Inoreader or any
other feed reader. Each feed new to newsdesk is registered (its address checked, nothing fetched:
it is checked on schedule like every feed); its source is followed and put in each folder the
file lists it in (``desk.readers.folders``: "News/World" for nested folders). Outlines that are
not feeds (FreshRSS's web-scraping sources, other OPML files), unusable addresses, folder names
that cannot be kept and follows beyond the reader's limit are reported, each with its reason; the
rest of the file is imported all the same. At most :data:`MAX_FEEDS` feeds of a file are read.

:func:`export_for_reader` writes the feeds of the sources the reader follows, each under each of
the reader's folders it is in (at the top level when in none), with the feed's own site address.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.contrib.auth.models import User
from django.utils.translation import gettext

from newsdesk.desk.readers.folders import FolderError, add_to_folder, folder_names_by_source
from newsdesk.desk.readers.following import (
    MAX_FOLLOWS,
    FollowError,
    follow,
    followed_feeds,
    followed_sources,
)
from newsdesk.desk.readers.subscriptions import rename_subscription, subscription_titles
from newsdesk.desk.sources import outline_of, register_feed
from newsdesk.errors import NewsdeskError, OPMLError
from newsdesk.pipeline import feeds as feed_stage  # the OPML reader loads on first use
from newsdesk.pipeline.fetch import check_url
from newsdesk.readers.models import Follow, FollowKind
from newsdesk.sources.models import Feed, Source

MAX_BYTES = 5 * 1024 * 1024
MAX_FEEDS = MAX_FOLLOWS


@dataclass
class ReaderImport:
    """What an import did: feeds new to newsdesk, sources followed now or already, the folders
    filled, and (address, reason) for everything that could not be imported."""

    added: list[str] = field(default_factory=list)
    followed: list[Source] = field(default_factory=list)
    already: list[Source] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def _web_feed_refusal() -> str:
    return gettext(
        "A web feed read with selectors (FreshRSS's type \"HTML+XPath\"): only the site's "
        "operator can add one"
    )


def import_for_reader(user: User, content: bytes, now: datetime) -> ReaderImport:
    """Follow the feeds of an OPML file, in its folders; raises OPMLError for an unreadable file."""
    if len(content) > MAX_BYTES:
        raise OPMLError(
            gettext("An OPML file to import has at most %(size)d MB") % {"size": MAX_BYTES >> 20}
        )
    document = feed_stage.read_opml(content)
    report = ReaderImport()
    before = set(followed_sources(user).values_list("pk", flat=True))
    for outline in document.feeds[:MAX_FEEDS]:
        if outline.recipe:  # selectors run on the server: the operator's to add (decision 63)
            report.failures.append((outline.xml_url, _web_feed_refusal()))
            continue
        source = _source_of(user, outline, report)
        if source is not None and _follow(user, source, now, report, outline):
            _keep_title(user, source, outline)
            _file(user, source, outline, now, report)
            seen = report.already if source.pk in before else report.followed
            if source not in seen:
                seen.append(source)
    for outline in document.feeds[MAX_FEEDS:]:
        reason = gettext("Only the first %(count)d feeds of a file are imported")
        report.failures.append((outline.xml_url, reason % {"count": MAX_FEEDS}))
    report.failures += [(entry.url or entry.title, entry.reason) for entry in document.skipped]
    return report


def _source_of(user: User, outline: feed_stage.OutlineFeed, report: ReaderImport) -> Source | None:
    """The source of an outline's feed, registering the feed when newsdesk does not have it (and
    the reader may follow one more thing: a reader at the limit adds no feed to the site)."""
    try:
        url = check_url(outline.xml_url)
        if not Feed.objects.filter(url=url).exists() and at_follow_limit(user):
            raise FollowError(
                gettext("A reader follows at most %(count)d things") % {"count": MAX_FOLLOWS}
            )
        added = register_feed(
            url, title=outline.title, home_url=outline.html_url, html_url=outline.html_url
        )
    except NewsdeskError as error:
        report.failures.append((outline.xml_url, str(error)))
        return None
    if added.created:
        report.added.append(added.feed.url)
    return added.feed.source


def at_follow_limit(user: User) -> bool:
    return Follow.objects.filter(user=user).count() >= MAX_FOLLOWS


def _follow(
    user: User, source: Source, now: datetime, report: ReaderImport, outline: feed_stage.OutlineFeed
) -> bool:
    try:
        follow(user, FollowKind.SOURCE, source.slug, now)
    except FollowError as error:
        report.failures.append((outline.xml_url, str(error)))
        return False
    return True


def _keep_title(user: User, source: Source, outline: feed_stage.OutlineFeed) -> None:
    """A title the reader gave the feed in their other reader stays theirs (not the feed's own
    or the source's name, which newsdesk shows anyway)."""
    title = outline.title.strip()[:200]
    known = {source.name, *source.feeds.values_list("title", flat=True)}
    if title and title not in known:
        # A title that cannot be kept leaves the source's own name.
        with suppress(FollowError):
            rename_subscription(user, source, title)


def _file(
    user: User, source: Source, outline: feed_stage.OutlineFeed, now: datetime, report: ReaderImport
) -> None:
    """Put the source in each folder of the outline; a name that cannot be kept is reported."""
    for name in outline.categories:
        try:
            folder = add_to_folder(user, name, source, now)
        except FolderError as error:
            reason = gettext("Folder %(name)s left out: %(error)s")
            report.failures.append((outline.xml_url, reason % {"name": name[:60], "error": error}))
            continue
        if folder.name not in report.folders:
            report.folders.append(folder.name)


def export_for_reader(user: User) -> str:
    """The feeds of the reader's sources as OPML, in the reader's folders, with the titles the
    reader gave them."""
    names = folder_names_by_source(user)
    titles = subscription_titles(user)
    outlines = []
    for feed in followed_feeds(user):
        outline = outline_of(feed, names.get(feed.source_id, []))
        own = titles.get(feed.source.slug)
        outlines.append(replace(outline, title=own) if own else outline)
    return feed_stage.render_opml(outlines)

"""A reader's subscriptions as an OPML file, out and in (the Google Reader API's export/import).

Export writes each subscription once per folder it is in (folders are OPML folders, "News/World"
nested as News, then World), with the reader's own title and the feed's own site address; a
subscription in no folder sits at the top. Import follows every feed of the file and puts it in
the file's folder: a feed newsdesk already has is subscribed at once, an unknown one is added as
the operator's ``import-opml`` adds feeds (without fetching; it is checked on schedule). A feed
that cannot be added is recorded with its error and the import carries on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from newsdesk.desk.readers.folders import add_to_folder, folder_names_by_source
from newsdesk.desk.readers.following import follow
from newsdesk.desk.readers.subscriptions import (
    rename_subscription,
    source_of_feed,
    subscriptions,
)
from newsdesk.desk.sources import register_feed
from newsdesk.errors import NewsdeskError
from newsdesk.pipeline.feeds import OutlineFeed, parse_opml, render_opml
from newsdesk.pipeline.fetch import check_url
from newsdesk.readers.models import FollowKind
from newsdesk.sources.models import Source


@dataclass
class SubscriptionImport:
    subscribed: list[str] = field(default_factory=list)  # feed addresses
    failures: list[tuple[str, str]] = field(default_factory=list)  # (address, error)


def export_subscriptions(user: User) -> str:
    """OPML 2.0 of the reader's subscriptions, in their folders."""
    names = folder_names_by_source(user)
    outlines = [
        OutlineFeed(xml_url=sub.feed_url, title=sub.title, html_url=sub.html_url, category=folder)
        for sub in subscriptions(user)
        if sub.feed_url.startswith(("http://", "https://"))
        for folder in names.get(sub.source.pk) or [""]
    ]
    return render_opml(outlines, title=f"Subscriptions of {user.get_username()} in newsdesk")


def import_subscriptions(user: User, content: bytes, now: datetime) -> SubscriptionImport:
    """Follow the feeds of an OPML file in its folders; raises OPMLError for a bad file."""
    report = SubscriptionImport()
    for outline in parse_opml(content):
        try:
            with transaction.atomic():
                _subscribe(user, outline, now)
        except NewsdeskError as error:
            report.failures.append((outline.xml_url, str(error)))
        else:
            report.subscribed.append(outline.xml_url)
    return report


def _subscribe(user: User, outline: OutlineFeed, now: datetime) -> None:
    source = source_of_feed(outline.xml_url) or _registered(outline)
    follow(user, FollowKind.SOURCE, source.slug, now)
    if outline.title and outline.title != source.name:
        rename_subscription(user, source, outline.title[:200])
    if outline.category:
        add_to_folder(user, outline.category, source, now)


def _registered(outline: OutlineFeed) -> Source:
    url = check_url(outline.xml_url)
    added = register_feed(url, title=outline.title, home_url=outline.html_url)
    return added.feed.source

"""Followed sources as the "subscriptions" of feed-reader apps (Google Reader and Fever APIs).

An app sees one subscription per followed (and not muted) source, known by a feed address: the
source's first feed, or its home page when it has no feed. Subscribing to any feed address of a
source follows the source; an address newsdesk does not know yet is fetched first (through the
guarded fetcher) and added as a source when it is a feed or a site with one. The articles of a
subscription are every ready article of the source, or that its feeds brought from other
publishers (a digest's), newest first (``when`` is the published time, or the time it was
stored when it has none). Saved articles ("starred") stay readable even when their source is no
longer followed. The reader's newsletters (private sources, decision 67) are subscriptions like
any other, known by their ``newsdesk:source:`` address and seen by that reader alone.

A reader may give a subscription a title of their own (kept on the follow, seen by nobody else);
without one it has the source's name. Its icon is the source's logo, else the site's
``/favicon.ico``; its labels are the reader's folders (``desk.readers.folders``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from django.contrib.auth.models import User
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext

from newsdesk.articles.models import Article, ArticleStatus, yours
from newsdesk.desk.readers.folders import folder_named
from newsdesk.desk.readers.following import (
    FollowError,
    follow,
    followed_sources,
    is_following,
    unfollow,
)
from newsdesk.desk.readers.rules import screen_query
from newsdesk.desk.reading import of_sources
from newsdesk.readers.models import Follow, FollowKind, ReadMark, SavedArticle
from newsdesk.sources.models import Feed, Source

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch import Fetcher

TITLE_MAX = 200
LOGO_SIZE = 128  # the larger of the two sizes the site keeps
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class Subscription:
    source: Source
    feed_url: str
    title: str
    html_url: str
    icon_url: str = ""


def _first_feed(source: Source) -> Feed | None:
    feeds = sorted(source.feeds.all(), key=lambda feed: feed.pk)
    return feeds[0] if feeds else None


def feed_url_of(source: Source) -> str:
    """The address apps know a source by: its first feed, else its home page."""
    if source.private_to_id is not None:  # a reader's newsletter: never a public address
        return f"newsdesk:source:{source.slug}"
    feed = _first_feed(source)
    return feed.url if feed else source.home_url or f"newsdesk:source:{source.slug}"


def icon_url_of(source: Source) -> str:
    """The site's copy of the source's logo (a path on this site), else the operator's logo
    address, else the publisher's /favicon.ico (absolute), else nothing."""
    if source.logo_version:
        path = reverse("web:source-logo", args=[source.slug, LOGO_SIZE])
        return f"{path}?v={source.logo_version}"
    if source.logo_url:
        return source.logo_url
    home = source.home_url
    return urljoin(home, "/favicon.ico") if home.startswith(("http://", "https://")) else ""


def _subscription(source: Source, title: str = "") -> Subscription:
    feed = _first_feed(source)
    return Subscription(
        source=source,
        feed_url=feed_url_of(source),
        title=title or source.name,
        html_url=(feed.html_url if feed else "") or source.home_url,
        icon_url=icon_url_of(source),
    )


def subscription_titles(user: User) -> dict[str, str]:
    """The reader's own titles of followed sources, by source slug."""
    rows = Follow.objects.filter(user=user, kind=FollowKind.SOURCE).exclude(title="")
    return dict(rows.values_list("value", "title"))


def subscriptions(user: User) -> list[Subscription]:
    """The reader's subscriptions, by title (the reader's own, else the source's name)."""
    titles = subscription_titles(user)
    sources = followed_sources(user).prefetch_related("feeds").order_by("name", "id")
    subs = [_subscription(source, titles.get(source.slug, "")) for source in sources]
    return sorted(subs, key=lambda sub: (sub.title.casefold(), sub.source.pk))


def source_of_feed(url: str) -> Source | None:
    """The source with this feed (or home page, or subscription) address, or None."""
    url = url.strip()
    if not url or "\x00" in url:
        return None
    feed = Feed.objects.select_related("source").filter(url=url).first()
    if feed is not None:
        return feed.source
    if url.startswith("newsdesk:source:"):
        return Source.objects.filter(slug=url.removeprefix("newsdesk:source:")).first()
    return Source.objects.filter(home_url=url).first() if url else None


def subscribe_feed(
    user: User, url: str, now: datetime, fetcher: Fetcher | None = None
) -> Subscription:
    """Follow the source of a feed address. An address no source has is fetched with
    ``fetcher`` and added (a feed, or a site whose feed is found); without a fetcher it is a
    FollowError. Fetch and feed errors (``NewsdeskError``) reach the caller."""
    source = source_of_feed(url)
    if source is None and fetcher is not None:
        from newsdesk.desk.sources import add_source  # the feed libraries, when one is added

        added = add_source(url, fetcher)
        source = added[0].feed.source if added else None
    if source is None:
        raise FollowError(f"No source has the feed {url!r}")
    follow(user, FollowKind.SOURCE, source.slug, now)
    return _subscription_to(user, source)


def _subscription_to(user: User, source: Source) -> Subscription:
    title = subscription_titles(user).get(source.slug, "")
    return _subscription(Source.everything.prefetch_related("feeds").get(pk=source.pk), title)


def subscribed_source(user: User, url: str) -> Source | None:
    """The followed source of a subscription address, or None when the reader does not have it."""
    source = source_of_feed(url) or own_newsletter(user, url)
    if source is None or not is_following(user, FollowKind.SOURCE, source.slug):
        return None
    return source


def own_newsletter(user: User, url: str) -> Source | None:
    """The reader's newsletter (a private source) of a ``newsdesk:source:`` address."""
    slug = url.strip().removeprefix("newsdesk:source:")
    if slug == url.strip() or not slug:
        return None
    return Source.everything.filter(private_to=user, slug=slug).first()


def subscription_of(user: User, url: str) -> Subscription | None:
    """The reader's subscription of this address, or None when they do not have it."""
    source = subscribed_source(user, url)
    return _subscription_to(user, source) if source else None


def clean_title(title: object) -> str:
    """A subscription title as stored: trimmed, inner spaces collapsed; raises FollowError."""
    text = str(title)
    if _CONTROL.search(text):
        raise FollowError(gettext("Titles cannot hold control characters"))
    cleaned = _SPACES.sub(" ", text).strip()
    if len(cleaned) > TITLE_MAX:
        raise FollowError(gettext("A title has at most %(high)d characters") % {"high": TITLE_MAX})
    return cleaned


def rename_subscription(user: User, source: Source, title: str) -> str:
    """Give a followed source the reader's own title (empty: its own name again)."""
    cleaned = clean_title(title)
    stored = "" if cleaned == source.name else cleaned
    follows = Follow.objects.filter(user=user, kind=FollowKind.SOURCE, value=source.slug)
    if not follows.update(title=stored):
        raise FollowError(gettext("No subscription to %(name)s") % {"name": source.name})
    return cleaned or source.name


def unsubscribe_feed(user: User, url: str) -> bool:
    source = source_of_feed(url)
    return source is not None and unfollow(user, FollowKind.SOURCE, source.slug)


# Querysets of articles annotated with ``when``, which the type checker cannot follow.
Articles = QuerySet[Any]


def _ready(user: User) -> Articles:
    """Ready articles the reader may have: public ones and their own newsletters."""
    return (
        Article.everything.filter(yours(user), status=ArticleStatus.READY)
        .annotate(when=Coalesce("published_at", "created_at"))
        .select_related("source")
    )


def when_of(article: Article) -> datetime:
    """The ``when`` of an article from these querysets (published, else stored)."""
    when: datetime = getattr(article, "when", None) or article.published_at or article.created_at
    return when


def subscribed_articles(user: User) -> Articles:
    """Ready articles of the reader's subscriptions, newest first."""
    return _ready(user).filter(of_sources(followed_sources(user))).order_by("-when", "-id")


def readable_articles(user: User) -> Articles:
    """What an app may show the reader: subscribed articles and saved ones."""
    saved = SavedArticle.objects.filter(user=user).values("article_id")
    return (
        _ready(user)
        .filter(of_sources(followed_sources(user)) | Q(pk__in=saved))
        .order_by("-when", "-id")
    )


def saved_articles_stream(user: User) -> Articles:
    saved = SavedArticle.objects.filter(user=user).values("article_id")
    return _ready(user).filter(pk__in=saved).order_by("-when", "-id")


def read_articles_stream(user: User) -> Articles:
    read = ReadMark.objects.filter(user=user).values("article_id")
    return _ready(user).filter(pk__in=read).order_by("-when", "-id")


def unread(articles: Articles, user: User) -> Articles:
    return articles.exclude(pk__in=ReadMark.objects.filter(user=user).values("article_id"))


def label_articles(user: User, name: str) -> Articles:
    """Ready articles of the subscriptions in the reader's folder ``name`` (none: no folder)."""
    folder = folder_named(user, name)
    articles = subscribed_articles(user)
    return articles.filter(source__in=folder.sources.all()) if folder else articles.none()


def unread_counts(user: User) -> dict[int, tuple[int, datetime | None]]:
    """Per subscribed source id: unread articles and the newest article's time.

    An article counts for each subscription it belongs to: its publisher's and that of the feed
    that brought it (a digest's). What the reader's rules hide is not counted, as the streams
    do not show it (``rules.Screen.query``: hidden among the newest unread, and muted stories).
    """
    followed = set(followed_sources(user).values_list("id", flat=True))
    rows = (
        unread_shown(subscribed_articles(user), user)
        .order_by()
        .values("source_id", "feed__source_id")
        .annotate(count=Count("id"), newest=Max(F("when")))
    )
    counts: dict[int, tuple[int, datetime | None]] = {}
    for row in rows:
        for source_id in {row["source_id"], row["feed__source_id"]} & followed:
            count, newest = counts.get(source_id, (0, None))
            latest = max(filter(None, (newest, row["newest"])), default=None)
            counts[source_id] = (count + row["count"], latest)
    return counts


def unread_shown(articles: Articles, user: User) -> Articles:
    """The unread ``articles`` the reader's rules let through (what the apps list as unread)."""
    return screen_query(user, unread(articles, user))

"""Followed sources as the "subscriptions" of feed-reader apps (Google Reader and Fever APIs).

An app sees one subscription per followed (and not muted) source, known by a feed address: the
source's first feed, or its home page when it has no feed. Subscribing to any feed address of a
source follows the source; the articles of a subscription are every ready article of the source,
or that its feeds brought from other publishers (a digest's), newest first (``when`` is the
published time, or the time it was stored when it has none). Saved articles ("starred") stay
readable even when their source is no longer followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.readers.following import FollowError, follow, followed_sources, unfollow
from newsdesk.desk.reading import of_sources
from newsdesk.readers.models import FollowKind, ReadMark, SavedArticle
from newsdesk.sources.models import Feed, Source


@dataclass(frozen=True)
class Subscription:
    source: Source
    feed_url: str
    title: str
    html_url: str


def feed_url_of(source: Source) -> str:
    """The address apps know a source by: its first feed, else its home page."""
    feeds = sorted(source.feeds.all(), key=lambda feed: feed.pk)
    return feeds[0].url if feeds else source.home_url or f"newsdesk:source:{source.slug}"


def subscriptions(user: User) -> list[Subscription]:
    sources = followed_sources(user).prefetch_related("feeds").order_by("name", "id")
    return [
        Subscription(source, feed_url_of(source), source.name, source.home_url)
        for source in sources
    ]


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


def subscribe_feed(user: User, url: str, now: datetime) -> Subscription:
    """Follow the source of a feed address; FollowError when no source has it."""
    source = source_of_feed(url)
    if source is None:
        raise FollowError(f"No source has the feed {url!r}")
    follow(user, FollowKind.SOURCE, source.slug, now)
    return Subscription(source, feed_url_of(source), source.name, source.home_url)


def unsubscribe_feed(user: User, url: str) -> bool:
    source = source_of_feed(url)
    return source is not None and unfollow(user, FollowKind.SOURCE, source.slug)


# Querysets of articles annotated with ``when``, which the type checker cannot follow.
Articles = QuerySet[Any]


def _ready() -> Articles:
    return (
        Article.objects.filter(status=ArticleStatus.READY)
        .annotate(when=Coalesce("published_at", "created_at"))
        .select_related("source")
    )


def when_of(article: Article) -> datetime:
    """The ``when`` of an article from these querysets (published, else stored)."""
    when: datetime = getattr(article, "when", None) or article.published_at or article.created_at
    return when


def subscribed_articles(user: User) -> Articles:
    """Ready articles of the reader's subscriptions, newest first."""
    return _ready().filter(of_sources(followed_sources(user))).order_by("-when", "-id")


def readable_articles(user: User) -> Articles:
    """What an app may show the reader: subscribed articles and saved ones."""
    saved = SavedArticle.objects.filter(user=user).values("article_id")
    return (
        _ready()
        .filter(of_sources(followed_sources(user)) | Q(pk__in=saved))
        .order_by("-when", "-id")
    )


def saved_articles_stream(user: User) -> Articles:
    saved = SavedArticle.objects.filter(user=user).values("article_id")
    return _ready().filter(pk__in=saved).order_by("-when", "-id")


def read_articles_stream(user: User) -> Articles:
    read = ReadMark.objects.filter(user=user).values("article_id")
    return _ready().filter(pk__in=read).order_by("-when", "-id")


def unread(articles: Articles, user: User) -> Articles:
    return articles.exclude(pk__in=ReadMark.objects.filter(user=user).values("article_id"))


def unread_counts(user: User) -> dict[int, tuple[int, datetime | None]]:
    """Per subscribed source id: unread articles and the newest article's time."""
    rows = (
        unread(subscribed_articles(user), user)
        .order_by()
        .values("source_id")
        .annotate(count=Count("id"), newest=Max(F("when")))
    )
    return {row["source_id"]: (row["count"], row["newest"]) for row in rows}

"""Data for the follow, reading-list and feed-reader tests: readers, sources with feeds, articles
written straight to the database, and stories made of them."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.readers.app_passwords import set_app_password
from newsdesk.sources.models import Feed, Source
from newsdesk.stories.models import Placement, Story

_numbers = count(1)
APP_PASSWORD = "correct horse battery"


def make_reader(name: str, app_password: str = "") -> User:
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.test", password="account password 1"
    )
    if app_password:
        set_app_password(user, app_password)
    return user


def make_source(name: str, now: datetime, feed: bool = True) -> Source:
    slug = name.lower().replace(" ", "-")
    source = Source.objects.create(
        name=name, slug=slug, home_url=f"https://{slug}.example.test/", domain=f"{slug}.test"
    )
    if feed:
        Feed.objects.create(
            source=source, url=f"https://{slug}.example.test/feed.xml", next_check_at=now
        )
    return source


def make_article(
    source: Source, title: str, now: datetime, hours_ago: float = 1.0, **fields: Any
) -> Article:
    number = next(_numbers)
    defaults: dict[str, Any] = {
        "url": f"https://{source.slug}.example.test/news/{number}",
        "url_hash": f"fy{number:030d}",
        "source": source,
        "feed": source.feeds.first(),
        "title": title,
        "published_at": now - timedelta(hours=hours_ago),
        "description": f"{title}: the details of the report.",
        "text": f"{title}. The details of the report.",
        "html": f"<p>{title}. The details of the report.</p>",
        "body_origin": BodyOrigin.PAGE,
        "status": ArticleStatus.READY,
    }
    return Article.objects.create(**{**defaults, **fields})


def make_story(articles: list[Article], now: datetime, **fields: Any) -> Story:
    """A live story of ``articles`` (the first is the lead); ``copy_of`` pairs via fields."""
    story = Story.objects.create(
        headline=articles[0].title,
        lead_article=articles[0],
        article_count=len(articles),
        source_count=len({a.source_id for a in articles}),
        first_published_at=min(a.published_at for a in articles if a.published_at),
        last_published_at=max(a.published_at for a in articles if a.published_at),
        **fields,
    )
    for article in articles:
        Placement.objects.create(
            article=article, story=story, placed_at=now, published_at=article.published_at
        )
    return story


def make_copy(original: Article, source: Source, now: datetime) -> Article:
    """An article of ``source`` placed as a copy of ``original`` in its story."""
    copy = make_article(source, original.title, now, hours_ago=0.5)
    story_id = Placement.objects.get(article=original).story_id
    Placement.objects.create(article=copy, story_id=story_id, duplicate_of=original, placed_at=now)
    return copy

"""Article identity across URL spellings: feed links in any spelling find the stored article,
and articles stored under the canonical form of earlier versions are brought to today's form."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.db import connection

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.articles import store_entries, url_hash
from newsdesk.sources.models import Feed, Source
from newsdesk.types import FeedEntry

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
MIGRATION = importlib.import_module(
    "newsdesk.articles.migrations.0004_article_urls_in_canonical_form"
)


@pytest.fixture
def feed() -> Feed:
    source = Source.objects.create(name="Bücher Post", slug="buecher-post")
    return Feed.objects.create(source=source, url="https://bücher.example/feed", next_check_at=NOW)


def stored(feed: Feed, url: str, title: str = "Ferry") -> Article:
    """An article stored under ``url`` exactly, as an earlier version wrote it."""
    return Article.objects.create(
        url=url,
        url_hash=url_hash(url),
        source=feed.source,
        feed=feed,
        title=title,
        status=ArticleStatus.READY,
        published_at=NOW,
    )


def rewrite() -> None:
    MIGRATION.rewrite_urls(apps, connection.schema_editor())


def test_spellings_of_one_link_in_one_feed_are_one_article(feed: Feed) -> None:
    entries = [
        FeedEntry(url="https://Bücher.example/a/./news/../story?page=2&id=7", title="Ferry"),
        FeedEntry(url="https://xn--bcher-kva.example/a/story?id=7&page=2&utm_source=rss"),
    ]
    report = store_entries(feed, entries, NOW)
    assert report.new == 1
    assert Article.objects.get().url == "https://xn--bcher-kva.example/a/story?id=7&page=2"


def test_articles_stored_under_an_old_form_are_found_after_the_rewrite(feed: Feed) -> None:
    old_forms = [
        "https://example.test/a/./b/../story",
        "https://bücher.example/news/1",
        "https://example.test/list?page=2&id=7",
    ]
    articles = [stored(feed, url) for url in old_forms]
    rewrite()
    assert [Article.objects.get(pk=a.pk).url for a in articles] == [
        "https://example.test/a/story",
        "https://xn--bcher-kva.example/news/1",
        "https://example.test/list?id=7&page=2",
    ]
    again = [FeedEntry(url=url, title="Ferry") for url in old_forms]
    report = store_entries(feed, again, NOW)
    assert report.new == 0 and Article.objects.count() == 3


def test_two_stored_spellings_of_one_article_keep_both_rows(feed: Feed) -> None:
    first = stored(feed, "https://example.test/list?page=2&id=7", "First")
    second = stored(feed, "https://example.test/list?id=7&page=2&", "Second")
    other = stored(feed, "https://example.test/other?b=1&a=2", "Other")
    rewrite()
    urls = dict(Article.objects.values_list("title", "url"))
    assert urls == {
        "First": "https://example.test/list?id=7&page=2",
        "Second": "https://example.test/list?id=7&page=2&",
        "Other": "https://example.test/other?a=2&b=1",
    }
    assert {first.pk, second.pk, other.pk} == set(Article.objects.values_list("pk", flat=True))
    report = store_entries(feed, [FeedEntry(url="https://example.test/list?page=2&id=7")], NOW)
    assert report.new == 0


def test_rows_made_by_other_means_are_left_alone(feed: Feed) -> None:
    saved_file = stored(feed, "file:///home/me/page.html")
    foreign = Article.objects.create(
        url="https://example.test/a/../b",
        url_hash="not-a-hash-of-the-url",
        source=feed.source,
        status=ArticleStatus.READY,
    )
    rewrite()
    assert Article.objects.get(pk=saved_file.pk).url == "file:///home/me/page.html"
    assert Article.objects.get(pk=foreign.pk).url == "https://example.test/a/../b"

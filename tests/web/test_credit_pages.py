"""The article page credits the publisher and says which feed the article came through."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.sources.models import Feed, Source
from newsdesk.web.links import article_path
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db


def feed_of(source: Source, url: str) -> Feed:
    return Feed.objects.create(source=source, url=url, next_check_at=timezone.now())


def test_an_article_from_a_digest_shows_its_publisher_and_the_digest(
    client: Client, make_article: MakeArticle, source: Source
) -> None:
    digest = Source.objects.create(name="Morning Digest", slug="digest", domain="digest.test")
    article = make_article(feed=feed_of(digest, "https://digest.test/feed.xml"))
    html = client.get(article_path(article)).content.decode()
    story_source = html.split('class="story-source"', 1)[1].split("</p>", 1)[0]
    assert 'href="/source/example-times/">' in story_source
    assert "<bdi>The Example Times</bdi></a>" in story_source
    assert '<a class="via" href="/source/digest/">via <bdi>Morning Digest</bdi></a>' in story_source
    assert "Originally published by" in html


def test_a_publishers_own_feed_shows_no_via(
    client: Client, make_article: MakeArticle, source: Source
) -> None:
    article = make_article(feed=feed_of(source, "https://example.test/feed.xml"))
    html = client.get(article_path(article)).content.decode()
    assert 'class="via"' not in html

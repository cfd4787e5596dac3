"""RSS out: conditional GET over real HTTP, and items that feed readers can show in full
(author, categories, the lead image), read back with feedparser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import feedparser
import httpx
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, CachedImage
from newsdesk.desk.media import signed_path
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.readers.models import Follow, FollowKind, TokenScope
from newsdesk.sources.models import Source
from newsdesk.topics.models import ArticleTopic
from newsdesk.web.links import article_path
from tests.support.following import make_article, make_reader, make_source, make_story
from tests.web.conftest import KeepImage

IMAGE = "https://images.example.test/ferry.jpg"


def tag(article: Article, *slugs: str) -> None:
    for rank, slug in enumerate(slugs):
        ArticleTopic.objects.create(article=article, slug=slug, score=1.0 - rank / 10, rank=rank)


def newsroom() -> dict[str, Any]:
    """Two sources, three articles (one tagged with topics, one with a byline), a story, and a
    reader following the first source with a private feed address."""
    now = timezone.now()
    harbour, wire = make_source("Harbour Post", now), make_source("Wire", now)
    ferry = make_article(
        harbour, "Ferry timetable changes", now, hours_ago=2, byline="Jane Reporter"
    )
    ferry.image_url = IMAGE
    ferry.save()
    tag(ferry, "sports", "sports-football")
    bridge = make_article(harbour, "Bridge repairs begin", now, hours_ago=5)
    markets = make_article(
        wire, "Markets open higher", now, hours_ago=1, image_url="https://cdn.example.test/i?id=7"
    )
    story = make_story([ferry, bridge], now)
    reader = make_reader("ana")
    Follow.objects.create(user=reader, kind=FollowKind.SOURCE, value="harbour-post")
    token = issue_token(reader, now, scope=TokenScope.FEED).secret
    return {
        "ferry": ferry,
        "bridge": bridge,
        "markets": markets,
        "story": story,
        "feeds": [
            "/feed.xml",
            "/source/harbour-post/feed.xml",
            "/topic/sports/feed.xml",
            f"/feeds/for-you/{token}.xml",
        ],
    }


# --- conditional GET over HTTP ----------------------------------------------------------------


@pytest.fixture
def site(live_server: Any) -> Iterator[tuple[httpx.Client, dict[str, Any]]]:
    data = newsroom()
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        yield http, data


@pytest.mark.django_db(transaction=True)
def test_every_feed_answers_if_none_match_with_304(
    site: tuple[httpx.Client, dict[str, Any]],
) -> None:
    http, data = site
    for path in data["feeds"]:
        first = http.get(path)
        assert first.status_code == 200, path
        etag = first.headers["ETag"]
        assert etag.strip('W/"') and first.headers["Last-Modified"], path
        again = http.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.content == b"" and again.headers["ETag"] == etag
        assert http.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_if_modified_since_gets_304_until_an_item_changes(
    site: tuple[httpx.Client, dict[str, Any]],
) -> None:
    http, _ = site
    # An hour back: an HTTP date counts whole seconds, and the new article must fall in a later one.
    Article.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    first = http.get("/feed.xml")
    last_modified = first.headers["Last-Modified"]
    newest = max(a.updated_at for a in Article.objects.all())
    assert parsedate_to_datetime(last_modified) == newest.replace(microsecond=0)
    assert http.get("/feed.xml", headers={"If-Modified-Since": last_modified}).status_code == 304
    earlier = format_datetime(newest - timedelta(minutes=1), usegmt=True)
    assert http.get("/feed.xml", headers={"If-Modified-Since": earlier}).status_code == 200

    # An article published long ago but gathered now changes the feed: its time is now.
    make_article(
        Source.objects.get(slug="wire"), "Archive story surfaces", timezone.now(), hours_ago=30
    )
    later = http.get(
        "/feed.xml",
        headers={"If-Modified-Since": last_modified, "If-None-Match": first.headers["ETag"]},
    )
    assert later.status_code == 200 and b"Archive story surfaces" in later.content
    assert later.headers["ETag"] != first.headers["ETag"]
    assert parsedate_to_datetime(later.headers["Last-Modified"]) > parsedate_to_datetime(
        last_modified
    )


@pytest.mark.django_db(transaction=True)
def test_a_gzipped_feed_answers_its_weak_etag(
    site: tuple[httpx.Client, dict[str, Any]],
) -> None:
    http, _ = site
    gzipped = http.get("/feed.xml", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    etag = gzipped.headers["ETag"]
    assert etag.startswith('W/"')
    answer = http.get("/feed.xml", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert answer.status_code == 304


@pytest.mark.django_db(transaction=True)
def test_the_private_feed_stays_private_when_not_modified(
    site: tuple[httpx.Client, dict[str, Any]],
) -> None:
    http, data = site
    path = data["feeds"][-1]
    etag = http.get(path).headers["ETag"]
    answer = http.get(path, headers={"If-None-Match": etag})
    assert answer.status_code == 304
    assert "no-store" in answer.headers["Cache-Control"]
    assert "private" in answer.headers["Cache-Control"]


# --- what the items carry ----------------------------------------------------------------------


def parsed(client: Client, path: str) -> Any:
    answer = client.get(path)
    assert answer.status_code == 200, path
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def entry_for(feed: Any, article: Article) -> Any:
    [entry] = [e for e in feed.entries if e.link.endswith(article_path(article))]
    return entry


def kept_jpeg(image: CachedImage) -> dict[str, Any]:
    return next(v for v in image.variants if v["type"] == "image/jpeg")


@pytest.mark.django_db
def test_article_items_carry_author_categories_and_the_sites_copy_of_the_image(
    client: Client, keep_image: KeepImage
) -> None:
    data = newsroom()
    jpeg = kept_jpeg(keep_image(data["ferry"]))
    feed = parsed(client, "/feed.xml")
    ferry = entry_for(feed, data["ferry"])
    assert ferry.author == "Jane Reporter"
    assert [tag.term for tag in ferry.tags] == ["Sports", "Football"]
    [enclosure] = ferry.enclosures
    # The JPEG made for link previews, on this site, with its type and size: feed readers
    # never contact the publisher for it.
    assert enclosure.href.startswith("http://testserver/media/")
    assert enclosure.href.endswith(jpeg["file"])
    assert enclosure.type == "image/jpeg" and enclosure.length == str(jpeg["bytes"])
    assert ferry.media_content == [
        {
            "url": enclosure.href,
            "medium": "image",
            "type": "image/jpeg",
            "width": str(jpeg["width"]),
            "height": str(jpeg["height"]),
        }
    ]
    assert client.get(enclosure.href).status_code == 200

    bridge = entry_for(feed, data["bridge"])
    assert bridge.author == "Harbour Post"  # no byline: the source speaks for it
    assert "tags" not in bridge and bridge.enclosures == [] and "media_content" not in bridge

    markets = entry_for(feed, data["markets"])  # an image address, not kept (yet)
    assert markets.enclosures == [] and "media_content" not in markets
    publishers = (b"127.0.0.1", b"cdn.example.test")  # the kept image's, the other's
    assert not [p for p in publishers if p in client.get("/feed.xml").content]


@pytest.mark.django_db
def test_every_article_feed_carries_the_same_items(client: Client, keep_image: KeepImage) -> None:
    data = newsroom()
    keep_image(data["ferry"])
    expected = entry_for(parsed(client, "/feed.xml"), data["ferry"]).enclosures[0].href
    for path in (data["feeds"][1], data["feeds"][3]):
        ferry = entry_for(parsed(client, path), data["ferry"])
        assert ferry.author == "Jane Reporter", path
        assert [tag.term for tag in ferry.tags] == ["Sports", "Football"], path
        assert ferry.enclosures[0].href == expected, path


@pytest.mark.django_db
def test_story_items_carry_their_lead_articles_author_categories_and_image(
    client: Client, keep_image: KeepImage
) -> None:
    data = newsroom()
    jpeg = kept_jpeg(keep_image(data["ferry"]))
    feed = parsed(client, "/topic/sports/feed.xml")
    [story] = feed.entries
    assert story.author == "Jane Reporter"
    assert [tag.term for tag in story.tags] == ["Sports", "Football"]
    assert story.enclosures[0].href == f"http://testserver{signed_path(jpeg['file'])}"
    assert b"127.0.0.1" not in client.get("/topic/sports/feed.xml").content  # the publisher


@pytest.mark.django_db
def test_a_feed_lists_its_items_in_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    newsroom()
    now = timezone.now()
    harbour = Source.objects.get(slug="harbour-post")
    for number in range(20):
        tag(make_article(harbour, f"Item {number}", now, byline=f"Writer {number}"), "world")
    # The items, the list versions, the site-wide rules (read once a process, then kept under
    # their version: decision 65), the topics and the audio or video files: 5 however many
    # items there are.
    with django_assert_max_num_queries(5):
        assert client.get("/feed.xml").status_code == 200


@pytest.mark.django_db
def test_a_story_joined_by_a_newer_article_moves_the_topic_feeds_last_modified(
    client: Client,
) -> None:
    data = newsroom()
    Article.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    since = client.get("/topic/sports/feed.xml")["Last-Modified"]
    assert client.get("/topic/sports/feed.xml", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    story = data["story"]
    type(story).objects.filter(pk=story.pk).update(last_published_at=timezone.now())
    later = client.get("/topic/sports/feed.xml", HTTP_IF_MODIFIED_SINCE=since)
    assert later.status_code == 200
    assert parsedate_to_datetime(later["Last-Modified"]) > parsedate_to_datetime(since)


@pytest.mark.django_db
def test_a_feed_served_from_the_page_cache_still_answers_304() -> None:
    from django.core.cache import cache
    from django.test import override_settings

    newsroom()
    middleware = list(settings.MIDDLEWARE)
    cached = [
        *middleware[:3],
        "django.middleware.cache.UpdateCacheMiddleware",
        *middleware[3:],
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    cache.clear()
    try:
        with override_settings(MIDDLEWARE=cached, CACHE_MIDDLEWARE_SECONDS=30):
            first = Client().get("/feed.xml")
            assert first.status_code == 200 and "max-age=30" in first["Cache-Control"]
            again = Client().get("/feed.xml", HTTP_IF_NONE_MATCH=first["ETag"])
            assert again.status_code == 304 and again.content == b""
            since = Client().get("/feed.xml", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
            assert since.status_code == 304
            assert Client().get("/feed.xml", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    finally:
        cache.clear()

"""Publisher credit: an article is credited to the publisher of its page, not to the digest or
aggregator feed it came through; a publisher's own feed keeps its credit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.articles import Outcome, ingest_page, process_article
from newsdesk.desk.credit import credited_source
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.readers.following import follow
from newsdesk.desk.readers.subscriptions import subscribed_articles
from newsdesk.desk.reading import source_articles
from newsdesk.desk.sources import add_source
from newsdesk.desk.stories import place_and_refine, terms
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.readers.models import FollowKind
from newsdesk.sources.models import Feed, Source
from newsdesk.stories.models import Story
from newsdesk.types import ExtractedArticle
from tests.desk.conftest import LOCAL
from tests.support.news import article_page, rss_feed
from tests.support.publishers import DIGEST_HOST, PLAGUE, digest_feed, resolve_locally
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
RSS = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def named_fetcher() -> Iterator[Fetcher]:
    """A Fetcher for which every host name is this machine (publishers under their own names)."""
    policy = FetchPolicy(allow_networks=LOCAL, total_timeout=10)
    with Fetcher(policy, resolver=resolve_locally) as fetcher:
        yield fetcher


def ingest(feed_url: str, fetcher: Fetcher) -> list[Outcome]:
    [added] = add_source(feed_url, fetcher)
    report = check_feed(added.feed.pk, None, fetcher)
    return [process_article(claim, fetcher) for claim in report.claims]


def test_a_digest_feed_credits_each_article_to_its_pages_publisher(
    local_server: LocalServer, named_fetcher: Fetcher, datasets: Path
) -> None:
    outcomes = ingest(digest_feed(local_server, datasets), named_fetcher)
    assert outcomes == [Outcome.PAGE] * 3
    digest = Source.objects.get(domain=DIGEST_HOST)
    credits = {
        a.url.split("/")[2].split(":")[0]: (a.source.name, a.source.domain, a.feed.source_id)
        for a in Article.objects.select_related("source", "feed")
    }
    assert credits == {
        "nypost.com": ("New York Post", "nypost.com", digest.pk),
        "www.thesun.co.uk": ("The Sun", "thesun.co.uk", digest.pk),
        "www.express.co.uk": ("Express.co.uk", "express.co.uk", digest.pk),
    }
    assert digest.name == "Morning Digest" and not digest.articles.exists()


def test_a_digests_page_and_followers_still_get_what_its_feed_brought(
    local_server: LocalServer, named_fetcher: Fetcher, datasets: Path
) -> None:
    ingest(digest_feed(local_server, datasets), named_fetcher)
    digest = Source.objects.get(domain=DIGEST_HOST)
    sun = Source.objects.get(name="The Sun")
    assert len(source_articles(digest).articles) == 3
    assert len(source_articles(sun).articles) == 1
    ana = User.objects.create_user("ana")
    follow(ana, FollowKind.SOURCE, digest.slug, timezone.now())
    assert subscribed_articles(ana).count() == 3


def test_one_event_from_a_digest_counts_its_publishers(
    local_server: LocalServer, named_fetcher: Fetcher, datasets: Path
) -> None:
    terms.forget()
    ingest(digest_feed(local_server, datasets, PLAGUE), named_fetcher)
    place_and_refine(datetime.now(UTC))
    story = Story.objects.get(merged_into__isnull=True, article_count__gt=1)
    assert (story.article_count, story.source_count) == (3, 3)


def test_a_publishers_own_feed_keeps_its_credit(
    local_server: LocalServer, named_fetcher: Fetcher
) -> None:
    """A feed on feeds.example.com whose pages live on www.example.com and call themselves by
    another name is still that publisher's feed: same registered domain."""
    port = local_server.port
    local_server.add("/news/ferry", article_page("Ferry", extra=""))
    items = [{"title": "Ferry", "link": f"http://www.harbour-post.com:{port}/news/ferry"}]
    local_server.add("/rss", rss_feed(items, link=""), headers=RSS)
    ingest(f"http://feeds.harbour-post.com:{port}/rss", named_fetcher)
    article = Article.objects.select_related("source").get()
    assert article.source == article.feed.source
    assert Source.objects.count() == 1


def test_a_feed_linking_to_other_sites_credits_those_sites(
    local_server: LocalServer, named_fetcher: Fetcher
) -> None:
    """Without any publisher markup, the page's host is the publisher."""
    port = local_server.port
    local_server.add("/a", article_page("Ferry"))
    items = [{"title": "Ferry", "link": f"http://www.riverside-gazette.com:{port}/a"}]
    local_server.add("/links.xml", rss_feed(items, title="Link Roundup", link=""), headers=RSS)
    ingest(f"http://roundup.example.org:{port}/links.xml", named_fetcher)
    article = Article.objects.select_related("source").get()
    assert (article.source.name, article.source.domain) == (
        "riverside-gazette.com",
        "riverside-gazette.com",
    )
    assert article.feed.source.name == "Link Roundup"


@pytest.mark.parametrize(
    ("site_name", "expected"), [("Harbour Post", "Harbour Post"), ("Home", "harbourpost.com")]
)
def test_a_saved_page_names_its_source_only_by_a_believable_name(
    site_name: str, expected: str
) -> None:
    head = f'<meta property="og:site_name" content="{site_name}"></head>'
    html = article_page("Ferry").replace("</head>", head, 1)
    article, _ = ingest_page("https://www.harbourpost.com/news/ferry", html.encode())
    assert article.source.name == expected


def test_a_host_that_fails_the_url_checks_never_becomes_a_source(source_with_feed: Article) -> None:
    for address in ("http://exa mple.com/a", "http://user:pw@evil.example.com/a", "javascript:x"):
        page = ExtractedArticle(url=address, publisher="Evil Corp")
        assert credited_source(source_with_feed, page) == source_with_feed.feed.source
    assert not Source.objects.filter(name="Evil Corp").exists()


@pytest.fixture
def source_with_feed() -> Article:
    source = Source.objects.create(name="Digest", slug="digest", domain="digest.example.org")
    feed = Feed.objects.create(
        source=source, url="https://digest.example.org/feed.xml", next_check_at=timezone.now()
    )
    return Article.objects.create(url="https://x.example.com/a", url_hash="1" * 32,
                                  source=source, feed=feed)  # fmt: skip

"""Adding sources: feed URLs, site URLs with discovery, OPML in and out, the default list."""

from __future__ import annotations

import pytest

from newsdesk.desk import sources
from newsdesk.errors import FetchError, InvalidURLError, NoFeedFoundError, OPMLError
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.sources.models import Feed, Source
from tests.support.news import rss_feed
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
RSS = {"Content-Type": "application/rss+xml"}


def feed_body(server: LocalServer) -> str:
    return rss_feed(
        [{"title": "A", "link": server.url("/a")}], title="Example Times", link=server.url("/")
    )


def test_add_a_feed_url_is_idempotent(local_server: LocalServer, fetcher: Fetcher) -> None:
    url = local_server.add("/rss", feed_body(local_server), headers=RSS)
    [first] = sources.add_source(url, fetcher)
    assert first.created and first.feed.url == url and first.feed.kind == "rss"
    assert first.feed.source.name == "Example Times"
    [again] = sources.add_source(url, fetcher)
    assert not again.created and again.feed.pk == first.feed.pk
    assert Feed.objects.count() == 1 and Source.objects.count() == 1


def test_add_a_site_discovers_its_feed_link(local_server: LocalServer, fetcher: Fetcher) -> None:
    feed_url = local_server.add("/feeds/main.xml", feed_body(local_server), headers=RSS)
    local_server.add(
        "/",
        '<html><head><link rel="alternate" type="application/rss+xml" '
        'href="/feeds/main.xml"></head><body>Home</body></html>',
    )
    [added] = sources.add_source(local_server.url("/"), fetcher)
    assert added.feed.url == feed_url


def test_add_a_site_probes_common_feed_paths(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.add("/", "<html><head><title>Home</title></head><body>News</body></html>")
    local_server.add("/rss.xml", feed_body(local_server), headers=RSS)
    [added] = sources.add_source(local_server.url("/"), fetcher)
    assert added.feed.url.endswith("/rss.xml")


def test_add_reports_clear_errors(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.add("/", "<html><body>No feeds here</body></html>")
    with pytest.raises(NoFeedFoundError, match="no feed found"):
        sources.add_source(local_server.url("/"), fetcher)
    with pytest.raises(FetchError, match="404"):
        sources.add_source(local_server.url("/missing"), fetcher)
    with pytest.raises(InvalidURLError):
        sources.add_source("ftp://example.com/feed", fetcher)
    assert Feed.objects.count() == 0


def test_opml_round_trip_and_bad_entries() -> None:
    opml = b"""<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline text="World">
        <outline type="rss" text="One" xmlUrl="https://one.example/feed" htmlUrl="https://one.example/"/>
        <outline type="rss" text="Two" xmlUrl="https://two.example/rss"/>
        <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
      </outline></body></opml>"""
    report = sources.import_opml(opml)
    assert [f.url for f in report.added] == ["https://one.example/feed", "https://two.example/rss"]
    assert [url for url, _ in report.failures] == ["javascript:alert(1)"]
    again = sources.import_opml(opml)
    assert len(again.added) == 0 and len(again.existing) == 2
    exported = sources.export_opml()
    assert "https://one.example/feed" in exported and "https://two.example/rss" in exported
    Feed.objects.all().delete()
    assert len(sources.import_opml(exported.encode()).added) == 2


def test_malformed_opml_is_a_clear_error() -> None:
    with pytest.raises(OPMLError):
        sources.import_opml(b"<opml><body><outline")


def test_default_feed_list_is_offered() -> None:
    defaults = sources.default_feeds()
    assert len(defaults) >= 10
    assert all(d.xml_url.startswith("https://") and d.title for d in defaults)
    added = sources.register_feed(
        defaults[0].xml_url, title=defaults[0].title, home_url=defaults[0].html_url
    )
    assert added.created and added.feed.source.domain

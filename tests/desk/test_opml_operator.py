"""The operator's OPML: categories and each feed's own site address kept on import, merged on
re-import, written back on export; the four apps' files survive a round trip; what is not a feed
is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from newsdesk.desk import sources
from newsdesk.pipeline.feeds import OutlineFeed, parse_opml
from newsdesk.pipeline.fetch import Fetcher, check_url
from newsdesk.sources.models import Feed, Source
from tests.support.news import rss_feed
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
SHAPES = Path(__file__).parents[1] / "pipeline" / "feedsamples" / "opml"
APPS = ("miniflux", "freshrss", "feedly", "inoreader")


def folders_of(feeds: list[OutlineFeed]) -> dict[str, tuple[str, frozenset[str]]]:
    """Per feed address: its site address and the set of folders it is in."""
    return {check_url(f.xml_url): (f.html_url, frozenset(f.categories)) for f in feeds}


@pytest.mark.parametrize("app", APPS)
def test_a_file_exported_after_an_import_has_the_same_folders(app: str) -> None:
    original = parse_opml((SHAPES / f"{app}.opml").read_bytes())
    report = sources.import_opml((SHAPES / f"{app}.opml").read_bytes())
    assert len(report.added) == len(original)

    exported = parse_opml(sources.export_opml().encode())
    assert folders_of(exported) == folders_of(original)
    titles = {check_url(f.xml_url): f.title for f in original}
    assert {check_url(f.xml_url): f.title for f in exported} == titles


def test_one_feed_in_two_folders_keeps_both_and_its_own_site_address() -> None:
    sources.import_opml((SHAPES / "feedly.opml").read_bytes())
    bbc = Feed.objects.get(url="https://feeds.bbci.co.uk/news/world/rss.xml")
    assert bbc.categories == ["World", "Must Read"]
    assert bbc.html_url == "https://www.bbc.co.uk/news/world"
    text = sources.export_opml()
    assert text.count('xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"') == 2
    assert 'text="bbc.co.uk"' not in text and 'text="BBC News"' in text


def test_freshrss_web_feeds_come_with_their_recipe_and_other_scrapers_are_failures() -> None:
    report = sources.import_opml((SHAPES / "freshrss.opml").read_bytes())
    failures = dict(report.failures)
    web = Feed.objects.get(url="https://www.harbourtown.example/notices/")
    assert (web.kind, web.recipe["syntax"], web.recipe["item"]) == (
        "page",
        "xpath",
        '//div[@class="notice"]',
    )
    assert "JSON+DotNotation" in failures["https://api.harbourferries.example/v1/changes.json"]
    assert "XML+XPath" in failures["https://www.portauthority.example/press.xml"]
    assert "another OPML file" in failures["https://blogroll.example.org/friends.opml"]
    assert not Feed.objects.filter(url__contains=".example/").exclude(pk=web.pk).exists()
    assert Feed.objects.filter(url="https://www.jsonfeed.org/feed.json").exists()


def test_re_import_merges_categories_and_fills_a_missing_site_address() -> None:
    first = b"""<opml version="2.0"><body><outline text="News">
      <outline type="rss" text="Gazette" xmlUrl="https://gazette.example/rss"/>
    </outline></body></opml>"""
    second = b"""<opml version="2.0"><body><outline text="news">
      <outline type="rss" text="Gazette" xmlUrl="https://gazette.example/rss"
        htmlUrl="https://gazette.example/harbour"/></outline>
      <outline text="Local"><outline text="Harbour"><outline type="rss" text="Gazette"
        xmlUrl="https://gazette.example/rss" htmlUrl="https://gazette.example/other"/>
      </outline></outline></body></opml>"""
    sources.import_opml(first)
    feed = Feed.objects.get()
    assert (feed.categories, feed.html_url) == (["News"], "")
    report = sources.import_opml(second)
    assert [f.pk for f in report.existing] == [feed.pk] and report.failures == []
    feed.refresh_from_db()
    assert feed.categories == ["News", "Local/Harbour"]
    assert feed.html_url == "https://gazette.example/harbour"
    sources.import_opml(second.replace(b"/harbour", b"/elsewhere"))
    feed.refresh_from_db()
    assert feed.html_url == "https://gazette.example/harbour"  # a feed's address is kept


def test_a_category_that_cannot_be_a_folder_name_is_reported_and_the_feed_kept() -> None:
    opml = f"""<opml version="2.0"><body><outline text="{"x" * 150}">
      <outline type="rss" text="Gazette" xmlUrl="https://gazette.example/rss"/></outline>
    </body></opml>""".encode()
    report = sources.import_opml(opml)
    assert [f.url for f in report.added] == ["https://gazette.example/rss"]
    [(url, reason)] = report.failures
    assert url == "https://gazette.example/rss" and "left out" in reason
    assert Feed.objects.get().categories == []


def test_export_falls_back_to_the_source_home_page_only_without_a_site_address() -> None:
    source = Source.objects.create(
        name="Gazette",
        slug="gazette",
        domain="gazette.example",
        home_url="https://gazette.example/",
    )
    now = timezone.now()
    Feed.objects.create(
        source=source, url="https://gazette.example/a.xml", title="A", next_check_at=now
    )
    Feed.objects.create(
        source=source,
        url="https://gazette.example/b.xml",
        next_check_at=now,
        html_url="https://gazette.example/b/",
        categories=["Local"],
    )
    exported = {f.xml_url: f for f in parse_opml(sources.export_opml().encode())}
    assert exported["https://gazette.example/a.xml"] == OutlineFeed(
        "https://gazette.example/a.xml", "A", "https://gazette.example/", ()
    )
    assert exported["https://gazette.example/b.xml"] == OutlineFeed(
        "https://gazette.example/b.xml", "Gazette", "https://gazette.example/b/", ("Local",)
    )


def test_a_feed_added_by_url_keeps_its_home_link(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    body = rss_feed(
        [{"title": "A", "link": local_server.url("/a")}],
        title="Harbour Times",
        link=local_server.url("/harbour/"),
    )
    url = local_server.add("/rss", body, headers={"Content-Type": "application/rss+xml"})
    [added] = sources.add_source(url, fetcher)
    assert added.feed.html_url == local_server.url("/harbour/")


def test_built_in_feeds_are_filed_under_their_list_category() -> None:
    defaults = sources.default_feeds()
    [added] = sources.add_default_feeds([0])
    added.feed.refresh_from_db()
    assert added.feed.categories == list(defaults[0].categories)
    assert added.feed.html_url == defaults[0].html_url

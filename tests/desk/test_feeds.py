"""Checking feeds end to end against a real server: entries become articles, pages are
extracted, conditional GET, redirects, Gone, Retry-After, malformed feeds, health records."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.articles import Outcome, process_article
from newsdesk.desk.feeds import check_feed, claim_due_feeds
from newsdesk.desk.sources import register_feed
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.sources.models import Feed, FeedStatus, FetchAttempt, FetchOutcome
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db

RSS = {"Content-Type": "application/rss+xml"}


def serve_site(server: LocalServer, count: int = 3) -> str:
    items = []
    for i in range(count):
        link = server.url(f"/news/story-{i}?utm_source=rss")
        server.add(f"/news/story-{i}", article_page(f"Ferry service story {i}"))
        items.append({"title": f"Ferry service story {i}", "link": link})
    return server.add("/feed.xml", rss_feed(items), headers={**RSS, "ETag": '"v1"'})


def test_entries_become_articles_with_extracted_pages(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    feed = register_feed(serve_site(local_server)).feed
    report = check_feed(feed.pk, None, fetcher)
    assert report.outcome == FetchOutcome.OK
    assert report.new_articles == 3 and len(report.claims) == 3
    pending = Article.objects.get(url=local_server.url("/news/story-0"))
    assert pending.status == ArticleStatus.PENDING
    assert pending.body_origin == BodyOrigin.FEED  # the feed's summary, until the page arrives
    outcomes = [process_article(claim, fetcher) for claim in report.claims]
    assert outcomes == [Outcome.PAGE] * 3
    article = Article.objects.get(url=local_server.url("/news/story-0"))
    assert article.status == ArticleStatus.READY and article.body_origin == BodyOrigin.PAGE
    assert "eleven votes to four" in article.text
    assert "All rights reserved" not in article.text
    assert article.title == "Ferry service story 0"
    assert article.language == "en"
    assert "<p>" in article.html and "<nav" not in article.html
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.last_status == 200 and feed.consecutive_failures == 0
    assert feed.next_check_at > timezone.now()


def test_second_check_is_conditional_and_adds_nothing(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    url = serve_site(local_server)
    feed = register_feed(url).feed
    check_feed(feed.pk, None, fetcher)

    def not_modified(handler):  # type: ignore[no-untyped-def]
        sent = handler.headers.get("If-None-Match")
        handler.send_response(304 if sent == '"v1"' else 200)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    local_server.add("/feed.xml", handler=not_modified)
    report = check_feed(feed.pk, None, fetcher)
    assert report.outcome == FetchOutcome.NOT_MODIFIED and report.status == 304
    assert Article.objects.count() == 3
    outcomes = list(FetchAttempt.objects.filter(feed=feed).values_list("outcome", flat=True))
    assert outcomes == [FetchOutcome.NOT_MODIFIED, FetchOutcome.OK]


def test_the_same_article_in_two_feeds_is_stored_once(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    first = register_feed(serve_site(local_server)).feed
    link = local_server.url("/news/story-1?utm_medium=email&fbclid=x#top")
    second_url = local_server.add(
        "/other.xml", rss_feed([{"title": "Story", "link": link}]), headers=RSS
    )
    second = register_feed(second_url).feed
    check_feed(first.pk, None, fetcher)
    report = check_feed(second.pk, None, fetcher)
    assert report.new_articles == 0 and report.claims == []
    assert Article.objects.count() == 3
    # The second feed's other title and summary do not count as a new version of the article.
    assert Article.objects.get(url=local_server.url("/news/story-1")).title == (
        "Ferry service story 1"
    )


def test_republished_item_updates_in_place(local_server: LocalServer, fetcher: Fetcher) -> None:
    link = local_server.url("/news/story")
    local_server.add("/news/story", article_page("Ferry story"))
    url = local_server.add(
        "/feed.xml", rss_feed([{"title": "Ferry story", "link": link}]), headers=RSS
    )
    feed = register_feed(url).feed
    for claim in check_feed(feed.pk, None, fetcher).claims:
        process_article(claim, fetcher)
    original = Article.objects.get()
    local_server.add(
        "/feed.xml",
        rss_feed(
            [{"title": "Ferry story (updated)", "link": link, "summary": "Corrected figures."}]
        ),
        headers=RSS,
    )
    report = check_feed(feed.pk, None, fetcher)
    assert report.new_articles == 0 and len(report.claims) == 1
    assert [process_article(c, fetcher) for c in report.claims] == [Outcome.PAGE]
    updated = Article.objects.get()
    assert updated.pk == original.pk
    assert updated.title == "Ferry story (updated)"


def test_page_failure_keeps_the_feed_content(local_server: LocalServer, fetcher: Fetcher) -> None:
    link = local_server.url("/news/missing")  # the server answers 404
    summary = "A summary long enough to stand in for the article when its page is missing."
    url = local_server.add(
        "/feed.xml",
        rss_feed([{"title": "Gone page", "link": link, "summary": summary}]),
        headers=RSS,
    )
    feed = register_feed(url).feed
    [claim] = check_feed(feed.pk, None, fetcher).claims
    assert process_article(claim, fetcher) == Outcome.FEED
    article = Article.objects.get()
    assert article.status == ArticleStatus.READY and article.body_origin == BodyOrigin.FEED
    assert summary in article.text and "404" in article.last_error


def test_permanent_redirect_moves_the_feed_and_gone_retires_it(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    new_url = serve_site(local_server)
    old_url = local_server.add("/old.xml", status=301, headers={"Location": new_url})
    feed = register_feed(old_url).feed
    assert check_feed(feed.pk, None, fetcher).outcome == FetchOutcome.OK
    feed.refresh_from_db()
    assert feed.url == new_url
    local_server.add("/feed.xml", "gone", status=410)
    assert check_feed(feed.pk, None, fetcher).outcome == FetchOutcome.RETIRED
    feed.refresh_from_db()
    assert feed.status == FeedStatus.RETIRED and "410" in feed.status_reason
    assert check_feed(feed.pk, None, fetcher).outcome == "skipped"


def test_retry_after_and_failures_back_off(local_server: LocalServer, fetcher: Fetcher) -> None:
    url = local_server.add("/busy.xml", "busy", status=503, headers={"Retry-After": "7200"})
    feed = register_feed(url).feed
    before = timezone.now()
    report = check_feed(feed.pk, None, fetcher)
    assert report.outcome == FetchOutcome.ERROR and report.status == 503
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1 and feed.error_count == 1
    assert feed.next_check_at >= before + timedelta(seconds=7200)
    assert "503" in feed.last_error


def test_malformed_feeds_are_recorded_and_the_batch_goes_on(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    bad = [
        local_server.add("/html.xml", "<!doctype html><html><body>Welcome</body></html>"),
        local_server.add("/junk.xml", b"\x00\x01\xff\xfe binary junk \x00", headers=RSS),
        local_server.add("/empty.xml", "", headers=RSS),
        local_server.add(
            "/bomb.xml",
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            "<rss><channel><title>&c;</title></channel></rss>",
            headers=RSS,
        ),
    ]
    good = serve_site(local_server)
    feeds = [register_feed(url).feed for url in [*bad, good]]
    due = claim_due_feeds(timezone.now())
    assert sorted(pk for pk, _ in due) == sorted(f.pk for f in feeds)
    reports = [check_feed(pk, token, fetcher) for pk, token in due]
    by_feed = {r.feed_id: r for r in reports}
    assert by_feed[feeds[-1].pk].new_articles == 3
    for feed in feeds[:-1]:
        feed.refresh_from_db()
        assert feed.consecutive_failures == 1 and feed.last_error, feed.url
        assert by_feed[feed.pk].outcome == FetchOutcome.ERROR


def test_stale_claims_do_nothing(local_server: LocalServer, fetcher: Fetcher) -> None:
    feed = register_feed(serve_site(local_server)).feed
    [(pk, token)] = claim_due_feeds(timezone.now())
    assert claim_due_feeds(timezone.now()) == []  # claimed: not due again until its lease ends
    assert check_feed(pk, "not-the-token", fetcher).outcome == "skipped"
    assert check_feed(pk, token, fetcher).outcome == FetchOutcome.OK
    assert check_feed(pk, token, fetcher).outcome == "skipped"  # the claim was used up
    assert feed.pk == pk


def test_news_sitemaps_and_their_index(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.add("/news/story-0", article_page("Ferry sitemap story"))
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{local_server.url('/news/story-0')}</loc><news:news>"
        "<news:publication><news:name>Example Times</news:name><news:language>en"
        "</news:language></news:publication>"
        "<news:publication_date>2026-03-10T08:00:00+00:00</news:publication_date>"
        "<news:title>Ferry sitemap story</news:title></news:news></url></urlset>"
    )
    child = local_server.add("/news-sitemap.xml", sitemap, headers={"Content-Type": "text/xml"})
    index = local_server.add(
        "/sitemap-index.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{child}</loc></sitemap></sitemapindex>",
        headers={"Content-Type": "application/xml"},
    )
    feed = register_feed(index).feed
    assert check_feed(feed.pk, None, fetcher).outcome == FetchOutcome.OK
    child_feed = Feed.objects.get(url=child)
    assert child_feed.source_id == feed.source_id
    [claim] = check_feed(child_feed.pk, None, fetcher).claims
    assert process_article(claim, fetcher) == Outcome.PAGE
    article = Article.objects.get()
    assert article.title == "Ferry sitemap story" and article.published_at.year == 2026


def test_an_unexpected_crash_is_recorded_on_the_feed(local_server: LocalServer) -> None:
    from newsdesk.desk.feeds import record_crash

    feed = register_feed(local_server.url("/feed.xml")).feed
    record_crash(feed.pk, KeyError("entries"))
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1 and "internal error: KeyError" in feed.last_error
    assert feed.next_check_at > timezone.now()
    assert FetchAttempt.objects.get(feed=feed).outcome == FetchOutcome.ERROR


def test_the_check_log_is_cut_back_every_tenth_check(
    local_server: LocalServer, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FetchAttempt, "KEEP_PER_FEED", 3)
    feed = register_feed(serve_site(local_server, count=1)).feed
    counts = []
    for _ in range(20):
        check_feed(feed.pk, None, fetcher)
        counts.append(FetchAttempt.objects.filter(feed=feed).count())
    # Cut back at checks 10 and 20 (to the 3 kept and the one at the cut-off, as always),
    # growing by one a check between.
    assert counts == [*range(1, 10), 4, *range(5, 14), 4]


def test_due_feeds_are_claimed_a_batch_at_a_time(
    local_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsdesk.desk.feeds.CLAIM_BATCH", 2)
    feeds = [register_feed(local_server.url(f"/feed-{i}.xml")).feed for i in range(5)]
    now = timezone.now()
    Feed.objects.update(next_check_at=now - timedelta(minutes=1))
    Feed.objects.filter(pk=feeds[2].pk).update(next_check_at=now + timedelta(hours=1))
    claimed = claim_due_feeds(now)
    assert sorted(pk for pk, _ in claimed) == sorted(f.pk for f in feeds if f is not feeds[2])
    assert len({token for _, token in claimed}) == 2  # batches of two under one token each
    for pk, token in claimed:
        assert Feed.objects.get(pk=pk).claim == token
    assert claim_due_feeds(now) == []

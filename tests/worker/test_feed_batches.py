"""Due feeds are checked a batch to a job: each feed keeps its own check, record and log line."""

from __future__ import annotations

import logging

import pytest

from newsdesk.articles.models import Article
from newsdesk.desk.feeds import claim_due_feeds
from newsdesk.desk.queue import queue_figures
from newsdesk.desk.sources import register_feed
from newsdesk.sources.models import Feed, FetchAttempt
from newsdesk.worker.tasks import FEED_BATCH, check_feeds_job, enqueue_feed_checks
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

RSS = {"Content-Type": "application/rss+xml"}


@pytest.mark.django_db
@pytest.mark.usefixtures("allow_local_fetch")
def test_a_failing_feed_does_not_stop_the_others_of_its_batch(
    local_server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    local_server.add("/a", article_page("Ferry"))
    good = rss_feed([{"title": "Ferry", "link": local_server.url("/a")}])
    urls = [
        local_server.add("/broken.xml", "down for now", status=500),
        local_server.add("/good.xml", good, headers=RSS),
        "http://127.0.0.1:9/closed.xml",  # nothing listens: the connection is refused
    ]
    feeds = [register_feed(url).feed for url in urls]
    claims = claim_due_feeds(max(feed.next_check_at for feed in feeds))
    assert len(claims) == 3
    caplog.set_level(logging.INFO, logger="newsdesk.jobs")

    result = check_feeds_job.call([[feed_id, token] for feed_id, token in claims])

    assert result == {"outcome": "done", "feeds": 3, "outcomes": {"error": 2, "ok": 1}}
    attempts = dict(FetchAttempt.objects.values_list("feed__url", "outcome"))
    assert attempts == {urls[0]: "error", urls[1]: "ok", urls[2]: "error"}
    broken, fine, closed = (Feed.objects.get(pk=feed.pk) for feed in feeds)
    assert broken.last_status == 500 and broken.consecutive_failures == 1
    assert fine.last_error == "" and fine.claim == "" and fine.check_count == 1
    assert closed.last_status is None and closed.last_error
    assert Article.objects.filter(feed=fine).count() == 1
    lines = {r.item: r for r in caplog.records if r.name == "newsdesk.jobs"}  # type: ignore[attr-defined]
    assert set(lines) == {feed.pk for feed in feeds}
    assert lines[fine.pk].levelno == logging.INFO and lines[fine.pk].outcome == "ok"  # type: ignore[attr-defined]
    assert lines[broken.pk].levelno == logging.WARNING and "500" in lines[broken.pk].error  # type: ignore[attr-defined]


@pytest.mark.django_db
@pytest.mark.usefixtures("allow_local_fetch")
def test_a_stale_claim_in_a_batch_is_skipped_alone(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", rss_feed([]), headers=RSS)
    feed = register_feed(url).feed
    [(feed_id, token)] = claim_due_feeds(feed.next_check_at)
    result = check_feeds_job.call([[feed_id, "stale"], [feed_id, token]])
    assert result["outcomes"] == {"skipped": 1, "ok": 1}
    assert FetchAttempt.objects.filter(feed=feed).count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("in_process_queue")
def test_due_feeds_are_queued_a_batch_to_a_job() -> None:
    claims = [(feed_id, f"token-{feed_id}") for feed_id in range(1, 2 * FEED_BATCH + 2)]
    enqueue_feed_checks(claims)
    assert queue_figures().depth["feeds"] == 3

"""One log line per job on ``newsdesk.jobs``: kind, item, outcome, duration and error."""

from __future__ import annotations

import logging

import pytest

from newsdesk.desk.feeds import claim_due_feeds
from newsdesk.desk.joblog import logged_job
from newsdesk.desk.sources import register_feed
from newsdesk.worker.tasks import check_feed_job, place_stories_job, process_article_job
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

RSS = {"Content-Type": "application/rss+xml"}


def job_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "newsdesk.jobs"]


@pytest.mark.django_db
@pytest.mark.usefixtures("allow_local_fetch")
def test_each_job_logs_one_line_with_its_fields(
    local_server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    local_server.add("/ok", article_page("Ferry"))
    items = [{"title": "Ferry", "link": local_server.url("/ok")},
             {"title": "Gone", "link": local_server.url("/gone")}]  # fmt: skip
    feed = register_feed(local_server.add("/feed.xml", rss_feed(items), headers=RSS)).feed
    [(feed_id, token)] = claim_due_feeds(feed.next_check_at)
    caplog.set_level(logging.INFO, logger="newsdesk.jobs")
    report = check_feed_job.call(feed_id, token)
    [line] = job_records(caplog)
    assert line.levelno == logging.INFO
    assert line.getMessage().startswith(f"job feed_check feed={feed_id} outcome=ok ")
    assert line.getMessage().endswith(" ms")
    fields = {k: getattr(line, k) for k in ("job", "item", "outcome", "duration_ms", "error")}
    assert fields["job"] == "feed_check" and fields["item"] == feed_id
    assert fields["outcome"] == "ok" and fields["error"] == ""
    assert isinstance(fields["duration_ms"], float) and fields["duration_ms"] > 0
    assert report["new"] == 2
    caplog.clear()
    from newsdesk.articles.models import Article

    for article in Article.objects.order_by("url"):
        process_article_job.call(article.pk, article.claim)
    gone, ok = job_records(caplog)
    assert (ok.levelno, ok.outcome, ok.error) == (logging.INFO, "page", "")  # type: ignore[attr-defined]
    assert gone.levelno == logging.WARNING and gone.outcome == "feed"  # type: ignore[attr-defined]
    assert "404" in gone.error and "404" in gone.getMessage()  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_stale_job_logs_that_it_skipped(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="newsdesk.jobs")
    place_stories_job.call("not-the-holder")
    [line] = job_records(caplog)
    assert line.getMessage().startswith("job stories outcome=skipped ")
    assert line.item is None  # type: ignore[attr-defined]


def test_a_job_that_raises_logs_an_error_and_raises(caplog: pytest.LogCaptureFixture) -> None:
    @logged_job("example", item="thing")
    def broken(thing: int) -> str:
        raise KeyError("entries")

    with pytest.raises(KeyError):
        broken(7)
    [line] = job_records(caplog)
    assert line.levelno == logging.ERROR
    assert line.getMessage().startswith("job example thing=7 outcome=crashed ")
    assert line.error == "KeyError('entries')"  # type: ignore[attr-defined]

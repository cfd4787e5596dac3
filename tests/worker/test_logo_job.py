"""The logo job on the real queue: the scheduler hands due logos to it after pages are read."""

from __future__ import annotations

import logging

import pytest

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.logos import claim_due_logos
from newsdesk.desk.sources import register_feed
from newsdesk.sources.models import Source, SourceLogo
from newsdesk.worker.runner import run_until_idle
from newsdesk.worker.tasks import refresh_logo_job
from tests.support.news import article_page, rss_feed
from tests.support.publishers import icon_png
from tests.support.server import LocalServer

RSS = {"Content-Type": "application/rss+xml"}
TOUCH = '<link rel="apple-touch-icon" sizes="152x152" href="/touch.png"></head>'


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_local_fetch", "in_process_queue")
def test_workers_fetch_the_logo_a_page_offers(local_server: LocalServer) -> None:
    local_server.add("/news/a", article_page("Ferry").replace("</head>", TOUCH, 1))
    local_server.add("/touch.png", icon_png(152), headers={"Content-Type": "image/png"})
    items = [{"title": "Ferry", "link": local_server.url("/news/a")}]
    register_feed(local_server.add("/feed.xml", rss_feed(items), headers=RSS))
    run_until_idle(threads=2)
    assert Article.objects.get().status == ArticleStatus.READY
    source = Source.objects.get()
    assert source.logo_version and local_server.hits["/touch.png"] == 1
    assert SourceLogo.objects.get().fetched_from == local_server.url("/touch.png")


@pytest.mark.django_db
@pytest.mark.usefixtures("allow_local_fetch")
def test_the_logo_job_logs_what_failed(
    local_server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    local_server.add("/", "<html><head><title>Home</title></head><body>Hi</body></html>")
    source = Source.objects.create(name="H", slug="h", home_url=local_server.url("/"))
    claim_due_logos(timezone.now())
    [(source_id, token)] = claim_due_logos(timezone.now() + timedelta(hours=1))
    caplog.set_level(logging.INFO, logger="newsdesk.jobs")
    assert refresh_logo_job.call(source_id, token)["outcome"] == "none"
    [line] = [r for r in caplog.records if r.name == "newsdesk.jobs"]
    assert line.getMessage().startswith(f"job logo source={source.pk} outcome=none ")
    assert "favicon.ico: HTTP 404" in line.getMessage()

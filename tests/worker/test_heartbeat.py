"""The heartbeat renews exactly the claims of this process's running jobs, up to the job lease;
the database queue fails the jobs of workers that stopped beating."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.articles.models import Article
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.leases import Held, claim_ttl, holding, renew_held
from newsdesk.desk.runtime import get_fetcher
from newsdesk.desk.sources import register_feed
from newsdesk.desk.stories import claim_story_work, run_story_work
from newsdesk.jobs.models import WorkerBeat
from newsdesk.sources.models import Feed
from newsdesk.stories.models import DeskLease
from newsdesk.worker.dbqueue import DatabaseQueue
from newsdesk.worker.tasks import place_stories_job
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("allow_local_fetch")]


def two_pending_articles(server: LocalServer) -> list[Article]:
    items = []
    for i in range(2):
        server.add(f"/a/{i}", article_page(f"Ferry {i}"))
        items.append({"title": f"Ferry {i}", "link": server.url(f"/a/{i}")})
    url = server.add("/feed.xml", rss_feed(items), headers={"Content-Type": "application/rss+xml"})
    check_feed(register_feed(url).feed.pk, None, get_fetcher())
    return list(Article.objects.order_by("pk"))


def test_only_the_claims_held_here_are_renewed(local_server: LocalServer) -> None:
    held, other = two_pending_articles(local_server)
    now = timezone.now()
    before = other.claimed_until
    with holding(Held.ARTICLE, held.pk, held.claim):
        assert renew_held(now) == 1
    held.refresh_from_db()
    other.refresh_from_db()
    assert held.claimed_until == now + claim_ttl()
    assert other.claimed_until == before
    assert renew_held(now + timedelta(seconds=5)) == 0  # the job ended: nothing held


def test_a_claim_taken_by_another_job_is_not_taken_back(local_server: LocalServer) -> None:
    article, _ = two_pending_articles(local_server)
    stale = article.claim
    Article.objects.filter(pk=article.pk).update(claim="another-job")
    with holding(Held.ARTICLE, article.pk, stale):
        assert renew_held() == 0


def test_a_job_held_longer_than_the_job_lease_is_no_longer_renewed(
    local_server: LocalServer, settings: Any
) -> None:
    article, _ = two_pending_articles(local_server)
    settings.NEWSDESK = replace(settings.NEWSDESK, job_lease=0.3)
    with holding(Held.ARTICLE, article.pk, article.claim):
        assert renew_held() == 1
        time.sleep(0.4)  # the job hangs past its lease: its item is left to expire
        assert renew_held() == 0


def test_feed_and_story_claims_are_renewed(local_server: LocalServer) -> None:
    feed = register_feed(local_server.add("/f.xml", rss_feed([]))).feed
    Feed.objects.filter(pk=feed.pk).update(claim="feed-token")
    now = timezone.now()
    token = claim_story_work(now)
    assert token is not None
    with holding(Held.FEED, feed.pk, "feed-token"), holding(Held.STORIES, "stories", token):
        assert renew_held(now) == 2
    assert Feed.objects.get(pk=feed.pk).next_check_at == now + claim_ttl()
    assert DeskLease.objects.get(name="stories").until == now + claim_ttl()


def test_a_dead_story_job_blocks_placement_for_the_claim_ttl_only() -> None:
    now = timezone.now()
    token = claim_story_work(now)
    assert token is not None
    # Its job started (the lease now lasts the claim TTL) and its worker died: nobody renews.
    DeskLease.objects.filter(holder=token).update(until=now + claim_ttl())
    assert claim_story_work(now + claim_ttl() / 2) is None
    later = claim_story_work(now + claim_ttl() + timedelta(seconds=1))
    assert later is not None and later != token
    assert run_story_work(token).outcome == "skipped"  # the dead job's token is stale
    assert run_story_work(later).outcome == "done"
    assert run_story_work(later).outcome == "skipped"  # a job queued twice runs once


def test_the_database_queue_fails_the_jobs_of_workers_that_stopped_beating() -> None:
    now = timezone.now()
    alive = DatabaseQueue()
    alive.beat(now)
    WorkerBeat.objects.create(
        process="deadprocess", started_at=now, beat_at=now - claim_ttl() - timedelta(seconds=1)
    )
    started = now - claim_ttl() - timedelta(seconds=5)
    cases = {
        "alive": ([f"{alive.process}.0"], started),
        "dead": (["deadprocess.1"], started),
        "unknown": (["neverbeat.0"], started),
        "young": (["neverbeat.1"], now),  # its worker may not have beaten yet
        "hung": ([f"{alive.process}.1"], now - timedelta(seconds=601)),  # past the job lease
    }
    jobs = {}
    for name, (workers, since) in cases.items():
        result = place_stories_job.enqueue(name)
        DBTaskResult.objects.filter(pk=result.id).update(
            status=TaskResultStatus.RUNNING, started_at=since, worker_ids=workers
        )
        jobs[name] = str(result.id)
    assert alive.fail_lost_jobs(now) == 3
    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("id", "status")}
    failed = {name for name, pk in jobs.items() if status[pk] == TaskResultStatus.FAILED}
    assert failed == {"dead", "unknown", "hung"}
    assert alive.running_count() == 2
    alive.stop_workers(1)
    assert not WorkerBeat.objects.filter(process=alive.process).exists()

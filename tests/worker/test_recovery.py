"""A worker killed with ``kill -9`` mid-job: its article comes back within the claim TTL.

Real processes on the test's database (SQLite and PostgreSQL) and queue (database and Redis): a
worker takes an article whose page the local server holds open, is seen to keep its claim past
the TTL while alive (the heartbeat), is killed, and a second worker finishes everything, the
killed job's article included, long before the job lease, and nothing twice.
"""

from __future__ import annotations

import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import redis

from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer
from tests.support.workers import WorkerSite

RSS = {"Content-Type": "application/rss+xml"}
CLAIM_TTL = 5  # seconds; the job lease stays at its default of 600


class HeldPages:
    """Article pages of one feed; the very first page requested is held until ``release``."""

    def __init__(self, server: LocalServer, count: int) -> None:
        self.server = server
        self.held = threading.Event()
        self.release = threading.Event()
        self.first: str | None = None
        self._lock = threading.Lock()
        items = []
        for i in range(count):
            path = f"/news/{i}"
            server.add(path, handler=self._replier(path, article_page(f"Held story {i}")))
            items.append({"title": f"Held story {i}", "link": server.url(path)})
        self.feed_url = server.add("/feed.xml", rss_feed(items), headers=RSS)

    def _replier(self, path: str, page: str):  # type: ignore[no-untyped-def]
        body = page.encode()

        def reply(handler) -> None:  # type: ignore[no-untyped-def]
            with self._lock:
                first = self.first is None
                if first:
                    self.first = path
            if first:
                self.held.set()
                self.release.wait(120)
            try:
                handler.send_response(200)
                handler.send_header("Content-Type", "text/html; charset=utf-8")
                handler.send_header("Content-Length", str(len(body)))
                handler.end_headers()
                handler.wfile.write(body)
            except OSError:
                pass  # the held reader was killed: nobody to answer

        return reply

    def hits(self) -> dict[str, int]:
        return {p: n for p, n in self.server.hits.items() if p.startswith("/news/")}


def claimed_until(site: WorkerSite, article_id: int) -> datetime:
    value = site.value("SELECT claimed_until FROM articles_article WHERE id = %s", article_id)
    if isinstance(value, str):  # SQLite keeps UTC as text
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    assert isinstance(value, datetime)
    return value


def start_holding_worker(site: WorkerSite, pages: HeldPages) -> tuple[subprocess.Popen[str], int]:
    """A one-thread worker, stopped in the middle of its first article; that article's id."""
    site.newsdesk("add", pages.feed_url)
    worker = site.start_worker("--threads", "1")
    site.wait_for(pages.held.is_set, 90, "the first article page requested")
    assert pages.first is not None
    article_id = site.scalar("SELECT id FROM articles_article WHERE url LIKE %s", f"%{pages.first}")
    return worker, article_id


@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_article_is_done_again_within_the_claim_ttl(
    local_server: LocalServer, site: WorkerSite, queue_name: str
) -> None:
    count = 3
    site.env["NEWSDESK_CLAIM_TTL"] = str(CLAIM_TTL)
    pages = HeldPages(local_server, count)
    try:
        first, article_id = start_holding_worker(site, pages)
        # Alive, the worker keeps its claim past the TTL: its heartbeat renews it.
        time.sleep(CLAIM_TTL * 1.6)
        assert claimed_until(site, article_id) > datetime.now(UTC)
        assert running_jobs(site, queue_name) == 1  # and the queue knows its job is running
        assert first.poll() is None
        first.kill()  # SIGKILL: no clean-up of any kind
        first.wait()
        second = site.start_worker("--threads", "2")
        ready = "SELECT count(*) FROM articles_article WHERE status = 'ready'"
        recovery = site.wait_for(lambda: site.scalar(ready) == count, 90, "every article ready")
    finally:
        pages.release.set()
    site.wait_for(
        lambda: site.scalar("SELECT count(*) FROM stories_placement") == count,
        60,
        "every article placed in a story",
    )
    stopping = time.monotonic()
    output = site.stop_process(second)
    print(f"recovered in {recovery:.1f} s; stopped in {time.monotonic() - stopping:.1f} s")
    # TTL (5 s) + one scheduler pass (5 s) + the second worker's start; the lease is 600 s.
    assert recovery < 45, output
    assert pages.hits() == {f"/news/{i}": 2 if f"/news/{i}" == pages.first else 1 for i in range(3)}
    assert site.scalar("SELECT count(*) FROM articles_article") == count
    assert site.scalar("SELECT count(*) FROM articles_article WHERE body_origin = 'page'") == count
    assert site.scalar("SELECT count(*) FROM sources_fetchattempt") == 1
    assert f"job article article={article_id} outcome=page" in output
    # The queue's own record: the killed job is failed as lost, not left running.
    assert running_jobs(site, queue_name) == 0
    if queue_name == "database":
        jobs = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE "
        assert site.scalar(jobs + "exception_class_path LIKE %s", "%LostJobError") == 1
    else:
        queue = redis.Redis.from_url(site.env["NEWSDESK_QUEUE_URL"])
        assert queue.zcard("rq:failed:articles") == 1


def running_jobs(site: WorkerSite, queue_name: str) -> int:
    """Article jobs the queue records as running."""
    if queue_name == "database":
        return site.scalar(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        )
    return int(redis.Redis.from_url(site.env["NEWSDESK_QUEUE_URL"]).zcard("rq:wip:articles"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("queue_name", ["redis"])
def test_jobs_lost_with_redis_come_back_from_the_claims(
    local_server: LocalServer, site: WorkerSite
) -> None:
    """Redis restarts empty: no job of the queue is left, the claims in the database are."""
    count = 4
    site.env["NEWSDESK_CLAIM_TTL"] = str(CLAIM_TTL)
    pages = HeldPages(local_server, count)
    try:
        first, _ = start_holding_worker(site, pages)
        first.kill()
        first.wait()
    finally:
        pages.release.set()
    queue = redis.Redis.from_url(site.env["NEWSDESK_QUEUE_URL"])
    assert queue.llen("rq:queue:articles") == count - 1  # the jobs not started yet
    for key in queue.scan_iter("rq:*"):
        queue.delete(key)
    # The articles whose jobs were queued are claimed for the queue lease (an hour): move their
    # claims an hour back, as if that hour had passed.
    site.execute(
        "UPDATE articles_article SET claimed_until = %s WHERE claimed_until > %s",
        site.moment(datetime.now(UTC) - timedelta(seconds=1)),
        site.moment(datetime.now(UTC) + timedelta(seconds=CLAIM_TTL * 2)),
    )
    time.sleep(CLAIM_TTL)  # and the killed job's own claim runs out
    site.newsdesk("worker", "--until-idle", timeout=180)
    assert site.scalar("SELECT count(*) FROM articles_article WHERE status = 'ready'") == count
    assert site.scalar("SELECT count(*) FROM articles_article WHERE body_origin = 'page'") == count
    assert pages.hits() == {
        f"/news/{i}": 2 if f"/news/{i}" == pages.first else 1 for i in range(count)
    }

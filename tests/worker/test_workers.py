"""Jobs on the real queue: two worker processes on PostgreSQL share the work, none twice."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.sources import register_feed
from newsdesk.stories.models import Placement
from newsdesk.worker.runner import run_until_idle, schedule_once
from tests.support.news import article_page, rss_feed
from tests.support.processes import NEWSDESK, database_env
from tests.support.server import LocalServer

RSS = {"Content-Type": "application/rss+xml"}


def serve_feed(server: LocalServer, count: int, delay: float = 0.0) -> str:
    items = []
    for i in range(count):
        page = article_page(f"Story number {i}").encode()

        def slow_page(handler, page=page):  # type: ignore[no-untyped-def]
            time.sleep(delay)
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.send_header("Content-Length", str(len(page)))
            handler.end_headers()
            handler.wfile.write(page)

        server.add(f"/news/{i}", handler=slow_page)
        items.append({"title": f"Story number {i}", "link": server.url(f"/news/{i}")})
    return server.add("/feed.xml", rss_feed(items), headers=RSS)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_local_fetch")
def test_in_process_workers_ingest_a_feed(local_server: LocalServer) -> None:
    register_feed(serve_feed(local_server, 8))
    run_until_idle(threads=2)
    assert Article.objects.filter(status=ArticleStatus.READY).count() == 8
    assert all(local_server.hits[f"/news/{i}"] == 1 for i in range(8))
    assert DBTaskResult.objects.failed().count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_local_fetch")
def test_two_worker_processes_share_the_work_without_doubles(
    local_server: LocalServer, tmp_path: Path
) -> None:
    count = 60
    register_feed(serve_feed(local_server, count, delay=0.05))
    env = database_env(tmp_path)
    # One feed check runs here and enqueues the article jobs; the workers share those.
    assert schedule_once() == 1
    from newsdesk.worker.tasks import check_feed_job

    job = DBTaskResult.objects.get(task_path__endswith="check_feed_job")
    check_feed_job.call(*job.args_kwargs["args"])
    job.delete()
    article_jobs = DBTaskResult.objects.ready().filter(task_path__endswith="process_article_job")
    assert article_jobs.count() == count
    workers = [
        subprocess.Popen(
            [*NEWSDESK, "worker", "--threads", "1", "--until-idle"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=180)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    assert Article.objects.filter(status=ArticleStatus.READY).count() == count
    assert sorted(local_server.hits[f"/news/{i}"] for i in range(count)) == [1] * count
    done = DBTaskResult.objects.successful().filter(task_path__endswith="process_article_job")
    assert done.count() == count
    per_worker: dict[str, int] = {}
    for ids in done.values_list("worker_ids", flat=True):
        assert len(ids) == 1  # each job was claimed by exactly one worker
        per_worker[ids[0]] = per_worker.get(ids[0], 0) + 1
    assert len(per_worker) == 2 and min(per_worker.values()) >= count // 6, per_worker
    # Story placement runs in one job at a time: every article is placed once.
    assert Placement.objects.count() == count
    assert Placement.objects.values("story").distinct().count() >= 1
    assert timezone.now()


def test_a_killed_worker_loses_nothing_and_doubles_nothing(
    local_server: LocalServer, tmp_path: Path
) -> None:
    """SIGKILL a worker mid-run, start another: every article arrives once (SQLite)."""
    count = 30
    feed_url = serve_feed(local_server, count, delay=0.15)
    env = {**database_env(tmp_path), "NEWSDESK_JOB_LEASE": "2"}
    env.pop("DATABASE_URL", None)
    data = ["--data-dir", str(tmp_path)]
    subprocess.run([*NEWSDESK, *data, "add", feed_url], env=env, check=True, capture_output=True)
    first = subprocess.Popen(
        [*NEWSDESK, *data, "worker", "--threads", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while sum(local_server.hits.values()) < count // 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        first.kill()  # no clean shutdown: the job in hand dies with the process
        first.wait()
    done_before = ready_count(tmp_path)
    assert 0 < done_before < count
    second = subprocess.run(
        [*NEWSDESK, *data, "worker", "--threads", "2", "--until-idle"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0, second.stdout + second.stderr
    assert ready_count(tmp_path) == count
    with sqlite3.connect(tmp_path / "newsdesk.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM articles_article").fetchone()[0] == count
    pages = [local_server.hits[f"/news/{i}"] for i in range(count)]
    assert min(pages) == 1 and sum(pages) <= count + 1  # only the page in hand is fetched again


def ready_count(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "newsdesk.sqlite3") as db:
        row = db.execute("SELECT count(*) FROM articles_article WHERE status = 'ready'").fetchone()
    return int(row[0])

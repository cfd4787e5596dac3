"""Jobs on the real queues, database and Redis: workers share the work and do nothing twice."""

from __future__ import annotations

import re
import subprocess
import time
import urllib.request

import pytest

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.queue import queue_figures
from newsdesk.desk.sources import register_feed
from newsdesk.stories.models import Placement
from newsdesk.worker.backends import queue_backend
from newsdesk.worker.runner import run_until_idle
from tests.support.news import article_page, rss_feed
from tests.support.processes import NEWSDESK, free_port
from tests.support.server import LocalServer
from tests.support.workers import WorkerSite

RSS = {"Content-Type": "application/rss+xml"}
ARTICLE_LINE = re.compile(r"job article article=(\d+) outcome=(\w+) \d+ ms")


def serve_feed(server: LocalServer, count: int, delay: float = 0.0, name: str = "news") -> str:
    items = []
    for i in range(count):
        title = f"Story {name} number {i}"
        page = article_page(title).encode()

        def slow_page(handler, page=page):  # type: ignore[no-untyped-def]
            time.sleep(delay)
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.send_header("Content-Length", str(len(page)))
            handler.end_headers()
            handler.wfile.write(page)

        server.add(f"/{name}/{i}", handler=slow_page)
        items.append({"title": title, "link": server.url(f"/{name}/{i}")})
    return server.add(f"/{name}.xml", rss_feed(items), headers=RSS)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_local_fetch", "in_process_queue")
def test_in_process_workers_ingest_a_feed(local_server: LocalServer, queue_name: str) -> None:
    register_feed(serve_feed(local_server, 8))
    run_until_idle(threads=2)
    assert Article.objects.filter(status=ArticleStatus.READY).count() == 8
    assert all(local_server.hits[f"/news/{i}"] == 1 for i in range(8))
    assert Placement.objects.count() == 8
    queue = queue_backend()
    assert queue.name == queue_name
    assert (queue_figures().total, queue.running_count()) == (0, 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_local_fetch", "in_process_queue")
def test_the_queue_counts_what_waits() -> None:
    from django.utils import timezone

    from newsdesk.worker.tasks import place_stories_job

    empty = queue_figures(timezone.now())
    assert empty.total == 0 and empty.oldest_due_age is None
    for _ in range(3):
        place_stories_job.enqueue("no-such-lease")
    time.sleep(0.2)
    waiting = queue_figures()
    assert waiting.total == 3
    age = waiting.oldest_due_age
    assert age is not None and 0.2 <= age < 30
    run_until_idle(threads=1)  # the jobs find no lease of theirs and do nothing
    assert queue_figures().total == 0


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_share_the_work_without_doubles(
    local_server: LocalServer, site: WorkerSite
) -> None:
    feeds, per_feed = 2, 12
    for name in ("north", "south"):
        site.newsdesk("add", serve_feed(local_server, per_feed, delay=0.3, name=name))
    workers = [site.start_worker("--threads", "2", "--until-idle") for _ in range(2)]
    outputs = [w.communicate(timeout=240)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    count = feeds * per_feed
    pages = {path: n for path, n in local_server.hits.items() if path.count("/") == 2}
    assert len(pages) == count and set(pages.values()) == {1}, local_server.hits
    assert site.scalar("SELECT count(*) FROM articles_article") == count
    assert site.scalar("SELECT count(*) FROM articles_article WHERE status = 'ready'") == count
    assert site.scalar("SELECT count(*) FROM sources_fetchattempt") == feeds
    # Story placement runs in one job at a time: every article is placed once.
    assert site.scalar("SELECT count(*) FROM stories_placement") == count
    # One log line per article job, all from the page, none twice, from both workers.
    done = [ARTICLE_LINE.findall(output) for output in outputs]
    assert all(outcome == "page" for lines in done for _, outcome in lines), outputs
    ids = [article for lines in done for article, _ in lines]
    assert len(ids) == len(set(ids)) == count, outputs
    assert all(lines for lines in done), outputs


@pytest.mark.django_db(transaction=True)
def test_serve_runs_the_jobs_of_either_queue(local_server: LocalServer, site: WorkerSite) -> None:
    site.newsdesk("add", serve_feed(local_server, 3))
    port = free_port()
    server = subprocess.Popen(
        [*NEWSDESK, "serve", "--port", str(port), "--add-defaults", "none"],
        env=site.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    site.processes.append(server)
    site.wait_for(lambda: page_of(port).count("Story news number") == 3, 90, "the home page")
    output = site.stop_process(server)
    assert output.count("job article article=") == 3, output


def page_of(port: int) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""

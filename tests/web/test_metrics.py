"""/metrics: Prometheus text that parses, with true figures after real work, and access rules.

The work is real: a feed served on 127.0.0.1 is checked and its articles fetched by the real
worker threads, the articles are placed in stories, a summary is asked of a model endpoint on
127.0.0.1; then the scrape must say so.
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk import ai
from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.desk.sources import register_feed
from newsdesk.worker.runner import run_until_idle
from newsdesk.worker.tasks import check_feed_job
from tests.support.chat import ChatServer, chat_fixture, events  # noqa: F401
from tests.support.processes import NEWSDESK, free_port
from tests.support.server import LocalServer
from tests.worker.test_workers import serve_feed

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(client: Client, **headers: str) -> Samples:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    assert "no-store" in response["Cache-Control"]
    return samples(response.content.decode())


def samples(text: str) -> Samples:
    """Every sample of a scrape by (name, labels), through Prometheus's own text parser."""
    found: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def value(found: Samples, name: str, **labels: str) -> float:
    return found[(name, frozenset(labels.items()))]


@pytest.fixture
def model(chat: ChatServer) -> Iterator[ChatServer]:
    settings.NEWSDESK = dataclasses.replace(
        settings.NEWSDESK,
        ai_engine=f"openai:{chat.url('/v1')}#tiny-test-model",
        ai_timeout=5.0,
        ai_daily_budget=50,
    )
    reset_ai_engine()
    yield chat
    reset_ai_engine()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_local_fetch")
def test_a_scrape_after_real_work_tells_the_work(
    local_server: LocalServer, model: ChatServer, client: Client
) -> None:
    register_feed(serve_feed(local_server, 6))
    run_until_idle(threads=2)
    assert Article.objects.filter(status=ArticleStatus.READY).count() == 6
    article = Article.objects.filter(status=ArticleStatus.READY).first()
    assert article is not None
    model.answer_with(events(["Ukraine and Russia swapped prisoners [1]."]))
    summary = ai.request_article(article, ai.Request(task="paragraph"), enqueue=lambda pk: None)
    ai.run_summary(summary.pk)
    article_page = frozenset({("method", "GET"), ("route", "/article/<int:article_id>/")})
    article_count = ("newsdesk_http_request_duration_seconds_count", article_page)
    before = scrape(client).get(article_count, 0)
    assert client.get("/").status_code == 200
    assert client.get(f"/article/{article.pk}/").status_code in (200, 301, 302)

    found = scrape(client)

    assert value(found, "newsdesk_database_up") == 1
    assert value(found, "newsdesk_feed_checks_total", outcome="success") == 1
    assert value(found, "newsdesk_feed_checks_total", outcome="failure") == 0
    assert value(found, "newsdesk_feeds", state="ok") == 1
    assert value(found, "newsdesk_feeds", state="failing") == 0
    assert value(found, "newsdesk_articles", status="ready") == 6
    assert value(found, "newsdesk_articles", status="pending") == 0
    assert value(found, "newsdesk_articles_unplaced") == 0
    assert value(found, "newsdesk_story_placements_total") == 6
    assert value(found, "newsdesk_stories", state="live") >= 1
    assert value(found, "newsdesk_queue_jobs", queue="articles") == 0
    assert value(found, "newsdesk_queue_oldest_due_job_age_seconds") == 0
    assert value(found, "newsdesk_ai_calls_total") == 1
    assert value(found, "newsdesk_ai_budget_remaining") == 49
    assert value(found, "newsdesk_ai_daily_budget") == 50
    # Requests by URL pattern, never by raw path; latency as a histogram per pattern.
    home = {"method": "GET", "route": "/", "status": "200"}
    assert value(found, "newsdesk_http_requests_total", **home) >= 1
    assert (
        value(found, "newsdesk_http_request_duration_seconds_count", method="GET", route="/") >= 1
    )
    assert value(
        found, "newsdesk_http_request_duration_seconds_bucket", method="GET", route="/", le="+Inf"
    ) >= 1  # fmt: skip
    # The counts are this process's: other tests' requests are in them too.
    assert found[article_count] == before + 1
    routes = {dict(labels).get("route") for _, labels in found}
    assert f"/article/{article.pk}/" not in routes


@pytest.mark.django_db
def test_queue_figures_count_due_jobs_and_the_oldest_wait(client: Client) -> None:
    check_feed_job.enqueue(1, "token")
    check_feed_job.enqueue(2, "token")
    DBTaskResult.objects.filter(args_kwargs__args=[1, "token"]).update(
        enqueued_at=timezone.now() - timedelta(seconds=700)
    )
    found = scrape(client)
    assert value(found, "newsdesk_queue_jobs", queue="feeds") == 2
    assert value(found, "newsdesk_queue_jobs", queue="articles") == 0
    assert 700 <= value(found, "newsdesk_queue_oldest_due_job_age_seconds") < 760


def test_routes_are_patterns_and_unknown_paths_one_label(db: None, client: Client) -> None:
    for number in range(5):
        client.get(f"/no-such-page-{number}/")
    found = scrape(client)
    unmatched = {"method": "GET", "route": "unmatched", "status": "404"}
    assert value(found, "newsdesk_http_requests_total", **unmatched) >= 5
    assert not any("no-such-page" in str(labels) for _, labels in found)


@pytest.fixture
def token() -> str:
    secret = "s3cret-scrape-token"
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, metrics_token=secret)
    return secret


@pytest.mark.django_db
def test_other_networks_get_the_sites_404(client: Client) -> None:
    site_404 = client.get("/no-such-page")
    refused = client.get("/metrics", REMOTE_ADDR="192.0.2.10")
    assert refused.status_code == 404
    assert refused.content == site_404.content.replace(b"/no-such-page", b"/metrics")
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::ffff:127.0.0.1").status_code == 200
    # A proxy on the same machine connects from loopback: forwarded requests are not let in.
    forwarded = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert forwarded.status_code == 404
    assert client.post("/metrics", REMOTE_ADDR="192.0.2.10").status_code != 405


@pytest.mark.django_db
def test_an_allowed_network_is_let_in(client: Client) -> None:
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, metrics_allow=("10.20.0.0/16",))
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


@pytest.mark.django_db
def test_the_token_lets_in_from_anywhere_and_only_the_right_one(client: Client, token: str) -> None:
    outside = {"REMOTE_ADDR": "192.0.2.10"}
    assert (
        client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}", **outside).status_code == 200
    )
    forwarded = {**outside, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert (
        client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}", **forwarded).status_code == 200
    )
    for wrong in (f"Bearer {token}x", "Bearer ", f"Basic {token}", token):
        assert client.get("/metrics", HTTP_AUTHORIZATION=wrong, **outside).status_code == 404


def test_no_token_configured_means_no_token_accepted(db: None, client: Client) -> None:
    assert settings.NEWSDESK.metrics_token == ""
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 404


MULTIPROCESS_CHILD = """
import os, sys
import django
django.setup()
# Set after the settings are read, before the first request, as a server does before forking.
os.environ["PROMETHEUS_MULTIPROC_DIR"] = sys.argv[3]
from django.test import Client
client = Client()
for _ in range(int(sys.argv[1])):
    assert client.get("/healthz").status_code == 200
if sys.argv[2] == "scrape":
    sys.stdout.write(client.get("/metrics").content.decode())
"""


def test_web_processes_add_up_their_requests_in_multiprocess_mode(tmp_path: Path) -> None:
    """Three processes answer requests; a scrape of the last one counts all of them."""
    shared = tmp_path / "prometheus"
    shared.mkdir()
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "newsdesk.conf.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    child = [sys.executable, "-c", MULTIPROCESS_CHILD]
    for count in (3, 4):
        subprocess.run([*child, str(count), "-", str(shared)], env=env, check=True, timeout=120)
    scraped = subprocess.run(
        [*child, "2", "scrape", str(shared)],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    found = samples(scraped.stdout)
    healthz = {"method": "GET", "route": "/healthz", "status": "200"}
    assert value(found, "newsdesk_http_requests_total", **healthz) == 9
    assert value(
        found, "newsdesk_http_request_duration_seconds_count", method="GET", route="/healthz"
    ) == 9  # fmt: skip
    # The work figures come from the database (not migrated here: it says so, once).
    assert value(found, "newsdesk_database_up") == 0
    assert len(list(shared.glob("*.db"))) >= 3  # one file of figures per process


def get_status(port: int, path: str, headers: dict[str, str]) -> int:
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_real_server_lets_a_proxy_forward_nobody_to_metrics(tmp_path: Path) -> None:
    """``newsdesk web`` on loopback: a direct scrape is answered, a proxied one is not."""
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    port = free_port()
    server = subprocess.Popen(
        [*NEWSDESK, "web", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert get_status(port, "/healthz", {}) == 200
        assert get_status(port, "/metrics", {}) == 200
        for header in ("X-Forwarded-For", "Forwarded"):
            assert get_status(port, "/metrics", {header: "203.0.113.5"}) == 404, header
    finally:
        server.terminate()
        server.wait(timeout=30)

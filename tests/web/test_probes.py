"""/healthz and /readyz: cheap, never cached, never redirected, and true about what they check."""

from __future__ import annotations

import dataclasses
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsdesk.conf.logs import PROBE_PATHS
from newsdesk.desk import monitoring
from newsdesk.web import probes
from newsdesk.worker.tasks import check_feed_job
from tests.support.processes import database_env, free_port


@pytest.fixture(autouse=True)
def fresh_readiness(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from a process that has not answered /readyz yet."""
    monkeypatch.setattr(monitoring, "_migrated", False)
    monkeypatch.setattr(probes, "_last_failed", ())


def test_the_log_settings_know_the_probes() -> None:
    assert set(probes.PROBES) == PROBE_PATHS  # their error lines are left to readiness


def test_healthz_answers_without_the_database_for_any_host(client: Client) -> None:
    """No database marker: a query here would fail the test."""
    for host in ("127.0.0.1:8000", "10.0.3.7", "not-an-allowed-host.example"):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert response.content == b"ok"
        assert response["Content-Type"].startswith("text/plain")
        assert "no-store" in response["Cache-Control"]
        assert not response.cookies
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_probes_are_not_redirected_even_behind_https_redirects(client: Client) -> None:
    with override_settings(SECURE_SSL_REDIRECT=True, APPEND_SLASH=True):
        assert client.get("/healthz").status_code == 200
        assert client.get("/some-page").status_code == 301  # the site itself is redirected


@pytest.mark.django_db
def test_readyz_reports_its_checks(client: Client) -> None:
    response = client.get("/readyz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "migrations": "ok", "queue": "ok"}
    assert body["queue_due_jobs"] == 0 and body["queue_oldest_due_seconds"] == 0
    assert not response.cookies


def stall_the_queue(seconds: float) -> None:
    check_feed_job.enqueue(1, "token")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.django_db
def test_a_stalled_queue_makes_readyz_fail(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    stall_the_queue(100)
    assert client.get("/readyz").status_code == 200  # waiting 100 s is not stalled
    stall_the_queue(700)
    with caplog.at_level(logging.INFO, logger="newsdesk"):
        answers = [client.get("/readyz") for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 503]
    body = answers[0].json()
    assert body["status"] == "fail" and body["failed"] == ["queue"]
    assert body["checks"]["queue"].startswith("the oldest due job has waited 7")
    assert body["checks"]["queue"].endswith("(limit 600 s)")
    assert body["queue_due_jobs"] == 2
    # One warning when readiness changed, not one per probe; no "Service Unavailable" lines.
    lines = [r for r in caplog.records if r.name.startswith(("newsdesk.ready", "django"))]
    assert [(r.name, r.levelname) for r in lines] == [("newsdesk.ready", "WARNING")]
    assert "not ready: queue: the oldest due job" in lines[0].getMessage()
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ready_max_queue_age=0)
    assert client.get("/readyz").status_code == 200  # 0 turns the queue check off


@pytest.fixture
def page_cache() -> Iterator[None]:
    """The page cache as the settings put it when it is on, inside the probes."""
    middleware = list(settings.MIDDLEWARE)
    on = [
        *middleware[:2],
        "django.middleware.cache.UpdateCacheMiddleware",
        *middleware[2:],
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    cache.clear()
    with override_settings(MIDDLEWARE=on, CACHE_MIDDLEWARE_SECONDS=30):
        yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_probes_are_never_served_from_the_page_cache(client: Client) -> None:
    assert client.get("/readyz").status_code == 200
    stall_the_queue(700)
    assert client.get("/readyz").status_code == 503
    # Even with the page cache outermost: a probe never reaches its fetching half, which is
    # what marks a request for the cache (and its headers forbid any cache to keep it).
    outermost = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *[m for m in settings.MIDDLEWARE if ".cache." not in m],
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    with override_settings(MIDDLEWARE=outermost):
        DBTaskResult.objects.all().delete()
        assert client.get("/readyz").status_code == 200
        stall_the_queue(700)
        assert client.get("/readyz").status_code == 503


@pytest.mark.django_db(transaction=True)
def test_readyz_names_unapplied_migrations_until_they_are_applied(client: Client) -> None:
    call_command("migrate", "comments", "0001", verbosity=0)
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        body = response.json()
        assert body["failed"] == ["migrations"]
        assert body["checks"]["migrations"] == "1 not applied: comments.0002_comment_author_kept"
        assert body["checks"]["queue"] == "not checked"
    finally:
        call_command("migrate", "comments", verbosity=0)
    assert client.get("/readyz").status_code == 200
    assert monitoring._migrated  # kept: later probes do not load the migration graph again


READYZ_CHILD = """
import django, json, sys
django.setup()
from django.test import Client
response = Client().get("/readyz")
sys.stdout.write(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_readyz_fails_when_the_database_is_unreachable(tmp_path: Path) -> None:
    """A real process whose PostgreSQL address has nothing listening."""
    env = {
        **database_env(tmp_path),
        "DJANGO_SETTINGS_MODULE": "newsdesk.conf.settings",
        "DATABASE_URL": f"postgresql://newsdesk@127.0.0.1:{free_port()}/newsdesk",
    }
    done = subprocess.run(
        [sys.executable, "-c", READYZ_CHILD], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == 503
    assert answer["body"]["failed"] == ["database"]
    assert answer["body"]["checks"] == {
        "database": "unreachable",
        "migrations": "not checked",
        "queue": "not checked",
    }
    assert "127.0.0.1" not in done.stdout  # the address is in the log, not in the answer
    assert "not ready: database: OperationalError" in done.stderr

"""Fixtures shared by every test: a real HTTP server on 127.0.0.1, the real language model's
server, password hashing at test cost, and paths to shared data."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from tests.support.llm_server import real_llm_server_fixture  # noqa: F401 (one for the run)
from tests.support.server import LocalServer

REPO = Path(__file__).resolve().parent.parent
# Property tests check behaviour, not speed: on a shared, loaded machine Hypothesis's per-example
# deadline (200 ms) fails examples that take 20 ms when the machine is quiet. Speed is measured
# by the benchmarks.
hypothesis_settings.register_profile("newsdesk", deadline=None)
hypothesis_settings.load_profile("newsdesk")

SHARED = REPO.parent / "shared"
DATASETS = SHARED / "datasets"


@pytest.fixture(scope="session", autouse=True)
def static_files_collected() -> None:
    """Pages name their static files by hashed names, read from the collected manifest."""
    from django.conf import settings

    from newsdesk.cli.static import collect_if_changed

    collect_if_changed()
    # Processes the tests start (serve, worker, the CLI) collect into a root of their own, one
    # per test worker: a child that collects must never rewrite files this session is serving.
    # It starts as a copy of the session's, so a child that serves without collecting (a WSGI
    # app set up by hand) finds the manifest too.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    children = f"{settings.STATIC_ROOT}-children-{worker}"
    shutil.copytree(settings.STATIC_ROOT, children, dirs_exist_ok=True)
    os.environ["NEWSDESK_STATIC_ROOT"] = children


QUICK_HASHER = "tests.support.hashers.QuickArgon2PasswordHasher"


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing() -> Iterator[None]:
    """Passwords hashed in this process cost microseconds, not 0.3 s (tests/support/hashers.py)."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=[QUICK_HASHER, *settings.PASSWORD_HASHERS]):
        yield


@pytest.fixture
def production_password_hashing(settings: Any) -> None:
    """The production hashers, for a test whose point is what a password check costs."""
    settings.PASSWORD_HASHERS = [h for h in settings.PASSWORD_HASHERS if h != QUICK_HASHER]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The test database, made by pytest-django; before it is dropped, sessions that worker and
    web processes started by the tests still hold on PostgreSQL (one killed a moment before the
    run ends may not be gone yet) are ended, so the drop is not refused."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def language_reset() -> Iterator[None]:
    """A language a test activated (a German page, a job run for an Arabic reader) ends with the
    test: under xdist the next test in the process may be any other file's."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def site_rules_forgotten() -> Iterator[None]:
    """The site-wide rules a process keeps (decision 65) are those of the test that read them;
    a rolled-back test leaves their number as it found it, so the next test reads them again."""
    yield
    from newsdesk.desk.readers.rules import forget_site_rules

    forget_site_rules()


@pytest.fixture(autouse=True)
def newsdesk_settings_restored() -> Iterator[None]:
    """Whatever a test does to ``settings.NEWSDESK`` (an engine, a limit) ends with the test."""
    from django.conf import settings

    from newsdesk.desk import runtime

    saved = settings.NEWSDESK
    yield
    if settings.NEWSDESK is not saved:
        settings.NEWSDESK = saved
        runtime.reset_ai_engine()


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture
def allow_local_fetch(settings: Any) -> Iterator[None]:
    """Let the process-wide Fetcher (used by jobs) reach the test server on 127.0.0.1."""
    from newsdesk.desk import runtime

    settings.NEWSDESK = replace(
        settings.NEWSDESK, fetch_allow_networks=("127.0.0.1/32",), host_delay=0.0
    )
    runtime.reset_fetcher()
    yield
    runtime.reset_fetcher()


@pytest.fixture
def datasets() -> Path:
    if not DATASETS.is_dir():
        pytest.skip("../shared/datasets is not beside this checkout (it is in CI)")
    return DATASETS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the database also runs in the PostgreSQL pass of scripts/test, unless
    it is marked ``same_on_every_backend`` (what it checks cannot differ by database: decision 41
    in docs/dev/decisions.md says which tests may be)."""
    for item in items:
        if item.get_closest_marker("same_on_every_backend"):
            continue
        if item.get_closest_marker("django_db") or "transactional_db" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.database)

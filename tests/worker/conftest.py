"""Fixtures of the worker tests: each queue backend, in this process and for worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.support.workers import WorkerSite, redis_queue_url

QUEUES = ["database", "redis"]


@pytest.fixture
def redis_url() -> Iterator[str]:
    yield from redis_queue_url()


@pytest.fixture(params=QUEUES)
def queue_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def queue_env(queue_name: str) -> Iterator[dict[str, str]]:
    """The environment that puts worker processes on the queue backend under test."""
    if queue_name == "database":
        yield {"NEWSDESK_QUEUE": "database"}
        return
    for url in redis_queue_url():
        yield {"NEWSDESK_QUEUE": "redis", "NEWSDESK_QUEUE_URL": url}


@pytest.fixture
def site(tmp_path: Path, queue_env: dict[str, str]) -> Iterator[WorkerSite]:
    workers = WorkerSite(tmp_path, **queue_env)
    yield workers
    workers.close()


@pytest.fixture
def in_process_queue(queue_name: str, settings: Any) -> Iterator[str]:
    """This process's jobs go to the queue backend under test (as NEWSDESK_QUEUE would)."""
    if queue_name == "database":
        yield queue_name
        return
    for url in redis_queue_url():
        settings.NEWSDESK = replace(settings.NEWSDESK, queue="redis", queue_url=url)
        settings.RQ_QUEUES = {
            name: {"URL": url, "DEFAULT_TIMEOUT": -1} for name in settings.TASK_QUEUES
        }
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": settings.TASK_QUEUES}
        }
        yield queue_name

"""The job queue as the worker sees it: one small interface, a database and a Redis (RQ) kind.

django-tasks puts jobs on the queue (``task.enqueue``) whatever the backend; what differs is
how they are run and watched. ``QueueBackend`` is that part: start and stop this process's
worker threads, say that they are alive (``beat``), count what waits and what runs, mark jobs
whose worker died as failed, and drop old results. ``queue_backend()`` gives the configured kind
(``NEWSDESK_QUEUE``, decision 25); nothing else in the worker imports a backend's internals.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from django.conf import settings

KEEP_RESULTS = timedelta(days=1)  # finished job records kept this long


class QueueBackend(Protocol):
    """The queue of the configured backend, and the worker threads this process runs on it."""

    name: str

    def start_workers(self, count: int, *, poll_interval: float) -> None:
        """Start ``count`` worker threads taking jobs from every queue."""

    def stop_workers(self, timeout: float) -> None:
        """Stop taking jobs, let the jobs in hand finish (up to ``timeout`` s), join the threads."""

    def beat(self, now: datetime) -> None:
        """Record that this process's workers, and the jobs they run, are alive."""

    def running_count(self) -> int:
        """Jobs running, as the queue records it (a dead worker's job until it is failed)."""

    def fail_lost_jobs(self, now: datetime) -> int:
        """Mark failed the jobs still "running" under a worker that stopped beating."""

    def clean_old_results(self, now: datetime) -> int:
        """Delete records of jobs that finished more than ``KEEP_RESULTS`` ago."""


def queue_backend() -> QueueBackend:
    """The configured backend (a new one: its workers, if started, belong to the caller)."""
    if settings.NEWSDESK.queue == "redis":
        from newsdesk.worker.rqqueue import RedisQueue

        return RedisQueue()
    from newsdesk.worker.dbqueue import DatabaseQueue

    return DatabaseQueue()

"""How the job queue is doing: jobs waiting to run, and how long the oldest has waited.

Read by readiness (``/readyz``: a queue whose oldest due job is too old is stalled) and by the
metrics. The figures come from the queue's own store, so they are true for every worker on every
machine. Each queue backend has one reading function (the database's rows, or Redis's lists for
django-tasks-rq); a backend without one reads as an empty queue (no figures rather than wrong
ones).

A job is *due* once it may run (it was not deferred, or its time has come); it has waited since
then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Case, Count, F, Min, When
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks_db.backend import DatabaseBackend


@dataclass(frozen=True)
class QueueFigures:
    """Due jobs per queue name (every configured queue, zero included) and the oldest's age."""

    depth: dict[str, int] = field(default_factory=dict)
    oldest_due_age: float | None = None  # seconds; None when nothing is due

    @property
    def total(self) -> int:
        return sum(self.depth.values())


def queue_figures(now: datetime | None = None, backend: str = "default") -> QueueFigures:
    """The figures of the named task backend (``TASKS`` in the Django settings)."""
    now = now or timezone.now()
    queue = task_backends[backend]
    if isinstance(queue, DatabaseBackend):
        return _database_figures(queue, now)
    if type(queue).__module__.startswith("django_tasks_rq"):
        return _redis_figures(queue, now)
    return QueueFigures()


def queue_depth() -> dict[str, int]:
    """Jobs due and waiting for a worker, per queue name."""
    return queue_figures().depth


def oldest_due_job_age() -> float | None:
    """Seconds the oldest due job has waited for a worker; None when no job is waiting."""
    return queue_figures().oldest_due_age


def _database_figures(queue: BaseTaskBackend, now: datetime) -> QueueFigures:
    """django-tasks-db: READY rows not deferred past ``now`` (its own ``ready()`` filter)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    due = DBTaskResult.objects.ready().filter(backend_name=queue.alias)
    depth = dict.fromkeys(sorted(queue.queues), 0)
    for name, count in due.values_list("queue_name").annotate(count=Count("id")).order_by():
        depth[name] = count
    # A deferred job became due at its ``run_after``; the others when they were enqueued.
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = due.aggregate(oldest=Min(due_since))["oldest"]
    age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else None
    return QueueFigures(depth, age)


def _redis_figures(queue: BaseTaskBackend, now: datetime) -> QueueFigures:
    """django-tasks-rq: each queue's list of waiting jobs, oldest at its head."""
    import django_rq

    depth: dict[str, int] = {}
    oldest: datetime | None = None
    for name in sorted(queue.queues):
        rq_queue = django_rq.get_queue(name)
        depth[name] = rq_queue.count
        head = rq_queue.get_jobs(0, 1)
        enqueued = head[0].enqueued_at if head else None
        if enqueued is not None:
            enqueued = enqueued if enqueued.tzinfo else enqueued.replace(tzinfo=UTC)
            oldest = enqueued if oldest is None else min(oldest, enqueued)
    age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else None
    return QueueFigures(depth, age)

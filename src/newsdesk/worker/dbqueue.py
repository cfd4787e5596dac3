"""The database queue (django-tasks-db): worker threads, worker heartbeats, lost jobs.

Jobs are rows of ``DBTaskResult``; a worker thread (django-tasks-db's own worker loop) claims one
with ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, an exclusive transaction on SQLite.
The library records which worker claimed a job but not whether it is still alive, so each
process writes a ``WorkerBeat`` row and names its workers ``<process>.<n>``: a running job whose
process has not beaten for the claim TTL lost its worker and is marked failed.
"""

from __future__ import annotations

import os
import socket
import threading
from datetime import datetime

from django.db import connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from newsdesk.desk.leases import claim_ttl, job_lease
from newsdesk.jobs.models import WorkerBeat
from newsdesk.worker.backends import KEEP_RESULTS


class LostJobError(Exception):
    """Recorded as the error of a job whose worker stopped before it finished."""


class DatabaseQueue:
    name = "database"

    def __init__(self) -> None:
        self.process = get_random_string(16)
        self.started_at = timezone.now()
        self.workers: list[Worker] = []
        self.threads: list[threading.Thread] = []
        self.stopped = False

    def start_workers(self, count: int, *, poll_interval: float) -> None:
        self.beat(timezone.now())  # alive before the first job is claimed
        for i in range(count):
            worker = Worker(
                queue_names=["*"],
                interval=poll_interval,
                batch=False,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=f"{self.process}.{i}",
                excluded_queue_names=[],
            )
            thread = threading.Thread(
                target=self._run, args=(worker,), daemon=True, name=f"newsdesk-worker-{i}"
            )
            self.workers.append(worker)
            self.threads.append(thread)
            thread.start()

    def stop_workers(self, timeout: float) -> None:
        for worker in self.workers:
            worker.running = False
        for thread in self.threads:
            thread.join(timeout)
        self.stopped = True
        WorkerBeat.objects.filter(process=self.process).delete()

    @staticmethod
    def _run(worker: Worker) -> None:
        try:
            worker.run()
        finally:
            connections.close_all()  # this thread's connections: the thread is ending

    def beat(self, now: datetime) -> None:
        if self.stopped:
            return
        if not WorkerBeat.objects.filter(process=self.process).update(beat_at=now):
            WorkerBeat.objects.create(
                process=self.process,
                host=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=self.started_at,
                beat_at=now,
            )

    def running_count(self) -> int:
        return DBTaskResult.objects.running().count()

    def fail_lost_jobs(self, now: datetime) -> int:
        """Running jobs whose process stopped beating, or that outlived the job lease.

        A job younger than the claim TTL is left alone: its process may not have beaten yet.
        Their items come back through the item claims (``desk.leases``); this keeps the queue's
        own record true, so ``--until-idle`` and operators do not wait for them.
        """
        ttl = claim_ttl()
        running = DBTaskResult.objects.running().filter(started_at__lt=now - ttl)
        jobs = list(running.values_list("id", "worker_ids", "started_at"))
        if not jobs:
            return 0
        alive = set(
            WorkerBeat.objects.filter(beat_at__gte=now - ttl).values_list("process", flat=True)
        )
        hung_before = now - job_lease()
        lost = [
            pk
            for pk, worker_ids, started_at in jobs
            if _process_of(worker_ids) not in alive or (started_at and started_at < hung_before)
        ]
        return (
            DBTaskResult.objects.running()
            .filter(pk__in=lost)
            .update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{LostJobError.__module__}.{LostJobError.__qualname__}",
                traceback="The worker running this job stopped before it finished.",
            )
        )

    def clean_old_results(self, now: datetime) -> int:
        deleted, _ = (
            DBTaskResult.objects.finished().filter(finished_at__lt=now - KEEP_RESULTS).delete()
        )
        WorkerBeat.objects.filter(beat_at__lt=now - KEEP_RESULTS).delete()
        return deleted


def _process_of(worker_ids: list[str]) -> str:
    """The process of the worker that claimed the job last (ids are ``<process>.<n>``)."""
    return worker_ids[-1].split(".", 1)[0] if worker_ids else ""

"""The Redis queue (django-tasks-rq on RQ): worker threads, their heartbeats, lost jobs.

django-tasks-rq turns each ``task.enqueue`` into an RQ job on the queue of the task's name. The
workers here are RQ's ``SimpleWorker`` (a job runs in the worker itself, no fork) run as threads,
so ``newsdesk serve`` and ``newsdesk worker`` run them as they run the database queue's, and the
jobs' claims are in this process for its heartbeat to renew. As threads they leave signals to
the process and set no RQ time limit (both need the main thread): jobs keep their own deadlines,
and the job lease bounds a job that hangs.

An RQ job being run sits in its queue's started registry until an expiry; here the expiry is the
claim TTL, and ``beat`` moves it forward while the job runs. A killed worker's job expires, and
``fail_lost_jobs`` (RQ's own registry clean-up) moves it to the failed registry.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

import django_rq
from django.db import close_old_connections, connections
from django_tasks import default_task_backend
from django_tasks_rq.backend import Job
from redis import Redis
from rq.job import Job as RQJob
from rq.queue import Queue
from rq.registry import (
    DeferredJobRegistry,
    FailedJobRegistry,
    FinishedJobRegistry,
    StartedJobRegistry,
)
from rq.timeouts import BaseDeathPenalty
from rq.utils import now as rq_now
from rq.worker import SimpleWorker
from rq.worker_registration import clean_worker_registry

from newsdesk.desk.leases import claim_ttl, job_lease
from newsdesk.worker.backends import KEEP_RESULTS

# Seconds a worker blocks on an empty queue before it looks at its stop flag again; also how
# long a stop of an idle worker may take.
IDLE_WAIT = 2
# Failed jobs looked at per clean-up pass, oldest first.
CLEAN_BATCH = 500


class _NoTimeLimit(BaseDeathPenalty):
    """RQ's time limits use SIGALRM, which only the main thread can set: none here."""

    def setup_death_penalty(self) -> None:
        pass

    def cancel_death_penalty(self) -> None:
        pass


class ThreadWorker(SimpleWorker):
    """An RQ worker that runs in a thread of a newsdesk process."""

    death_penalty_class = _NoTimeLimit

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.running: tuple[Queue, float] | None = None  # the job's queue, when it started

    def _install_signal_handlers(self) -> None:
        """The process stops its workers through ``request_stop``; signals are its own."""

    def get_heartbeat_ttl(self, job: RQJob) -> int:
        """A running job's entry in the started registry lasts the claim TTL, then ``beat``."""
        return max(1, int(claim_ttl().total_seconds()))

    def execute_job(self, job: RQJob, queue: Queue) -> None:
        close_old_connections()
        self.running = (queue, time.monotonic())
        try:
            super().execute_job(job, queue)
        finally:
            self.running = None
            close_old_connections()

    def dequeue_job_and_maintain_ttl(
        self, timeout: int | None, max_idle_time: int | None = None
    ) -> tuple[RQJob, Queue] | None:
        """Wait for a job in short turns, giving up only when asked to stop.

        RQ's own wait ends on a signal only, which a thread does not get.
        """
        while not self._stop_requested:
            found = super().dequeue_job_and_maintain_ttl(timeout, max_idle_time=IDLE_WAIT)
            if found is not None:
                return found
        return None

    def request_stop_from_thread(self) -> None:
        self._stop_requested = True

    def clean_registries(self) -> None:
        """RQ's periodic clean-up, with a lost job's failure callback run without SIGALRM."""
        for queue in self.queues:
            if queue.acquire_maintenance_lock():
                clean_queue_registries(queue)
                clean_worker_registry(queue)
                queue.intermediate_queue.cleanup(self, queue)
                queue.release_maintenance_lock()
        self.last_cleaned_at = rq_now()  # type: ignore[assignment]


def started_registry(queue: Queue) -> StartedJobRegistry:
    return StartedJobRegistry(queue=queue, job_class=Job, death_penalty_class=_NoTimeLimit)


def clean_queue_registries(queue: Queue) -> None:
    """What ``rq.registry.clean_registries`` does, safe in a thread."""
    FinishedJobRegistry(queue=queue, job_class=Job).cleanup()
    started_registry(queue).cleanup()
    FailedJobRegistry(queue=queue, job_class=Job).cleanup()
    DeferredJobRegistry(queue=queue, job_class=Job).cleanup()


class RedisQueue:
    name = "redis"

    def __init__(self) -> None:
        self.queue_names = sorted(default_task_backend.queues)
        self.connection: Redis = django_rq.get_connection(self.queue_names[0])
        self.workers: list[ThreadWorker] = []
        self.threads: list[threading.Thread] = []

    def queues(self, connection: Redis | None = None) -> list[Queue]:
        return [
            django_rq.get_queue(name, connection=connection or self.connection, job_class=Job)
            for name in self.queue_names
        ]

    def start_workers(self, count: int, *, poll_interval: float) -> None:
        for i in range(count):
            connection = django_rq.get_connection(self.queue_names[0])
            worker = ThreadWorker(
                self.queues(connection),
                connection=connection,
                job_class=Job,
                log_job_description=False,
            )
            thread = threading.Thread(
                target=self._run, args=(worker,), daemon=True, name=f"newsdesk-rq-worker-{i}"
            )
            self.workers.append(worker)
            self.threads.append(thread)
            thread.start()

    def stop_workers(self, timeout: float) -> None:
        for worker in self.workers:
            worker.request_stop_from_thread()
        for thread in self.threads:
            thread.join(timeout)

    @staticmethod
    def _run(worker: ThreadWorker) -> None:
        try:
            worker.work(logging_level="WARNING")
        finally:
            connections.close_all()

    def beat(self, now: datetime) -> None:
        """Keep the started-registry entries (and worker keys) of this process's jobs alive.

        A job running past the job lease is not renewed: the queue then fails it as lost, as
        the item's claim lapses for a new job to take it.
        """
        ttl = max(1, int(claim_ttl().total_seconds()))
        limit = job_lease().total_seconds()
        for worker in self.workers:
            running, execution = worker.running, worker.execution
            if running is None or execution is None:
                continue
            queue, started = running
            if time.monotonic() - started >= limit:
                continue
            with worker.connection.pipeline() as pipeline:
                worker.heartbeat(pipeline=pipeline)
                execution.heartbeat(queue.started_job_registry, ttl, pipeline)
                pipeline.execute()

    def running_count(self) -> int:
        return sum(
            queue.started_job_registry.get_job_count(cleanup=False) for queue in self.queues()
        )

    def fail_lost_jobs(self, now: datetime) -> int:
        lost = 0
        for queue in self.queues():
            registry = started_registry(queue)
            lost += len(registry.get_expired_job_ids(now.timestamp()))
            registry.cleanup(now.timestamp())
        return lost

    def clean_old_results(self, now: datetime) -> int:
        """Failed jobs are kept a year by RQ: drop those that failed over a day ago."""
        cutoff = now - KEEP_RESULTS
        deleted = 0
        for queue in self.queues():
            registry = FailedJobRegistry(queue=queue)
            ids = registry.get_job_ids(0, CLEAN_BATCH - 1, cleanup=False)
            for job in Job.fetch_many(ids, connection=self.connection):
                if job is not None and job.ended_at is not None and job.ended_at < cutoff:
                    registry.remove(job, delete_job=True)
                    deleted += 1
        return deleted

"""Running the queue: worker threads (django-tasks-db's worker loop) and the scheduler loop.

``newsdesk serve`` runs both inside the web process; ``newsdesk worker`` runs them alone, on any
number of machines sharing one database. Every scheduler may run at once: claims are conditional
updates, so a due feed or stale article is enqueued by one of them only.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from newsdesk.desk.articles import job_lease, requeue_stale
from newsdesk.desk.feeds import claim_due_feeds
from newsdesk.desk.stories import claim_story_work
from newsdesk.worker.tasks import enqueue_articles, enqueue_feed_checks, place_stories_job

logger = logging.getLogger("newsdesk.worker")

# Seconds between looks for due feeds and stale articles; with up to 2,000 feeds claimed a look,
# the scheduler can hand out 8,000 checks a minute.
SCHEDULER_INTERVAL = 15.0
KEEP_RESULTS = timedelta(days=1)  # finished job records kept this long


def schedule_once() -> int:
    """Enqueue due feed checks, lost or retrying article jobs and the story job.

    Returns how many feed checks and article jobs were enqueued.
    """
    now = timezone.now()
    fail_lost_jobs(now)
    feeds = claim_due_feeds(now)
    enqueue_feed_checks(feeds)
    articles = requeue_stale(now)
    enqueue_articles(articles)
    story_token = claim_story_work(now)
    if story_token:
        place_stories_job.enqueue(story_token)
    DBTaskResult.objects.finished().filter(finished_at__lt=now - KEEP_RESULTS).delete()
    return len(feeds) + len(articles)


def fail_lost_jobs(now: datetime) -> int:
    """Mark as failed the jobs still "running" past the lease: their worker died with them.

    Their items are recovered by the item leases (see decision 2); this only keeps the queue's
    own record true, so ``--until-idle`` and operators do not wait for them.
    """
    lost = DBTaskResult.objects.running().filter(started_at__lt=now - job_lease())
    return lost.update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="newsdesk.worker.runner.LostJob",
        traceback="The worker running this job stopped before it finished.",
    )


def pending_jobs() -> int:
    return DBTaskResult.objects.ready().count()


class WorkerPool:
    """Worker threads plus a scheduler thread, stopped together."""

    def __init__(self, threads: int, *, scheduler: bool = True, interval: float = 0.5) -> None:
        self.stop_event = threading.Event()
        self.workers = [self._new_worker(interval) for _ in range(threads)]
        self.threads = [
            threading.Thread(
                target=self._run_worker, args=(w,), daemon=True, name=f"newsdesk-worker-{i}"
            )
            for i, w in enumerate(self.workers)
        ]
        if scheduler:
            self.threads.append(
                threading.Thread(target=self._run_scheduler, daemon=True, name="newsdesk-scheduler")
            )

    @staticmethod
    def _new_worker(interval: float) -> Worker:
        return Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )

    def start(self) -> WorkerPool:
        for thread in self.threads:
            thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self.stop_event.set()
        for worker in self.workers:
            worker.running = False
        for thread in self.threads:
            thread.join(timeout)

    def _run_worker(self, worker: Worker) -> None:
        try:
            worker.run()
        finally:
            connections.close_all()  # this thread's connections: the thread is ending

    def _run_scheduler(self) -> None:
        while not self.stop_event.is_set():
            try:
                schedule_once()
            except Exception:
                logger.exception("scheduler pass failed; trying again")
            finally:
                close_old_connections()
            self.stop_event.wait(SCHEDULER_INTERVAL)
        connections.close_all()


def run_until_idle(threads: int = 2, idle_checks: int = 3) -> None:
    """Schedule and work until no job is left (``newsdesk worker --until-idle``, tests)."""
    pool = WorkerPool(threads, scheduler=False, interval=0.1).start()
    try:
        quiet = 0
        while quiet < idle_checks:
            schedule_once()
            busy = pending_jobs() or DBTaskResult.objects.running().exists()
            quiet = 0 if busy else quiet + 1
            pool.stop_event.wait(0.3)
    finally:
        pool.stop()
        close_old_connections()

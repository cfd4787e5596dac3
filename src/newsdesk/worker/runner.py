"""Running the queue: worker threads, the scheduler loop and the heartbeat, on either backend.

``newsdesk serve`` runs them inside the web process; ``newsdesk worker`` runs them alone, on any
number of machines sharing one database (and one Redis, with the Redis queue). Every scheduler
may run at once: claims are conditional updates, so a due feed or stale article is enqueued by
one of them only.

The heartbeat thread renews the claims of the jobs running in this process and tells the queue
that its workers are alive, every third of the claim TTL (decision 25): the work of a process
that dies comes back within about the TTL.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import close_old_connections, connections
from django.utils import timezone

from newsdesk.desk.articles import requeue_stale
from newsdesk.desk.body_images import link_body_images
from newsdesk.desk.feeds import claim_due_feeds
from newsdesk.desk.leases import claim_ttl, heartbeat_interval, renew_held
from newsdesk.desk.logos import claim_due_logos
from newsdesk.desk.media import claim_due_images, enqueue_images
from newsdesk.desk.media_sweep import claim_media_sweep
from newsdesk.desk.queue import queue_figures
from newsdesk.desk.readers.digests import claim_due_digests
from newsdesk.desk.readers.push_deliveries import claim_due_pushes
from newsdesk.desk.readers.webhook_deliveries import claim_due_deliveries
from newsdesk.desk.stories import claim_story_work
from newsdesk.desk.websub import claim_due_hub_pushes, claim_due_subscriptions
from newsdesk.desk.websub_hub import claim_due_hub_work
from newsdesk.worker.allocator import give_back
from newsdesk.worker.backends import QueueBackend, queue_backend
from newsdesk.worker.digest_tasks import enqueue_digests
from newsdesk.worker.hub_tasks import enqueue_hub_work
from newsdesk.worker.push_tasks import enqueue_pushes
from newsdesk.worker.tasks import (
    enqueue_articles,
    enqueue_feed_checks,
    enqueue_logos,
    place_stories_job,
    sweep_media_job,
)
from newsdesk.worker.webhook_tasks import enqueue_deliveries
from newsdesk.worker.websub_tasks import enqueue_websub

logger = logging.getLogger("newsdesk.worker")

# Seconds between looks for due feeds and stale articles; with up to 2,000 feeds claimed a look,
# the scheduler can hand out 8,000 checks a minute. Never longer than the claim TTL, so a dead
# worker's item waits at most TTL + interval (75 s with the defaults) before it is queued again.
SCHEDULER_INTERVAL = 15.0


def scheduler_interval() -> float:
    return min(SCHEDULER_INTERVAL, claim_ttl().total_seconds())


def schedule_once(queue: QueueBackend | None = None) -> int:
    """Enqueue due feed checks, lost or retrying article jobs, due images, the story job, due
    logos, the daily sweep of unused images, due e-mail digests, due webhook deliveries, due
    push notifications, due WebSub requests and pushes, and the site's hub's verifications and
    distributions.

    Returns how many feed checks, article jobs and image jobs were enqueued.
    """
    queue = queue or queue_backend()
    now = timezone.now()
    queue.fail_lost_jobs(now)
    feeds = claim_due_feeds(now)
    enqueue_feed_checks(feeds)
    articles = requeue_stale(now)
    enqueue_articles(articles)
    link_body_images(now)  # before the look for due images, which then finds theirs
    images = claim_due_images(now)
    enqueue_images(images)
    story_token = claim_story_work(now)
    if story_token:
        place_stories_job.enqueue(story_token)
    enqueue_logos(claim_due_logos(now))
    sweep_token = claim_media_sweep(now)
    if sweep_token:
        sweep_media_job.enqueue(sweep_token)
    enqueue_digests(claim_due_digests(now))
    enqueue_deliveries(claim_due_deliveries(now))
    enqueue_pushes(claim_due_pushes(now))
    enqueue_websub(claim_due_subscriptions(now), claim_due_hub_pushes(now))
    enqueue_hub_work(*claim_due_hub_work(now))
    queue.clean_old_results(now)
    return len(feeds) + len(articles) + len(images)


def beat_once(queue: QueueBackend) -> int:
    """One heartbeat: renew this process's claims, tell the queue its workers live."""
    now = timezone.now()
    renewed = renew_held(now)
    queue.beat(now)
    return renewed


@contextmanager
def renewing_claims() -> Iterator[None]:
    """Renew the claims of jobs run outside the queue, by ``newsdesk check``, while they run."""
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(heartbeat_interval()):
            try:
                renew_held()
            except Exception:
                logger.exception("renewing claims failed; trying again")
            finally:
                close_old_connections()
        connections.close_all()

    thread = threading.Thread(target=run, daemon=True, name="newsdesk-heartbeat")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


class WorkerPool:
    """Worker threads of the configured queue, a scheduler thread and a heartbeat thread."""

    def __init__(self, threads: int, *, scheduler: bool = True, interval: float = 0.5) -> None:
        self.queue = queue_backend()
        self.count = threads
        self.interval = interval
        self.stop_event = threading.Event()
        self.threads = [self._loop("newsdesk-heartbeat", self._beat, heartbeat_interval)]
        if scheduler:
            self.threads.append(
                self._loop("newsdesk-scheduler", self._schedule, scheduler_interval)
            )

    def _loop(
        self, name: str, step: Callable[[], object], pause: Callable[[], float]
    ) -> threading.Thread:
        def run() -> None:
            while not self.stop_event.is_set():
                try:
                    step()
                except Exception:
                    logger.exception("%s pass failed; trying again", name)
                finally:
                    close_old_connections()
                self.stop_event.wait(pause())
            connections.close_all()

        return threading.Thread(target=run, daemon=True, name=name)

    def _beat(self) -> None:
        beat_once(self.queue)

    def _schedule(self) -> None:
        schedule_once(self.queue)
        give_back()  # what the jobs since the last pass freed goes back to the system

    def start(self) -> WorkerPool:
        self.queue.start_workers(self.count, poll_interval=self.interval)
        for thread in self.threads:
            thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking jobs, finish those in hand (renewing their claims meanwhile), stop."""
        self.queue.stop_workers(timeout)
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout)


def run_until_idle(threads: int = 2, idle_checks: int = 3) -> None:
    """Schedule and work until no job is left (``newsdesk worker --until-idle``, tests)."""
    pool = WorkerPool(threads, scheduler=False, interval=0.1).start()
    queue = pool.queue
    try:
        quiet = 0
        while quiet < idle_checks:
            schedule_once(queue)
            busy = queue_figures().total or queue.running_count()
            quiet = 0 if busy else quiet + 1
            pool.stop_event.wait(0.3)
    finally:
        pool.stop()
        close_old_connections()

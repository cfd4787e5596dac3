"""Story work as a job: one worker at a time places pending articles and refines stories.

Two workers placing articles at once could each start a story for the same event; so the
scheduler hands the work to one job at a time through a lease row (``claim_story_work``), and
the job gives the lease back when done. A queued job keeps the lease for ``LEASE``; a running
one swaps the scheduler's token for its own and holds it for the claim TTL, renewed by its
worker's heartbeat (``desk.leases``), so a worker killed mid-job blocks placement for about a
minute only. The merge pass runs at most every ``REFINE_EVERY``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.leases import Held, claim_ttl, holding
from newsdesk.desk.stories.placing import place_pending
from newsdesk.desk.stories.upkeep import refine_stories
from newsdesk.stories.models import DeskLease

LEASE_NAME = "stories"
LEASE = timedelta(minutes=10)
REFINE_EVERY = timedelta(seconds=60)
# How far back the first merge pass looks: from the job / from the CLI and tests.
FIRST_REFINE_LOOKBACK = timedelta(hours=1)
BULK_REFINE_LOOKBACK = timedelta(days=1)
BATCH = 500


@dataclass(frozen=True)
class StoryWork:
    placed: int
    merged: int
    more: bool
    skipped: bool = False  # the job's token was stale: it did nothing

    @property
    def outcome(self) -> str:
        return "skipped" if self.skipped else "done"


def has_pending_articles() -> bool:
    return Article.objects.filter(status=ArticleStatus.READY, placement__isnull=True).exists()


def claim_story_work(now: datetime) -> str | None:
    """A token for the story job if there is work and nobody holds the lease, else None."""
    lease = DeskLease.objects.filter(name=LEASE_NAME).first()
    refine_due = lease is None or _refine_due(lease, now)
    if not has_pending_articles() and not refine_due:
        return None
    token = secrets.token_hex(8)
    free = Q(until__isnull=True) | Q(until__lt=now)
    taken = DeskLease.objects.filter(free, name=LEASE_NAME).update(holder=token, until=now + LEASE)
    if taken:
        return token
    if lease is not None:
        return None
    try:
        with transaction.atomic():
            DeskLease.objects.create(name=LEASE_NAME, holder=token, until=now + LEASE)
    except IntegrityError:
        return None
    return token


def _refine_due(lease: DeskLease, now: datetime) -> bool:
    return lease.done_at is None or lease.done_at <= now - REFINE_EVERY


def run_story_work(token: str, now: datetime | None = None) -> StoryWork:
    """Place pending articles, refine if due, and release the lease held under ``token``."""
    now = now or timezone.now()
    work_token = secrets.token_hex(8)
    mine = DeskLease.objects.filter(name=LEASE_NAME, holder=token)
    if not token or not mine.update(holder=work_token, until=timezone.now() + claim_ttl()):
        return StoryWork(0, 0, False, skipped=True)  # stale or repeated: the lease is not ours
    mine = DeskLease.objects.filter(name=LEASE_NAME, holder=work_token)
    lease = DeskLease.objects.get(name=LEASE_NAME)
    try:
        with holding(Held.STORIES, LEASE_NAME, work_token):
            placed = place_pending(BATCH, now=now)
            merged = []
            if _refine_due(lease, now):
                since = lease.done_at or now - FIRST_REFINE_LOOKBACK
                merged = refine_stories(since=since, now=now)
                mine.update(done_at=now)
            return StoryWork(len(placed), len(merged), len(placed) == BATCH)
    finally:
        mine.update(until=None, holder="")


def place_and_refine(now: datetime | None = None) -> StoryWork:
    """Everything pending at once, in this process (the CLI and tests)."""
    now = now or timezone.now()
    total = StoryWork(0, 0, True)
    while total.more:
        placed = place_pending(BATCH, now=now)
        total = StoryWork(total.placed + len(placed), total.merged, len(placed) == BATCH)
    merged = refine_stories(since=now - BULK_REFINE_LOOKBACK, now=now)
    return StoryWork(total.placed, len(merged), False)

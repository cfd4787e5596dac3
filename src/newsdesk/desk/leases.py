"""Claims held by the jobs running in this process, and their renewal (the heartbeat).

A running job holds its item (a feed, an article, the story lease) by a token written on the
item's row with an expiry ``claim_ttl()`` ahead. While the job runs, its token is registered
here (``holding``) and the worker process's heartbeat calls ``renew_held`` every third of the TTL,
which moves the expiry of every registered token forward with one conditional UPDATE per table.
A process that dies stops renewing, so its items expire within ``claim_ttl()`` and the scheduler
hands them to new jobs; the old tokens are then stale and a late write with one changes nothing.

``job_lease()`` stays the upper bound: a job alive but stuck is renewed for that long only, then
its item expires like a dead worker's (decision 25).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.sources.models import Feed
from newsdesk.stories.models import DeskLease


class Held(StrEnum):
    FEED = "feed"
    ARTICLE = "article"
    STORIES = "stories"


@dataclass(frozen=True)
class _Holding:
    kind: Held
    item: int | str  # the row's primary key: a feed or article id, the lease's name
    since: float  # time.monotonic() when the job took the item


_lock = threading.Lock()
_held: dict[str, _Holding] = {}  # token -> holding, for the jobs running in this process


def job_lease() -> timedelta:
    """How long a job holds its item at most (the operator's setting; see Settings.job_lease)."""
    return timedelta(seconds=settings.NEWSDESK.job_lease)


def claim_ttl() -> timedelta:
    """How long a running job's claim lasts without renewal (Settings.claim_ttl)."""
    return timedelta(seconds=settings.NEWSDESK.claim_ttl)


def heartbeat_interval() -> float:
    """Seconds between renewals: three chances to renew before a claim runs out."""
    return float(settings.NEWSDESK.claim_ttl) / 3


@contextmanager
def holding(kind: Held, item: int | str, token: str) -> Iterator[None]:
    """Register ``token`` (on row ``item``) for renewal while the body runs: a job at work."""
    with _lock:
        _held[token] = _Holding(kind, item, time.monotonic())
    try:
        yield
    finally:
        with _lock:
            _held.pop(token, None)


def held_claims() -> dict[Held, dict[str, int | str]]:
    """The claims to renew now, by kind (token -> row): those held for less than the job lease."""
    limit = settings.NEWSDESK.job_lease
    clock = time.monotonic()
    claims: dict[Held, dict[str, int | str]] = {kind: {} for kind in Held}
    with _lock:
        for token, held in _held.items():
            if clock - held.since < limit:
                claims[held.kind][token] = held.item
    return claims


def renew_held(now: datetime | None = None) -> int:
    """Move the expiry of this process's claims to ``now + claim_ttl()``; rows renewed.

    Every UPDATE is conditional on the token, so a claim that expired and went to another job
    meanwhile is not taken back.
    """
    until = (now or timezone.now()) + claim_ttl()
    claims = held_claims()
    renewed = 0
    if articles := claims[Held.ARTICLE]:
        renewed += Article.objects.filter(
            pk__in=list(articles.values()), claim__in=list(articles), status=ArticleStatus.PENDING
        ).update(claimed_until=until)
    if feeds := claims[Held.FEED]:
        renewed += Feed.objects.filter(pk__in=list(feeds.values()), claim__in=list(feeds)).update(
            next_check_at=until
        )
    if leases := claims[Held.STORIES]:
        renewed += DeskLease.objects.filter(
            name__in=list(leases.values()), holder__in=list(leases)
        ).update(until=until)
    return renewed

"""Rows a job sends once (an e-mail digest, a webhook delivery), leased to one job at a time.

Such a row (``newsdesk.readers.sending.LeasedSend``) waits for a job while it is new, due for a
retry, or was being sent by a job that was lost with its worker, and no live lease holds it.
The scheduler leases each waiting row with a fresh token, one job each (``lease_waiting``); the
job takes its row by that token, swapping it for a token of its own and counting the attempt
(``take``); it writes its result only while the row is still its own (``finish``). A stale
token changes nothing, so no row is sent by two jobs at once.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db.models import F, Model, Q, QuerySet

from newsdesk.desk.leases import job_lease

QUEUED = "queued"
SENDING = "sending"
RETRY = "retry"


def waiting(now: datetime) -> Q:
    """Rows that need a job: new ones and retries that are due, and rows whose job was lost
    while sending; none held by a live lease."""
    free = Q(claim_until__isnull=True) | Q(claim_until__lte=now)
    new = Q(status=QUEUED)
    retry = Q(status=RETRY, retry_at__lte=now)
    lost = Q(status=SENDING)
    return (new | retry | lost) & free


def lease_waiting(
    rows: QuerySet[Model], now: datetime, limit: int, *, also: Q | None = None
) -> list[tuple[int, str]]:
    """Lease up to ``limit`` of ``rows`` (in their order) that wait for a job and match ``also``:
    (id, token) for each, to be handed to one job."""
    condition = waiting(now) & (also or Q())
    claims = []
    for row_id in rows.filter(condition).values_list("pk", flat=True)[:limit]:
        token = secrets.token_hex(16)
        leased = rows.model._default_manager.filter(condition, pk=row_id).update(
            claim=token, claim_until=now + job_lease()
        )
        if leased:
            claims.append((row_id, token))
    return claims


def take(model: type[Model], row_id: int, token: str, now: datetime) -> str | None:
    """The job takes its row by the scheduler's token: the row is marked sending, the attempt
    counted, and the lease renewed under a token of the job's own, which it returns. None when
    the token is stale (another job has the row, or it was sent)."""
    work = secrets.token_hex(16)
    taken = model._default_manager.filter(
        pk=row_id, claim=token, status__in=(QUEUED, RETRY, SENDING)
    ).update(
        status=SENDING,
        claim=work,
        claim_until=now + job_lease(),
        attempts=F("attempts") + 1,
    )
    return work if taken else None


def finish(model: type[Model], row_id: int, work: str, **fields: object) -> bool:
    """Write the job's result, if the row is still this job's, and free the lease."""
    written = model._default_manager.filter(pk=row_id, claim=work).update(
        claim="", claim_until=None, **fields
    )
    return bool(written)

"""E-mail digests: the scheduler's pass that finds digests due, and the job that sends one.

How a digest goes out (decision 51):

1. ``claim_due_digests`` (each scheduler pass): for each plan whose ``next_due_at`` has come, in
   one transaction, move ``next_due_at`` to the plan's next time (a conditional update, so one
   scheduler wins when several run) and make the period's ``DigestSend`` row; a period that has a
   row already is never made again. Then every send waiting for a job (new, due for a retry, or
   whose job was lost with its worker) is leased with a fresh token, one job each.
2. ``send_digest`` (the job): takes the send by its token (a stale token does nothing), picks the
   stories, and sends through the configured mail backend (SMTP). Sent: the row says so, with the
   Message-ID. No stories: nothing is sent, the row says "empty". A failed send is tried again
   after 5 minutes, 30 minutes, 2 hours, then given up; each failure is logged by the job and
   kept on the row. A plan turned off before its job ran sends nothing.

So each reader gets at most one digest a period: a second scheduler finds the plan moved on, a
second job finds the token stale, a send that succeeded is never leased again. The one case left
is a worker that dies after the mail server accepted the message and before the row is written
(milliseconds): the digest is sent again with the same Message-ID.
"""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from newsdesk.desk.readers.digest_mail import RenderedDigest, digest_message, render_digest
from newsdesk.desk.readers.digest_plans import last_due, next_due, period_of, plan_of, window_of
from newsdesk.desk.readers.digest_stories import digest_stories
from newsdesk.desk.sending import finish, lease_waiting, take
from newsdesk.readers.digests import DigestFrequency, DigestPlan, DigestSend, DigestStatus

CLAIM_LIMIT = 200
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
STORY_COUNTS = {DigestFrequency.DAILY: 8, DigestFrequency.WEEKLY: 12}
MAX_ERROR = 2000


def claim_due_digests(now: datetime, limit: int = CLAIM_LIMIT) -> list[tuple[int, str]]:
    """Make the sends of the plans due, then lease every send waiting for a job: (id, token)."""
    due = DigestPlan.objects.filter(next_due_at__lte=now).exclude(frequency=DigestFrequency.OFF)
    for plan in due.select_related("user").order_by("next_due_at")[:limit]:
        _open_period(plan, now)
    return lease_waiting(DigestSend.objects.order_by("created_at"), now, limit)


def _open_period(plan: DigestPlan, now: datetime) -> None:
    period = period_of(plan, last_due(plan, now))
    try:
        with transaction.atomic():
            moved = DigestPlan.objects.filter(pk=plan.pk, next_due_at=plan.next_due_at).update(
                next_due_at=next_due(plan, now)
            )
            if moved and not DigestSend.objects.filter(user=plan.user, period=period).exists():
                DigestSend.objects.create(user=plan.user, period=period, created_at=now)
    except IntegrityError:  # another scheduler made the period's row first
        pass


def send_digest(send_id: int, token: str, now: datetime) -> dict[str, object]:
    """The job: send one reader's digest for its period, once."""
    work = take(DigestSend, send_id, token, now)
    if work is None:
        return {"outcome": "skipped"}
    send = DigestSend.objects.select_related("user").get(pk=send_id)
    plan = plan_of(send.user)
    if plan.frequency == DigestFrequency.OFF or not send.user.email or not send.user.is_active:
        _finish(send, work, status=DigestStatus.OFF)
        return {"outcome": "off"}
    rendered, count = compose(send.user, plan, now, send.period)
    if rendered is None:
        _finish(send, work, status=DigestStatus.EMPTY)
        return {"outcome": "empty"}
    try:
        digest_message(send.user, rendered).send()
    except (smtplib.SMTPException, OSError) as e:
        return _failed(send, work, e, now)
    _finish(
        send,
        work,
        status=DigestStatus.SENT,
        sent_at=now,
        story_count=count,
        message_id=rendered.headers["Message-ID"],
        last_error="",
    )
    return {"outcome": "sent", "stories": count}


def compose(
    user: User, plan: DigestPlan, now: datetime, period: str, origin: str = ""
) -> tuple[RenderedDigest | None, int]:
    """The reader's digest as it would be sent now (None when there is no story)."""
    frequency = DigestFrequency(plan.frequency)
    if frequency == DigestFrequency.OFF:
        frequency = DigestFrequency.DAILY
    count = STORY_COUNTS[frequency]
    selection = digest_stories(user, now, window_of(plan), count)
    if not selection.stories:
        return None, 0
    rendered = render_digest(user, plan, selection, now, period, origin)
    return rendered, len(selection.stories)


def preview(user: User, now: datetime, origin: str = "") -> tuple[RenderedDigest | None, int]:
    """The digest the reader would get now, whether their plan is on or not (nothing is sent);
    its links on ``origin`` when given."""
    plan = plan_of(user)
    if plan.frequency == DigestFrequency.OFF:
        plan.frequency = DigestFrequency.DAILY
    return compose(user, plan, now, "preview", origin)


def _failed(send: DigestSend, work: str, error: Exception, now: datetime) -> dict[str, object]:
    attempts = send.attempts
    text = f"{type(error).__name__}: {error}"[:MAX_ERROR]
    if attempts >= MAX_ATTEMPTS:
        _finish(send, work, status=DigestStatus.FAILED, last_error=text)
        return {"outcome": "failed", "error": text}
    retry_at = now + RETRY_DELAYS[attempts - 1]
    _finish(send, work, status=DigestStatus.RETRY, retry_at=retry_at, last_error=text)
    return {"outcome": "retrying", "error": text}


def _finish(send: DigestSend, work: str, **fields: object) -> None:
    finish(DigestSend, send.pk, work, **fields)

"""Webhook deliveries: the scheduler's pass that finds new stories for each hook and leases the
deliveries due, and the job that POSTs one delivery (decision 53).

1. ``claim_due_deliveries`` (each scheduler pass): for each hook that is not paused, the live
   stories made since its ``scanned_until`` (at most ``SCAN_LIMIT``; those of the ``LOOK_BACK``
   before it are looked at again, as a story's creation time is stamped before its transaction
   commits) become ``story.new`` deliveries, for a reader's hook only those with an article
   matching what the reader follows (``desk.readers.matching``, as for digests: followed
   sources, stories, topics and places; articles of sources the reader muted do not count).
   ``(hook, subject)`` is unique, so a story is delivered to a hook once whatever schedulers
   run. Then every delivery waiting (new, due for a retry, or whose job was lost) of a hook not
   paused is leased with a fresh token, one job each.
2. ``deliver`` (the job): takes the delivery by its token, signs the body with the hook's secret
   and POSTs it under the fetch rules. A 2xx answer delivers it. A network error, a time-out, a
   5xx or a 429 is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours, then
   given up; a 429 or 503 whose ``Retry-After`` (seconds or an HTTP date) asks for longer than
   that step waits as asked, up to 24 hours. Any other answer (a 3xx, a 4xx such as 400 or 410)
   fails at once. Every attempt is logged (``WebhookAttempt``) with its status code, time and
   error. Each failed attempt counts on the hook; a success sets the count back to 0; at
   ``PAUSE_AFTER`` failures in a row the hook is paused with its last error and nothing more is
   sent until the reader resumes it.

The body is the same bytes on every attempt and carries the delivery's id, also sent as the
``X-Newsdesk-Delivery`` header: a receiver that took a delivery whose answer was lost sees the
retry's id again and drops it.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import F, Max, Q
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.desk.readers.digest_mail import site_origin
from newsdesk.desk.readers.matching import matching_articles, reader_follows
from newsdesk.desk.runtime import fetch_policy
from newsdesk.desk.sending import finish, lease_waiting, take
from newsdesk.errors import FetchError, InvalidURLError
from newsdesk.pipeline.webhooks import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    retry_after_seconds,
    signature_header,
)
from newsdesk.readers.webhooks import (
    DeliveryStatus,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
)
from newsdesk.stories.models import Story

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch.poster import Poster

CLAIM_LIMIT = 200
SCAN_LIMIT = 100
LOOK_BACK = timedelta(minutes=5)  # stories are looked at again this long, in case of late commits
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
RETRY_AFTER_STATUSES = (429, 503)  # answers whose Retry-After header sets the next attempt
MAX_RETRY_AFTER = timedelta(hours=24)
PAUSE_AFTER = 10
TIMEOUT = 10.0  # seconds for one POST, connection to the answer's last byte
MAX_ERROR = 1000


def claim_due_deliveries(now: datetime, limit: int = CLAIM_LIMIT) -> list[tuple[int, str]]:
    """Make the deliveries of new stories, then lease every delivery waiting: (id, token)."""
    newest = Story.objects.aggregate(newest=Max("created_at"))["newest"]
    if newest is not None:
        # Only hooks with a story made inside their look-back window need a look.
        active = Webhook.objects.filter(
            paused_at__isnull=True, scanned_until__lt=newest + LOOK_BACK
        )
        for hook in active.select_related("user").order_by("id"):
            if WebhookEvent.STORY_NEW in hook.events:
                _scan(hook, now)
    deliveries = WebhookDelivery.objects.order_by("created_at", "id")
    return lease_waiting(deliveries, now, limit, also=Q(hook__paused_at__isnull=True))


def _scan(hook: Webhook, now: datetime) -> None:
    """Deliveries for the stories made since the hook last looked (and in the look-back window
    before that, for stories whose transaction committed late); moves ``scanned_until``."""
    since = max(hook.scanned_until - LOOK_BACK, hook.resumed_at or hook.created_at)
    live = Story.objects.filter(
        created_at__lte=now, merged_into__isnull=True, lead_article__isnull=False
    ).order_by("created_at", "id")
    fresh = list(
        live.filter(created_at__gt=hook.scanned_until).values_list("pk", "created_at")[:SCAN_LIMIT]
    )
    late = live.filter(created_at__gt=since, created_at__lte=hook.scanned_until).exclude(
        pk__in=_delivered_stories(hook, since)
    )
    candidates = fresh + list(late.values_list("pk", "created_at")[:SCAN_LIMIT])
    until = fresh[-1][1] if len(fresh) == SCAN_LIMIT else now
    chosen = [pk for pk, _ in candidates]
    if hook.user is not None:
        chosen = _followed(hook, chosen)
    found = Story.objects.filter(pk__in=chosen).select_related(
        "lead_article", "lead_article__source"
    )
    rows = [_story_delivery(hook, story, now) for story in found.order_by("created_at", "id")]
    WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    Webhook.objects.filter(pk=hook.pk, scanned_until=hook.scanned_until).update(
        scanned_until=max(until, hook.scanned_until)
    )


def _delivered_stories(hook: Webhook, since: datetime) -> list[int]:
    subjects = hook.deliveries.filter(
        event=WebhookEvent.STORY_NEW, created_at__gte=since
    ).values_list("subject", flat=True)
    return [int(subject.split(":", 1)[1]) for subject in subjects]


def _followed(hook: Webhook, story_ids: list[int]) -> list[int]:
    """The stories among ``story_ids`` with an article matching what the hook's reader follows."""
    if not story_ids or hook.user is None:
        return []
    follows = reader_follows(hook.user)
    if follows.empty:
        return []
    stories = Article.objects.filter(placement__story_id__in=story_ids)
    matching = matching_articles(hook.user, follows, stories)
    return sorted(set(matching.values_list("placement__story_id", flat=True)))


def _story_delivery(hook: Webhook, story: Story, now: datetime) -> WebhookDelivery:
    delivery = WebhookDelivery(
        hook=hook, event=WebhookEvent.STORY_NEW, subject=f"story:{story.pk}", created_at=now
    )
    delivery.payload = {
        "type": WebhookEvent.STORY_NEW.value,
        "id": str(delivery.delivery_id),
        "created_at": now.isoformat(),
        "data": {"story": story_payload(story)},
    }
    return delivery


def story_payload(story: Story) -> dict[str, object]:
    """What a delivery says of a story: its id, headline, page, source count and lead article."""
    origin = site_origin()
    lead = story.lead_article
    return {
        "id": story.pk,
        "headline": story.headline or (lead.title if lead else ""),
        "url": origin + reverse("web:story-short", args=[story.pk]),
        "sources": story.source_count,
        "created_at": story.created_at.isoformat(),
        "lead_article": None
        if lead is None
        else {
            "id": lead.pk,
            "title": lead.title,
            "url": lead.url,
            "source": lead.source.name,
            "language": lead.language,
            "published_at": lead.published_at.isoformat() if lead.published_at else None,
        },
    }


def deliver(
    delivery_id: int, token: str, now: datetime, *, poster: Poster | None = None
) -> dict[str, object]:
    """The job: POST one delivery, once, and record what came of it."""
    work = take(WebhookDelivery, delivery_id, token, now)
    if work is None:
        return {"outcome": "skipped"}
    delivery = WebhookDelivery.objects.select_related("hook").filter(pk=delivery_id).first()
    if delivery is None:  # its hook was deleted meanwhile
        return {"outcome": "skipped"}
    status, error, elapsed, wait = _post(delivery, poster, now)
    WebhookAttempt.objects.create(
        delivery=delivery,
        at=now,
        status_code=status,
        duration_ms=int(elapsed * 1000),
        error=error[:MAX_ERROR],
    )
    if status is not None and 200 <= status < 300:
        return _delivered(delivery, work, status, now)
    return _failed(delivery, work, status, error, now, wait)


def _post(
    delivery: WebhookDelivery, poster: Poster | None, now: datetime
) -> tuple[int | None, str, float, float | None]:
    """(status code or None, error text, seconds, the answer's Retry-After in seconds or None)
    of one POST."""
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature_header(delivery.hook.secret, int(time.time()), body),
        DELIVERY_HEADER: str(delivery.delivery_id),
        EVENT_HEADER: delivery.event,
    }
    started = time.monotonic()
    own = poster is None
    if poster is None:
        from newsdesk.pipeline.fetch.poster import Poster  # httpx: loaded by jobs that send

        poster = Poster(fetch_policy())
    sender = poster
    try:
        result = sender.post(delivery.hook.url, body, headers, timeout=TIMEOUT)
    except (FetchError, InvalidURLError) as e:
        return None, f"{type(e).__name__}: {e}", time.monotonic() - started, None
    finally:
        if own:
            sender.close()
    error = "" if 200 <= result.status < 300 else f"HTTP {result.status}"
    wait = retry_after_seconds(result.retry_after, now) if result.retry_after else None
    return result.status, error, result.elapsed, wait


def _delivered(
    delivery: WebhookDelivery, work: str, status: int, now: datetime
) -> dict[str, object]:
    _finish(
        delivery,
        work,
        status=DeliveryStatus.DELIVERED,
        last_status=status,
        last_error="",
        delivered_at=now,
    )
    Webhook.objects.filter(pk=delivery.hook_id).update(failures=0, last_error="")
    return {"outcome": "delivered", "status": status}


def _failed(
    delivery: WebhookDelivery,
    work: str,
    status: int | None,
    error: str,
    now: datetime,
    wait: float | None = None,
) -> dict[str, object]:
    text = error[:MAX_ERROR]
    retryable = status is None or status >= 500 or status == 429
    if retryable and delivery.attempts < MAX_ATTEMPTS:
        retry_at = now + _retry_delay(delivery.attempts, status, wait)
        fields: dict[str, object] = {"status": DeliveryStatus.RETRY, "retry_at": retry_at}
        outcome = "retrying"
    else:
        fields = {"status": DeliveryStatus.FAILED, "retry_at": None}
        outcome = "failed"
    _finish(delivery, work, last_status=status, last_error=text, **fields)
    _count_failure(delivery.hook_id, text, now)
    return {"outcome": outcome, "status": status, "error": text}


def _retry_delay(attempts: int, status: int | None, wait: float | None) -> timedelta:
    """The wait before the next attempt: the backoff step, or the receiver's ``Retry-After`` on
    a 429 or 503 when longer, at most ``MAX_RETRY_AFTER``."""
    step = RETRY_DELAYS[attempts - 1]
    if status not in RETRY_AFTER_STATUSES or wait is None:
        return step
    return min(max(timedelta(seconds=wait), step), MAX_RETRY_AFTER)


def _count_failure(hook_id: int, error: str, now: datetime) -> None:
    Webhook.objects.filter(pk=hook_id).update(failures=F("failures") + 1, last_error=error)
    Webhook.objects.filter(pk=hook_id, paused_at__isnull=True, failures__gte=PAUSE_AFTER).update(
        paused_at=now
    )


def _finish(delivery: WebhookDelivery, work: str, **fields: object) -> None:
    finish(WebhookDelivery, delivery.pk, work, **fields)

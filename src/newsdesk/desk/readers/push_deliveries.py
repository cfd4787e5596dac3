"""Push deliveries: the scheduler's pass that releases due notices and leases their
deliveries, and the job that sends one delivery to a browser's push service (decision 58).

1. ``claim_due_pushes`` (each scheduler pass): looks for news of what readers follow
   (``push_scan``); then each notice whose ``send_after`` has come is released, in the order
   made: if the reader had ``daily_cap`` notices released since their midnight it is
   ``capped`` and nothing is sent, otherwise it is ``sent`` and gets one delivery per browser
   the reader has subscribed. A reader who turned its kind off meanwhile gets nothing
   (``off``). Then every delivery waiting (new, due for a retry, or whose job was lost) is
   leased with a fresh token, one job each.
2. ``deliver_push`` (the job): takes the delivery by its token, encrypts the notice for the
   browser, signs the request with the site's VAPID key (``pipeline.push``) and POSTs it under
   the fetch rules. A 2xx answer delivers it. 404 or 410: the push service has forgotten the
   subscription, which is deleted with its deliveries. A network error, a time-out, a 5xx or a
   429 is tried again after 1 minute, 5 minutes, 30 minutes and 2 hours (longer if a 429 or
   503 asks so with ``Retry-After``, up to 24 hours), then given up. Any other answer (400,
   403, 413) fails at once.

A push message lives ``TTL`` seconds in the push service while the browser is offline; the
``Topic`` header is the notice's story or article, so a newer message about it replaces one not
yet shown.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from newsdesk.desk.readers.digest_mail import site_origin
from newsdesk.desk.readers.push import day_start, kind_on, site_keys
from newsdesk.desk.readers.push_scan import scan_followed
from newsdesk.desk.runtime import fetch_policy
from newsdesk.desk.sending import finish, lease_waiting, take
from newsdesk.errors import FetchError, InvalidURLError
from newsdesk.pipeline.push import (
    GONE_STATUSES,
    PushError,
    PushRequest,
    Subscription,
    payload_bytes,
    push_request,
)
from newsdesk.pipeline.webhooks import retry_after_seconds
from newsdesk.readers.push import (
    NoticeStatus,
    PushDelivery,
    PushDeliveryStatus,
    PushKind,
    PushNotice,
    PushSettings,
    PushSubscription,
)

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch.poster import Poster

CLAIM_LIMIT = 200
RELEASE_LIMIT = 500
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
RETRY_AFTER_STATUSES = (429, 503)
MAX_RETRY_AFTER = timedelta(hours=24)
TTL = 12 * 3600  # seconds a push service keeps a message for a browser that is offline
TIMEOUT = 10.0
MAX_ERROR = 1000


def claim_due_pushes(now: datetime, limit: int = CLAIM_LIMIT) -> list[tuple[int, str]]:
    """Find news for readers, release the notices due, then lease every delivery waiting:
    (id, token)."""
    scan_followed(now)
    release_due(now)
    return lease_waiting(PushDelivery.objects.order_by("created_at", "id"), now, limit)


def release_due(now: datetime) -> int:
    """Release the notices whose quiet hours are over: sent (with a delivery per browser),
    capped, or off. Returns how many were sent."""
    due = PushNotice.objects.filter(status=NoticeStatus.WAITING, send_after__lte=now)
    sent = 0
    for notice in due.select_related("user").order_by("created_at", "id")[:RELEASE_LIMIT]:
        with transaction.atomic():
            status = _release_status(notice, now)
            moved = PushNotice.objects.filter(pk=notice.pk, status=NoticeStatus.WAITING).update(
                status=status, released_at=now
            )
            if moved and status == NoticeStatus.SENT:
                browsers = PushSubscription.objects.filter(user_id=notice.user_id)
                PushDelivery.objects.bulk_create(
                    [PushDelivery(notice=notice, subscription=b, created_at=now) for b in browsers],
                    ignore_conflicts=True,
                )
                sent += 1
    return sent


def _release_status(notice: PushNotice, now: datetime) -> str:
    row = PushSettings.objects.filter(user_id=notice.user_id).first()
    if row is None or not kind_on(row, PushKind(notice.kind)) or not notice.user.is_active:
        return NoticeStatus.OFF
    if released_today(notice.user, now) >= row.daily_cap:
        return NoticeStatus.CAPPED
    return NoticeStatus.SENT


def released_today(user: User, now: datetime) -> int:
    """Notices sent to ``user`` since midnight of their day."""
    return PushNotice.objects.filter(
        user=user, status=NoticeStatus.SENT, released_at__gte=day_start(user, now)
    ).count()


def deliver_push(
    delivery_id: int, token: str, now: datetime, *, poster: Poster | None = None
) -> dict[str, object]:
    """The job: send one notice to one browser's push service, once, and record what came of
    it."""
    work = take(PushDelivery, delivery_id, token, now)
    if work is None:
        return {"outcome": "skipped"}
    delivery = (
        PushDelivery.objects.select_related("notice", "subscription").filter(pk=delivery_id).first()
    )
    if delivery is None:  # its browser was unsubscribed meanwhile
        return {"outcome": "skipped"}
    try:
        request = _request(delivery, now)
    except PushError as e:
        _finish(delivery, work, status=PushDeliveryStatus.FAILED, last_error=str(e)[:MAX_ERROR])
        return {"outcome": "failed", "error": str(e)}
    status, error, wait = _post(request.url, request.body, request.headers, poster, now)
    if status is not None and 200 <= status < 300:
        _finish(
            delivery,
            work,
            status=PushDeliveryStatus.DELIVERED,
            last_status=status,
            last_error="",
            delivered_at=now,
        )
        PushSubscription.objects.filter(pk=delivery.subscription_id).update(last_sent_at=now)
        return {"outcome": "delivered", "status": status}
    if status in GONE_STATUSES:
        PushSubscription.objects.filter(pk=delivery.subscription_id).delete()
        return {"outcome": "gone", "status": status}
    return _failed(delivery, work, status, error, now, wait)


def notice_payload(notice: PushNotice) -> dict[str, object]:
    """What the service worker gets: the notification's title, body, page and tag."""
    return {
        "title": notice.title,
        "body": notice.body,
        "url": site_origin() + notice.url,
        "tag": _topic(notice),
        "kind": notice.kind,
    }


def contact() -> str:
    """The VAPID ``sub``: the site's https origin, else the site's sender address."""
    origin = site_origin()
    if origin.startswith("https://"):
        return origin
    address = parseaddr(settings.NEWSDESK.email_from)[1] or "newsdesk@localhost"
    return f"mailto:{address}"


def _request(delivery: PushDelivery, now: datetime) -> PushRequest:
    browser = delivery.subscription
    subscription = Subscription(browser.endpoint, browser.p256dh, browser.auth)
    payload = payload_bytes(notice_payload(delivery.notice))
    return push_request(
        subscription,
        payload,
        site_keys(now),
        contact(),
        int(time.time()),  # the token's clock: the push service checks it against its own
        ttl=TTL,
        topic=_topic(delivery.notice),
    )


def _topic(notice: PushNotice) -> str:
    """The notice's story or article, as a Topic header allows (base64url, at most 32)."""
    match = re.match(r"(story|article):(\d+)", notice.subject)
    name = f"{match.group(1)}-{match.group(2)}" if match else notice.subject
    if re.fullmatch(r"[A-Za-z0-9_-]{1,32}", name):
        return name
    return hashlib.sha256(name.encode()).hexdigest()[:32]


def _post(
    url: str, body: bytes, headers: dict[str, str], poster: Poster | None, now: datetime
) -> tuple[int | None, str, float | None]:
    """(status code or None, error text, the answer's Retry-After in seconds or None)."""
    own = poster is None
    if poster is None:
        from newsdesk.pipeline.fetch.poster import Poster  # httpx: loaded by jobs that send

        poster = Poster(fetch_policy())
    sender = poster
    try:
        result = sender.post(url, body, headers, timeout=TIMEOUT)
    except (FetchError, InvalidURLError) as e:
        return None, f"{type(e).__name__}: {e}", None
    finally:
        if own:
            sender.close()
    error = "" if 200 <= result.status < 300 else f"HTTP {result.status}"
    wait = retry_after_seconds(result.retry_after, now) if result.retry_after else None
    return result.status, error, wait


def _failed(
    delivery: PushDelivery,
    work: str,
    status: int | None,
    error: str,
    now: datetime,
    wait: float | None,
) -> dict[str, object]:
    text = error[:MAX_ERROR]
    retryable = status is None or status >= 500 or status == 429
    if retryable and delivery.attempts < MAX_ATTEMPTS:
        step = RETRY_DELAYS[delivery.attempts - 1]
        if status in RETRY_AFTER_STATUSES and wait is not None:
            step = min(max(timedelta(seconds=wait), step), MAX_RETRY_AFTER)
        _finish(
            delivery,
            work,
            status=PushDeliveryStatus.RETRY,
            retry_at=now + step,
            last_status=status,
            last_error=text,
        )
        return {"outcome": "retrying", "status": status, "error": text}
    _finish(
        delivery,
        work,
        status=PushDeliveryStatus.FAILED,
        retry_at=None,
        last_status=status,
        last_error=text,
    )
    return {"outcome": "failed", "status": status, "error": text}


def _finish(delivery: PushDelivery, work: str, **fields: object) -> None:
    finish(PushDelivery, delivery.pk, work, **fields)

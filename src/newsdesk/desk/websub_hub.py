"""The site's own WebSub hub, for the site's own public feeds (decision 69).

The feeds (``/feed.xml``, ``/source/<slug>/feed.xml``) name the hub, ``/websub/hub``, with an
``<atom:link rel="hub">`` and a ``Link`` header (``hub_url``). Everything a hub does that talks
to another server is a job, never a request:

1. **Requests.** ``ask`` takes a subscriber's form (``hub.mode``, ``hub.topic``,
   ``hub.callback``, ``hub.lease_seconds``, ``hub.secret``): the topic must be one of the site's
   public feeds at its public origin, the callback an http(s) address the safe fetcher may reach
   (checked again when it is called). The request is kept (``asked_*``) and answered 202.
2. **Intent verification** (``verify``, a job): a GET to the callback with ``hub.mode``,
   ``hub.topic``, ``hub.challenge`` and ``hub.lease_seconds``, through the safe fetcher
   (private addresses refused, size and time capped). Only a 2xx answer whose body is the
   challenge confirms: a subscription becomes active with its secret and lease, an
   unsubscription removes the row. An unconfirmed request changes nothing (a new subscription
   that was never confirmed is dropped).
3. **Content distribution** (``distribute``, a job): each topic with subscribers is fetched
   from the site's origin every ``CHECK_EVERY`` with its ETag (the site's feeds answer 304 when
   unchanged, so an unchanged feed costs one small request); when its bytes changed, they are
   POSTed to every live subscriber through the guarded poster with the feed's content type,
   ``Link`` headers naming the hub and the topic, and ``X-Hub-Signature: sha256=<HMAC>`` when
   the subscriber gave a secret. Subscribers are sent to one after another in the job.
4. **Retries** (``redeliver``, a job per subscriber; decision 79): a delivery that fails (no
   connection, a timeout, an answer other than 2xx) is tried again after ``RETRY_AFTER`` (1, 5,
   15 and 60 minutes), each time with the topic as it is then (a newer version holds the missed
   items), while the other subscribers are not held back. The attempts in a row, the last error
   and the next attempt are on the subscription, and each attempt is a line of the job log. A
   new change starts the count anew; after the last retry the subscriber waits for one.
5. **Leases.** A subscription whose lease ended is removed; ``CHECK_EVERY`` is also how late a
   change may reach subscribers at most.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import Resolver404, resolve, reverse

from newsdesk.desk.leases import job_lease
from newsdesk.errors import FetchError, InvalidURLError
from newsdesk.sources.models import HubSubscription, HubTopic
from newsdesk.types import Validators

if TYPE_CHECKING:  # loaded by the jobs that use them: feeds name the hub without them
    from newsdesk.pipeline.fetch import Fetcher
    from newsdesk.pipeline.fetch.poster import Poster

logger = logging.getLogger("newsdesk.websub")

TOPIC_ROUTES = ("web:feed", "web:source-feed")
DEFAULT_LEASE = 10 * 24 * 3600
MIN_LEASE = 3600
MAX_LEASE = 30 * 24 * 3600
MAX_SECRET_BYTES = 200  # the spec's limit
CHECK_EVERY = timedelta(minutes=2)
# After the first failed delivery of a change, the waits before each retry (decision 79).
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
)
MODES = ("subscribe", "unsubscribe")


class HubRequestError(ValueError):
    """A subscription request the hub refuses (answered 400 with this message)."""


def site_origin() -> str:
    config = settings.NEWSDESK
    return str(config.origins[0]).rstrip("/") if config.websub and config.origins else ""


def hub_url() -> str:
    """The hub's public address; "" when WebSub is off or the site has no public origin."""
    origin = site_origin()
    return origin + reverse("web:websub-hub") if origin else ""


def is_topic(url: str) -> bool:
    """Whether ``url`` is one of the site's public feeds at its public origin."""
    origin = site_origin()
    parts = urlsplit(url)
    if not origin or f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
        return False
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return match.view_name in TOPIC_ROUTES


def ask(form: Mapping[str, str], now: datetime) -> HubSubscription:
    """Keep a (un)subscription request for the verification job; raises HubRequestError."""
    from newsdesk.pipeline.fetch import check_url

    mode, topic = form.get("hub.mode", ""), form.get("hub.topic", "")
    if mode not in MODES:
        raise HubRequestError('hub.mode must be "subscribe" or "unsubscribe"')
    if not is_topic(topic):
        raise HubRequestError("hub.topic is not a feed of this site")
    try:
        callback = check_url(form.get("hub.callback", ""))
    except InvalidURLError as e:
        raise HubRequestError(f"hub.callback is not usable: {e}") from e
    secret = form.get("hub.secret", "")
    if len(secret.encode("utf-8")) > MAX_SECRET_BYTES:
        raise HubRequestError(f"hub.secret is longer than {MAX_SECRET_BYTES} bytes")
    asked = {
        "asked_mode": mode,
        "asked_secret": secret,
        "asked_lease": _lease(form.get("hub.lease_seconds", "")),
        "next_action_at": now,
        "claim": "",
    }
    if (
        mode == "unsubscribe"
        and not HubSubscription.objects.filter(topic=topic, callback=callback).exists()
    ):
        raise HubRequestError("no such subscription")
    row, _ = HubSubscription.objects.update_or_create(
        topic=topic, callback=callback, defaults=asked
    )
    return row


def _lease(value: str) -> int:
    asked = int(value) if value.strip().isdigit() else DEFAULT_LEASE
    return max(MIN_LEASE, min(MAX_LEASE, asked))


Claimed = list[tuple[int, str]]


def claim_due_hub_work(now: datetime) -> tuple[Claimed, Claimed, Claimed]:
    """Requests to verify, topics to check and deliveries to retry, each with the token of its
    job. Lapsed subscriptions are removed here."""
    HubSubscription.objects.filter(active=True, expires_at__lt=now, asked_mode="").delete()
    asked = HubSubscription.objects.filter(next_action_at__lte=now)
    requests = _claim(asked, "next_action_at", now + job_lease())  # a lost job: asked again
    live = HubSubscription.objects.filter(active=True).values("topic")
    topics = HubTopic.objects.filter(next_check_at__lte=now, url__in=live)
    checks = _claim(topics, "next_check_at", now + CHECK_EVERY)
    failed = HubSubscription.objects.filter(active=True, retry_at__lte=now)
    retries = _claim(failed, "retry_at", now + job_lease(), claim="retry_claim")
    return requests, checks, retries


def _claim(
    due: QuerySet[Any], field: str, then: datetime | None = None, claim: str = "claim"
) -> Claimed:
    ids = list(due.order_by(field).values_list("id", flat=True)[:200])
    if not ids:
        return []
    token = secrets.token_hex(16)
    due.model.objects.filter(pk__in=ids).update(**{claim: token, field: then})
    return [(pk, token) for pk in ids]


def verify(subscription_id: int, token: str, fetcher: Fetcher, now: datetime) -> str:
    """Verify one request's intent at its callback (see the module docstring)."""
    row = HubSubscription.objects.filter(pk=subscription_id, claim=token).first()
    if row is None or not row.asked_mode:
        return "skipped"
    challenge = secrets.token_urlsafe(24)
    query = {"hub.mode": row.asked_mode, "hub.topic": row.topic, "hub.challenge": challenge}
    if row.asked_mode == "subscribe":
        query["hub.lease_seconds"] = str(row.asked_lease)
    separator = "&" if urlsplit(row.callback).query else "?"
    try:
        answer = fetcher.fetch(row.callback + separator + urlencode(query), max_bytes=4096)
        confirmed = answer.ok and answer.content.decode("utf-8", "replace").strip() == challenge
        error = "" if confirmed else f"the callback answered HTTP {answer.status} without it"
    except FetchError as e:
        confirmed, error = False, str(e) or type(e).__name__
    return _verified(row, now) if confirmed else _unconfirmed(row, error)


def _verified(row: HubSubscription, now: datetime) -> str:
    if row.asked_mode == "unsubscribe":
        HubSubscription.objects.filter(pk=row.pk).delete()
        return "unsubscribed"
    with transaction.atomic():
        HubSubscription.objects.filter(pk=row.pk).update(
            active=True,
            secret=row.asked_secret,
            lease_seconds=row.asked_lease,
            expires_at=now + timedelta(seconds=row.asked_lease),
            verified_at=now,
            asked_mode="",
            asked_secret="",
            next_action_at=None,
            claim="",
            last_error="",
        )
        HubTopic.objects.get_or_create(url=row.topic, defaults={"next_check_at": now})
    return "subscribed"


def _unconfirmed(row: HubSubscription, error: str) -> str:
    logger.info("websub hub: %s not confirmed by %s: %s", row.asked_mode, row.callback, error)
    if not row.active:
        HubSubscription.objects.filter(pk=row.pk).delete()
    else:
        HubSubscription.objects.filter(pk=row.pk).update(
            asked_mode="", asked_secret="", next_action_at=None, claim="", last_error=error[:2000]
        )
    return "unconfirmed"


def distribute(topic_id: int, token: str, fetcher: Fetcher, poster: Poster, now: datetime) -> int:
    """Fetch one topic; when it changed, send it to its live subscribers. How many got it."""
    topic = HubTopic.objects.filter(pk=topic_id, claim=token).first()
    if topic is None:
        return 0
    try:
        result = fetcher.fetch(topic.url, validators=Validators(topic.etag))
    except FetchError as e:
        logger.warning("websub hub: topic %s could not be fetched: %s", topic.url, e)
        return 0
    digest = hashlib.sha256(result.content).hexdigest()
    if not result.ok or result.not_modified or digest == topic.content_hash:
        HubTopic.objects.filter(pk=topic.pk).update(etag=result.validators.etag[:500], claim="")
        return 0
    first_look = not topic.content_hash  # what subscribers had when they subscribed
    HubTopic.objects.filter(pk=topic.pk).update(
        etag=result.validators.etag[:500], content_hash=digest, distributed_at=now, claim=""
    )
    if first_look:
        return 0
    live = HubSubscription.objects.filter(topic=topic.url, active=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gte=now)
    )
    return sum(
        _deliver(row, topic.url, result.content, result.content_type, poster, now, failed=0) == 0
        for row in live
    )


def redeliver(
    subscription_id: int, token: str, fetcher: Fetcher, poster: Poster, now: datetime
) -> str:
    """Try a failed delivery again with the topic as it is now: "delivered", "retrying" (another
    attempt is planned), "failed" (the last one failed; the next change is sent) or "skipped"."""
    row = HubSubscription.objects.filter(pk=subscription_id, retry_claim=token, active=True).first()
    if row is None or (row.expires_at is not None and row.expires_at < now):
        return "skipped"
    try:
        result = fetcher.fetch(row.topic)
        error = "" if result.ok else f"the topic answered HTTP {result.status}"
    except FetchError as e:
        error = f"the topic could not be fetched: {e}"
    if error:  # the site's own feed: not the subscriber's failure, so not an attempt
        logger.warning("websub hub: retry for %s put off: %s", row.callback, error)
        HubSubscription.objects.filter(pk=row.pk).update(
            retry_at=now + RETRY_AFTER[0], retry_claim=""
        )
        return "retrying"
    failed = _deliver(
        row, row.topic, result.content, result.content_type, poster, now, row.failed_deliveries
    )
    if not failed:
        return "delivered"
    return "retrying" if failed <= len(RETRY_AFTER) else "failed"


def _deliver(
    row: HubSubscription,
    topic: str,
    body: bytes,
    content_type: str,
    poster: Poster,
    now: datetime,
    failed: int,
) -> int:
    """POST one version of the topic to one subscriber, ``failed`` attempts at it having failed
    before. The failed attempts in a row after this one: 0 when it took it; else the count, with
    the failure and the next attempt recorded on the subscription."""
    from newsdesk.pipeline.feeds.websub import SIGNATURE_HEADER, sign

    headers = {
        "Content-Type": content_type or "application/rss+xml",
        "Link": f'<{hub_url()}>; rel="hub", <{topic}>; rel="self"',
    }
    if row.secret:
        headers[SIGNATURE_HEADER] = sign(row.secret, body, "sha256")
    try:
        answer = poster.post(row.callback, body, headers)
        error = "" if 200 <= answer.status < 300 else f"the callback answered HTTP {answer.status}"
    except (FetchError, InvalidURLError) as e:
        error = str(e) or type(e).__name__
    if not error:
        HubSubscription.objects.filter(pk=row.pk).update(
            last_delivery_at=now, last_error="", failed_deliveries=0, retry_at=None, retry_claim=""
        )
        return 0
    failed += 1
    retry_at = now + RETRY_AFTER[failed - 1] if failed <= len(RETRY_AFTER) else None
    logger.warning(
        "websub hub: delivery %d to %s failed: %s; %s",
        failed,
        row.callback,
        error,
        f"next attempt at {retry_at:%H:%M:%S}" if retry_at else "no more attempts for this change",
    )
    HubSubscription.objects.filter(pk=row.pk).update(
        last_error=error[:2000],
        last_failure_at=now,
        failed_deliveries=failed,
        retry_at=retry_at,
        retry_claim="",
    )
    return failed

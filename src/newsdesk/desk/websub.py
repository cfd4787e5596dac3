"""WebSub subscriptions of feeds: subscribe, verify, take pushes, renew, slow polling (decision 62).

A feed check that finds a hub (``note_hub``) makes the feed's subscription, due at once. The
scheduler claims due subscriptions (``claim_due_subscriptions``) and a job sends the request to
the hub through the guarded poster (``run_subscription``). The hub verifies the intent with a
GET to the callback (``verify_intent``): the challenge is echoed only for a request newsdesk sent
for that topic and not yet verified. Pushes (``take_push``) are checked (live subscription,
topic, ``X-Hub-Signature``), stored as ``WebSubPush`` rows and answered; a job parses each and
stores its entries as a polled feed's are (``process_push``), so nothing is lost or duplicated.

While a subscription's lease runs, the feed is polled every ``SLOW_POLL`` at most
(``slowed_check_at``); the subscription is renewed ``RENEW_BEFORE`` its lease ends. A hub that
denies, answers an error, or never verifies within ``VERIFY_WAIT`` leaves the subscription
refused (asked again after ``RETRY_AFTER``), and the feed is polled as usual.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse

from newsdesk.desk.articles import Claim, new_token, store_entries
from newsdesk.desk.leases import job_lease
from newsdesk.errors import FeedParseError, FetchError, InvalidURLError
from newsdesk.pipeline.feeds import parse_subscribed_feed
from newsdesk.pipeline.feeds.websub import (
    discover_hub,
    new_secret,
    self_link,
    signature_valid,
    subscription_form,
)
from newsdesk.sources.models import Feed, WebSubPush, WebSubState, WebSubSubscription

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch.poster import Poster
    from newsdesk.types import FetchResult

logger = logging.getLogger("newsdesk.websub")

SLOW_POLL = timedelta(hours=6)
RENEW_BEFORE = timedelta(hours=12)
VERIFY_WAIT = timedelta(minutes=10)
RETRY_AFTER = timedelta(days=1)
MIN_LEASE = timedelta(minutes=5)
MAX_PUSH_BYTES = 5 * 2**20
"""A push larger than this is refused (HTTP 413) before it is read; the feed's next poll gets
its items."""
CLAIM_BATCH = 200


class PushVerdict(StrEnum):
    ACCEPTED = "accepted"
    UNKNOWN = "unknown"  # no such callback, or not a live subscription
    WRONG_TOPIC = "wrong_topic"
    UNSIGNED = "unsigned"
    BAD_SIGNATURE = "bad_signature"


@dataclass
class PushReport:
    outcome: str
    entries: int = 0
    new_articles: int = 0
    error: str = ""
    claims: list[Claim] = field(default_factory=list)


def callback_base() -> str:
    """The public origin hubs call back at; "" when WebSub is off or no origin is configured."""
    config = settings.NEWSDESK
    return str(config.origins[0]) if config.websub and config.origins else ""


def callback_url(subscription: WebSubSubscription) -> str:
    path = reverse("web:websub-callback", args=[subscription.callback_key])
    return callback_base().rstrip("/") + path


def note_hub(feed: Feed, result: FetchResult, now: datetime) -> None:
    """After a good fetch: subscribe the feed at the hub it names (or now names anew)."""
    links = discover_hub(result.content, result.links, result.final_url)
    if links is None or not callback_base():
        return
    current = WebSubSubscription.objects.filter(feed=feed).first()
    if current is not None and (current.hub, current.topic) == (links.hub, links.topic):
        return
    fields = {
        "hub": links.hub[:2000],
        "topic": links.topic[:2000],
        "secret": new_secret(),
        "state": WebSubState.PENDING,
        "requested_at": None,
        "lease_ends_at": None,
        "last_error": "",
        "next_action_at": now,
        "claim": "",
    }
    if current is None:
        key = secrets.token_urlsafe(24)
        WebSubSubscription.objects.get_or_create(
            feed=feed, defaults={"callback_key": key, **fields}
        )
    else:
        WebSubSubscription.objects.filter(pk=current.pk).update(**fields)
    logger.info("websub: feed %s names hub %s for topic %s", feed.pk, links.hub, links.topic)


def claim_due_subscriptions(now: datetime, limit: int = 500) -> list[tuple[int, str]]:
    """Subscriptions with a request to send, a renewal due or a verification overdue."""
    if not callback_base():
        return []
    due = WebSubSubscription.objects.filter(next_action_at__lte=now)
    ids = list(due.order_by("next_action_at").values_list("id", flat=True)[:limit])
    claimed: list[tuple[int, str]] = []
    for start in range(0, len(ids), CLAIM_BATCH):
        batch, token = ids[start : start + CLAIM_BATCH], new_token()
        due.filter(pk__in=batch).update(claim=token, next_action_at=now + job_lease())
        mine = WebSubSubscription.objects.filter(pk__in=batch, claim=token)
        claimed.extend((pk, token) for pk in mine.values_list("id", flat=True))
    return claimed


def run_subscription(subscription_id: int, token: str, poster: Poster, now: datetime) -> str:
    """The due action of one subscription: give up on an unverified request, or (re)subscribe."""
    subscription = WebSubSubscription.objects.filter(pk=subscription_id, claim=token).first()
    if subscription is None:
        return "skipped"
    if subscription.requested_at is not None and now - subscription.requested_at >= VERIFY_WAIT:
        return _unverified(subscription, now)
    body = subscription_form(
        "subscribe", subscription.topic, callback_url(subscription), subscription.secret
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    # Stamped before sending: the hub may verify before its answer to the request arrives.
    _save(subscription, token, requested_at=now, next_action_at=now + VERIFY_WAIT)
    try:
        answer = poster.post(subscription.hub, body, headers)
    except (FetchError, InvalidURLError) as e:
        return _refused(subscription, now, f"the hub could not be reached: {e}")
    if not 200 <= answer.status < 300:
        detail = answer.body[:200].decode("utf-8", "replace").strip()
        return _refused(subscription, now, f"the hub answered HTTP {answer.status} {detail}")
    logger.info(
        "websub: asked %s for %s (HTTP %s)", subscription.hub, subscription.topic, answer.status
    )
    return "requested"


def _unverified(subscription: WebSubSubscription, now: datetime) -> str:
    if _lease_live(subscription, now):  # a renewal not verified: try again while it runs
        _save(
            subscription,
            "",
            requested_at=None,
            next_action_at=now + MIN_LEASE,
            last_error=("the hub did not verify the renewal; asking again"),
        )
        logger.warning(
            "websub: hub %s did not verify the renewal of %s", subscription.hub, subscription.topic
        )
        return "renewal unverified"
    return _refused(subscription, now, "the hub never verified the subscription")


def _refused(subscription: WebSubSubscription, now: datetime, reason: str) -> str:
    _save(
        subscription,
        "",
        state=WebSubState.REFUSED,
        requested_at=None,
        last_error=reason[:2000],
        next_action_at=now + RETRY_AFTER,
    )
    logger.warning(
        "websub: %s at %s refused: %s; polling as usual",
        subscription.topic,
        subscription.hub,
        reason,
    )
    return "refused"


def _save(subscription: WebSubSubscription, claim: str | None, **fields: object) -> None:
    """Write ``fields``; with ``claim`` set, only while the job still holds the subscription."""
    rows = WebSubSubscription.objects.filter(pk=subscription.pk)
    if claim:
        rows = rows.filter(claim=claim)
    else:
        fields["claim"] = ""
    rows.update(**fields)


def _lease_live(subscription: WebSubSubscription, now: datetime) -> bool:
    return (
        subscription.state == WebSubState.ACTIVE
        and subscription.lease_ends_at is not None
        and subscription.lease_ends_at > now
    )


def verify_intent(key: str, params: Mapping[str, str], now: datetime) -> str | None:
    """The challenge to echo for a hub's verification GET, or None (answer 404)."""
    mode, topic = params.get("hub.mode", ""), params.get("hub.topic", "")
    subscription = WebSubSubscription.objects.filter(callback_key=key).first()
    if subscription is None or topic != subscription.topic:
        logger.warning(
            "websub: verification for a topic not subscribed (%s %s) refused", mode, topic
        )
        return None
    if mode == "denied":
        reason = params.get("hub.reason", "") or "no reason given"
        _refused(subscription, now, f"the hub denied the subscription: {reason}")
        return ""
    asked = subscription.requested_at is not None and now - subscription.requested_at < VERIFY_WAIT
    challenge = params.get("hub.challenge", "")
    if mode != "subscribe" or not asked or not challenge:
        logger.warning(
            "websub: %s of %s not asked for by newsdesk; refused", mode or "no mode", topic
        )
        return None
    lease = timedelta(seconds=_seconds(params.get("hub.lease_seconds", "")))
    lease = max(lease, MIN_LEASE)
    _save(
        subscription,
        "",
        state=WebSubState.ACTIVE,
        requested_at=None,
        verified_at=now,
        lease_ends_at=now + lease,
        last_error="",
        next_action_at=now + max(lease - RENEW_BEFORE, lease / 2),
    )
    logger.info("websub: %s at %s verified, lease %s", topic, subscription.hub, lease)
    return challenge


def _seconds(value: str) -> int:
    return int(value) if value.strip().isdigit() else 0


def take_push(
    key: str, body: bytes, content_type: str, signature: str, link_header: str, now: datetime
) -> PushVerdict:
    """Check a content distribution and store it for a job; the verdict decides the answer."""
    subscription = WebSubSubscription.objects.filter(callback_key=key).first()
    if subscription is None or not _lease_live(subscription, now):
        logger.warning("websub: push to a callback with no live subscription (%s) refused", key[:8])
        return PushVerdict.UNKNOWN
    topic = self_link(link_header)
    if topic and topic != subscription.topic:
        logger.warning(
            "websub: push for topic %s to the subscription of %s refused", topic, subscription.topic
        )
        return PushVerdict.WRONG_TOPIC
    if not signature:
        logger.warning("websub: unsigned push for %s refused", subscription.topic)
        return PushVerdict.UNSIGNED
    if not signature_valid(subscription.secret, signature, body):
        logger.warning("websub: push for %s with a wrong signature refused", subscription.topic)
        return PushVerdict.BAD_SIGNATURE
    with transaction.atomic():
        WebSubPush.objects.create(
            subscription=subscription, received_at=now, content_type=content_type[:200], body=body
        )
        WebSubSubscription.objects.filter(pk=subscription.pk).update(
            last_push_at=now, push_count=F("push_count") + 1
        )
    logger.info("websub: push of %d bytes for %s taken", len(body), subscription.topic)
    return PushVerdict.ACCEPTED


def claim_due_hub_pushes(now: datetime, limit: int = 200) -> list[tuple[int, str]]:
    """Pushes not processed yet, whose last claim (if any) has run out."""
    free = Q(claim="") | Q(claimed_at__lte=now - job_lease())
    waiting = WebSubPush.objects.filter(free, processed_at__isnull=True)
    ids = list(waiting.values_list("id", flat=True)[:limit])
    if not ids:
        return []
    token = new_token()
    waiting.filter(pk__in=ids).update(claim=token, claimed_at=now)  # a dead job's comes back
    mine = WebSubPush.objects.filter(pk__in=ids, claim=token)
    return [(pk, token) for pk in mine.values_list("id", flat=True)]


def process_push(push_id: int, token: str, now: datetime) -> PushReport:
    """Parse one push and store its entries as a polled feed's; the claims of new articles."""
    push = WebSubPush.objects.filter(pk=push_id, claim=token, processed_at__isnull=True).first()
    if push is None:
        return PushReport("skipped")
    feed = Feed.objects.get(pk=push.subscription.feed_id)
    try:
        parsed = parse_subscribed_feed(bytes(push.body), feed.url, push.content_type)
    except FeedParseError as e:
        WebSubPush.objects.filter(pk=push.pk).update(processed_at=now, error=str(e)[:2000])
        logger.warning("websub: push %s for feed %s could not be read: %s", push.pk, feed.pk, e)
        return PushReport("error", error=str(e))
    stored = store_entries(feed, parsed.entries, now)
    WebSubPush.objects.filter(pk=push.pk).update(
        processed_at=now,
        body=b"",  # its entries are articles now
        entries=len(parsed.entries),
        new_articles=stored.new,
    )
    return PushReport("ok", len(parsed.entries), stored.new, claims=stored.claims)


def slowed_check_at(feed_id: int, when: datetime, now: datetime) -> datetime:
    """A feed's next poll: no sooner than ``SLOW_POLL`` (or its lease's end) while pushed to."""
    lease_end = (
        WebSubSubscription.objects.filter(
            feed_id=feed_id, state=WebSubState.ACTIVE, lease_ends_at__gt=now
        )
        .values_list("lease_ends_at", flat=True)
        .first()
    )
    if lease_end is None:
        return when
    return max(when, min(now + SLOW_POLL, lease_end))

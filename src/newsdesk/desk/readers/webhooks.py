"""Webhooks a reader or an operator keeps: register, list, delete, resume, and test pings.

A reader's hook gets the new stories matching what they follow; an operator's (staff) site-wide
hook gets every new story. The address passes the same checks as a feed's before it is kept
(http or https, no credentials, a host that resolves only to public addresses unless
``NEWSDESK_FETCH_ALLOW`` allows them) and again on every delivery, since a name can change what
it points to. The secret that signs deliveries is made here and shown once; it is kept as it is,
since each delivery is signed with it.

Sending is the business of ``webhook_deliveries`` and its jobs; nothing here makes a request
except the name lookup that vets the address.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from newsdesk.desk.runtime import fetch_policy
from newsdesk.errors import FetchError, InvalidURLError, NewsdeskError
from newsdesk.pipeline.fetch.guard import Resolver
from newsdesk.pipeline.webhooks import new_secret
from newsdesk.readers.webhooks import Webhook, WebhookDelivery, WebhookEvent

HOOKS_PER_READER = 10
RECENT_DELIVERIES = 5


class WebhookError(NewsdeskError):
    """A hook that cannot be kept or changed: a refused address, too many hooks, not yours."""


@dataclass(frozen=True)
class HookView:
    hook: Webhook
    deliveries: list[WebhookDelivery]

    @property
    def site_wide(self) -> bool:
        return self.hook.user_id is None

    @property
    def paused(self) -> bool:
        return self.hook.paused_at is not None


def register(
    user: User,
    url: str,
    now: datetime,
    *,
    site_wide: bool = False,
    resolver: Resolver | None = None,
) -> tuple[Webhook, str]:
    """Keep a hook for ``url``; returns it and its secret (shown to the reader once)."""
    if site_wide and not user.is_staff:
        raise WebhookError("Only operators can add site-wide webhooks.")
    if not site_wide and Webhook.objects.filter(user=user).count() >= HOOKS_PER_READER:
        raise WebhookError(f"A reader can keep {HOOKS_PER_READER} webhooks at most.")
    try:
        target = vet_url(url, resolver)
    except (InvalidURLError, FetchError) as e:
        raise WebhookError(f"This address cannot receive webhooks: {e}") from e
    secret = new_secret()
    hook = Webhook.objects.create(
        user=None if site_wide else user,
        url=target,
        secret=secret,
        events=[WebhookEvent.STORY_NEW.value],
        scanned_until=now,
        created_at=now,
    )
    return hook, secret


def vet_url(url: str, resolver: Resolver | None = None) -> str:
    """The address normalised, or an error if feeds could not be fetched from it either."""
    from newsdesk.pipeline.fetch.poster import vet_target

    return vet_target(url, fetch_policy(), resolver=resolver)


def hooks_of(user: User) -> list[HookView]:
    """The reader's hooks (and, for an operator, the site-wide ones), each with its last
    deliveries."""
    views = []
    for hook in manageable(user).order_by("created_at", "id"):
        recent = list(hook.deliveries.order_by("-created_at", "-id")[:RECENT_DELIVERIES])
        views.append(HookView(hook, recent))
    return views


def manageable(user: User) -> QuerySet[Webhook]:
    mine = Q(user=user)
    if user.is_staff:
        mine |= Q(user__isnull=True)
    return Webhook.objects.filter(mine)


def hook_of(user: User, hook_id: int) -> Webhook:
    hook = manageable(user).filter(pk=hook_id).first()
    if hook is None:
        raise WebhookError("No such webhook.")
    return hook


def delete(user: User, hook_id: int) -> None:
    hook_of(user, hook_id).delete()


def resume(user: User, hook_id: int, now: datetime) -> Webhook:
    """Take a paused hook up again. Stories that came while it was paused are not sent; the
    deliveries still waiting for a retry are."""
    hook = hook_of(user, hook_id)
    if hook.paused_at is not None:
        Webhook.objects.filter(pk=hook.pk).update(
            paused_at=None, resumed_at=now, failures=0, last_error="", scanned_until=now
        )
        hook.refresh_from_db()
    return hook


def send_test(user: User, hook_id: int, now: datetime) -> WebhookDelivery:
    """Queue a ``ping`` delivery for the hook; the next scheduler pass hands it to a job. A
    paused hook is resumed first, so a reader can check a receiver they fixed."""
    hook = resume(user, hook_id, now)
    delivery_id = uuid.uuid4()
    payload = {
        "type": WebhookEvent.PING.value,
        "id": str(delivery_id),
        "created_at": now.isoformat(),
        "data": {"hook": hook.pk, "message": "newsdesk test ping"},
    }
    return WebhookDelivery.objects.create(
        hook=hook,
        event=WebhookEvent.PING,
        subject=f"ping:{delivery_id}",
        delivery_id=delivery_id,
        payload=payload,
        created_at=now,
    )

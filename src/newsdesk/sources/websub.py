"""WebSub subscriptions of feeds and the content hubs pushed to them (decision 62).

- ``WebSubSubscription``: one feed's subscription at the hub it names. ``callback_key`` is the
  random last part of the callback address, so a hub's request finds its subscription and a
  guessed address finds nothing. ``secret`` signs every push. ``state`` follows the spec: a
  request sent is ``pending`` until the hub verifies it (``active``, with ``lease_ends_at``),
  or denies it or never verifies (``refused``); a lease that ran out is ``lapsed``.
  ``next_action_at`` is the job queue (send the request, renew before the lease ends, give up
  on an unverified request), claimed with ``claim`` as feeds are.
- ``WebSubPush``: one content distribution taken at the callback, kept until a job has put its
  entries through the feed pipeline (``processed_at``) or recorded why it could not (``error``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from newsdesk.sources.models import Feed


class WebSubState(models.TextChoices):
    PENDING = "pending", gettext_lazy("Waiting for the hub")
    ACTIVE = "active", gettext_lazy("Subscribed")
    REFUSED = "refused", gettext_lazy("Refused by the hub")
    LAPSED = "lapsed", gettext_lazy("Lapsed")


class WebSubSubscription(models.Model):
    feed = models.OneToOneField(Feed, on_delete=models.CASCADE, related_name="websub")
    hub = models.URLField(max_length=2000)
    topic = models.URLField(max_length=2000)
    callback_key = models.CharField(max_length=64, unique=True)
    secret = models.CharField(max_length=200)
    state = models.CharField(max_length=8, choices=WebSubState.choices, default=WebSubState.PENDING)
    requested_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    lease_ends_at = models.DateTimeField(null=True, blank=True)
    last_push_at = models.DateTimeField(null=True, blank=True)
    push_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_action_at = models.DateTimeField(db_index=True)
    claim = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"WebSub of {self.topic} at {self.hub}"


class WebSubPush(models.Model):
    subscription = models.ForeignKey(
        WebSubSubscription, on_delete=models.CASCADE, related_name="pushes"
    )
    received_at = models.DateTimeField(db_index=True)
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField()
    processed_at = models.DateTimeField(null=True, blank=True)
    entries = models.PositiveIntegerField(default=0)
    new_articles = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"push {self.pk} to {self.subscription_id}"

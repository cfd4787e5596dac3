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

The site's own hub (decision 69), for the site's own feeds:

- ``HubSubscription``: a subscriber's callback for one of the site's feeds (``topic``). A
  request asks for ``asked_mode`` (subscribe or unsubscribe) with its lease and secret; a job
  verifies the intent at the callback, and only then does the row become ``active`` (with the
  asked secret and ``expires_at``) or go away (an unsubscription, or a subscription the
  callback did not confirm).
- ``HubTopic``: one of the site's feeds with subscribers: its last validators and the hash of
  the content last distributed, checked at ``next_check_at`` (claimed with ``claim``).
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


class HubSubscription(models.Model):
    topic = models.URLField(max_length=2000)
    callback = models.URLField(max_length=2000)
    active = models.BooleanField(default=False)
    secret = models.CharField(max_length=200, blank=True)
    lease_seconds = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(null=True, blank=True)
    asked_mode = models.CharField(max_length=12, blank=True)  # "" once verified
    asked_secret = models.CharField(max_length=200, blank=True)
    asked_lease = models.PositiveIntegerField(default=0)
    next_action_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claim = models.CharField(max_length=32, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    last_delivery_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Delivery retries (decision 79): the failed attempts in a row at sending the topic's newest
    # change, when the last one failed, and when the next is due (null: none is planned).
    failed_deliveries = models.PositiveSmallIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True, db_index=True)
    retry_claim = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "callback"], name="hub_subscription_once")
        ]

    def __str__(self) -> str:
        return f"{self.callback} for {self.topic}"


class HubTopic(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    etag = models.CharField(max_length=500, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    distributed_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(db_index=True)
    claim = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return self.url

"""Web Push notifications: the site's key pair, the browsers a reader subscribed, what they want
to be told, and each notification with its deliveries (decision 58).

- ``PushKey``: the site's VAPID key pair, one row (``name`` "site"), made on first use. The
  private key lives in the database, so every web and worker process signs with the same key
  and none is ever in the repository.
- ``PushSubscription``: one browser of a reader (the endpoint its push service gave it and the
  keys that encrypt for it). ``endpoint`` is unique: a browser that subscribes again under
  another account moves to that account.
- ``PushSettings``: per reader, which kinds are on (followed stories, topics, places, rule
  matches), quiet hours in the reader's time zone (``quiet_start`` to ``quiet_end``, whole
  hours; equal means none), the daily cap, and ``scanned_until``, the time up to which new
  stories and placements were looked at for them.
- ``PushNotice``: one thing to tell one reader (``subject`` unique per reader, so a story's
  update is told once). ``send_after`` holds it through quiet hours; when it is released it is
  ``sent`` (its deliveries made) or ``capped`` (the day's cap was reached).
- ``PushDelivery``: a notice to one subscription, sent by a job with retries; leased to one job
  at a time (``claim``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from newsdesk.readers.sending import LeasedSend


class PushKey(models.Model):
    name = models.CharField(max_length=20, unique=True)
    private_pem = models.TextField()
    public_key = models.CharField(max_length=120)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"push key {self.name}"


class PushSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=2000, unique=True)
    p256dh = models.CharField(max_length=120)
    auth = models.CharField(max_length=40)
    # The browser as the reader would recognise it ("Chrome on Android"), from its User-Agent.
    device = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField()
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"push subscription {self.pk} of {self.user_id}"


class PushKind(models.TextChoices):
    STORY = "story", gettext_lazy("Stories you follow")
    TOPIC = "topic", gettext_lazy("Topics you follow")
    PLACE = "place", gettext_lazy("Places you follow")
    RULE = "rule", gettext_lazy("Your rules")


class PushSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="push_settings",
    )
    stories = models.BooleanField(default=True)
    topics = models.BooleanField(default=True)
    places = models.BooleanField(default=True)
    rules = models.BooleanField(default=True)
    quiet_start = models.PositiveSmallIntegerField(default=22)
    quiet_end = models.PositiveSmallIntegerField(default=7)
    daily_cap = models.PositiveSmallIntegerField(default=10)
    scanned_until = models.DateTimeField()
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"push settings of {self.user_id}"


class NoticeStatus(models.TextChoices):
    WAITING = "waiting", "Waiting (quiet hours)"
    SENT = "sent", "Handed to the browsers"
    CAPPED = "capped", "Not sent: the day's cap was reached"
    OFF = "off", "Not sent: turned off"


class PushNotice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_notices"
    )
    kind = models.CharField(max_length=8, choices=PushKind.choices)
    subject = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=8, choices=NoticeStatus.choices, default=NoticeStatus.WAITING
    )
    send_after = models.DateTimeField()
    created_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "subject"], name="push_notice_once")]
        indexes = [models.Index(fields=["status", "send_after"], name="push_notice_due")]

    def __str__(self) -> str:
        return f"push {self.subject} to {self.user_id} ({self.status})"


class PushDeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for its job"
    SENDING = "sending", "Being sent"
    RETRY = "retry", "Failed; tried again later"
    DELIVERED = "delivered", "Accepted by the push service"
    FAILED = "failed", "Failed for good"


class PushDelivery(LeasedSend):
    notice = models.ForeignKey(PushNotice, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10, choices=PushDeliveryStatus.choices, default=PushDeliveryStatus.QUEUED
    )
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "subscription"], name="push_delivery_once")
        ]
        indexes = [models.Index(fields=["status", "retry_at"], name="push_delivery_due")]

    def __str__(self) -> str:
        return f"push delivery {self.pk} ({self.status})"

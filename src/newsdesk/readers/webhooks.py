"""Webhooks: URLs that newsdesk POSTs signed JSON to when something happens (decision 53).

- ``Webhook``: a reader's hook (``user`` set) for new stories matching what they follow, or an
  operator's site-wide hook (``user`` null) for every new story. ``events`` lists the event
  types it takes (``story.new`` now; rule matches later). ``secret`` signs each delivery; it is
  shown once when the hook is made. ``scanned_until`` is the creation time up to which new
  stories were looked at. ``failures`` counts failed attempts in a row; at the limit the hook is
  paused (``paused_at``) with ``last_error``, and nothing is sent until it is resumed
  (``resumed_at``: no story made before it is sent).
- ``WebhookDelivery``: one event for one hook, sent by jobs with retries; ``delivery_id`` is
  the same on every attempt (the receiver's idempotency key). ``(hook, subject)`` is unique, so
  one story is delivered to one hook once. Leased to one job at a time (``claim``).
- ``WebhookAttempt``: one POST of a delivery: when, the status code (null when no answer), how
  long it took and the error.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from newsdesk.readers.sending import LeasedSend


class WebhookEvent(models.TextChoices):
    STORY_NEW = "story.new", "A new story"
    PING = "ping", "A test ping"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for its job"
    SENDING = "sending", "Being sent"
    RETRY = "retry", "Failed; tried again later"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed for good"


class Webhook(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhooks",
    )
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=80)
    events = models.JSONField(default=list)
    scanned_until = models.DateTimeField()
    failures = models.PositiveIntegerField(default=0)
    paused_at = models.DateTimeField(null=True, blank=True)
    resumed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"webhook {self.pk} to {self.url}"


class WebhookDelivery(LeasedSend):
    hook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    subject = models.CharField(max_length=80)
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True)
    payload = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["hook", "subject"], name="webhook_subject_once")
        ]
        indexes = [models.Index(fields=["status", "retry_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} {self.subject} to hook {self.hook_id} ({self.status})"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"attempt of delivery {self.delivery_id}: {self.status_code or self.error[:40]}"

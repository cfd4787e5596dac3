"""E-mail digests: a reader's plan (how often, when, in which language) and one row per digest
period, which makes sending idempotent.

- ``DigestPlan``: off, daily or weekly; the hour (0-23) in the reader's own time zone and, for a
  weekly digest, the weekday (0 is Monday); the language of the mail; and ``next_due_at``, the
  next time the scheduler looks at this reader (null while the plan is off).
- ``DigestSend``: the digest of one reader for one period (``"2026-12-07"`` for a daily digest,
  ``"2026-W50"`` for a weekly one, in the reader's calendar). The pair is unique, so a period is
  sent at most once whatever schedulers and workers run. ``claim`` and ``claim_until`` lease it
  to one job at a time, as feeds and articles are leased (decision 2); ``attempts``,
  ``retry_at`` and ``last_error`` record failed sends.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from newsdesk.readers.sending import LeasedSend


class DigestFrequency(models.TextChoices):
    OFF = "off", gettext_lazy("Off")
    DAILY = "daily", gettext_lazy("Daily")
    WEEKLY = "weekly", gettext_lazy("Weekly")


class DigestPlan(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="digest_plan",
    )
    frequency = models.CharField(
        max_length=6, choices=DigestFrequency.choices, default=DigestFrequency.OFF
    )
    hour = models.PositiveSmallIntegerField(default=7)
    weekday = models.PositiveSmallIntegerField(default=0)
    language = models.CharField(max_length=8, default="en")
    next_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When a mail's unsubscribe link (or the settings page) last turned the plan off.
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} digest {self.frequency}"


class DigestStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for its job"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    RETRY = "retry", "Failed; tried again later"
    FAILED = "failed", "Failed for good"
    EMPTY = "empty", "No stories: nothing sent"
    OFF = "off", "Turned off before sending"


class DigestSend(LeasedSend):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_sends"
    )
    period = models.CharField(max_length=16)
    status = models.CharField(
        max_length=8, choices=DigestStatus.choices, default=DigestStatus.QUEUED
    )
    story_count = models.PositiveSmallIntegerField(default=0)
    message_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="digest_once_a_period")
        ]
        indexes = [models.Index(fields=["status", "retry_at"], name="digest_send_due")]

    def __str__(self) -> str:
        return f"{self.user} digest {self.period} ({self.status})"

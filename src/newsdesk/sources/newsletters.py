"""MailAddress: an address newsletters are delivered to (decision 67).

Either a reader's (``user`` set): what arrives becomes articles of private sources of that
reader, one source per newsletter; or an operator's for a public source (``source`` set): what
arrives becomes articles of that source, seen by everyone. ``local_part`` is random and unique
(the part before the "@"; the domain is the site's mail domain); rotating it makes a new one,
and mail to the old one is refused. ``received`` and ``last_received_at`` tell the owner that
mail arrives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from newsdesk.sources.models import Source


class MailAddress(models.Model):
    local_part = models.CharField(max_length=64, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mail_address",
    )
    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="mail_address"
    )
    received = models.PositiveIntegerField(default=0)
    last_received_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(source__isnull=True),
                name="mail_address_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.local_part

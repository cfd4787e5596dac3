"""The fields of a row that a job sends once (an e-mail digest, a webhook delivery).

``claim`` and ``claim_until`` lease the row to one job at a time, as feeds and articles are
leased (decision 2); ``attempts``, ``retry_at`` and ``last_error`` record failed sends. Each
model adds its own ``status``, whose values include ``queued``, ``sending`` and ``retry``;
``newsdesk.desk.sending`` leases, takes and finishes such rows.
"""

from __future__ import annotations

from django.db import models


class LeasedSend(models.Model):
    claim = models.CharField(max_length=32, blank=True)
    claim_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True

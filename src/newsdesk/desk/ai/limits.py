"""Model calls are counted: a daily budget for the whole site, an hourly limit per reader.

Only calls to a model endpoint count; the extractive engine is free. A reader is whatever the
web layer names them by (a signed-in reader's id, else a hash of the session or address).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from newsdesk.summaries.models import AiCall, Summary


def budget_left(now: datetime | None = None) -> int:
    """Model calls still allowed today (UTC day)."""
    now = now or timezone.now()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    used = AiCall.objects.filter(at__gte=start).count()
    return max(0, settings.NEWSDESK.ai_daily_budget - used)


def reader_calls_left(reader: str, now: datetime | None = None) -> int:
    """Model calls this reader may still start in the coming hour."""
    now = now or timezone.now()
    used = AiCall.objects.filter(reader=reader, at__gte=now - timedelta(hours=1)).count()
    return max(0, settings.NEWSDESK.ai_reader_hourly - used)


def record_call(reader: str, summary: Summary | None, now: datetime | None = None) -> None:
    AiCall.objects.create(reader=reader[:64], at=now or timezone.now(), summary=summary)

"""The webhook job on the django-tasks queue: POST one delivery to its hook.

The scheduler makes the deliveries of new stories and leases each one due
(``desk.readers.webhook_deliveries.claim_due_deliveries``); it queues one job per delivery with
its token, and a job with a stale token does nothing (decision 53).
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from newsdesk.desk.joblog import logged_job
from newsdesk.desk.readers.webhook_deliveries import deliver

WEBHOOK_QUEUE = "default"


@task(queue_name=WEBHOOK_QUEUE)
@logged_job("webhook", item="delivery")
def deliver_webhook_job(delivery_id: int, token: str) -> dict[str, object]:
    return deliver(delivery_id, token, timezone.now())


def enqueue_deliveries(claims: list[tuple[int, str]]) -> None:
    for delivery_id, token in claims:
        deliver_webhook_job.enqueue(delivery_id, token)

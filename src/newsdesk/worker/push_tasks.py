"""The Web Push job on the django-tasks queue: send one notice to one browser's push service.

The scheduler releases the notices due and leases each delivery
(``desk.readers.push_deliveries.claim_due_pushes``); it queues one job per delivery with its
token, and a job with a stale token does nothing (decision 58).
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from newsdesk.desk.joblog import logged_job
from newsdesk.desk.readers.push_deliveries import deliver_push

PUSH_QUEUE = "default"


@task(queue_name=PUSH_QUEUE)
@logged_job("push", item="delivery")
def deliver_push_job(delivery_id: int, token: str) -> dict[str, object]:
    return deliver_push(delivery_id, token, timezone.now())


def enqueue_pushes(claims: list[tuple[int, str]]) -> None:
    for delivery_id, token in claims:
        deliver_push_job.enqueue(delivery_id, token)

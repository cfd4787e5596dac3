"""The digest job on the django-tasks queue: send one reader's e-mail digest for one period.

The scheduler leases each send due (``desk.readers.digests.claim_due_digests``) and queues one
job per send with its token; a job with a stale token does nothing (decision 51).
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from newsdesk.desk.joblog import logged_job
from newsdesk.desk.readers.digests import send_digest

DIGEST_QUEUE = "default"


@task(queue_name=DIGEST_QUEUE)
@logged_job("digest", item="send")
def send_digest_job(send_id: int, token: str) -> dict[str, object]:
    return send_digest(send_id, token, timezone.now())


def enqueue_digests(claims: list[tuple[int, str]]) -> None:
    for send_id, token in claims:
        send_digest_job.enqueue(send_id, token)

"""WebSub jobs on the django-tasks queue: send a subscription's due request, and put one pushed
feed through the pipeline (decision 62).

The scheduler claims due subscriptions and unprocessed pushes (``desk.websub``) and queues one
job for each with its token; a job with a stale token does nothing.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from newsdesk.desk import websub
from newsdesk.desk.joblog import logged_job
from newsdesk.desk.runtime import fetch_policy
from newsdesk.pipeline.fetch.poster import Poster
from newsdesk.worker.tasks import FEEDS_QUEUE, enqueue_articles


@task(queue_name=FEEDS_QUEUE)
@logged_job("websub_subscribe", item="subscription")
def websub_subscribe_job(subscription_id: int, token: str) -> dict[str, object]:
    with Poster(fetch_policy()) as poster:
        outcome = websub.run_subscription(subscription_id, token, poster, timezone.now())
    return {"outcome": outcome}


@task(queue_name=FEEDS_QUEUE)
@logged_job("websub_push", item="push")
def websub_push_job(push_id: int, token: str) -> dict[str, object]:
    report = websub.process_push(push_id, token, timezone.now())
    enqueue_articles(report.claims)
    return {"outcome": report.outcome, "new": report.new_articles, "error": report.error}


def enqueue_websub(subscriptions: list[tuple[int, str]], pushes: list[tuple[int, str]]) -> None:
    for subscription_id, token in subscriptions:
        websub_subscribe_job.enqueue(subscription_id, token)
    for push_id, token in pushes:
        websub_push_job.enqueue(push_id, token)

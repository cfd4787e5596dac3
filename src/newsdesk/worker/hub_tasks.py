"""The site's WebSub hub's jobs: verify a subscriber's intent, distribute a changed feed
(decision 69), try a failed delivery again (decision 79). The scheduler claims them
(``desk.websub_hub.claim_due_hub_work``); a job with a stale token does nothing."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from newsdesk.desk import websub_hub
from newsdesk.desk.joblog import logged_job
from newsdesk.desk.runtime import fetch_policy
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.pipeline.fetch.poster import Poster
from newsdesk.worker.tasks import FEEDS_QUEUE


@task(queue_name=FEEDS_QUEUE)
@logged_job("hub_verify", item="subscription")
def hub_verify_job(subscription_id: int, token: str) -> dict[str, object]:
    with Fetcher(fetch_policy()) as fetcher:
        outcome = websub_hub.verify(subscription_id, token, fetcher, timezone.now())
    return {"outcome": outcome}


@task(queue_name=FEEDS_QUEUE)
@logged_job("hub_distribute", item="topic")
def hub_distribute_job(topic_id: int, token: str) -> dict[str, object]:
    policy = fetch_policy()
    with Fetcher(policy) as fetcher, Poster(policy) as poster:
        sent = websub_hub.distribute(topic_id, token, fetcher, poster, timezone.now())
    return {"outcome": "done", "sent": sent}


@task(queue_name=FEEDS_QUEUE)
@logged_job("hub_retry", item="subscription")
def hub_retry_job(subscription_id: int, token: str) -> dict[str, object]:
    policy = fetch_policy()
    with Fetcher(policy) as fetcher, Poster(policy) as poster:
        outcome = websub_hub.redeliver(subscription_id, token, fetcher, poster, timezone.now())
    return {"outcome": outcome}


def enqueue_hub_work(
    requests: list[tuple[int, str]], topics: list[tuple[int, str]], retries: list[tuple[int, str]]
) -> None:
    for subscription_id, token in requests:
        hub_verify_job.enqueue(subscription_id, token)
    for topic_id, token in topics:
        hub_distribute_job.enqueue(topic_id, token)
    for subscription_id, token in retries:  # a job each: one slow subscriber holds up no other
        hub_retry_job.enqueue(subscription_id, token)

"""The webhook job on the real queue (database and Redis): the scheduler finds a new story a
reader follows, a worker POSTs it to a local receiver, and passes after that send nothing more."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.desk.readers import webhooks
from newsdesk.desk.readers.following import follow
from newsdesk.readers.models import FollowKind
from newsdesk.readers.webhooks import DeliveryStatus, WebhookDelivery
from newsdesk.worker.runner import run_until_idle
from tests.support.following import make_article, make_reader, make_source, make_story
from tests.support.webhooks import receiver


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("in_process_queue", "allow_local_fetch")
def test_workers_deliver_a_new_story_once() -> None:
    now = timezone.now()
    harbour = make_source("Harbour Times", now, feed=False)
    user = make_reader("worker-hook")
    follow(user, FollowKind.SOURCE, "harbour-times", now)
    with receiver((200, 0.0)) as hooked:
        webhooks.register(user, hooked.url(), now - timedelta(seconds=1))
        make_story([make_article(harbour, "Harbour bridge reopens after repairs", now)], now)

        run_until_idle(threads=2)
        run_until_idle(threads=2)

    assert len(hooked.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)

"""The digest job on the real queue (database and Redis): the scheduler finds the digest due,
a worker sends it through SMTP to a local server, and passes after that send nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.desk.readers.following import follow
from newsdesk.readers.digests import DigestPlan, DigestSend, DigestStatus
from newsdesk.readers.models import FollowKind
from newsdesk.worker.runner import run_until_idle
from tests.support.following import make_article, make_reader, make_source, make_story
from tests.support.smtp import MailServer, mail_server, send_to


@pytest.fixture
def server(settings: Any) -> Iterator[MailServer]:
    with mail_server() as running:
        send_to(settings, running)
        yield running


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("in_process_queue")
def test_workers_send_a_due_digest_once(server: MailServer) -> None:
    now = timezone.now()
    harbour = make_source("Harbour Times", now, feed=False)
    river = make_source("River Post", now, feed=False)
    make_story(
        [
            make_article(harbour, "Harbour bridge reopens after repairs", now, hours_ago=2),
            make_article(river, "Bridge over the harbour open again", now, hours_ago=1),
        ],
        now,
    )
    user = make_reader("worker-digest")
    follow(user, FollowKind.SOURCE, "harbour-times", now)
    DigestPlan.objects.create(
        user=user, frequency="daily", hour=7, next_due_at=now - timedelta(minutes=1)
    )

    run_until_idle(threads=2)
    run_until_idle(threads=2)

    [message] = server.to("worker-digest@example.test")
    text = message.get_body(("plain",))
    assert text is not None and "Harbour bridge reopens after repairs" in text.get_content()
    send = DigestSend.objects.get(user=user)
    assert (send.status, send.attempts) == (DigestStatus.SENT, 1)
    plan = DigestPlan.objects.get(user=user)
    assert plan.next_due_at is not None and plan.next_due_at > now

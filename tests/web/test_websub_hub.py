"""The site's own WebSub hub end to end: the site's feeds name it; a subscriber on 127.0.0.1
asks to subscribe, the hub's job verifies the intent at the callback through the safe fetcher,
a changed feed is sent to it signed with its secret, an unchanged one is not, and an
unsubscription verified the same way ends it. A subscriber that is down gets the change again
later, on the retry schedule, while the others get it at once. Requests the hub must refuse
are refused."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.desk import websub_hub
from newsdesk.desk.runtime import fetch_policy
from newsdesk.pipeline.feeds.websub import signature_valid
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.pipeline.fetch.poster import Poster
from newsdesk.sources.models import HubSubscription, HubTopic
from tests.support.following import make_article, make_source
from tests.support.websub_subscriber import Subscriber, subscriber

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("allow_local_fetch"),
]
SECRET = "a subscriber's secret"


@pytest.fixture
def site(live_server: Any, settings: Any) -> str:
    settings.NEWSDESK = replace(settings.NEWSDESK, origins=(live_server.url,), websub=True)
    return str(live_server.url)


@pytest.fixture
def callback() -> Iterator[Subscriber]:
    with subscriber() as made:
        yield made


def ask_hub(site: str, **fields: str) -> tuple[int, str]:
    form = urlencode({f"hub.{name}": value for name, value in fields.items()}).encode()
    try:
        with urllib.request.urlopen(f"{site}/websub/hub", form, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def run_hub_jobs() -> tuple[list[str], int]:
    """What the scheduler and the hub's jobs do in one pass: verifications, then deliveries."""
    outcomes, sent, retried = run_hub_pass(timezone.now())
    assert not retried
    return outcomes, sent


def run_hub_pass(now: datetime) -> tuple[list[str], int, list[str]]:
    """One pass of the scheduler and the hub's jobs at ``now``: verifications, deliveries of
    changed topics, then retries; the retries' outcomes."""
    requests, topics, retries = websub_hub.claim_due_hub_work(now)
    policy = fetch_policy()
    with Fetcher(policy) as fetcher, Poster(policy) as poster:
        outcomes = [websub_hub.verify(pk, token, fetcher, now) for pk, token in requests]
        sent = sum(websub_hub.distribute(pk, token, fetcher, poster, now) for pk, token in topics)
        retried = [websub_hub.redeliver(pk, token, fetcher, poster, now) for pk, token in retries]
    return outcomes, sent, retried


def due_now() -> None:
    HubTopic.objects.update(next_check_at=timezone.now())


def test_the_feeds_name_the_hub(site: str) -> None:
    answer = Client().get("/feed.xml")
    hub = f"{site}/websub/hub"
    assert f'<atom:link href="{hub}" rel="hub"/>' in answer.content.decode()
    assert answer["Link"] == f'<{hub}>; rel="hub", <{site}/feed.xml>; rel="self"'
    make_source("Harbour Post", timezone.now())
    source_feed = Client().get("/source/harbour-post/feed.xml")
    assert f'<{site}/source/harbour-post/feed.xml>; rel="self"' in source_feed["Link"]


def test_subscribe_verify_distribute_and_unsubscribe(site: str, callback: Subscriber) -> None:
    topic = f"{site}/feed.xml"
    harbour = make_source("Harbour Post", timezone.now())
    make_article(harbour, "Ferry timetable changes on Monday", timezone.now(), hours_ago=2)
    status, _ = ask_hub(
        site,
        mode="subscribe",
        topic=topic,
        callback=callback.url(),
        secret=SECRET,
        lease_seconds="86400",
    )
    assert status == 202 and not callback.verifications  # verified by a job, not the request
    outcomes, sent = run_hub_jobs()
    assert outcomes == ["subscribed"] and sent == 0
    (asked,) = callback.verifications
    assert asked["hub.mode"] == "subscribe" and asked["hub.topic"] == topic
    assert asked["hub.lease_seconds"] == "86400"
    row = HubSubscription.objects.get()
    assert row.active and row.secret == SECRET and row.expires_at is not None

    due_now()
    assert run_hub_jobs() == ([], 0)  # the first look: what the subscriber already has
    make_article(harbour, "Night trains return to the mountain line", timezone.now(), hours_ago=0.1)
    due_now()
    assert run_hub_jobs() == ([], 1)
    ((headers, body),) = callback.deliveries
    assert b"Night trains return to the mountain line" in body
    assert signature_valid(SECRET, headers["X-Hub-Signature"], body)
    assert headers["X-Hub-Signature"].startswith("sha256=")
    assert f'<{topic}>; rel="self"' in headers["Link"]
    assert headers["Content-Type"].startswith("application/rss+xml")
    due_now()
    assert run_hub_jobs() == ([], 0)  # unchanged (a 304 from the site): nothing sent

    status, _ = ask_hub(site, mode="unsubscribe", topic=topic, callback=callback.url())
    assert status == 202
    assert run_hub_jobs() == (["unsubscribed"], 0)
    assert callback.verifications[-1]["hub.mode"] == "unsubscribe"
    assert not HubSubscription.objects.exists()


def test_a_callback_that_does_not_confirm_is_not_subscribed(site: str) -> None:
    with subscriber(confirm=False) as refusing:
        status, _ = ask_hub(
            site, mode="subscribe", topic=f"{site}/feed.xml", callback=refusing.url()
        )
        assert status == 202
        assert run_hub_jobs() == (["unconfirmed"], 0)
    assert not HubSubscription.objects.exists()


def test_requests_the_hub_refuses(site: str, callback: Subscriber) -> None:
    feed = f"{site}/feed.xml"
    cases = [
        {"mode": "watch", "topic": feed, "callback": callback.url()},
        {
            "mode": "subscribe",
            "topic": "https://elsewhere.example/feed.xml",
            "callback": callback.url(),
        },
        {
            "mode": "subscribe",
            "topic": f"{site}/feeds/for-you/secret.xml",
            "callback": callback.url(),
        },
        {"mode": "subscribe", "topic": feed, "callback": "ftp://127.0.0.1/x"},
        {"mode": "subscribe", "topic": feed, "callback": callback.url(), "secret": "x" * 201},
        {"mode": "unsubscribe", "topic": feed, "callback": callback.url()},
    ]
    for fields in cases:
        status, reason = ask_hub(site, **fields)
        assert status == 400 and reason, fields
    assert not HubSubscription.objects.exists() and not callback.verifications


def subscribe(site: str, callback: Subscriber) -> HubSubscription:
    status, _ = ask_hub(site, mode="subscribe", topic=f"{site}/feed.xml", callback=callback.url())
    assert status == 202
    assert run_hub_jobs() == (["subscribed"], 0)
    due_now()
    assert run_hub_jobs() == ([], 0)  # the first look
    return HubSubscription.objects.get(callback=callback.url())


def test_a_subscriber_that_is_down_gets_the_change_on_a_retry(site: str) -> None:
    harbour = make_source("Harbour Post", timezone.now())
    make_article(harbour, "Ferry timetable changes on Monday", timezone.now(), hours_ago=2)
    with subscriber(failures=2) as down, subscriber() as up:
        subscribe(site, down)
        subscribe(site, up)
        make_article(harbour, "Night trains return to the mountain line", timezone.now(), 0.1)
        due_now()
        start = timezone.now()
        # The change reaches the subscriber that answers at once; the other's 503 is recorded
        # with the time of its next attempt, a minute on.
        assert run_hub_pass(start) == ([], 1, [])
        assert len(up.deliveries) == 1 and len(down.refused) == 1 and not down.deliveries
        row = HubSubscription.objects.get(callback=down.url())
        assert row.failed_deliveries == 1 and "HTTP 503" in row.last_error
        assert row.retry_at == start + timedelta(minutes=1) and row.last_failure_at == start
        assert row.last_delivery_at is None
        # Not before it is due; then it fails again and waits five minutes.
        assert run_hub_pass(start + timedelta(seconds=59)) == ([], 0, [])
        assert run_hub_pass(start + timedelta(minutes=1)) == ([], 0, ["retrying"])
        row.refresh_from_db()
        assert len(down.refused) == 2 and row.failed_deliveries == 2
        assert row.retry_at == start + timedelta(minutes=6)
        # The third attempt gets through, with the feed as it is then; nothing more is planned.
        later = start + timedelta(minutes=6)
        assert run_hub_pass(later) == ([], 0, ["delivered"])
        ((_, body),) = down.deliveries
        assert b"Night trains return to the mountain line" in body
        row.refresh_from_db()
        assert row.failed_deliveries == 0 and row.retry_at is None and not row.last_error
        assert row.last_delivery_at == later
        assert run_hub_pass(later + timedelta(hours=2)) == ([], 0, [])
        assert len(up.deliveries) == 1  # the one that answered got the change once


def test_retries_end_after_the_schedule_and_a_new_change_starts_them_anew(site: str) -> None:
    harbour = make_source("Harbour Post", timezone.now())
    make_article(harbour, "Ferry timetable changes on Monday", timezone.now(), hours_ago=2)
    with subscriber(failures=100) as down:
        subscribe(site, down)
        make_article(harbour, "Night trains return to the mountain line", timezone.now(), 0.1)
        due_now()
        now = timezone.now()
        assert run_hub_pass(now)[1] == 0
        outcomes = []
        for wait in websub_hub.RETRY_AFTER:
            now += wait
            outcomes += run_hub_pass(now)[2]
        assert outcomes == ["retrying"] * 3 + ["failed"]
        row = HubSubscription.objects.get()
        assert row.failed_deliveries == 1 + len(websub_hub.RETRY_AFTER) and row.retry_at is None
        assert len(down.refused) == 5
        assert run_hub_pass(now + timedelta(days=1)) == ([], 0, [])
        # The next change is one more first attempt, with its own retries.
        make_article(harbour, "A quiet village keeps its shop", timezone.now(), 0.05)
        HubTopic.objects.update(next_check_at=now)
        assert run_hub_pass(now)[1] == 0
        row.refresh_from_db()
        assert row.failed_deliveries == 1 and row.retry_at == now + timedelta(minutes=1)


def test_a_refused_connection_is_a_failed_delivery_too(site: str) -> None:
    harbour = make_source("Harbour Post", timezone.now())
    make_article(harbour, "Ferry timetable changes on Monday", timezone.now(), hours_ago=2)
    with subscriber() as gone:
        subscribe(site, gone)
    # Its server has stopped: nothing listens at the callback any more.
    make_article(harbour, "Night trains return to the mountain line", timezone.now(), 0.1)
    due_now()
    now = timezone.now()
    assert run_hub_pass(now) == ([], 0, [])
    row = HubSubscription.objects.get()
    assert row.failed_deliveries == 1 and row.retry_at == now + timedelta(minutes=1)
    assert row.last_error

"""WebSub end to end: a feed on a local server names a local hub (tests/support/websub_hub.py);
newsdesk subscribes through its jobs, the hub verifies the intent against the Django live
server, pushes go through the feed pipeline once, and everything bad is refused with a log line.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk import websub
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.runtime import fetch_policy, get_fetcher
from newsdesk.pipeline.fetch.poster import Poster
from newsdesk.sources.models import Feed, Source, WebSubPush, WebSubState, WebSubSubscription
from newsdesk.worker.runner import run_until_idle
from tests.support.server import LocalServer
from tests.support.websub_hub import LocalHub, websub_hub

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("allow_local_fetch"),
]
DAYS = 24 * 3600


def rss(hub: str, topic: str, *items: str) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://harbour.example.test/news/{title.split()[0]}"
        f"</link><description>{title}, the details.</description></item>"
        for title in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>Harbour</title><link>https://harbour.example.test/</link>"
        f'<atom:link rel="hub" href="{hub}"/><atom:link rel="self" href="{topic}"/>'
        f"{entries}</channel></rss>"
    ).encode()


@pytest.fixture
def public(live_server: Any, settings: Any, allow_local_fetch: None) -> str:
    """newsdesk is reachable at the live server's address, which hubs call back at."""
    settings.NEWSDESK = replace(settings.NEWSDESK, origins=(live_server.url,))
    return str(live_server.url)


@pytest.fixture
def publisher() -> Iterator[LocalServer]:
    server = LocalServer().start()
    yield server
    server.stop()


def subscribed_feed(publisher: LocalServer, hub: LocalHub) -> Feed:
    """A feed naming ``hub``, checked once (which finds the hub) and subscribed by the jobs."""
    topic = publisher.url("/feed.xml")
    publisher.add(
        "/feed.xml", rss(hub.url(), topic, "First report"), headers={"Content-Type": "text/xml"}
    )
    source = Source.objects.create(name="Harbour", slug="harbour", home_url=publisher.url("/"))
    feed = Feed.objects.create(source=source, url=topic, next_check_at=timezone.now())
    check_feed(feed.pk, None, get_fetcher())
    assert WebSubSubscription.objects.get(feed=feed).state == WebSubState.PENDING
    run_until_idle(threads=1)
    assert hub.verified.wait(10)
    return feed


def test_a_feed_naming_a_hub_is_subscribed_pushed_to_and_polled_seldom(
    public: str, publisher: LocalServer
) -> None:
    with websub_hub(lease_seconds=2 * DAYS) as hub:
        feed = subscribed_feed(publisher, hub)
        subscription = WebSubSubscription.objects.get(feed=feed)
        assert subscription.state == WebSubState.ACTIVE
        assert hub.requests[0]["hub.callback"] == f"{public}/websub/{subscription.callback_key}/"
        assert hub.requests[0]["hub.secret"] == subscription.secret
        assert subscription.lease_ends_at is not None
        assert subscription.lease_ends_at - timezone.now() > timedelta(days=1, hours=23)
        assert subscription.next_action_at < subscription.lease_ends_at  # renewed in time

        now = timezone.now()
        check_feed(feed.pk, None, get_fetcher())
        assert Feed.objects.get(pk=feed.pk).next_check_at >= now + timedelta(hours=5, minutes=59)

        topic = feed.url
        first = rss(hub.url(), topic, "Ferry returns", "Bridge opens")
        assert hub.publish(topic, first) == [202]
        run_until_idle(threads=1)
        assert hub.publish(topic, rss(hub.url(), topic, "Ferry returns", "Tide record")) == [202]
        run_until_idle(threads=1)

    titles = sorted(Article.objects.filter(feed=feed).values_list("title", flat=True))
    assert titles == ["Bridge opens", "Ferry returns", "First report", "Tide record"]
    pushes = WebSubPush.objects.filter(subscription__feed=feed)
    assert [(p.entries, p.new_articles, p.error) for p in pushes] == [(2, 2, ""), (2, 1, "")]
    subscription.refresh_from_db()
    assert (subscription.push_count, subscription.last_push_at is not None) == (2, True)


def test_forged_foreign_and_huge_pushes_are_refused_and_logged(
    public: str, publisher: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "newsdesk.websub")
    with websub_hub(lease_seconds=2 * DAYS) as hub:
        feed = subscribed_feed(publisher, hub)
        topic, body = feed.url, rss(hub.url(), feed.url, "Forged story")
        assert hub.publish(topic, body, signature="sha256=" + "0" * 64) == [403]
        assert hub.publish(topic, body, signature="") == [403]
        assert hub.publish(topic, body, link_topic="https://elsewhere.test/feed.xml") == [404]
        huge = body + b"<!--" + b"x" * websub.MAX_PUSH_BYTES + b"-->"
        assert hub.publish(topic, huge) == [413]
    assert not WebSubPush.objects.exists()
    assert not Article.objects.filter(title="Forged story").exists()
    logged = caplog.text
    for line in ("wrong signature refused", "unsigned push", "push for topic", "bytes refused"):
        assert line in logged


def test_a_verification_newsdesk_did_not_ask_for_is_refused(
    public: str, publisher: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "newsdesk.websub")
    with websub_hub(lease_seconds=2 * DAYS) as hub:
        feed = subscribed_feed(publisher, hub)
    key = WebSubSubscription.objects.get(feed=feed).callback_key
    url = f"{public}/websub/{key}/?"
    again = {"hub.mode": "subscribe", "hub.topic": feed.url, "hub.challenge": "c1"}
    other = {**again, "hub.topic": "https://elsewhere.test/feed.xml"}
    for query in (again, other, {**again, "hub.mode": "unsubscribe"}):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + urlencode(query), timeout=10)
        assert refused.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as unknown:
        urllib.request.urlopen(f"{public}/websub/nobody/?" + urlencode(again), timeout=10)
    assert unknown.value.code == 404
    assert WebSubSubscription.objects.get(feed=feed).state == WebSubState.ACTIVE
    assert "not subscribed" in caplog.text and "not asked for" in caplog.text


def test_a_hub_that_never_verifies_leaves_the_feed_polled_as_usual(
    public: str, publisher: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    with websub_hub(mode="silent") as hub:
        topic = publisher.url("/feed.xml")
        publisher.add("/feed.xml", rss(hub.url(), topic, "First report"))
        source = Source.objects.create(name="Harbour", slug="harbour")
        feed = Feed.objects.create(source=source, url=topic, next_check_at=timezone.now())
        check_feed(feed.pk, None, get_fetcher())
        run_until_idle(threads=1)
        assert len(hub.requests) == 1
        subscription = WebSubSubscription.objects.get(feed=feed)
        assert subscription.state == WebSubState.PENDING

        later = timezone.now() + websub.VERIFY_WAIT + timedelta(seconds=1)
        claims = websub.claim_due_subscriptions(later)
        with Poster(fetch_policy()) as poster:
            outcomes = [websub.run_subscription(pk, token, poster, later) for pk, token in claims]
    assert outcomes == ["refused"]
    subscription.refresh_from_db()
    assert subscription.state == WebSubState.REFUSED
    assert "never verified" in subscription.last_error
    assert subscription.next_action_at >= later + websub.RETRY_AFTER - timedelta(seconds=1)
    when = timezone.now() + timedelta(minutes=20)
    assert websub.slowed_check_at(feed.pk, when, timezone.now()) == when
    assert "never verified" in caplog.text


def test_a_hub_that_denies_is_recorded_and_its_error_answer_too(
    public: str, publisher: LocalServer
) -> None:
    with websub_hub(mode="deny") as hub:
        feed = subscribed_feed(publisher, hub)
    subscription = WebSubSubscription.objects.get(feed=feed)
    assert subscription.state == WebSubState.REFUSED
    assert "not allowed here" in subscription.last_error


def test_operators_see_each_feeds_websub_state(admin_client: Any) -> None:
    from rich.console import Console

    from newsdesk.cli.commands import _feed_json
    from newsdesk.cli.tables import print_feeds
    from newsdesk.desk.stats import feed_health

    now = timezone.now()
    source = Source.objects.create(name="Harbour", slug="harbour")
    feed = Feed.objects.create(
        source=source, url="https://harbour.test/feed.xml", next_check_at=now
    )
    Feed.objects.create(source=source, url="https://harbour.test/other.xml", next_check_at=now)
    WebSubSubscription.objects.create(
        feed=feed,
        hub="https://hub.harbour.test/",
        topic=feed.url,
        callback_key="k1",
        secret="s",
        state=WebSubState.ACTIVE,
        lease_ends_at=now + timedelta(days=2),
        last_push_at=now,
        push_count=3,
        next_action_at=now + timedelta(days=1),
    )
    for width in (80, 200):
        console = Console(record=True, width=width)
        print_feeds(console, feed_health())
        text = " ".join(console.export_text().split())
        assert "Subscribed at https://hub.harbour.test/" in text, width
        assert f"until {(now + timedelta(days=2)):%Y-%m-%d %H:%M}" in text, width
    pushed = {row["url"]: row["websub"] for row in map(_feed_json, feed_health())}
    assert pushed["https://harbour.test/other.xml"] is None
    assert pushed[feed.url]["state"] == "active"
    assert pushed[feed.url]["pushes"] == 3

    feed_page = admin_client.get(f"/admin/sources/feed/{feed.pk}/change/").content.decode()
    assert "WebSub subscription" in feed_page and "https://hub.harbour.test/" in feed_page
    assert "Subscribed" in feed_page
    source_page = admin_client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    assert "Subscribed at https://hub.harbour.test/, lease ends" in source_page


def test_websub_off_or_no_public_address_subscribes_nothing(
    public: str, publisher: LocalServer, settings: Any
) -> None:
    from newsdesk.settings import Settings

    assert Settings.from_env({"NEWSDESK_WEBSUB": "off"}).websub is False
    assert Settings.from_env({}).websub is True
    topic = publisher.url("/feed.xml")
    publisher.add("/feed.xml", rss("https://hub.example.test/", topic, "First report"))
    source = Source.objects.create(name="Harbour", slug="harbour")
    feed = Feed.objects.create(source=source, url=topic, next_check_at=timezone.now())
    for turned_off in (
        replace(settings.NEWSDESK, websub=False),
        replace(settings.NEWSDESK, origins=()),
    ):
        settings.NEWSDESK = turned_off
        check_feed(feed.pk, None, get_fetcher())
        assert not WebSubSubscription.objects.exists()
        assert Article.objects.filter(feed=feed).count() == 1  # polled as usual


def test_a_subscription_is_renewed_before_its_lease_ends_and_polling_resumes_after(
    public: str, publisher: LocalServer
) -> None:
    with websub_hub(lease_seconds=2 * DAYS) as hub:
        feed = subscribed_feed(publisher, hub)
        first = WebSubSubscription.objects.get(feed=feed)
        assert first.lease_ends_at is not None
        renew_at = first.next_action_at
        assert first.lease_ends_at - renew_at == websub.RENEW_BEFORE
        assert websub.claim_due_subscriptions(renew_at - timedelta(seconds=1)) == []

        hub.verified.clear()
        claims = websub.claim_due_subscriptions(renew_at)
        with Poster(fetch_policy()) as poster:
            outcomes = [
                websub.run_subscription(pk, token, poster, renew_at) for pk, token in claims
            ]
        assert outcomes == ["requested"]
        assert hub.verified.wait(10)
    assert len(hub.requests) == 2
    assert hub.requests[1]["hub.secret"] == first.secret
    renewed = WebSubSubscription.objects.get(feed=feed)
    assert renewed.state == WebSubState.ACTIVE
    assert renewed.verified_at is not None and first.verified_at is not None
    assert renewed.verified_at > first.verified_at

    after_lease = renewed.lease_ends_at + timedelta(minutes=1)
    usual = after_lease + timedelta(minutes=15)
    assert websub.slowed_check_at(feed.pk, usual, after_lease) == usual
    during = renewed.lease_ends_at - timedelta(days=1)
    assert websub.slowed_check_at(feed.pk, during + timedelta(minutes=15), during) == (
        during + websub.SLOW_POLL
    )

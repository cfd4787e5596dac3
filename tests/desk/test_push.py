"""Web Push against a push service on 127.0.0.1 that checks the VAPID signature with the site's
public key and decrypts each message with the browser's keys (tests/support/push.py): a rule's
notice and news of followed stories and topics arrive readable; quiet hours hold notices until
they end; the daily cap stops the rest of the day's; failures are retried with backoff; a
subscription the service no longer knows (404, 410) is removed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User

from newsdesk.articles.models import Article
from newsdesk.desk.readers import push
from newsdesk.desk.readers.following import follow, mute
from newsdesk.desk.readers.push_deliveries import claim_due_pushes, deliver_push
from newsdesk.pipeline.push import PushError, Subscription, new_site_keys, payload_bytes
from newsdesk.readers.models import FollowKind, Reader
from newsdesk.readers.push import (
    NoticeStatus,
    PushDelivery,
    PushKey,
    PushNotice,
    PushSubscription,
)
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement, Story
from tests.support.following import make_article, make_reader, make_source, make_story
from tests.support.push import PushService, push_service

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def run_once(now: datetime) -> list[dict[str, object]]:
    """One scheduler pass and the jobs it queued, run here."""
    return [deliver_push(i, token, now) for i, token in claim_due_pushes(now)]


def subscribed(service: PushService, name: str, now: datetime = NOON) -> User:
    user = make_reader(name)
    endpoint, p256dh, auth = service.subscription(name)
    push.subscribe(user, Subscription(endpoint, p256dh, auth), now)
    return user


def article(title: str = "Harbour bridge reopens", paper: str = "Harbour Times") -> Article:
    slug = paper.lower().replace(" ", "-")
    source = Source.objects.filter(slug=slug).first() or make_source(paper, NOON, feed=False)
    return make_article(source, title, NOON)


@pytest.fixture
def service(allow_local_fetch: None) -> Any:
    keys = push.site_keys(NOON)
    with push_service(keys.public_key) as running:
        yield running


def test_the_site_key_pair_is_made_once_and_kept() -> None:
    first = push.site_keys(NOON)
    again = push.site_keys(NOON + timedelta(days=3))
    assert first == again
    assert PushKey.objects.count() == 1
    assert len(PushKey.objects.get().public_key) == 87  # 65 bytes, base64url
    assert first.private_pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert new_site_keys().public_key != first.public_key


def test_a_rule_match_arrives_signed_and_readable(service: PushService) -> None:
    user = subscribed(service, "ana")
    found = article()

    notice = push.notify(user, found, "Harbour news", NOON)

    assert notice is not None and notice.status == NoticeStatus.WAITING
    assert run_once(NOON) == [{"outcome": "delivered", "status": 201}]
    [pushed] = service.pushed
    assert pushed.refused == ""
    message = dict(pushed.message or {})
    assert message.pop("url").endswith(f"/article/{found.pk}/")
    assert message == {
        "title": "Harbour bridge reopens",
        "body": "Your rule “Harbour news” · Harbour Times",
        "tag": f"article-{found.pk}",
        "kind": "rule",
    }
    assert pushed.claims["aud"] == service.origin
    assert pushed.claims["sub"].startswith("mailto:")
    assert pushed.headers["ttl"] == "43200"
    assert pushed.headers["topic"] == f"article-{found.pk}"
    assert run_once(NOON + timedelta(minutes=1)) == []  # told once
    assert push.notify(user, found, "Harbour news", NOON) is None  # and never again
    delivery = PushDelivery.objects.get()
    assert (delivery.status, delivery.last_status, delivery.attempts) == ("delivered", 201, 1)
    assert PushSubscription.objects.get().last_sent_at == NOON


def test_a_readers_notify_rule_sends_what_it_catches_once(service: PushService) -> None:
    from newsdesk.readers.rules import Rule

    ana, ben = subscribed(service, "ana"), subscribed(service, "ben")
    Rule.objects.create(user=ana, name="Bridges", terms=["bridge"], action="notify")
    Rule.objects.create(user=ben, name="Ferries", terms=["ferry"], action="notify")
    Rule.objects.create(user=None, name="Site bridges", terms=["bridge"], action="notify")
    found = article()

    assert push.notify_rule_catches(found.pk, NOON) == 1  # ana's rule; ben's does not catch it
    assert push.notify_rule_catches(found.pk, NOON) == 0  # a catch is told once
    assert run_once(NOON) == [{"outcome": "delivered", "status": 201}]
    [pushed] = service.pushed
    assert dict(pushed.message or {})["body"] == "Your rule “Bridges” · Harbour Times"


def test_a_push_service_refuses_another_sites_signature(service: PushService) -> None:
    user = subscribed(service, "ben")
    service.expected_key = new_site_keys().public_key  # the browser subscribed with another key
    push.notify(user, article(), "", NOON)

    assert run_once(NOON) == [{"outcome": "failed", "status": 403, "error": "HTTP 403"}]
    assert "application server key" in service.pushed[0].refused


def test_each_browser_of_a_reader_gets_the_notice(service: PushService) -> None:
    user = subscribed(service, "cleo")
    endpoint, p256dh, auth = service.subscription("cleo-phone")
    push.subscribe(user, Subscription(endpoint, p256dh, auth), NOON)
    push.notify(user, article(), "", NOON)

    assert len(run_once(NOON)) == 2
    assert sorted(p.path for p in service.pushed if not p.refused) == [
        "/push/cleo",
        "/push/cleo-phone",
    ]


def test_quiet_hours_hold_a_notice_until_they_end(service: PushService) -> None:
    user = subscribed(service, "dora")
    Reader.objects.update_or_create(user=user, defaults={"time_zone": "Europe/Berlin"})
    late = datetime(2026, 12, 7, 22, 30, tzinfo=UTC)  # 23:30 in Berlin, quiet from 22 to 7

    notice = push.notify(user, article(), "", late)

    assert notice is not None
    assert notice.send_after == datetime(2026, 12, 8, 6, 0, tzinfo=UTC)  # 07:00 in Berlin
    assert run_once(late) == []
    assert run_once(datetime(2026, 12, 8, 5, 59, tzinfo=UTC)) == []
    assert run_once(datetime(2026, 12, 8, 6, 0, tzinfo=UTC)) == [
        {"outcome": "delivered", "status": 201}
    ]


def test_quiet_hours_inside_one_day_and_none() -> None:
    user = make_reader("emil")
    row = push.settings_of(user, NOON, create=True)
    row.quiet_start, row.quiet_end = 13, 15
    assert push.quiet_until(row, user, NOON) is None
    assert push.quiet_until(row, user, NOON + timedelta(hours=1, minutes=5)) == NOON + timedelta(
        hours=3
    )
    row.quiet_start = row.quiet_end = 9
    assert push.quiet_until(row, user, NOON) is None


def test_the_daily_cap_stops_the_rest_of_the_day(service: PushService) -> None:
    user = subscribed(service, "fay")
    push.save_settings(
        user,
        push.SettingsChoice(True, True, True, True, quiet_start=0, quiet_end=0, daily_cap=2),
        NOON,
    )
    for n in range(3):
        push.notify(user, article(f"Report {n}"), "", NOON)

    assert [r["outcome"] for r in run_once(NOON)] == ["delivered", "delivered"]
    statuses = sorted(PushNotice.objects.values_list("status", flat=True))
    assert statuses == ["capped", "sent", "sent"]

    push.notify(user, article("Next morning"), "", NOON + timedelta(days=1))
    assert run_once(NOON + timedelta(days=1)) == [{"outcome": "delivered", "status": 201}]


def test_a_kind_turned_off_is_not_told(service: PushService) -> None:
    user = subscribed(service, "gil")
    push.save_settings(
        user,
        push.SettingsChoice(True, True, True, False, quiet_start=0, quiet_end=0, daily_cap=10),
        NOON,
    )
    assert push.notify(user, article(), "", NOON) is None
    nobody = make_reader("hana")  # no browser subscribed
    assert push.notify(nobody, article(), "", NOON) is None


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_service_forgot_is_removed(service: PushService, status: int) -> None:
    user = subscribed(service, "ida")
    service.answer((status, {}))
    push.notify(user, article(), "", NOON)

    assert run_once(NOON) == [{"outcome": "gone", "status": status}]
    assert not PushSubscription.objects.exists()
    assert not PushDelivery.objects.exists()
    assert push.notify(user, article("Later"), "", NOON) is None


def test_failures_are_retried_with_backoff(service: PushService) -> None:
    user = subscribed(service, "jon")
    service.answer((500, {}), (429, {"Retry-After": "600"}), (201, {}))
    push.notify(user, article(), "", NOON)

    assert run_once(NOON) == [{"outcome": "retrying", "status": 500, "error": "HTTP 500"}]
    delivery = PushDelivery.objects.get()
    assert delivery.retry_at == NOON + timedelta(minutes=1)
    assert run_once(NOON + timedelta(seconds=59)) == []
    later = NOON + timedelta(minutes=1)
    assert run_once(later) == [{"outcome": "retrying", "status": 429, "error": "HTTP 429"}]
    delivery.refresh_from_db()
    assert delivery.retry_at == later + timedelta(minutes=10)  # Retry-After beyond the 5 min step
    assert run_once(later + timedelta(minutes=10)) == [{"outcome": "delivered", "status": 201}]
    assert len(service.accepted()) == 3  # each attempt decrypted alike


def test_a_bad_request_fails_at_once_and_a_stale_token_does_nothing(
    service: PushService,
) -> None:
    user = subscribed(service, "kai")
    service.answer((400, {}))
    push.notify(user, article(), "", NOON)
    [(delivery_id, token)] = claim_due_pushes(NOON)

    assert deliver_push(delivery_id, token, NOON)["outcome"] == "failed"
    assert deliver_push(delivery_id, token, NOON) == {"outcome": "skipped"}
    assert PushDelivery.objects.get().status == "failed"


def test_a_followed_story_is_told_of_new_sources_and_big_updates(service: PushService) -> None:
    user = subscribed(service, "lena", NOON - timedelta(hours=1))
    story = make_story([article("Harbour bridge reopens")], NOON - timedelta(hours=2))
    Placement.objects.filter(story=story).update(placed_at=NOON - timedelta(hours=2))
    follow(user, FollowKind.STORY, str(story.pk), NOON)

    _place(story, article("Bridge opens to traffic", "Coast Gazette"), NOON)
    assert run_once(NOON) == [{"outcome": "delivered", "status": 201}]
    [told] = service.accepted()
    assert told["title"] == "Harbour bridge reopens"
    assert told["body"] == "New source: Coast Gazette"
    assert told["url"].endswith(f"/story/{story.pk}/")

    later = NOON + timedelta(minutes=10)
    _place(story, article("One more from the harbour"), later)
    assert run_once(later) == []  # one article from a source it had: not a big update
    latest = NOON + timedelta(minutes=20)
    for n in range(3):
        _place(story, article(f"Harbour update {n}"), latest)
    assert run_once(latest) == [{"outcome": "delivered", "status": 201}]
    assert service.accepted()[-1]["body"] == "4 new reports: Harbour update 2"  # since told
    last = NOON + timedelta(minutes=30)
    _place(story, article("Radio report from the bridge", "Bay Radio"), last)
    _place(story, article("Gazette follow-up", "Coast Gazette"), last)
    assert run_once(last) == [{"outcome": "delivered", "status": 201}]
    assert service.accepted()[-1]["body"] == "New source: Bay Radio"  # the Gazette was told


def test_a_new_story_on_a_followed_topic_is_told(service: PushService) -> None:
    user = subscribed(service, "mia", NOON - timedelta(minutes=1))
    follow(user, FollowKind.TOPIC, "ferries", NOON)
    make_source("Noisy Wire", NOON, feed=False)
    mute(user, "noisy-wire")
    make_story([article("Ferries run late", "Noisy Wire")], NOON)  # muted source
    make_story([article("Parliament sits late")], NOON)  # not followed
    kept = make_story([article("New ferries for the island")], NOON)
    Story.objects.update(created_at=NOON)

    assert run_once(NOON) == [{"outcome": "delivered", "status": 201}]
    [told] = service.accepted()
    assert told["title"] == "New ferries for the island"
    assert told["body"] == "A new story on ferries, a topic you follow"
    assert told["kind"] == "topic"
    assert told["url"].endswith(f"/story/{kept.pk}/")
    assert run_once(NOON + timedelta(minutes=1)) == []


def test_a_new_story_from_a_followed_place_is_told_and_the_home_region_alone_is_not(
    service: PushService,
) -> None:
    user = subscribed(service, "pia", NOON - timedelta(minutes=1))
    Reader.objects.update_or_create(user=user, defaults={"region": "Porto"})
    follow(user, FollowKind.REGION, "Lisbon", NOON)
    make_story([article("Trams return to Porto's hills")], NOON)  # the profile's region only
    kept = make_story([article("Lisbon opens its new river ferry terminal")], NOON)
    Story.objects.update(created_at=NOON)

    assert run_once(NOON) == [{"outcome": "delivered", "status": 201}]
    [told] = service.accepted()
    assert (told["kind"], told["body"]) == ("place", "A new story from Lisbon, a place you follow")
    assert told["url"].endswith(f"/story/{kept.pk}/")


def test_a_reader_reading_german_is_told_in_german(service: PushService) -> None:
    user = subscribed(service, "nina")
    Reader.objects.update_or_create(user=user, defaults={"languages": ["de"]})
    push.notify(user, article(), "Hafen", NOON)
    run_once(NOON)
    assert service.accepted()[0]["body"] == "Ihre Regel „Hafen“ · Harbour Times"


def test_subscriptions_are_checked(settings: Any) -> None:
    user = make_reader("omar")
    _, p256dh, auth = PushService().subscription("x")
    with pytest.raises(push.PushSettingsError, match="cannot be used"):
        push.subscribe(user, Subscription("http://127.0.0.1:9/push/x", p256dh, auth), NOON)
    with pytest.raises(push.PushSettingsError, match="P-256"):
        push.subscribe(user, Subscription("https://push.example.org/x", auth, auth), NOON)
    with pytest.raises(push.PushSettingsError, match="16 bytes"):
        push.subscribe(user, Subscription("https://push.example.org/x", p256dh, p256dh), NOON)
    with pytest.raises(push.PushSettingsError, match="http"):
        push.subscribe(user, Subscription("ftp://push.example.org/x", p256dh, auth), NOON)
    assert not PushSubscription.objects.exists()


def test_a_long_message_is_shortened_to_fit() -> None:
    data = payload_bytes({"title": "t", "body": "x" * 5000, "url": "/"})
    assert len(data) < 400
    with pytest.raises(PushError):
        payload_bytes({"title": "t" * 5000, "body": "", "url": "/"})


def _place(story: Story, found: Article, when: datetime) -> None:
    Placement.objects.create(article=found, story=story, placed_at=when, published_at=when)

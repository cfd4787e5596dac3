"""Webhooks against a real receiver on 127.0.0.1: a new story a reader follows is POSTed signed
(the receiver checks the signature with the secret), retried after a 500 or a time-out with the
same delivery id, failed at once on 400 and 410, and the hook paused after failures in a row;
private addresses are refused when a hook is registered."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsdesk.desk.readers import webhook_deliveries, webhooks
from newsdesk.desk.readers.following import follow, mute
from newsdesk.desk.readers.webhook_deliveries import claim_due_deliveries, deliver
from newsdesk.pipeline.fetch import FetchPolicy
from newsdesk.pipeline.fetch.poster import Poster
from newsdesk.pipeline.webhooks import retry_after_seconds, verify
from newsdesk.readers.models import FollowKind
from newsdesk.readers.webhooks import DeliveryStatus, Webhook, WebhookAttempt, WebhookDelivery
from newsdesk.sources.models import Source
from newsdesk.stories.models import Story
from tests.support.following import make_article, make_reader, make_source, make_story
from tests.support.webhooks import receiver

pytestmark = pytest.mark.django_db


def harbour_story(name: str = "Harbour Times", title: str = "Harbour bridge reopens") -> Story:
    now = timezone.now()
    slug = name.lower().replace(" ", "-")
    paper = Source.objects.filter(slug=slug).first() or make_source(name, now, feed=False)
    return make_story([make_article(paper, title, now)], now)


def reader_hook(name: str, url: str) -> tuple[User, Webhook, str]:
    user = make_reader(name)
    if not Source.objects.filter(slug="harbour-times").exists():
        make_source("Harbour Times", timezone.now(), feed=False)
    follow(user, FollowKind.SOURCE, "harbour-times", timezone.now())
    hook, secret = webhooks.register(user, url, timezone.now() - timedelta(seconds=1))
    return user, hook, secret


def run_once(now: Any = None) -> list[dict[str, object]]:
    """One scheduler pass and the jobs it queued, run here."""
    now = now or timezone.now()
    return [deliver(i, token, now) for i, token in claim_due_deliveries(now)]


def test_private_addresses_are_refused_when_registering() -> None:
    user = make_reader("careful")
    for url in ("http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://[::1]/hook"):
        with pytest.raises(webhooks.WebhookError, match="cannot receive webhooks"):
            webhooks.register(user, url, timezone.now())
    with pytest.raises(webhooks.WebhookError):
        webhooks.register(user, "ftp://example.org/hook", timezone.now())
    with pytest.raises(webhooks.WebhookError, match="operators"):
        webhooks.register(user, "https://example.org/hook", timezone.now(), site_wide=True)
    assert not Webhook.objects.exists()


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_followed_new_story_is_delivered_signed_once() -> None:
    with receiver((200, 0.0)) as hooked:
        _, hook, secret = reader_hook("follower", hooked.url())
        story = harbour_story()
        make_story(
            [make_article(make_source("Other Paper", timezone.now()), "Elsewhere", timezone.now())],
            timezone.now(),
        )

        assert run_once() == [{"outcome": "delivered", "status": 200}]
        assert run_once() == []

    [request] = hooked.received
    headers = {k.lower(): v for k, v in request.headers.items()}
    assert verify(secret, headers["x-newsdesk-signature"], request.body, time.time())
    assert not verify("whsec_wrong", headers["x-newsdesk-signature"], request.body, time.time())
    assert not verify(secret, headers["x-newsdesk-signature"], request.body, time.time() + 600)
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"].startswith("newsdesk")
    assert headers["x-newsdesk-event"] == "story.new"
    payload = json.loads(request.body)
    assert payload["type"] == "story.new"
    assert payload["id"] == headers["x-newsdesk-delivery"]
    data = payload["data"]["story"]
    assert (data["id"], data["headline"], data["sources"]) == (
        story.pk,
        "Harbour bridge reopens",
        1,
    )
    assert data["url"].endswith(f"/story/{story.pk}/")
    assert data["lead_article"]["source"] == "Harbour Times"
    delivery = WebhookDelivery.objects.get(hook=hook)
    assert (delivery.status, delivery.last_status, delivery.attempts) == ("delivered", 200, 1)


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_story_only_from_a_muted_source_is_not_delivered() -> None:
    with receiver((200, 0.0)) as hooked:
        user, hook, _ = reader_hook("picky", hooked.url())
        follow(user, FollowKind.TOPIC, "ferries", timezone.now())
        wire = make_source("Noisy Wire", timezone.now(), feed=False)
        mute(user, "noisy-wire")
        now = timezone.now()
        make_story([make_article(wire, "Ferries run late", now)], now)
        kept = harbour_story()

        assert run_once() == [{"outcome": "delivered", "status": 200}]

    [delivery] = WebhookDelivery.objects.filter(hook=hook)
    assert delivery.subject == f"story:{kept.pk}"
    assert len(hooked.received) == 1


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_500_is_retried_after_a_minute_with_the_same_delivery_id() -> None:
    with receiver((500, 0.0), (200, 0.0)) as hooked:
        _, hook, _ = reader_hook("patient", hooked.url())
        harbour_story()
        now = timezone.now()
        assert run_once(now) == [{"outcome": "retrying", "status": 500, "error": "HTTP 500"}]
        assert run_once(now + timedelta(seconds=30)) == []
        assert Webhook.objects.get(pk=hook.pk).failures == 1
        assert run_once(now + timedelta(seconds=61)) == [{"outcome": "delivered", "status": 200}]

    first, second = hooked.received
    assert first.body == second.body
    ids = {r.headers.get("X-Newsdesk-Delivery") for r in hooked.received}
    assert len(ids) == 1
    codes = list(WebhookAttempt.objects.order_by("at", "id").values_list("status_code", flat=True))
    assert codes == [500, 200]
    assert Webhook.objects.get(pk=hook.pk).failures == 0


@pytest.mark.usefixtures("allow_local_fetch")
@pytest.mark.parametrize("status", [400, 410])
def test_a_client_error_fails_at_once(status: int) -> None:
    with receiver((status, 0.0)) as hooked:
        _, hook, _ = reader_hook(f"gone{status}", hooked.url())
        harbour_story()
        [outcome] = run_once()
        assert outcome["outcome"] == "failed"
        assert run_once(timezone.now() + timedelta(days=2)) == []
    assert len(hooked.received) == 1
    delivery = WebhookDelivery.objects.get(hook=hook)
    assert (delivery.status, delivery.last_status) == (DeliveryStatus.FAILED, status)


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_slow_receiver_times_out_and_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webhook_deliveries, "TIMEOUT", 0.5)
    with receiver((200, 2.0), (200, 0.0)) as hooked:
        reader_hook("hurried", hooked.url())
        harbour_story()
        now = timezone.now()
        [outcome] = run_once(now)
        assert outcome["outcome"] == "retrying"
        assert "DeadlineExceeded" in str(outcome["error"])
        assert run_once(now + timedelta(minutes=2)) == [{"outcome": "delivered", "status": 200}]
    attempt = WebhookAttempt.objects.order_by("at", "id").first()
    assert attempt is not None and attempt.status_code is None and attempt.duration_ms < 1900
    assert len({r.headers["X-Newsdesk-Delivery"] for r in hooked.received}) == 1


@pytest.mark.usefixtures("allow_local_fetch")
def test_failures_in_a_row_pause_the_hook_and_a_ping_resumes_it() -> None:
    with receiver((400, 0.0)) as hooked:
        user, hook, _ = reader_hook("unlucky", hooked.url())
        for number in range(webhook_deliveries.PAUSE_AFTER):
            WebhookDelivery.objects.create(
                hook=hook, event="ping", subject=f"ping:{number}", created_at=timezone.now()
            )
        run_once()
        paused = Webhook.objects.get(pk=hook.pk)
        assert paused.paused_at is not None and paused.last_error == "HTTP 400"
        harbour_story()
        assert run_once() == []  # nothing is made or sent for a paused hook

        hooked.script[:] = [(204, 0.0)]
        webhooks.send_test(user, hook.pk, timezone.now())
        assert run_once() == [{"outcome": "delivered", "status": 204}]
    resumed = Webhook.objects.get(pk=hook.pk)
    assert (resumed.paused_at, resumed.failures, resumed.last_error) == (None, 0, "")


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_site_wide_hook_gets_every_new_story() -> None:
    operator = make_reader("operator")
    operator.is_staff = True
    operator.save()
    with receiver((200, 0.0)) as hooked:
        webhooks.register(
            operator, hooked.url(), timezone.now() - timedelta(seconds=1), site_wide=True
        )
        harbour_story()
        harbour_story("River Post", "River floods the valley")
        assert len(run_once()) == 2
    headlines = {json.loads(r.body)["data"]["story"]["headline"] for r in hooked.received}
    assert headlines == {"Harbour bridge reopens", "River floods the valley"}


def test_the_poster_refuses_a_private_address_at_delivery() -> None:
    with Poster(FetchPolicy()) as poster, pytest.raises(Exception, match="loopback"):
        poster.post("http://127.0.0.1:9/hook", b"{}", {})


def documented_check() -> Any:
    """The receiver's check printed in docs/following.md, run as it is written there."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "following.md").read_text()
    section = text.split("## Webhooks", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(code, "following.md", "exec"), namespace)
    return namespace["newsdesk_message_is_genuine"]


@pytest.mark.usefixtures("allow_local_fetch")
def test_the_documented_check_accepts_a_delivery_and_refuses_changes() -> None:
    check = documented_check()
    with receiver((200, 0.0)) as hooked:
        _, _, secret = reader_hook("documented", hooked.url())
        harbour_story()
        run_once()
    [request] = hooked.received
    header = request.headers["X-Newsdesk-Signature"]
    assert check(secret, header, request.body)
    assert not check(secret, header, request.body.replace(b"Harbour", b"Harb0ur"))
    assert not check("whsec_other", header, request.body)
    old = f"t={int(time.time()) - 600},v1={header.split('v1=')[1]}"
    assert not check(secret, old, request.body)


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_story_that_shows_up_late_is_still_delivered_once() -> None:
    with receiver((200, 0.0)) as hooked:
        _, hook, _ = reader_hook("late", hooked.url())
        earlier = timezone.now() - timedelta(minutes=10)
        Webhook.objects.filter(pk=hook.pk).update(created_at=earlier, scanned_until=earlier)
        harbour_story("River Post", "A story the reader does not follow")
        assert run_once() == []
        scanned = Webhook.objects.get(pk=hook.pk).scanned_until
        story = harbour_story()
        # Its transaction committed after the pass had moved on past its creation time.
        Story.objects.filter(pk=story.pk).update(created_at=scanned - timedelta(seconds=20))
        assert run_once() == [{"outcome": "delivered", "status": 200}]
        assert run_once() == []
    assert len(hooked.received) == 1


@pytest.mark.usefixtures("allow_local_fetch")
@pytest.mark.parametrize(
    ("status", "retry_after", "wait"),
    [
        (429, "3600", timedelta(hours=1)),
        (503, "HTTP-DATE", timedelta(hours=3)),
        (429, "5", timedelta(minutes=1)),  # never sooner than the backoff step
        (503, "604800", timedelta(hours=24)),  # a week asked: at most a day
        (500, "3600", timedelta(minutes=1)),  # only 429 and 503 set the wait
        (429, "soon", timedelta(minutes=1)),
    ],
)
def test_retry_after_sets_the_next_attempt_within_bounds(
    status: int, retry_after: str, wait: timedelta
) -> None:
    now = timezone.now().replace(microsecond=0) + timedelta(seconds=2)
    if retry_after == "HTTP-DATE":
        retry_after = format_datetime(now + timedelta(hours=3), usegmt=True)
    with receiver((status, 0.0), (200, 0.0), headers={"Retry-After": retry_after}) as hooked:
        _, hook, _ = reader_hook(f"asked{status}{len(retry_after)}", hooked.url())
        harbour_story()
        [outcome] = run_once(now)
        assert outcome["outcome"] == "retrying"
        delivery = WebhookDelivery.objects.get(hook=hook)
        assert delivery.retry_at == now + wait
        assert run_once(now + wait - timedelta(seconds=1)) == []
        assert run_once(now + wait) == [{"outcome": "delivered", "status": 200}]
    assert len(hooked.received) == 2


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 10, 21, 7, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT", now) == 28 * 60
    assert retry_after_seconds("Wed, 21 Oct 2026 06:00:00 GMT", now) == 0.0
    assert retry_after_seconds("-5", now) is None
    assert retry_after_seconds("later", now) is None
    assert retry_after_seconds("", now) is None

"""The webhooks page under /me/webhooks/: adding a hook shows its secret once, a private address
is refused with the reason, a paused hook shows its last error and can be resumed with a test
ping that a worker then delivers, and a hook can be deleted."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers import webhook_deliveries
from newsdesk.pipeline.webhooks import verify
from newsdesk.readers.webhooks import Webhook, WebhookDelivery
from tests.support.following import make_reader
from tests.support.webhooks import receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader() -> User:
    return make_reader("hook-reader")


@pytest.fixture
def signed_in(client: Client, reader: User) -> Client:
    client.force_login(reader)
    return client


def test_the_profile_links_to_the_webhooks_page(signed_in: Client) -> None:
    page = signed_in.get("/me/").content.decode()
    assert 'href="/me/webhooks/"' in page


def test_a_private_address_is_refused_on_the_page(signed_in: Client) -> None:
    response = signed_in.post("/me/webhooks/", {"url": "http://192.168.1.20/hook"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot receive webhooks" in page and "192.168.1.20" in page
    assert not Webhook.objects.exists()


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_new_hook_shows_its_secret_once(signed_in: Client, reader: User) -> None:
    with receiver((200, 0.0)) as hooked:
        response = signed_in.post("/me/webhooks/", {"url": hooked.url()})
    page = response.content.decode()
    hook = Webhook.objects.get(user=reader)
    assert hook.secret in page and "data-webhook-secret" in page
    again = signed_in.get("/me/webhooks/").content.decode()
    assert hook.secret not in again and hooked.url() in again
    assert "Nothing sent yet." in again


@pytest.mark.usefixtures("allow_local_fetch")
def test_a_paused_hook_is_shown_and_a_test_ping_resumes_it(signed_in: Client, reader: User) -> None:
    with receiver((400, 0.0)) as hooked:
        signed_in.post("/me/webhooks/", {"url": hooked.url()})
        hook = Webhook.objects.get(user=reader)
        for number in range(webhook_deliveries.PAUSE_AFTER):
            WebhookDelivery.objects.create(
                hook=hook, event="ping", subject=f"ping:{number}", created_at=timezone.now()
            )
        now = timezone.now()
        for delivery_id, token in webhook_deliveries.claim_due_deliveries(now):
            webhook_deliveries.deliver(delivery_id, token, now)
        page = signed_in.get("/me/webhooks/").content.decode()
        assert "Paused" in page and "Last error: HTTP 400" in page
        assert f"/me/webhooks/{hook.pk}/resume/" in page

        hooked.script[:] = [(200, 0.0)]
        response = signed_in.post(f"/me/webhooks/{hook.pk}/test/")
        assert response.status_code == 302
        assert len(hooked.received) == webhook_deliveries.PAUSE_AFTER  # a job sends, not the page
        now = timezone.now()
        [(delivery_id, token)] = webhook_deliveries.claim_due_deliveries(now)
        assert webhook_deliveries.deliver(delivery_id, token, now)["outcome"] == "delivered"
    ping = hooked.received[-1]
    hook.refresh_from_db()
    assert verify(hook.secret, ping.headers["X-Newsdesk-Signature"], ping.body, time.time())
    assert json.loads(ping.body)["type"] == "ping"
    page = signed_in.get("/me/webhooks/").content.decode()
    assert "Paused" not in page and "delivered" in page


def test_a_hook_is_deleted_by_its_owner_only(signed_in: Client, reader: User) -> None:
    now = timezone.now()
    hook = Webhook.objects.create(
        user=reader,
        url="https://8.8.8.8/hook",
        secret="whsec_x",
        events=["story.new"],
        scanned_until=now,
        created_at=now - timedelta(minutes=1),
    )
    other = Client()
    other.force_login(make_reader("someone-else"))
    assert other.post(f"/me/webhooks/{hook.pk}/delete/").status_code == 404
    assert signed_in.post(f"/me/webhooks/{hook.pk}/delete/").status_code == 302
    assert not Webhook.objects.exists()

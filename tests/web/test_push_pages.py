"""The notifications page under /me/notifications/: it carries the site's public key for the
subscribe button, saves which kinds to be told of with quiet hours and a cap, refuses bad
values with the reason; a browser's subscription is kept from the JSON the page sends (with its
CSRF token) and dropped on unsubscribe; the service worker carries the push handlers."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers import push
from newsdesk.readers.push import PushSettings, PushSubscription
from tests.support.following import make_reader
from tests.support.push import browser_keys

pytestmark = pytest.mark.django_db
ENDPOINT = "https://8.8.8.8/push/page"


@pytest.fixture
def reader() -> User:
    return make_reader("push-reader")


@pytest.fixture
def signed_in(client: Client, reader: User) -> Client:
    client.force_login(reader)
    return client


def test_the_profile_links_to_the_notifications_page(signed_in: Client) -> None:
    assert 'href="/me/notifications/"' in signed_in.get("/me/").content.decode()


def test_the_page_carries_the_site_key_and_the_settings(signed_in: Client) -> None:
    page = signed_in.get("/me/notifications/").content.decode()
    key = push.site_keys(timezone.now()).public_key
    assert f'data-push-key="{key}"' in page
    assert 'data-push-subscribe="/me/notifications/subscribe/"' in page
    assert "/static/web/push" in page
    assert "No device is subscribed yet." in page
    assert 'name="quiet_start"' in page and 'name="daily_cap" value="10"' in page


def test_settings_are_saved_and_bad_values_refused(signed_in: Client, reader: User) -> None:
    response = signed_in.post(
        "/me/notifications/",
        {"stories": "on", "rules": "on", "quiet_start": "23", "quiet_end": "6", "daily_cap": "4"},
    )
    assert response.status_code == 302
    row = PushSettings.objects.get(user=reader)
    assert (row.stories, row.topics, row.places, row.rules) == (True, False, False, True)
    assert (row.quiet_start, row.quiet_end, row.daily_cap) == (23, 6, 4)
    page = signed_in.get("/me/notifications/").content.decode()
    assert "Your notification settings are saved." in page

    refused = signed_in.post(
        "/me/notifications/", {"quiet_start": "25", "quiet_end": "6", "daily_cap": "500"}
    )
    assert refused.status_code == 200
    assert refused.content.decode().count('class="field-errors"') == 2
    assert PushSettings.objects.get(user=reader).daily_cap == 4


def test_a_subscription_sent_as_json_is_kept_and_dropped(reader: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    page = client.get("/me/notifications/")
    token = page.cookies["csrftoken"].value
    body = json.dumps({"endpoint": ENDPOINT, "keys": browser_keys(), "expirationTime": None})

    refused = client.post("/me/notifications/subscribe/", body, content_type="application/json")
    assert refused.status_code == 403  # no CSRF token
    agent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
    made = client.post(
        "/me/notifications/subscribe/",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token, "User-Agent": agent},
    )
    assert made.status_code == 201
    browser = PushSubscription.objects.get(user=reader)
    assert (browser.endpoint, browser.device) == (ENDPOINT, "Chrome · Android")
    assert PushSettings.objects.filter(user=reader).exists()
    assert "Chrome · Android" in client.get("/me/notifications/").content.decode()

    dropped = client.post(
        "/me/notifications/unsubscribe/",
        json.dumps({"endpoint": ENDPOINT}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert dropped.json() == {"unsubscribed": True}
    assert not PushSubscription.objects.exists()


def test_a_bad_subscription_is_refused_with_the_reason(signed_in: Client) -> None:
    keys = browser_keys()
    for body, reason in (
        ({"endpoint": ENDPOINT}, "incomplete"),
        ({"endpoint": "https://10.0.0.8/push", "keys": keys}, "cannot be used"),
        ({"endpoint": ENDPOINT, "keys": {**keys, "auth": "c2hvcnQ"}}, "16 bytes"),
    ):
        answer = signed_in.post(
            "/me/notifications/subscribe/", json.dumps(body), content_type="application/json"
        )
        assert answer.status_code == 400
        assert reason in answer.json()["error"]
    assert not PushSubscription.objects.exists()


def test_the_service_worker_has_the_push_handlers(client: Client) -> None:
    script = client.get("/sw.js").content.decode()
    assert 'addEventListener("push"' in script
    assert 'addEventListener("notificationclick"' in script
    assert "/static/web/icon-192" in script

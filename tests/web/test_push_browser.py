"""Push notifications in real Chromium: the notifications page asks the browser's permission
when the reader turns them on, says so when the permission is refused, and shows the browser's
own error when its push service cannot be reached (none is, here: nothing is kept then); the
service worker shows a push message the server made as a notification with its title, text,
tag and page (the message is handed to the worker through the DevTools protocol's
``ServiceWorker.deliverPushMessage``, as the push service would)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers.push_deliveries import notice_payload
from newsdesk.readers.push import PushKind, PushNotice, PushSubscription
from tests.web.site import CHROMIUM, CHROMIUM_ARGS

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
# Counts the page's calls of Notification.requestPermission, then lets the real one answer.
COUNT_ASKS = """
window.permissionAsks = 0;
const realAsk = Notification.requestPermission.bind(Notification);
Notification.requestPermission = (...args) => {
  window.permissionAsks += 1;
  return realAsk(...args);
};
"""
SHOWN = """navigator.serviceWorker.ready
  .then(r => r.getNotifications())
  .then(list => list.map(n => ({
    title: n.title, body: n.body, tag: n.tag, data: n.data, icon: n.icon})))"""


@pytest.fixture
def served(live_server: Any, monkeypatch: Any) -> str:
    """The live server, with hashed static files from WhiteNoise as a served site has them (the
    service worker's install fetches them, and fails on any missing)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    return str(live_server.url)


@pytest.fixture
def chromium(monkeypatch: Any) -> Iterator[Any]:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    connections.close_all()


def signed_in(chromium: Any, served: str, reader: User, *, allow: bool) -> Any:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    if allow:
        context.grant_permissions(["notifications"], origin=served)
    client = Client()
    client.force_login(reader)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": served}])
    context.add_init_script(COUNT_ASKS)
    return context


def test_turning_on_asks_permission_and_says_when_it_is_refused(chromium: Any, served: str) -> None:
    reader = User.objects.create_user("ana", "ana@example.test", "a long pass phrase")
    page = signed_in(chromium, served, reader, allow=False).new_page()
    page.goto(served + "/me/notifications/")
    state = page.locator("[data-push-state]")
    expect(state).to_have_text("Notifications are off for this device.")
    button = page.get_by_role("button", name="Turn on notifications on this device")

    button.click()

    expect(page.locator("[data-push-key]")).to_have_attribute("data-push-status", "denied")
    expect(state).to_contain_text("Notifications are blocked for this site.")
    assert page.evaluate("window.permissionAsks") == 1
    expect(button).to_be_hidden()
    assert not PushSubscription.objects.exists()


def test_with_permission_the_browser_subscribes_with_the_site_key(
    chromium: Any, served: str
) -> None:
    reader = User.objects.create_user("ben", "ben@example.test", "a long pass phrase")
    page = signed_in(chromium, served, reader, allow=True).new_page()
    page.goto(served + "/me/notifications/")
    expect(page.locator("[data-push-state]")).to_have_text("Notifications are off for this device.")

    page.get_by_role("button", name="Turn on notifications on this device").click()

    # The browser took the page's key and went to its push service, which is out of reach
    # here: the page shows the browser's error, and nothing is kept.
    panel = page.locator("[data-push-key]")
    expect(panel).to_have_attribute("data-push-status", "failed", timeout=30_000)
    text = page.locator("[data-push-state]").inner_text()
    assert text.startswith("This device could not be subscribed:"), text
    assert "applicationServerKey" not in text, text  # the key itself was accepted
    assert page.evaluate("window.permissionAsks") == 1
    assert page.evaluate("Notification.permission") == "granted"
    assert not PushSubscription.objects.exists()


def test_the_service_worker_shows_a_push_message_as_a_notification(
    chromium: Any, served: str
) -> None:
    reader = User.objects.create_user("cleo", "cleo@example.test", "a long pass phrase")
    now = timezone.now()
    notice = PushNotice.objects.create(
        user=reader,
        kind=PushKind.STORY,
        subject="story:42:7",
        title="Harbour bridge reopens",
        body="New sources: Coast Gazette",
        url="/story/42/",
        send_after=now,
        created_at=now,
    )
    message = notice_payload(notice)
    context = signed_in(chromium, served, reader, allow=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    registrations: dict[str, str] = {}
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.update(
            {r["scopeURL"]: r["registrationId"] for r in event["registrations"]}
        ),
    )
    cdp.send("ServiceWorker.enable")
    page.goto(served + "/me/notifications/")
    assert page.evaluate("navigator.serviceWorker.ready.then(r => Boolean(r.active))")
    registration = _registration(page, registrations, served + "/")

    # Delivered again if nothing shows (a worker still starting on a busy machine can miss the
    # first, as a push service would retry); the notice's tag makes a repeat replace, not add.
    shown: list[Any] = []
    for _ in range(3):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": served, "registrationId": registration, "data": json.dumps(message)},
        )
        shown = _wait_for(page, lambda: page.evaluate(SHOWN))
        if shown:
            break
    assert len(shown) == 1
    [notification] = shown
    assert notification["title"] == "Harbour bridge reopens"
    assert notification["body"] == "New sources: Coast Gazette"
    assert notification["tag"] == "story-42"
    assert notification["data"]["url"] == message["url"]
    assert str(message["url"]).endswith("/story/42/")
    assert "/static/web/icon-192" in notification["icon"]


def _registration(page: Any, registrations: dict[str, str], scope: str) -> str:
    """The service worker's registration id, from the DevTools events (which arrive while
    Playwright waits, not while Python sleeps)."""
    deadline = time.monotonic() + 10
    while scope not in registrations and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert scope in registrations, registrations
    return registrations[scope]


def _wait_for(page: Any, read: Any) -> Any:
    deadline = time.monotonic() + 10
    while True:
        value = read()
        if value or time.monotonic() > deadline:
            return value
        page.wait_for_timeout(100)

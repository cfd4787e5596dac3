"""The rules page in Chromium: typing a rule shows what it would catch (htmx asks for the
preview as the form is filled in), saving lists it with its count, and the page fits a phone
(390 px) and a desktop (1280 px). Screenshots go to ``NEWSDESK_SCREENSHOT_DIR`` when it is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.utils import timezone

from newsdesk.readers.rules import Rule
from tests.support.following import make_article, make_reader, make_source

sync_api = pytest.importorskip("playwright.sync_api")
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.fixture
def page(live_server: Any, monkeypatch: Any) -> Iterator[Any]:
    """A Chromium page signed in as "ana" (her session cookie), at a phone's width."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    from tests.web.site import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    client = Client()
    client.force_login(make_reader("ana"))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        width, height = WIDTHS["phone"]
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        yield context.new_page()
        browser.close()
        connections.close_all()


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def shoot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("NEWSDESK_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        assert overflow(page) <= 0, label
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_rule_is_previewed_as_it_is_typed_then_saved(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    now = timezone.now()
    wire = make_source("Wire", now)
    harbour = make_source("Harbour Post", now)
    make_article(wire, "Celebrity gossip from the gala night", now, hours_ago=0.5)
    make_article(wire, "Gossip columnist wins an award for celebrity coverage", now, hours_ago=3)
    make_article(harbour, "Ferry timetable changes on Monday", now, hours_ago=1)
    Rule.objects.create(
        user=User.objects.get(username="ana"),
        name="Ferries first",
        terms=["ferry"],
        action="highlight",
    )

    page.goto(f"{live_server.url}/me/rules/")
    page.get_by_label("Name", exact=True).fill("No celebrity gossip")
    page.get_by_label("Words or phrases").fill("celebrity, gossip")
    preview = page.locator("#rule-preview")
    sync_api.expect(preview).to_contain_text("2 of the 3 articles of the last 7 days")
    sync_api.expect(preview).to_contain_text("Celebrity gossip from the gala night")
    page.get_by_label("Unless it says").fill("award")
    sync_api.expect(preview).to_contain_text("1 of the 3 articles")
    shoot(page, "rules-new", tmp_path)

    page.get_by_role("button", name="Save rule").click()
    sync_api.expect(page.get_by_role("status")).to_contain_text("The rule is saved.")
    listed = page.locator(".rule-list li", has_text="No celebrity gossip")
    sync_api.expect(listed).to_contain_text("Catches 1 article of the last 7 days")
    assert Rule.objects.get(name="No celebrity gossip").unless == ["award"]
    shoot(page, "rules-list", tmp_path)

    listed.get_by_role("link", name="See and change").click()
    sync_api.expect(page.locator("#rule-preview")).to_contain_text("What it catches")
    sync_api.expect(page.locator("#rule-preview")).to_contain_text("Celebrity gossip from the gala")
    sync_api.expect(page.get_by_label("Unless it says")).to_have_value("award")
    shoot(page, "rules-edit", tmp_path)

    page.goto(f"{live_server.url}/")
    sync_api.expect(page.locator(".card.rule-highlight")).to_contain_text("Ferry timetable")
    assert page.locator("text=Celebrity gossip from the gala night").count() == 0

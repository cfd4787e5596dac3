"""Folders and the OPML import in Chromium, at a phone's width: the forms work without
JavaScript and nothing runs off the side of the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers import folders, following
from newsdesk.readers.models import FollowKind
from tests.support.following import make_reader, make_source

sync_api = pytest.importorskip("playwright.sync_api")
SAMPLE = Path(__file__).parents[1] / "pipeline" / "feedsamples" / "opml" / "inoreader.opml"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(live_server: Any, monkeypatch: Any) -> Iterator[tuple[User, Any]]:
    """A Chromium page at a phone's width, signed in as "ana" (her session cookie)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    from tests.web.site import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    ana = make_reader("ana")
    client = Client()
    client.force_login(ana)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        yield ana, context.new_page()
        browser.close()
        connections.close_all()


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_folders_and_import_on_a_phone(live_server: Any, phone: tuple[User, Any]) -> None:
    ana, page = phone
    now = timezone.now()
    wire = make_source("Harbour Wire with a long name for a small screen", now)
    following.follow(ana, FollowKind.SOURCE, wire.slug, now)

    page.goto(f"{live_server.url}/me/following/")
    page.get_by_label("Name of the new folder").fill("Morning reading")
    page.get_by_role("button", name="Make a folder").click()
    sync_api.expect(page.locator("h3.folder-name", has_text="Morning reading")).to_be_visible()

    page.get_by_label(f"Move {wire.name} to").select_option("Morning reading")
    page.get_by_role("button", name="Move", exact=True).click()
    sync_api.expect(page.get_by_role("status")).to_contain_text("is in Morning reading")
    assert folders.folder_names_by_source(ana) == {wire.pk: ["Morning reading"]}
    assert overflow(page) <= 0

    page.set_input_files("#opml-file", str(SAMPLE))
    page.get_by_role("button", name="Import", exact=True).click()
    report = page.locator(".import-report")
    sync_api.expect(report).to_contain_text("5 feeds new to newsdesk")
    # the file's "Morning reading" is the folder made above
    sync_api.expect(page.locator("h3.folder-name", has_text="Morning reading")).to_have_count(1)
    sync_api.expect(page.locator("h3.folder-name", has_text="Technology")).to_be_visible()
    assert [f.name for f in folders.folders_of(ana)] == ["Morning reading", "Science", "Technology"]
    assert overflow(page) <= 0

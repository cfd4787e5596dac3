"""A saved article read offline in real Chromium shows its pictures: the service worker answers
the site's copies of its lead and body images and its source's logo from the pictures kept when
it was saved, with the network cut (``context.set_offline``); removing the article drops them."""

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

from newsdesk.desk.readers import saved
from newsdesk.sources.models import Source
from newsdesk.web.links import article_path
from tests.support.body_images import give_body_pictures
from tests.support.server import LocalServer
from tests.web.conftest import KeepImage, MakeArticle
from tests.web.site import CHROMIUM, CHROMIUM_ARGS
from tests.web.test_logo_pages import give_logo

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
PICTURES = ".lead-image img, .article-body img, .story-source img.source-logo"
PLACES = ".lead-image, .article-body, .story-source"
KEPT = (
    "caches.open('newsdesk-saved-pictures').then(c => c.keys())"
    ".then(keys => keys.map(r => new URL(r.url).pathname))"
)


@pytest.fixture
def served(live_server: Any, monkeypatch: Any) -> str:
    """The live server, with hashed static files from WhiteNoise as a served site has them."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    return str(live_server.url)


@pytest.fixture
def context(served: str, monkeypatch: Any) -> Iterator[Any]:
    """A Chromium context for one test, closed before the test database is emptied (the test's
    own database calls run beside Playwright's event loop, so Django is told they are safe)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        chromium.close()
    connections.close_all()


def loaded(page: Any) -> dict[str, int]:
    """Each picture of the article by its class or place, with the width the browser drew."""
    widths = {}
    for image in page.locator(PICTURES).all():
        image.scroll_into_view_if_needed()  # the body's image loads lazily
        where = image.evaluate(f"i => i.closest('{PLACES}').className")
        widths[where] = image.evaluate("i => i.decode().then(() => i.naturalWidth, () => 0)")
    return widths


def test_a_saved_article_shows_its_pictures_offline(
    context: Any,
    served: str,
    local_server: LocalServer,
    source: Source,
    make_article: MakeArticle,
    keep_image: KeepImage,
) -> None:
    article = make_article("Ferry timetable changes")
    keep_image(article)
    give_body_pictures(local_server, article)
    give_logo(source)
    address = served + article_path(article)
    page = context.new_page()
    page.goto(address)
    assert page.evaluate("navigator.serviceWorker.ready.then(r => Boolean(r.active))")
    online = loaded(page)
    assert set(online) == {"lead-image", "article-body", "story-source"}
    assert all(online.values()), online

    save = page.locator("[data-save]")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    kept = page.evaluate(KEPT)
    # Every file of the two srcsets (WebP at 320, 640 and the widest) and both logo sizes.
    assert len([path for path in kept if path.startswith("/media/")]) == 6, kept
    assert sorted(path.rsplit("/", 1)[1] for path in kept if "/logo-" in path) == [
        "logo-128.png",
        "logo-64.png",
    ]

    context.set_offline(True)
    try:
        answered: list[Any] = []
        page.on("response", lambda response: answered.append(response))
        page.goto(address)
        assert page.locator("h1.headline").inner_text() == "Ferry timetable changes"
        assert loaded(page) == online  # the same pictures, drawn from the kept copies
        pictures = [r for r in answered if "/media/" in r.url or "/logo-" in r.url]
        assert pictures and all(r.from_service_worker for r in pictures)
    finally:
        context.set_offline(False)

    page.goto(address)
    save = page.locator("[data-save]")
    expect(save).to_have_attribute("aria-pressed", "true")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(KEPT) == []  # no saved article shows them any more


def test_an_article_saved_on_another_device_arrives_with_its_pictures(
    context: Any,
    served: str,
    local_server: LocalServer,
    source: Source,
    make_article: MakeArticle,
    keep_image: KeepImage,
) -> None:
    article = make_article("Ferry timetable changes")
    keep_image(article)
    give_body_pictures(local_server, article)
    give_logo(source)
    reader = User.objects.create_user("ana", "ana@example.test", "a long pass phrase")
    saved.save(reader, article.pk, timezone.now())  # on the reader's phone, say
    client = Client()
    client.force_login(reader)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": served}])
    page = context.new_page()
    page.goto(served + "/saved/")
    page.evaluate("navigator.serviceWorker.ready.then(r => Boolean(r.active))")
    expect(page.locator("[data-saved-status]")).to_have_text("In step with your account: 1 saved.")
    assert len(page.evaluate(KEPT)) == 8  # six files of the two images, two logo sizes

    context.set_offline(True)
    try:
        page.get_by_role("link", name="Ferry timetable changes").click()
        expect(page.locator("h1.headline")).to_have_text("Ferry timetable changes")
        pictures = loaded(page)
        assert len(pictures) == 3 and all(pictures.values()), pictures
    finally:
        context.set_offline(False)

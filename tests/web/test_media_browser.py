"""Lead images in real Chromium: cards show the site's copy or the placeholder, the browser picks
the file its layout needs, and no request ever goes to the publisher."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connections
from PIL import Image, ImageChops

from newsdesk.articles.models import CachedImage, ImageStatus
from newsdesk.desk.media import file_path
from newsdesk.web.links import article_path
from tests.support.body_images import CAPTION, give_body_pictures
from tests.support.server import LocalServer
from tests.web.conftest import KeepImage, MakeArticle
from tests.web.site import CHROMIUM

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def served(live_server: Any, monkeypatch: Any) -> str:
    """The live server, with hashed static files from WhiteNoise as a served site has them."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    return str(live_server.url)


@pytest.fixture
def browser(served: str, monkeypatch: Any) -> Iterator[Any]:
    """Chromium for one test, closed before the test database is emptied.

    Playwright's sync API keeps an event loop in this thread; the test's own database calls are
    plain synchronous ones, so Django is told they are safe here.
    """
    from tests.web.site import CHROMIUM_ARGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    connections.close_all()  # the test's queries ran beside the loop, on connections of their own


def chosen_width(image: Any, kept: CachedImage) -> int:
    """The width of the file the browser chose from the srcset (0 when none loaded)."""
    if not image.evaluate("i => i.decode().then(() => true, () => false)"):
        return 0
    name = image.evaluate("i => i.currentSrc").rsplit("/", 1)[1]
    return next(int(v["width"]) for v in kept.variants if v["file"] == name)


def open_page(browser: Any, width: int, scheme: str = "light") -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return context, page, requested


@pytest.mark.parametrize("width", [390, 1280])
def test_cards_show_the_kept_copy_or_the_placeholder(
    browser: Any,
    served: str,
    local_server: LocalServer,
    make_article: MakeArticle,
    keep_image: KeepImage,
    width: int,
) -> None:
    pictured = make_article("Ferry timetable changes")
    kept = keep_image(pictured, width=1600, height=900)
    failed = make_article("Harbour dredging starts")
    keep_image(failed)
    CachedImage.objects.filter(articles=failed).update(status=ImageStatus.FAILED)
    make_article("Bridge repairs begin next week", image_url="")
    context, page, requested = open_page(browser, width)
    try:
        page.goto(served + "/")
        cards = page.locator("#river .card")
        sync_api.expect(cards).to_have_count(3)
        image = cards.filter(has_text="Ferry timetable changes").locator("img.card-image")
        image.scroll_into_view_if_needed()
        assert chosen_width(image, kept) == 640  # a 358 or 363 px wide card, one device pixel
        assert image.evaluate("i => i.currentSrc").startswith(served + "/media/")
        box = image.bounding_box()
        assert box is not None and abs(box["width"] / box["height"] - 16 / 9) < 0.02
        for title in ("Harbour dredging starts", "Bridge repairs begin next week"):
            card = cards.filter(has_text=title)
            assert card.locator("img").count() == 0
            placeholder = card.locator(".card-media.is-placeholder")
            sync_api.expect(placeholder).to_be_visible()
            sync_api.expect(placeholder).to_have_text("T")  # The Example Times
            shape = placeholder.bounding_box()
            assert shape is not None and abs(shape["width"] / shape["height"] - 16 / 9) < 0.02
        page.goto(served + article_path(pictured))
        lead = page.locator(".lead-image img")
        assert chosen_width(lead, kept) == (640 if width == 390 else 1280)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    publisher = urlsplit(local_server.url()).netloc
    assert requested and not [url for url in requested if urlsplit(url).netloc == publisher]
    assert all(url.startswith(served) for url in requested)


def test_a_file_that_fails_to_load_leaves_the_placeholder(
    browser: Any, served: str, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    """Should a kept file vanish from the disk, the card shows no broken image and no alt text:
    it looks exactly like a card that has no image."""
    vanished = make_article("Ferry timetable changes")
    for variant in keep_image(vanished).variants:
        file_path(variant["file"]).unlink()
    make_article("Harbour dredging starts", image_url="")
    context, page, _ = open_page(browser, 390)
    try:
        page.goto(served + "/")
        cards = page.locator("#river .card")
        broken = cards.filter(has_text="Ferry timetable changes")
        picture = broken.locator("img.card-image")
        picture.scroll_into_view_if_needed()
        assert not picture.evaluate("i => i.decode().then(() => true, () => false)")
        page.wait_for_load_state("networkidle")
        dismiss = page.get_by_role("button", name="Not now")
        if dismiss.is_visible():  # the install banner would cover the cards
            dismiss.click()
        shots = [
            Image.open(io.BytesIO(card.locator(".card-media").screenshot())).convert("RGB")
            for card in (broken, cards.filter(has_text="Harbour dredging starts"))
        ]
        assert shots[0].size == shots[1].size
        differ = ImageChops.difference(*shots).convert("L").point(lambda v: 255 if v > 8 else 0)
        # No broken-image icon where Chrome draws it (top left), and nothing else: the initial
        # may sit a pixel apart, being laid out by another box.
        assert differ.crop((4, 4, 28, 28)).getbbox() is None
        assert sum(1 for v in differ.getdata() if v) < 0.01 * differ.width * differ.height
        page.goto(served + article_path(vanished))  # as a copy saved for offline reading is
        lead = page.locator(".lead-image img")
        assert not lead.evaluate("i => i.decode().then(() => true, () => false)")
        box = lead.bounding_box()
        assert box is not None and abs(box["width"] / box["height"] - 1200 / 675) < 0.02
        shot = Image.open(io.BytesIO(lead.screenshot())).convert("L")
        # Neither the alt text nor a broken icon: nothing as dark as text in its upper part.
        top = shot.crop((0, 0, shot.width, shot.height * 2 // 5))
        assert min(top.getdata()) > 100
    finally:
        context.close()


def test_body_images_are_the_sites_copies_under_the_strict_policy(
    browser: Any, served: str, local_server: LocalServer, make_article: MakeArticle
) -> None:
    """The body's kept picture loads from our origin under ``img-src 'self' data:``, the one
    that could not be kept is gone with its caption, and the browser asks the publisher for
    nothing."""
    article = make_article("Ferry timetable changes", image_url="")
    give_body_pictures(local_server, article)
    context, page, requested = open_page(browser, 1280)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto(served + article_path(article))
        body = page.locator(".article-body")
        sync_api.expect(body.locator("figcaption")).to_have_text([CAPTION])
        [picture] = body.locator("img").all()
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("i => i.decode().then(() => i.naturalWidth, () => 0)") > 0
        assert picture.evaluate("i => i.currentSrc").startswith(served + "/media/")
        box = picture.bounding_box()
        assert box is not None and abs(box["width"] - 704) < 1  # the column's width
        assert abs(box["width"] / box["height"] - 16 / 9) < 0.02
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not [m for m in console if "Content Security Policy" in m], console
    assert requested and all(url.startswith(served) for url in requested)

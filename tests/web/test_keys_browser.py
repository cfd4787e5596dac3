"""Keyboard shortcuts in real Chromium (static/web/keys.js, loaded on the first key): j and k
select the cards of a list and o opens one; on the article, j and k go on along that list; s and
m save and mark through the account's API (checked in the database); the "More articles" page
loads when j runs past the end; a j typed into the search box stays there; ? opens the help
dialog, which Escape closes, giving the focus back."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client

from newsdesk.articles.models import Article
from newsdesk.desk.readers import history, saved
from newsdesk.web.links import article_path
from tests.web.conftest import MakeArticle
from tests.web.site import CHROMIUM, CHROMIUM_ARGS

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
TITLES = ["Ferry timetable changes", "Harbour wall repaired", "Lighthouse keeper retires"]
SELECTED = "main .card[aria-current=true] .card-title"


@pytest.fixture
def served(live_server: Any, monkeypatch: Any) -> str:
    """The live server, with hashed static files from WhiteNoise as a served site has them."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    return str(live_server.url)


@pytest.fixture
def context(served: str, monkeypatch: Any) -> Iterator[Any]:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        chromium.close()
    connections.close_all()


@pytest.fixture
def three(make_article: MakeArticle) -> list[Article]:
    """Three articles, newest first as the home page lists them."""
    return [make_article(title, age=timedelta(hours=n + 1)) for n, title in enumerate(TITLES)]


def sign_in(context: Any, served: str) -> User:
    reader = User.objects.create_user("ana", "ana@example.test", "a long pass phrase")
    client = Client()
    client.force_login(reader)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": served}])
    return reader


def eventually(check: Callable[[], bool], timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "never came true"
        time.sleep(0.1)


def test_j_and_k_select_cards_o_opens_one_and_the_article_goes_on_along_the_list(
    context: Any, served: str, three: list[Article]
) -> None:
    page = context.new_page()
    page.goto(served + "/")
    expect(page.locator("main .card[aria-current]")).to_have_count(0)
    page.keyboard.press("j")
    expect(page.locator(SELECTED)).to_have_text(TITLES[0])
    page.keyboard.press("j")
    expect(page.locator(SELECTED)).to_have_text(TITLES[1])
    # The selected card's link has the focus, so a screen reader reads it out.
    assert page.evaluate("document.activeElement.textContent") == TITLES[1]
    outline = page.locator("main .card.key-selected").evaluate(
        "card => getComputedStyle(card).outlineStyle"
    )
    assert outline == "solid"
    page.keyboard.press("k")
    expect(page.locator(SELECTED)).to_have_text(TITLES[0])
    expect(page.locator("main .card[aria-current]")).to_have_count(1)
    page.keyboard.press("j")
    page.keyboard.press("o")
    page.wait_for_url(served + article_path(three[1]))
    expect(page.locator("h1")).to_have_text(TITLES[1])

    page.keyboard.press("j")
    page.wait_for_url(served + article_path(three[2]))
    page.keyboard.press("k")
    page.wait_for_url(served + article_path(three[1]))
    page.keyboard.press("k")
    page.wait_for_url(served + article_path(three[0]))
    page.keyboard.press("k")
    expect(page.locator(".keys-toast")).to_have_text("No previous article")


def test_j_past_the_last_card_loads_the_next_page_and_selects_its_first(
    context: Any, served: str, make_article: MakeArticle
) -> None:
    for n in range(22):
        make_article(f"Tide report number {n}", age=timedelta(hours=n + 1))
    page = context.new_page()
    page.goto(served + "/")
    expect(page.locator("main .card")).to_have_count(20)
    for _ in range(20):
        page.keyboard.press("j")
    expect(page.locator(SELECTED)).to_have_text("Tide report number 19")
    page.keyboard.press("j")
    expect(page.locator(SELECTED)).to_have_text("Tide report number 20")
    expect(page.locator("main .card")).to_have_count(22)


def test_s_saves_and_m_marks_read_through_the_account(
    context: Any, served: str, three: list[Article]
) -> None:
    reader = sign_in(context, served)
    page = context.new_page()
    page.goto(served + "/")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("s")
    expect(page.locator(".keys-toast")).to_have_text("Saved for offline")
    eventually(lambda: [row.article_id for row in saved.saved_articles(reader)] == [three[1].pk])
    cached = "caches.open('newsdesk-saved').then(c => c.keys()).then(k => k.length)"
    assert page.evaluate(cached) == 1
    page.keyboard.press("s")
    expect(page.locator(".keys-toast")).to_have_text("Removed from saved")
    eventually(lambda: not saved.saved_articles(reader).exists())

    page.keyboard.press("m")
    expect(page.locator(".keys-toast")).to_have_text("Marked read")
    assert history.read_ids(reader) == {three[1].pk}
    page.keyboard.press("m")
    expect(page.locator(".keys-toast")).to_have_text("Marked unread")
    assert history.read_ids(reader) == set()

    # On the article page s presses its own "Save for offline" button.
    page.keyboard.press("o")
    page.wait_for_url(served + article_path(three[1]))
    expect(page.locator("[data-save]")).to_be_visible()
    page.keyboard.press("s")
    expect(page.locator("[data-save]")).to_have_attribute("aria-pressed", "true")
    eventually(lambda: saved.saved_articles(reader).filter(article=three[1]).exists())


def test_a_reader_not_signed_in_is_asked_to_sign_in_to_mark(
    context: Any, served: str, three: list[Article]
) -> None:
    page = context.new_page()
    page.goto(served + "/")
    page.keyboard.press("j")
    page.keyboard.press("m")
    toast = page.locator(".keys-toast")
    expect(toast).to_contain_text("Sign in to mark articles read.")
    expect(toast.get_by_role("link", name="Sign in")).to_have_attribute(
        "href", "/accounts/login/?next=%2F"
    )


def test_a_j_typed_into_the_search_box_stays_there(
    context: Any, served: str, three: list[Article]
) -> None:
    page = context.new_page()
    page.goto(served + "/search/?q=ferry")
    expect(page.locator("main .hits > li")).to_have_count(3)
    box = page.locator("main input[name=q]")
    box.click()
    page.keyboard.type(" jk")
    expect(box).to_have_value("ferry jk")
    page.keyboard.press("Control+j")
    assert page.locator("main [aria-current]").count() == 0
    assert not page.evaluate("Boolean(window.newsdeskKeys)")  # nothing even loaded
    # Outside the box the same keys select the results.
    page.locator("h1").click()
    page.keyboard.press("j")
    expect(page.locator("main .hits > li[aria-current=true] .card-title")).to_have_text(TITLES[0])


def test_question_mark_opens_the_help_and_escape_closes_it(
    context: Any, served: str, three: list[Article]
) -> None:
    page = context.new_page()
    page.goto(served + "/")
    page.keyboard.press("j")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Mark read or unread")
    assert page.evaluate("Boolean(document.activeElement.closest('dialog'))")
    page.keyboard.press("j")  # keys do nothing while the help is open
    expect(page.locator(SELECTED)).to_have_text(TITLES[0])
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == TITLES[0]
    page.keyboard.press("?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def test_the_saved_page_selects_its_articles_and_s_removes_one(
    context: Any, served: str, three: list[Article]
) -> None:
    page = context.new_page()
    page.goto(served + "/")
    page.keyboard.press("j")
    page.keyboard.press("s")
    expect(page.locator(".keys-toast")).to_have_text("Saved for offline")
    page.goto(served + "/saved/")
    expect(page.locator("[data-saved-list] > li")).to_have_count(1)
    page.keyboard.press("j")
    expect(page.locator("[data-saved-list] > li[aria-current=true] a")).to_have_text(TITLES[0])
    page.keyboard.press("s")
    expect(page.locator("[data-saved-list] > li")).to_have_count(0)
    expect(page.locator("[data-saved-empty]")).to_be_visible()

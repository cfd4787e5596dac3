"""The episode player in Chromium: a signed-in reader plays a podcast episode (a real WAV on
127.0.0.1, the publisher), changes the speed, stops at 0:12 and finds the player there after a
reload (the place kept by the API); a visitor's place is kept in the browser. Nothing is
loaded from the publisher before play is pressed. Screenshots at 390 and 1280 px, light and
dark, go to ``NEWSDESK_SCREENSHOT_DIR`` when it is set."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from newsdesk.articles.models import Article
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.sources import register_feed
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.readers.models import PlaybackPosition
from newsdesk.web.links import article_path
from tests.support.episodes import serve_podcast, wav_bytes
from tests.support.following import make_reader
from tests.support.server import LocalServer

sync_api = pytest.importorskip("playwright.sync_api")
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
MEDIA = "[data-player-media]"
FILE = "/audio/episode-12.wav"


@pytest.fixture
def chromium(monkeypatch: Any) -> Iterator[Any]:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    from tests.web.site import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        args = [*CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def episode(local_server: LocalServer, allow_local_fetch: None) -> Article:
    feed = register_feed(serve_podcast(local_server, wav_bytes(30.0))).feed
    with Fetcher(FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=10)) as fetcher:
        check_feed(feed.pk, None, fetcher)
    return Article.objects.get()


def signed_in(browser: Any, live_server: Any, name: str) -> Any:
    client = Client()
    client.force_login(make_reader(name))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    width, height = WIDTHS["phone"]
    context = browser.new_context(viewport={"width": width, "height": height})
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
    context.add_cookies([cookie])
    return context.new_page()


def wait_until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Poll ``expression`` in the page (page.wait_for_function would need eval, which the
    page's CSP forbids, as it should)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        time.sleep(0.05)


def play_from(page: Any, seconds: float) -> None:
    """Press play, wait until the sound runs, then jump to ``seconds``."""
    page.evaluate(f"document.querySelector('{MEDIA}').play()")
    wait_until(page, f"document.querySelector('{MEDIA}').currentTime > 0.3")
    page.evaluate(f"document.querySelector('{MEDIA}').currentTime = {seconds}")
    wait_until(page, f"document.querySelector('{MEDIA}').currentTime >= {seconds}")


def pause(page: Any) -> None:
    page.evaluate(f"document.querySelector('{MEDIA}').pause()")


def media(page: Any, prop: str) -> Any:
    return page.evaluate(f"document.querySelector('{MEDIA}').{prop}")


def kept_place(name: str, timeout: float = 10.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = PlaybackPosition.objects.filter(user__username=name).first()
        if row is not None:
            return row.seconds
        time.sleep(0.1)
    raise AssertionError("the player kept no place")


def shoot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("NEWSDESK_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for label, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, label
            page.locator("[data-player]").scroll_into_view_if_needed()
            page.screenshot(path=str(folder / f"{name}-{label}-{scheme}.png"))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_reader_plays_changes_speed_and_finds_her_place_again(
    live_server: Any, chromium: Any, episode: Article, local_server: LocalServer, tmp_path: Path
) -> None:
    page = signed_in(chromium, live_server, "ana")
    page.goto(live_server.url + article_path(episode))
    sync_api.expect(page.locator("[data-player-controls]")).to_be_visible()
    sync_api.expect(page.get_by_role("heading", name="Listen")).to_contain_text("0:30")
    assert local_server.hits[FILE] == 0  # preload="none": nothing asked before play

    play_from(page, 12)
    page.get_by_label("Speed").select_option("1.5")
    assert media(page, "playbackRate") == 1.5
    pause(page)
    assert 11.5 <= kept_place("ana") <= 14
    assert local_server.hits[FILE] >= 1

    page.reload()
    status = page.locator("[data-player-status]")
    sync_api.expect(status).to_have_text("Continues at 0:12.")
    sync_api.expect(page.get_by_label("Speed")).to_have_value("1.5")
    shoot(page, "player", tmp_path)
    page.evaluate(f"document.querySelector('{MEDIA}').play()")
    wait_until(page, f"document.querySelector('{MEDIA}').currentTime >= 12")
    assert media(page, "playbackRate") == 1.5
    page.get_by_role("button", name="Back 15 s").click()
    assert media(page, "currentTime") < 5


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_visitors_place_is_kept_in_the_browser(
    live_server: Any, chromium: Any, episode: Article
) -> None:
    page = chromium.new_context().new_page()
    page.goto(live_server.url + article_path(episode))
    sync_api.expect(page.locator("[data-player-controls]")).to_be_visible()
    play_from(page, 7)
    pause(page)
    wait_until(page, f"Number(localStorage.getItem('newsdesk.playback.{episode.pk}')) >= 7")
    page.reload()
    sync_api.expect(page.locator("[data-player-status]")).to_have_text("Continues at 0:07.")
    assert not PlaybackPosition.objects.exists()

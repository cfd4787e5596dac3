"""In Chromium: real publisher pages behind one digest feed are credited to their publishers, each
shown with its logo served from our origin; the digest is named as "via" and shows a monogram.

The pages are ingested in this process (a Fetcher whose resolver sends every publisher's host
name to 127.0.0.1), then the live server serves the reader pages. The browser may reach only the
live server: any other request is refused and recorded, so a logo fetched from a publisher's
server would show up. Screenshots at 390 and 1280 px go to ``NEWSDESK_SCREENSHOT_DIR`` if set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from newsdesk.articles.models import Article
from newsdesk.desk.articles import process_article
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.logos import claim_due_logos, icon_policy, refresh_logo
from newsdesk.desk.sources import add_source
from newsdesk.desk.stories import place_and_refine, terms
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.stories.models import Story
from newsdesk.web.links import article_path, story_path
from tests.support.publishers import PLAGUE, digest_feed, resolve_locally
from tests.support.server import LocalServer
from tests.web.site import CHROMIUM, CHROMIUM_ARGS

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
LOCAL = ("127.0.0.1/32",)
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def ingest_digest(server: LocalServer, datasets: Path) -> None:
    terms.forget()
    policy = FetchPolicy(allow_networks=LOCAL, total_timeout=10)
    with Fetcher(policy, resolver=resolve_locally) as fetcher:
        [added] = add_source(digest_feed(server, datasets, PLAGUE, icons=True), fetcher)
        for claim in check_feed(added.feed.pk, None, fetcher).claims:
            process_article(claim, fetcher)
    now = datetime.now(UTC)
    place_and_refine(now)
    with Fetcher(icon_policy(policy), resolver=resolve_locally) as fetcher:
        for source_id, token in claim_due_logos(now):
            refresh_logo(source_id, token, fetcher, now)


@pytest.fixture
def reader(live_server: Any, monkeypatch: Any) -> Iterator[tuple[Any, list[str]]]:
    """A Chromium page that may reach only the live server; other requests are listed.

    Playwright's sync API keeps an event loop in this thread while it runs; the test's own
    database calls are plain synchronous ones, so Django is told they are safe here.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    elsewhere: list[str] = []

    def only_ours(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-GB")
        context.route("**/*", only_ours)
        yield context.new_page(), elsewhere
        browser.close()
        connections.close_all()


def shoot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("NEWSDESK_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)


def loaded_logos(page: Any, selector: str) -> list[str]:
    """The addresses of the logos under ``selector`` that the browser drew."""
    return page.eval_on_selector_all(
        f"{selector} img.source-logo",
        "images => images.filter(i => i.complete && i.naturalWidth > 0).map(i => i.currentSrc)",
    )


def test_in_the_browser_articles_are_credited_to_their_publishers_with_logos(
    live_server: Any,
    local_server: LocalServer,
    datasets: Path,
    reader: tuple[Any, list[str]],
    tmp_path: Path,
) -> None:
    ingest_digest(local_server, datasets)
    page, elsewhere = reader
    sun = Article.objects.select_related("source").get(source__name="The Sun")

    page.goto(live_server.url + article_path(sun))
    credit = page.locator(".story-source")
    expect(credit).to_contain_text("The Sun")
    expect(credit.locator("a.via")).to_have_text("via Morning Digest")
    [logo] = loaded_logos(page, ".story-source")
    assert logo.startswith(f"{live_server.url}/source/{sun.source.slug}/logo-")
    expect(page.locator(".attribution")).to_contain_text("Originally published by The Sun")
    shoot(page, "credit-article", tmp_path)

    story = Story.objects.get(merged_into__isnull=True, article_count=3)
    page.goto(live_server.url + story_path(story))
    expect(page.locator(".story-counts")).to_contain_text("3 articles from 3 sources")
    expect(page.locator("#brief")).to_be_visible()
    assert len(loaded_logos(page, ".coverage-source")) == 3
    shoot(page, "credit-story", tmp_path)

    page.goto(f"{live_server.url}/source/{sun.feed.source.slug}/")
    mark = page.locator(".source-title .source-mark")
    assert mark.evaluate("m => getComputedStyle(m, '::before').content") == '"M"'
    expect(page.locator(".source-title")).to_have_text("Morning Digest")  # the letter is drawn
    assert loaded_logos(page, ".source-title") == []
    shoot(page, "credit-source-monogram", tmp_path)

    page.goto(live_server.url + "/")
    assert len(loaded_logos(page, ".cards .card")) >= 3
    shoot(page, "credit-home", tmp_path)

    icons = [url for url in elsewhere if "icon" in url or "logo" in url]
    assert icons == [], "a page asked a publisher's server for a logo"

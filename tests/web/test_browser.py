"""The reader app in real Chromium against a real ``newsdesk serve`` on 127.0.0.1, with articles
ingested from a local feed, including a hostile one whose payloads must never run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import (
    CHROMIUM,
    ORDINARY_COUNT,
    PAYLOADS,
    Site,
    headline,
    route_images,
    start_site,
)

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
TOTAL = ORDINARY_COUNT + len(PAYLOADS)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    running = start_site(tmp_path_factory.mktemp("site"))
    yield running
    running.stop()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(timezone_id="Asia/Tokyo", locale="en-GB")
    route_images(context)
    yield context
    context.close()


@pytest.fixture
def page(context: Any) -> Any:
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


def open_article(page: Any, site: Site, title: str) -> None:
    page.goto(site.url + "/")
    # The article's card in the river (a top story led by it links to the story's page).
    page.locator("#river").get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_url(re.compile(r".*/article/\d+/[\w-]+/$"))


def test_article_page_shows_each_part(page: Any, site: Site) -> None:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    open_article(page, site, headline(1))
    assert page.locator("h1.headline").inner_text() == headline(1)
    source = page.locator(".story-source a")
    assert source.inner_text() == "The Example Times" and "/source/" in source.get_attribute("href")
    original = page.locator("a[data-original]")
    assert original.get_attribute("href") == site.publisher.url("/news/1")
    assert "Jane Reporter" in page.locator(".byline").inner_text()
    assert page.locator("time[data-absolute]").count() == 1
    lead = page.locator(".lead-image img")
    assert headline(1) in lead.get_attribute("alt")
    assert lead.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    assert "ferry service" in page.locator(".article-body").inner_text()
    assert "Originally published by" in page.locator(".attribution").inner_text()
    panel = page.locator(".ai-panel")
    before = page.url
    panel.get_by_role("button", name="Key points").click()
    points = panel.locator(".ai-result ul.ai-text li")
    points.first.wait_for()
    assert page.url == before  # swapped in by htmx, no navigation
    assert points.count() >= 2
    panel.locator("a.cite").first.click()
    mark = page.locator(".article-body mark.cite-mark")
    mark.wait_for()
    assert mark.inner_text() in page.locator(".article-body").inner_text()
    assert page.locator(".comments").get_by_text("No comments yet.").is_visible()
    # Placed in its story (start_site), the article lists the stories like its own (five at
    # most), not the source's newest.
    related = page.locator(".related article.card")
    assert page.locator("#related-title").inner_text() == "Related"
    assert 1 <= related.count() <= 5
    titles = related.locator(".card-title a")
    assert titles.count() == related.count()
    for href in titles.evaluate_all("links => links.map((a) => a.getAttribute('href'))"):
        assert href.startswith("/story/"), href
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == page.url
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_install_banner_can_be_dismissed_for_good(page: Any, site: Site) -> None:
    page.goto(site.url + "/")
    banner = page.locator("[data-install-banner]")
    banner.wait_for(state="visible")
    banner.get_by_role("button", name="Not now").click()
    assert banner.is_hidden()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert banner.is_hidden()


def test_times_are_relative_and_in_the_readers_zone(page: Any, site: Site) -> None:
    page.clock.install()
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    open_article(page, site, headline(0))
    relative = page.locator(".story-meta time[data-relative]")
    assert relative.inner_text() == "2 hours ago"
    expect(page.locator("time[data-absolute]")).to_have_text(re.compile("GMT\\+9|JST"))
    # Written by a worker, which loads the locale data off the page's main thread.
    assert any("/static/web/times." in url for url in workers), workers
    page.clock.run_for(60 * 60 * 1000)
    assert relative.inner_text() == "3 hours ago"


def test_infinite_scroll_loads_more_cards(page: Any, site: Site) -> None:
    page.goto(site.url + "/")
    cards = page.locator("#river article.card")
    assert cards.count() == 20
    page.locator("a.more").scroll_into_view_if_needed()
    expect(cards).to_have_count(TOTAL)
    expect(page.locator("a.more")).to_have_count(0)
    assert "just now" not in cards.last.inner_text()  # new cards get relative times too


def test_search_finds_an_article(page: Any, site: Site) -> None:
    page.goto(site.url + "/search/")
    page.get_by_placeholder("Search articles").fill("lighthouse beacons")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=lighthouse*")
    assert page.get_by_role("link", name=headline(0), exact=True).is_visible()
    assert page.locator(".hits li a").first.inner_text() == headline(0)  # the newest first
    assert "lighthouse" in page.locator(".hits li a").last.inner_text().lower()


def test_service_worker_registers_and_keeps_saved_articles(
    page: Any, context: Any, site: Site
) -> None:
    open_article(page, site, headline(2))
    script = page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)")
    assert script == site.url + "/sw.js"
    save = page.locator("[data-save]")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    article_url = page.url
    page.goto(site.url + "/saved/")
    page.wait_for_load_state("networkidle")
    context.set_offline(True)
    try:
        page.goto(article_url)
        assert page.locator("h1.headline").inner_text() == headline(2)
        page.goto(site.url + "/saved/")
        expect(page.get_by_role("link", name=headline(2))).to_be_visible()
    finally:
        context.set_offline(False)


def test_hostile_payloads_never_run(page: Any, site: Site) -> None:
    urls = [site.url + "/", site.url + "/?page=2", site.url + "/search/?q=hostile"]
    page.goto(site.url + "/?page=2")
    urls += [
        site.url + href
        for href in page.locator("a").evaluate_all("links => links.map(a => a.pathname)")
        if href.startswith("/article/")
    ]
    for url in dict.fromkeys(urls):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for clickable in page.locator("main [onclick]").all():
            clickable.click()
        assert page.evaluate("typeof window.pwned") == "undefined", url
        assert page.title() != "pwned", url
    assert page.dialogs == []
    hostile = page.goto(site.url + "/search/?q=hostile+headline")
    assert hostile is not None and hostile.ok
    assert page.locator(".hits li").count() == len(PAYLOADS)

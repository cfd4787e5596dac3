"""Regions in real Chromium against a real ``newsdesk serve`` with the page cache on: articles
naming places are fetched, placed and tagged by the site's own workers; a visitor chooses their
place once and the home page's Local block lists that place's stories, while another visitor's
home page (the same cached page) does not; a region page lists its stories under its hierarchy."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

import pytest

from tests.support.news import article_page
from tests.support.processes import free_port
from tests.support.server import LocalServer
from tests.web.site import CHROMIUM, NEWSDESK, child_env

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
RSS = {"Content-Type": "application/rss+xml"}
KHARKIV = "Kharkiv reopens its metro stations after repairs to the power lines"
LYON = "Lyon opens a new tram line across the river to the eastern suburbs"
STORIES = {
    KHARKIV: [
        "The city of Kharkiv reopened its metro stations on Monday after crews repaired the "
        "power lines damaged last week, the mayor of Kharkiv said.",
        "Trains in Kharkiv will run every six minutes at rush hour, and the night service will "
        "return once the last substation in the north of the city is back in use.",
    ],
    LYON: [
        "Lyon opened a new tram line on Monday, linking the centre of Lyon with the eastern "
        "suburbs across the Rhone in about twenty minutes.",
        "The line carries forty thousand passengers a day in its first year, the transport "
        "authority of Lyon expects, and trams will run until one in the morning.",
    ],
}


@dataclass
class RegionSite:
    url: str
    publisher: LocalServer
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.publisher.stop()


def publish(server: LocalServer) -> str:
    now = datetime.now(UTC)
    items = []
    for i, (title, paragraphs) in enumerate(STORIES.items()):
        when = now - timedelta(hours=1 + i)
        server.add(
            f"/news/{i}", article_page(title, paragraphs=paragraphs, published=when.isoformat())
        )
        link = server.url(f"/news/{i}")
        items.append(
            f"<item><title>{escape(title)}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<description>{escape(paragraphs[0])}</description></item>"
        )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>The Example Times</title><link>https://example.test/</link>"
        f"<description>News</description>{''.join(items)}</channel></rss>"
    )
    return server.add("/feed.xml", feed, headers=RSS)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegionSite]:
    publisher = LocalServer().start()
    env = {
        **child_env(tmp_path_factory.mktemp("regions-site")),
        "NEWSDESK_PAGE_CACHE_SECONDS": "30",
    }
    added = subprocess.run(
        [*NEWSDESK, "add", publish(publisher)], env=env, capture_output=True, text=True, timeout=120
    )
    assert added.returncode == 0, added.stderr
    port = free_port()
    process = subprocess.Popen(
        [*NEWSDESK, "serve", "--port", str(port), "--add-defaults", "none"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    running = RegionSite(f"http://127.0.0.1:{port}", publisher, process)
    deadline = time.monotonic() + 180
    # The page cache keeps each address 30 s, so the feed is polled at a new address each time
    # until the site's workers have fetched, placed and tagged the articles.
    while True:
        try:
            if KHARKIV in fetch(f"{running.url}/region/kharkiv/feed.xml?t={time.monotonic()}"):
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            running.stop()
            raise TimeoutError("the Kharkiv article was not tagged in time")
        time.sleep(1)
    yield running
    running.stop()


def new_page(browser: Any, javascript: bool = True) -> Any:
    return browser.new_context(locale="en-GB", java_script_enabled=javascript).new_page()


def test_a_visitor_sets_their_place_once_and_home_shows_its_stories(
    site: RegionSite, browser: Any
) -> None:
    page = new_page(browser)
    page.goto(site.url + "/")
    local = page.locator("#local")
    expect(local).to_contain_text("Choose your town or region")
    local.get_by_role("link", name="Choose your town or region to see local news here.").click()
    page.fill("input[name=q]", "Kharkiv")
    page.get_by_role("button", name="Show local news").click()
    page.wait_for_url(f"{site.url}/#local")
    expect(local).to_contain_text("Local: Kharkiv")
    expect(local.get_by_role("link", name=KHARKIV)).to_be_visible()
    expect(local).not_to_contain_text(LYON)
    page.reload()  # the choice is kept: asked once
    expect(local).to_contain_text("Local: Kharkiv")

    stranger = new_page(browser)  # the same home page, from the page cache, for someone else
    stranger.goto(site.url + "/")
    expect(stranger.locator("#local")).to_contain_text("Choose your town or region")
    expect(stranger.locator("#local")).not_to_contain_text("Kharkiv")

    plain = new_page(browser, javascript=False)
    plain.goto(site.url + "/")
    expect(plain.locator("#local").get_by_role("link", name="Local news")).to_have_attribute(
        "href", "/local/"
    )


def test_a_region_page_lists_its_stories(site: RegionSite, browser: Any) -> None:
    page = new_page(browser)
    page.goto(site.url + "/region/ukraine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ukraine")
    expect(page.get_by_role("link", name=KHARKIV)).to_be_visible()
    expect(page.get_by_role("link", name=LYON)).to_have_count(0)
    page.get_by_role("link", name=KHARKIV).click()
    page.wait_for_url("**/story/**")
    page.get_by_role("link", name="Kharkiv", exact=True).first.click()
    page.wait_for_url(f"{site.url}/region/kharkiv/")
    crumbs = page.locator("nav.breadcrumbs")
    expect(crumbs).to_have_text("Europe \u203a Ukraine \u203a Kharkiv")
    expect(page.get_by_role("link", name=KHARKIV)).to_be_visible()
    page.select_option("select[name=radius]", "50")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/region/kharkiv/?radius=50")
    expect(page.get_by_role("link", name=KHARKIV)).to_be_visible()

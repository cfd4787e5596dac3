"""The Arabic and German interfaces in real Chromium against a real ``newsdesk serve`` with the
page cache on: the Arabic pages run right to left while an English article inside them stays left
to right, and the footer's language switcher works without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import CHROMIUM, Site, headline, route_images, start_site

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    # The page cache as the real site has it: each language must still get its own pages.
    running = start_site(tmp_path_factory.mktemp("languages-site"), page_cache_seconds=30)
    yield running
    running.stop()


def new_page(browser: Any, locale: str, javascript: bool = True) -> Any:
    """A page whose browser asks for ``locale`` first (its Accept-Language)."""
    context = browser.new_context(
        locale=locale, java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    route_images(context)
    return context.new_page()


def direction(locator: Any) -> str:
    return str(locator.evaluate("element => getComputedStyle(element).direction"))


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return dict(found)


def test_the_arabic_home_page_runs_right_to_left(browser: Any, site: Site) -> None:
    page = new_page(browser, "ar")
    page.goto(site.url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert direction(page.locator("body")) == "rtl"
    items = page.locator(".masthead nav li")
    first, second = box(items.nth(0)), box(items.nth(1))
    nav = box(page.locator(".masthead nav ul"))
    # The first item ("الأحدث") sits at the right edge of the menu, the next one to its left.
    assert items.nth(0).inner_text() == "الأحدث"
    assert abs((first["x"] + first["width"]) - (nav["x"] + nav["width"])) < 2
    assert second["x"] + second["width"] <= first["x"]
    # The brand leads the masthead, so in Arabic it is on the right, the menu on its left.
    brand = box(page.locator(".brand"))
    assert brand["x"] > nav["x"]
    # English headlines inside the Arabic page keep their own direction.
    title = page.locator("#river .card-title").first
    assert direction(title) == "ltr"
    # Relative times refreshed in the browser stay in Arabic.
    expect(page.locator("#river time[data-relative]").first).to_have_text(re.compile("قبل|الآن"))
    page.context.close()


def test_an_english_article_stays_left_to_right_in_the_arabic_interface(
    browser: Any, site: Site
) -> None:
    page = new_page(browser, "ar")
    page.goto(site.url + "/")
    page.locator("#river").get_by_role("link", name=headline(1), exact=True).first.click()
    page.wait_for_url(re.compile(r".*/article/\d+/[\w-]+/$"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    body = page.locator(".article-body")
    assert body.get_attribute("lang") == "en"
    assert direction(body) == "ltr" and direction(page.locator("h1.headline")) == "ltr"
    assert direction(page.locator(".ai-panel")) == "rtl"
    expect(page.locator("#comments-title")).to_have_text("التعليقات")
    # The AI panel's accent border is on the start side: the right in Arabic.
    panel = page.locator(".ai-panel")
    right = panel.evaluate("element => getComputedStyle(element).borderRightWidth")
    left = panel.evaluate("element => getComputedStyle(element).borderLeftWidth")
    assert right == "5px" and left == "1px"
    page.context.close()


def test_the_footer_switches_the_language_without_javascript(browser: Any, site: Site) -> None:
    page = new_page(browser, "en-GB", javascript=False)
    page.goto(site.url + "/search/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#language-choice", "de")
    page.locator("#language-switch button").click()
    page.wait_for_load_state()
    assert page.url == site.url + "/search/"
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.locator("h1.page-title")).to_have_text("Suche")
    page.goto(site.url + "/")  # the choice holds on every page, even a cached one
    assert page.locator("html").get_attribute("lang") == "de"
    page.select_option("#language-choice", "ar")
    page.locator("#language-switch button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.context.close()

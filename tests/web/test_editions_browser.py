"""Editions in Chromium, with the page cache on as the real site has it: a visitor picks an
edition in the footer, lands on its page, and the home page then offers it through its fragment,
while "/" itself stays the same page for every visitor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import CHROMIUM, Site, route_images, start_site

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    running = start_site(tmp_path_factory.mktemp("editions-site"), page_cache_seconds=30)
    yield running
    running.stop()


def new_page(browser: Any, javascript: bool = True) -> Any:
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    route_images(context)
    return context.new_page()


def test_the_footer_picker_chooses_an_edition_the_home_page_then_offers(
    browser: Any, site: Site
) -> None:
    stranger = new_page(browser)
    stranger.goto(site.url + "/")
    stranger.wait_for_selector("#your-edition")
    assert stranger.inner_text("#your-edition") == "Choose an edition"

    page = new_page(browser)
    page.goto(site.url + "/")
    page.select_option("#edition-choice", "de-DE")
    page.locator(".edition-picker button[type=submit]").click()
    page.wait_for_url("**/edition/de-DE/")
    assert page.inner_text("h1") == "Deutsch — Deutschland"

    page.goto(site.url + "/")
    page.wait_for_selector("#your-edition a")
    assert page.inner_text("#your-edition a") == "Deutsch — Deutschland"
    page.locator("#your-edition a").click()
    page.wait_for_url("**/edition/de-DE/")

    # "/" is the same page whether or not the visitor chose an edition: only the fragment
    # that htmx loads into it reads the cookie.
    chosen = page.request.get(site.url + "/").text()
    plain = stranger.request.get(site.url + "/").text()
    assert chosen == plain and "Deutsch — Deutschland" not in chosen.split("<footer")[0]


def test_without_javascript_the_picker_still_works(browser: Any, site: Site) -> None:
    page = new_page(browser, javascript=False)
    page.goto(site.url + "/")
    assert page.locator("noscript").count() >= 1
    page.select_option("#edition-choice", "fr-FR")
    page.locator(".edition-picker button[type=submit]").click()
    page.wait_for_url("**/edition/fr-FR/")
    page.goto(site.url + "/editions/")
    page.get_by_role("button", name="Español — España").click()
    page.wait_for_url("**/edition/es-ES/")
    assert "Español — España" in page.inner_text("h1")

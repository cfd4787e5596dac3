"""The Blindspots page and the AI accuracy record in real Chromium, on a served site with
publishers of different facts whose stories the desk placed: axe-core's WCAG 2.2 AA rules at
phone and desktop widths, light and dark, nothing wider than the screen, and the filter used
as a reader uses it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import CHROMIUM, Site, run_in_site, start_site
from tests.web.test_accessibility_browser import WCAG_TAGS, report, settle

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
NEWS = (
    "from django.utils import timezone; "
    "from tests.support.coverage_news import newsroom; "
    "from newsdesk.summaries.models import GateReason, GateTally; "
    "newsroom(timezone.now()); "
    "today = timezone.localdate(); "
    "GateTally.objects.create(day=today, engine='llm:tiny', task='paragraph', checked=40, "
    "withheld=6); "
    "GateReason.objects.create(day=today, engine='llm:tiny', task='paragraph', reason='number', "
    "sentences=4)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    running = start_site(tmp_path_factory.mktemp("blindspots-site"))
    run_in_site(running, NEWS)
    yield running
    running.stop()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/blindspots/", "/accuracy/"])
def test_the_page_passes_axe_and_fits_the_screen(
    browser: Any, site: Site, path: str, width: int, scheme: str
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 844}, color_scheme=scheme, locale="en-GB"
    )
    try:
        page = context.new_page()
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        settle(page)
        assert page.locator("main h1").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        violations = axe_playwright.Axe().run(page, options=options).response["violations"]
    finally:
        context.close()
    assert not violations, f"{path} at {width} px, {scheme}:\n{report(violations)}"


def test_a_reader_narrows_the_blindspots_to_their_language(browser: Any, site: Site) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(site.url + "/blindspots/")
        assert page.locator(".blindspot").count() == 2
        page.get_by_label("English").check()
        page.get_by_role("button", name="Show", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.locator(".blindspot").count() == 1
        assert "none in English" in page.locator(".blindspot-gaps").inner_text()
        page.get_by_role("link", name="Show all").click()
        page.wait_for_load_state("networkidle")
        assert page.locator(".blindspot").count() == 2
        page.locator(".blindspot .card-title a").first.click()
        page.wait_for_load_state("networkidle")
        assert "Covered from" in page.locator("[data-origins]").inner_text()
    finally:
        context.close()

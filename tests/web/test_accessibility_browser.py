"""The reader pages pass axe-core's WCAG 2.2 A and AA rules in real Chromium, against a real
``newsdesk serve`` fed by a local publisher (lead images, and stories with several sources):
home, an article, a story, a search with results, the sign-in page, a source page, a topic, the
saved articles and the AI accuracy record (all but the article, story, sign-in and source pages
mark their entry of the navigation), at a phone's and a desktop's width, in the light and the
dark colour scheme, with what loads as the reader scrolls.

axe-core's JavaScript comes in the PyPI package axe-playwright-python (pinned in the test
extras), so this runs wherever the test extras and Debian's Chromium are installed. A failure
lists each violation: its rule, impact and the elements it found (decision 39).
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import CHROMIUM, Site, add_coverage, headline, start_site

sync_api = pytest.importorskip("playwright.sync_api")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = ["home", "article", "story", "search", "sign-in", "source", "topic", "saved", "accuracy"]
WIDTHS = [390, 1280]
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    running = start_site(tmp_path_factory.mktemp("a11y-site"))
    add_coverage(running)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def addresses(site: Site) -> dict[str, str]:
    """Each audited page's address; the article, story and source found on the home page."""
    with urllib.request.urlopen(site.url + "/", timeout=30) as answer:
        home = answer.read().decode()
    article = re.search(rf'href="(/article/\d+/[^"]+)">{re.escape(escape(headline(1)))}<', home)
    story = re.search(r'href="(/story/\d+/[^"]*)"', home)
    source = re.search(r'href="(/source/[^"]+/)"', home)
    assert article and story and source, "the home page links to no article, story or source"
    return {
        "home": "/",
        "article": article.group(1),
        "story": story.group(1),
        "search": "/search/?q=ferry",
        "sign-in": "/accounts/login/",
        "source": source.group(1),
        # Pages that mark their navigation entry: inside a section, the row's last, the footer's.
        "topic": "/topic/sports/",
        "saved": "/saved/",
        "accuracy": "/accuracy/",
    }


@pytest.fixture(scope="module")
def axe() -> Any:
    return axe_playwright.Axe()


def settle(page: Any) -> None:
    """Wait until the page has fetched nothing more for half a second and htmx has no request
    under way."""
    seen = -1
    for _ in range(40):
        fetched = page.evaluate(
            "performance.getEntriesByType('resource').length"
            " + document.querySelectorAll('.htmx-request').length * 1000"
        )
        if fetched == seen:
            return
        seen = fetched
        page.wait_for_timeout(500)


def report(violations: list[dict[str, Any]]) -> str:
    """Each violation's rule, impact and help, and every element it names with what to fix."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_the_page_passes_axe_wcag_22_aa(
    browser: Any,
    site: Site,
    addresses: dict[str, str],
    axe: Any,
    name: str,
    width: int,
    scheme: str,
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 844}, color_scheme=scheme, locale="en-GB"
    )
    try:
        page = context.new_page()
        page.goto(site.url + addresses[name])
        # The parts htmx and the scripts add after loading (the edition and local blocks, the
        # install banner) and as the reader scrolls (a story's brief, lazy images, more cards)
        # are audited too.
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        if name == "story":
            page.locator("#brief-output .ai-result").wait_for(state="attached")
        settle(page)
        page.evaluate("window.scrollTo(0, 0)")
        assert page.locator("main h1").count() == 1
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        results = axe.run(page, options=options).response
    finally:
        context.close()
    assert results["testEngine"]["version"].startswith("4.")
    violations = results["violations"]
    assert not violations, f"{name} at {width} px, {scheme}:\n{report(violations)}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_keyboard_selection_and_help_pass_axe(
    browser: Any, site: Site, axe: Any, width: int, scheme: str
) -> None:
    """The home page with a card selected by j (static/web/keys.js), then with the shortcuts'
    help dialog open over it."""
    context = browser.new_context(
        viewport={"width": width, "height": 844}, color_scheme=scheme, locale="en-GB"
    )
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        page.wait_for_load_state("networkidle")
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.locator("main [aria-current=true]").wait_for()
        selected = axe.run(page, options=options).response["violations"]
        page.keyboard.press("?")
        page.get_by_role("dialog", name="Keyboard shortcuts").wait_for()
        helped = axe.run(page, options=options).response["violations"]
    finally:
        context.close()
    assert not selected, f"a card selected at {width} px, {scheme}:\n{report(selected)}"
    assert not helped, f"the help open at {width} px, {scheme}:\n{report(helped)}"

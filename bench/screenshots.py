"""Screenshots of the home, article and story pages and the AI panel, phone and desktop widths.

Serves newsdesk on 127.0.0.1 with articles ingested from a local feed (the same set-up as the
browser tests), adds two more publishers' coverage of two of its articles and places those into
stories (one rewrite, one word-for-word copy), opens the pages in Debian's Chromium, and writes
PNG files to docs/screenshots/.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from _common import REPO, setup_django
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, headline, start_site, wait_for_images

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
SCHEMES = ("light", "dark")


class Shot(NamedTuple):
    """One browser context of ``viewport_contexts``: the viewport's name and width, the colour
    scheme, and the ``-dark`` that dark pictures' names end in."""

    viewport: str
    width: int
    scheme: str
    context: BrowserContext

    @property
    def suffix(self) -> str:
        return "" if self.scheme == "light" else "-dark"


def viewport_contexts(browser: Browser, **options: Any) -> Iterator[Shot]:
    """A new context for each of VIEWPORTS in each colour scheme, in that order, made with
    ``options`` (``locale``, ``timezone_id``, ...) and closed when the next is asked for. What
    differs between pictures (routes, permissions) the caller sets up on ``shot.context``."""
    for name, (width, height) in VIEWPORTS.items():
        for scheme in SCHEMES:
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme=scheme, **options
            )
            try:
                yield Shot(name, width, scheme, context)
            finally:
                context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            add_coverage(Path(data), site.publisher.url)
            wait_for_images()
            shoot(site.url, args.out)
        finally:
            site.stop()


def add_coverage(data_dir: Path, publisher: Callable[[str], str]) -> None:
    """Two more publishers and their articles, then stories for them and the originals."""
    setup_django(data_dir)
    from tests.web.coverage import place_coverage

    print(f"placed the coverage of {place_coverage(publisher)} articles into stories")


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot in viewport_contexts(browser, timezone_id="Europe/London"):
            name, suffix = shot.viewport, shot.suffix
            page = shot.context.new_page()
            page.goto(url + "/")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=out / f"home-{name}{suffix}.png")
            river = page.locator("#river")
            river.get_by_role("link", name=headline(1), exact=True).first.click()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=out / f"article-{name}{suffix}.png")
            if shot.scheme == "light":
                full_article(page, out / f"article-{name}-full.png")
            page.get_by_role("button", name="Key points").click()
            page.locator("#ai-output .ai-result").wait_for()
            page.locator("#ai").screenshot(path=out / f"ai-{name}{suffix}.png")
            page.goto(url + "/")
            page.locator(".top-stories .card-title a").first.click()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=out / f"story-{name}{suffix}.png")
            if shot.scheme == "light":
                full_article(page, out / f"story-{name}-full.png")
            print(f"wrote the {name} pages ({shot.scheme})")
        browser.close()


def full_article(page: Page, path: Path) -> None:
    """The whole page: the banner dismissed, lazy images scrolled into view first."""
    dismiss = page.get_by_role("button", name="Not now")
    if dismiss.is_visible():
        dismiss.click()
    for image in page.locator("main img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=path, full_page=True)


if __name__ == "__main__":
    main()


def sign_in(page: Page, url: str, email: str, password: str) -> None:
    """Sign ``email`` in through the site's sign-in page, as a reader would."""
    page.goto(url + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def close_install_banner(page: Page) -> None:
    """Dismiss the install banner when it shows, so it covers nothing in the picture."""
    dismiss = page.locator("[data-install-dismiss]").first
    if dismiss.count() and dismiss.is_visible():
        dismiss.click()


def shoot_signed_in(
    url: str,
    out: Path,
    readers: dict[str, tuple[str, str]],
    password: str,
    path: str,
    ready: str = "",
) -> None:
    """For each shot name -> (e-mail, language) of ``readers``: sign in through the sign-in page
    at each of VIEWPORTS, open ``path`` (waiting for the ``ready`` selector when given), close
    the install banner and write ``out/<shot>-<viewport>.png`` of the whole page."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot, (email, language) in readers.items():
            for name, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale=language
                )
                page = context.new_page()
                sign_in(page, url, email, password)
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                if ready:
                    page.wait_for_selector(ready)
                close_install_banner(page)
                page.screenshot(path=out / f"{shot}-{name}.png", full_page=True)
                context.close()
                print(f"wrote {shot}-{name}.png")
        browser.close()

"""Screenshots of the home and article pages at phone and desktop widths, for the README.

Serves newsdesk on 127.0.0.1 with articles ingested from a local feed (the same set-up as the
browser tests), opens the pages in Debian's Chromium, and writes PNG files to docs/screenshots/.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO
from playwright.sync_api import Page, sync_playwright
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, headline, route_images, start_site

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            shoot(site.url, args.out)
        finally:
            site.stop()


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height) in VIEWPORTS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme=scheme,
                    timezone_id="Europe/London",
                )
                route_images(context)
                page = context.new_page()
                suffix = "" if scheme == "light" else "-dark"
                page.goto(url + "/")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"home-{name}{suffix}.png")
                page.get_by_role("link", name=headline(1), exact=True).first.click()
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"article-{name}{suffix}.png")
                if scheme == "light":
                    full_article(page, out / f"article-{name}-full.png")
                context.close()
                print(f"wrote the {name} pages ({scheme})")
        browser.close()


def full_article(page: Page, path: Path) -> None:
    """The whole article page: the banner dismissed, lazy images scrolled into view first."""
    page.get_by_role("button", name="Not now").click()
    for image in page.locator("main img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=path, full_page=True)


if __name__ == "__main__":
    main()

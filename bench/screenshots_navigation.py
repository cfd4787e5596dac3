"""Screenshots of the site's navigation: the home page, a topic and the saved articles (each
marks its entry: Latest, Topics inside its section, Saved the row's last) in English and Arabic,
phone and desktop widths, light and dark, and on a phone the home page's row scrolled to its end.

Serves newsdesk on 127.0.0.1 with articles ingested from a local feed (the same set-up as the
browser tests), or shoots a site already running (``--url``). Chromium asks for the language with
Accept-Language, as a reader's browser does. Writes nav-home-en-phone.png,
nav-saved-ar-desktop-dark.png, nav-home-en-phone-scrolled.png, ... to docs/screenshots/.

    .venv/bin/python bench/screenshots_navigation.py [--out docs/screenshots] [--url URL]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO
from playwright.sync_api import sync_playwright
from screenshots import close_install_banner, viewport_contexts
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, route_images, start_site

LANGUAGES = ("en", "ar")
PAGES = {"home": "/", "topic": "/topic/sports/", "saved": "/saved/"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--url", help="a running site to shoot instead of starting one")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.url:
        shoot(args.url.rstrip("/"), args.out)
        return
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            shoot(site.url, args.out)
        finally:
            site.stop()


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language in LANGUAGES:
            for shot in viewport_contexts(browser, locale=language):
                route_images(shot.context)
                page = shot.context.new_page()
                for name, path in PAGES.items():
                    page.goto(url + path)
                    page.wait_for_load_state("networkidle")
                    close_install_banner(page)
                    stem = f"nav-{name}-{language}-{shot.viewport}{shot.suffix}"
                    page.screenshot(path=out / f"{stem}.png")
                    print(f"wrote {stem}.png")
                if shot.viewport == "phone" and shot.scheme == "light":
                    # The home page's last link brought into view, as a reader's swipe or Tab would.
                    page.goto(url + "/")
                    page.wait_for_load_state("networkidle")
                    page.locator(".masthead nav a").last.scroll_into_view_if_needed()
                    page.screenshot(
                        path=out / f"nav-home-{language}-phone-scrolled.png",
                        clip={"x": 0, "y": 0, "width": shot.width, "height": 160},
                    )
        browser.close()


if __name__ == "__main__":
    main()

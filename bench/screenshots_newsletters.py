"""Screenshots of the newsletter block of the profile page (the address, its copy button,
"Make a new address") and of /me/newsletters/, in English and in Arabic (right to left), at
phone and desktop widths, light and dark.

Serves newsdesk on 127.0.0.1 with the articles of ``bench/screenshots.py``, makes two readers
(English, Arabic), delivers a newsletter to each one's address through ``desk.newsletters`` (as
``newsdesk mail`` does), signs each in through the sign-in page in Debian's Chromium and writes
docs/screenshots/newsletter[-ar]-block-{phone,desktop}[-dark].png,
newsletters[-ar]-{phone,desktop}.png and newsletter-issue[-ar]-{phone,desktop}.png.

    .venv/bin/python bench/screenshots_newsletters.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO, setup_django
from playwright.sync_api import sync_playwright
from screenshots import close_install_banner, sign_in, viewport_contexts
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, start_site

PASSWORD = "a long reader password 7"
READERS = {
    "newsletter": ("letters@example.test", "en"),
    "newsletter-ar": ("letters-ar@example.test", "ar"),
}
ISSUE = (
    "From: Harbour Weekly <news@harbour.example>\r\nTo: {to}\r\nSubject: Harbour Weekly 12\r\n"
    "List-Id: Harbour Weekly <weekly.harbour.example>\r\nMessage-ID: <12@harbour.example>\r\n"
    "Content-Type: text/html; charset=utf-8\r\n\r\n"
    "<p><a href='https://harbour.example/issues/12?e=77'>View in browser</a></p>"
    "<p>The new crane lifted its first ship today.</p>"
    "<img src='https://harbour.example/open/abcdefgh12' width='1' height='1'>\r\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            setup_django(Path(data))
            add_readers()
            shoot(site.url, args.out)
        finally:
            site.stop()


def add_readers() -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from newsdesk.desk import newsletters
    from newsdesk.readers.models import Reader

    for email, language in READERS.values():
        user = get_user_model().objects.create_user(email, email, PASSWORD)
        Reader.objects.update_or_create(user=user, defaults={"languages": [language]})
        to = newsletters.full_address(newsletters.reader_address(user))
        newsletters.deliver(to, ISSUE.format(to=to).encode(), timezone.now())


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot, (email, language) in READERS.items():
            for view in viewport_contexts(browser, locale=language):
                view.context.grant_permissions(["clipboard-read", "clipboard-write"])
                page = view.context.new_page()
                sign_in(page, url, email, PASSWORD)
                page.goto(url + "/me/")
                page.wait_for_load_state("networkidle")
                close_install_banner(page)
                block = page.locator("#newsletters")
                block.locator("button[data-copy]").click()  # shows "Copied"
                block.screenshot(path=out / f"{shot}-block-{view.viewport}{view.suffix}.png")
                if view.scheme == "light":
                    page.goto(url + "/me/newsletters/")
                    page.wait_for_load_state("networkidle")
                    lang = shot.removeprefix("newsletter")
                    page.screenshot(
                        path=out / f"newsletters{lang}-{view.viewport}.png", full_page=True
                    )
                    page.locator("[data-newsletter-issues] a").first.click()
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=out / f"newsletter-issue{lang}-{view.viewport}.png")
                print(f"wrote {shot} {view.viewport} {view.scheme}")
        browser.close()


if __name__ == "__main__":
    main()

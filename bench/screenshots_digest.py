"""Screenshots of the e-mail digest as rendered (the preview page shows the mail's own HTML), in
English and in Arabic (right to left), at phone and desktop widths.

Serves newsdesk on 127.0.0.1 with the articles and stories of ``bench/screenshots.py``, makes two
readers who follow every source (one reading English in London, one Arabic in Riyadh), signs each
in through the sign-in page in Debian's Chromium, opens /me/digest/preview/ and writes
docs/screenshots/digest-{phone,desktop}.png and digest-ar-{phone,desktop}.png, and the digest
settings on the profile page, digest-settings-{phone,desktop}.png.

    .venv/bin/python bench/screenshots_digest.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO
from playwright.sync_api import sync_playwright
from screenshots import VIEWPORTS, add_coverage, sign_in
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, start_site, wait_for_images

PASSWORD = "a long reader password 7"
READERS = {
    "digest": ("london@example.test", "Europe/London", "en"),
    "digest-ar": ("riyadh@example.test", "Asia/Riyadh", "ar"),
}


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
            add_readers()
            shoot(site.url, args.out)
        finally:
            site.stop()


def add_readers() -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from newsdesk.desk.readers import following
    from newsdesk.desk.readers.digest_plans import PlanChoice, set_plan
    from newsdesk.readers.models import FollowKind, Reader
    from newsdesk.sources.models import Source

    now = timezone.now()
    for email, zone, language in READERS.values():
        user = get_user_model().objects.create_user(email, email, PASSWORD)
        Reader.objects.update_or_create(user=user, defaults={"time_zone": zone})
        for slug in Source.objects.values_list("slug", flat=True):
            following.follow(user, FollowKind.SOURCE, slug, now)
        set_plan(user, PlanChoice("daily", 7, 0, language), now)


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot, (email, _, _) in READERS.items():
            for name, (width, height) in VIEWPORTS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                sign_in(page, url, email, PASSWORD)
                page.goto(url + "/me/digest/preview/")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"{shot}-{name}.png", full_page=True)
                if shot == "digest":
                    page.goto(url + "/me/")
                    page.wait_for_load_state("networkidle")
                    dismiss = page.get_by_role("button", name="Not now")
                    if dismiss.is_visible():
                        dismiss.click()
                    page.locator("#digest").screenshot(path=out / f"digest-settings-{name}.png")
                context.close()
                print(f"wrote {shot}-{name}.png")
        browser.close()


if __name__ == "__main__":
    main()

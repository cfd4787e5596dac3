"""Screenshots of the "For you" page of a reader with follows, phone and desktop widths.

Serves newsdesk on 127.0.0.1 with the articles and stories of ``bench/screenshots.py``, makes a
reader who follows a source, a story, a topic and a place and mutes a source, signs in through
the sign-in page in Debian's Chromium, and writes docs/screenshots/for-you-{phone,desktop}.png.

    .venv/bin/python bench/screenshots_for_you.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO
from playwright.sync_api import sync_playwright
from screenshots import VIEWPORTS, add_coverage
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, route_images, start_site

EMAIL, PASSWORD = "reader@example.test", "a long reader password 7"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            add_coverage(Path(data))
            add_reader()
            shoot(site.url, args.out)
        finally:
            site.stop()


def add_reader() -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from newsdesk.desk.readers import following
    from newsdesk.desk.stories.reading import top_stories
    from newsdesk.readers.models import FollowKind

    now = timezone.now()
    user = get_user_model().objects.create_user("reader", EMAIL, PASSWORD)
    following.follow(user, FollowKind.SOURCE, "river-gazette", now)
    following.follow(user, FollowKind.TOPIC, "ferry", now)
    following.follow(user, FollowKind.REGION, "East Bank", now)
    for card in top_stories(now)[:1]:
        following.follow(user, FollowKind.STORY, str(card.story.pk), now)
    following.mute(user, "harbour-wire")


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, timezone_id="Europe/London"
            )
            route_images(context)
            page = context.new_page()
            page.goto(url + "/accounts/login/?next=/for-you/")
            page.fill("input[name=login]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.locator("form button[type=submit]").last.click()
            page.wait_for_url("**/for-you/")
            page.wait_for_load_state("networkidle")
            dismiss = page.get_by_role("button", name="Not now")
            if dismiss.is_visible():
                dismiss.click()
            page.screenshot(path=out / f"for-you-{name}.png")
            page.goto(url + "/me/following/")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=out / f"following-{name}.png", full_page=True)
            context.close()
            print(f"wrote the {name} pages")
        browser.close()


if __name__ == "__main__":
    main()

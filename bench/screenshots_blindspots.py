"""Screenshots of the Blindspots page, a story page's coverage line and the AI accuracy record,
at phone and desktop widths, light and dark (and the Blindspots page in Arabic).

Serves newsdesk on 127.0.0.1 with the articles of ``bench/screenshots.py``, adds the publishers
of ``tests.support.coverage_news`` (Arabic-language ones of the Middle East, English-language ones
of Europe and North America, one of unknown facts) and places their reports into stories through
the desk, writes twelve weeks of the faithfulness gate's counts for a model and the extractive
engine, opens the pages in Debian's Chromium and writes docs/screenshots/blindspots-*.png,
story-origins-*.png and accuracy-*.png.

    .venv/bin/python bench/screenshots_blindspots.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO, setup_django
from playwright.sync_api import Page, sync_playwright
from screenshots import VIEWPORTS, close_install_banner
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, start_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            setup_django(Path(data))
            story = add_news()
            shoot(site.url, args.out, story)
        finally:
            site.stop()


def add_news() -> str:
    """The publishers, their stories and the gate's counts; the quake story's address."""
    from datetime import timedelta

    from django.utils import timezone
    from tests.support.coverage_news import newsroom

    from newsdesk.stories.models import Story
    from newsdesk.summaries.models import GateReason, GateTally
    from newsdesk.web.links import story_path

    news = newsroom(timezone.now())
    today = timezone.localdate()
    engine = "llm:qwen2.5-7b-instruct"
    for week in range(12):
        day = today - timedelta(weeks=week)
        checked = 180 + 23 * (week % 5)
        withheld = 6 + (week * 7) % 11
        GateTally.objects.create(
            day=day, engine=engine, task="paragraph", checked=checked, withheld=withheld
        )
        GateTally.objects.create(day=day, engine="extractive", task="line", checked=400)
        for reason, share in (("words", 0.5), ("number", 0.25), ("name", 0.2), ("date", 0.05)):
            GateReason.objects.create(
                day=day,
                engine=engine,
                task="paragraph",
                reason=reason,
                sentences=max(1, round(withheld * share)),
            )
    return story_path(Story.objects.get(pk=news["quake"]))


def shoot(url: str, out: Path, story: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height) in VIEWPORTS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                suffix = "" if scheme == "light" else "-dark"
                whole(page, url + "/blindspots/", out / f"blindspots-{name}{suffix}.png")
                page.goto(url + story)
                page.wait_for_load_state("networkidle")
                page.locator(".story-page-header").screenshot(
                    path=out / f"story-origins-{name}{suffix}.png"
                )
                whole(page, url + "/accuracy/", out / f"accuracy-{name}{suffix}.png")
                context.close()
                print(f"wrote the {name} pages ({scheme})")
            context = browser.new_context(viewport={"width": width, "height": height}, locale="ar")
            whole(context.new_page(), url + "/blindspots/", out / f"blindspots-ar-{name}.png")
            context.close()
        browser.close()


def whole(page: Page, address: str, path: Path) -> None:
    page.goto(address)
    page.wait_for_load_state("networkidle")
    close_install_banner(page)
    page.screenshot(path=path, full_page=True)


if __name__ == "__main__":
    main()

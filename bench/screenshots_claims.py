"""Screenshots of a story page's claim map, phone and desktop widths, light and dark.

Serves newsdesk on 127.0.0.1 (the set-up of the browser tests), adds one ECB+ story from the
shared data sets straight to the site's database (topic 22: an arrest in a 1967 double murder,
three publishers, one giving the suspect's age differently; a topic outside the claim labels,
so no labelled story is looked at), opens its story page in Debian's Chromium and writes
``claims-<width>[-dark].png`` of the claim map and ``claims-<width>-page.png`` of the whole
page to docs/screenshots/. Stops with a message when ../shared/datasets is absent.

    .venv/bin/python bench/screenshots_claims.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import json
import tempfile
from datetime import timedelta
from pathlib import Path

from _common import DATASETS, REPO, setup_django
from playwright.sync_api import sync_playwright
from screenshots import close_install_banner
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, start_site

VIEWPORTS = {"390": (390, 844), "1280": (1280, 900)}
PUBLISHERS = {"22_1ecb": "Valley Herald", "22_3ecb": "Shenandoah Post", "22_5ecb": "Staunton Daily"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    rows = DATASETS / "stories" / "ecbplus-dev.jsonl"
    if not rows.is_file():
        raise SystemExit(f"skipped: {rows} is not here (it is beside the checkout in CI)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            path = add_story(Path(data), rows)
            shoot(site.url + path, args.out)
        finally:
            site.stop()


def add_story(data_dir: Path, rows: Path) -> str:
    """The story's articles under their publishers, placed into one story; its page's path."""
    setup_django(data_dir)
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.desk.stories import refresh_story
    from newsdesk.sources.models import Source
    from newsdesk.stories.models import Placement, Story
    from newsdesk.web.links import story_path

    texts = {}
    with rows.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["doc_id"] in PUBLISHERS:
                texts[row["doc_id"]] = row["text"]
    story = Story.objects.create(changed_at=timezone.now())
    for n, (doc, name) in enumerate(PUBLISHERS.items()):
        slug = name.lower().replace(" ", "-")
        source = Source.objects.create(name=name, slug=slug, home_url=f"https://{slug}.test/")
        lines = [line for line in texts[doc].splitlines() if line.strip()]
        title = lines[0].split(",")[0]  # ECB+ texts have no title: their first clause
        title = title if len(title) <= 90 else title[:90].rsplit(" ", 1)[0] + "…"
        body = "\n".join(lines)
        when = timezone.now() - timedelta(hours=6 - n)
        article = Article.objects.create(
            url=f"https://{slug}.test/quake",
            url_hash=f"claims{n:026d}",
            source=source,
            title=title,
            published_at=when,
            language="en",
            description=body[:200],
            text=body,
            html="".join(f"<p>{line}</p>" for line in body.splitlines()),
            body_origin=BodyOrigin.PAGE,
            status=ArticleStatus.READY,
        )
        Placement.objects.create(
            article=article,
            story=story,
            score=None if n == 0 else 0.6,
            shared_entities=[] if n == 0 else ["Qeshm"],
            published_at=when,
            placed_at=timezone.now(),
        )
    refresh_story(story, timezone.now())
    story.refresh_from_db()
    return story_path(story)


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height) in VIEWPORTS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")
                close_install_banner(page)
                summary = page.locator("#claims details summary")
                if summary.count():
                    summary.click()
                suffix = "" if scheme == "light" else "-dark"
                box = page.locator("#claims").bounding_box()
                assert box is not None
                page.screenshot(path=out / f"claims-{name}{suffix}.png", full_page=True, clip=box)
                if scheme == "light":
                    page.screenshot(path=out / f"claims-{name}-page.png", full_page=True)
                context.close()
                print(f"wrote the claim map at {name} px ({scheme})")
        browser.close()


if __name__ == "__main__":
    main()

"""Screenshots of the labels of trust: a card and an article page whose source is
state-controlled and whose headline is clickbait, and that source's facts, phone and desktop,
English and Arabic.

Serves newsdesk on 127.0.0.1 with the local publisher's articles (``tests/web/site``) plus one
article of a state-controlled source whose headline the shipped model judges clickbait, and
writes docs/screenshots/labels-{card,article,rewritten,source}[-ar]-{phone,desktop}.png in
Debian's Chromium (the rewritten headline as a configured model's job stores it, original open).

    .venv/bin/python bench/screenshots_labels.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from datetime import timedelta
from pathlib import Path

from _common import REPO, setup_django
from playwright.sync_api import sync_playwright
from screenshots import VIEWPORTS
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, lead_image_path, start_site, wait_for_images

TITLE = "You Won't Believe What The Harbour Council Just Did With Its Old Ferry"
TEXT = (
    "The harbour council voted on Tuesday to turn its retired ferry into a floating library. "
    "The ferry, bought for 40,000 pounds in March, will open to readers on Saturday with "
    "12,000 books, the council's culture office said."
)


def add_labelled_articles(data_dir: Path, image_url: str) -> tuple[int, int]:
    """A clickbait headline from a state-controlled source, judged as ingestion judges it, and
    one with a neutral headline."""
    setup_django(data_dir)
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.desk.headlines import judge_headline
    from newsdesk.sources.models import Ownership, Source

    source, _ = Source.objects.get_or_create(
        slug="state-broadcast",
        defaults={
            "name": "State Broadcast",
            "home_url": "https://state-broadcast.test/",
            "country": "XX",
            "languages": "en",
            "owner": "Ministry of Information",
            "ownership": Ownership.STATE,
            "facts_citation": "Invented for this picture",
        },
    )
    article = Article.objects.create(
        url="https://state-broadcast.test/news/ferry",
        url_hash="state-broadcast-ferry",
        source=source,
        title=TITLE,
        clickbait=judge_headline(TITLE, "en"),
        byline="Staff reporter",
        language="en",
        published_at=timezone.now() - timedelta(minutes=5),
        description=TEXT[:200],
        text=TEXT,
        html="".join(f"<p>{part}.</p>" for part in TEXT.split(". ")),
        image_url=image_url,
        body_origin=BodyOrigin.PAGE,
        status=ArticleStatus.READY,
    )
    assert article.clickbait, "the model should judge this headline clickbait"
    # As a configured model's job stores it (desk.headlines); written here, no model runs.
    rewritten = Article.objects.create(
        url="https://state-broadcast.test/news/ferry-library",
        url_hash="state-broadcast-ferry-library",
        source=source,
        title="This Old Ferry Got A Second Life And It's Better Than You Think",
        clickbait=True,
        neutral_title={
            "text": "Harbour council turns retired ferry into a floating library",
            "cites": ["1-1"],
        },
        byline="Staff reporter",
        language="en",
        published_at=timezone.now() - timedelta(minutes=50),
        description=TEXT[:200],
        text=TEXT,
        html="".join(f"<p>{part}.</p>" for part in TEXT.split(". ")),
        body_origin=BodyOrigin.PAGE,
        status=ArticleStatus.READY,
    )
    return article.pk, rewritten.pk


def shoot(url: str, article_id: int, rewritten_id: int, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, suffix in (("en", ""), ("ar", "-ar")):
            for name, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale=language
                )
                page = context.new_page()
                page.goto(url + "/")
                page.wait_for_load_state("networkidle")
                card = page.locator("article.card", has=page.locator(".label-state")).first
                card.screenshot(path=out / f"labels-card{suffix}-{name}.png")
                page.goto(f"{url}/article/{article_id}/")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"labels-article{suffix}-{name}.png")
                page.goto(f"{url}/article/{rewritten_id}/")
                page.wait_for_load_state("networkidle")
                page.locator("details.original-headline summary").click()
                page.locator("header.story-header").screenshot(
                    path=out / f"labels-rewritten{suffix}-{name}.png"
                )
                page.goto(f"{url}/source/state-broadcast/")
                page.wait_for_load_state("networkidle")
                page.locator("header.source-header").screenshot(
                    path=out / f"labels-source{suffix}-{name}.png"
                )
                context.close()
                print(f"wrote the labelled card and article, {language}, {name} width")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            image = site.publisher.url(lead_image_path(2))
            article_id, rewritten_id = add_labelled_articles(Path(data), image)
            wait_for_images()
            shoot(site.url, article_id, rewritten_id, args.out)
        finally:
            site.stop()


if __name__ == "__main__":
    main()

"""Screenshots of a region page, a topic page, the topic list and an edition, phone and desktop.

Serves newsdesk on 127.0.0.1 with the articles and stories of ``bench/screenshots.py`` plus a
few reports naming real places (Kharkiv, Sumy, Kyiv, Manchester), places and tags them as the
workers do, and writes docs/screenshots/{region,topic,topics,edition}-{phone,desktop}.png in
Debian's Chromium.

    .venv/bin/python bench/screenshots_places.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from _common import REPO, setup_django
from playwright.sync_api import sync_playwright
from screenshots import VIEWPORTS, add_coverage
from tests.web.site import (
    CHROMIUM,
    CHROMIUM_ARGS,
    lead_image_path,
    start_site,
    wait_for_images,
)

# Written for these pictures: (source, country, title, text, minutes ago).
REPORTS = [
    (
        "Kharkiv Courier",
        "UA",
        "Kharkiv orchestra returns to its concert hall",
        "The Kharkiv philharmonic orchestra played its first concert in its restored hall in "
        "Kharkiv on Sunday night. Musicians from Kyiv joined them for a programme of Lysenko "
        "and Dvorak, and every seat was sold within an hour of the box office opening.",
        30,
    ),
    (
        "Eastern Herald",
        "UA",
        "Sold-out night as Kharkiv philharmonic plays at home again",
        "Every seat was sold for the Kharkiv philharmonic's return to its restored hall on "
        "Sunday. The orchestra, joined by musicians from Kyiv, played Lysenko and Dvorak, and "
        "the conductor thanked the audience of Kharkiv for waiting.",
        50,
    ),
    (
        "Sumy Daily",
        "UA",
        "Sumy farmers bring in a record wheat harvest",
        "Farmers around Sumy brought in a record wheat harvest this year, the regional "
        "agriculture office in Sumy announced. Exporters in Odesa expect grain prices to hold "
        "through the winter, and the ministry in Kyiv reported enough storage for the crop.",
        90,
    ),
    (
        "Northern Post",
        "GB",
        "Manchester museum shows a rediscovered Lowry painting",
        "A painting by L. S. Lowry that was thought lost for sixty years went on show at a "
        "museum in Manchester on Wednesday. The canvas, found in an attic in Liverpool, shows "
        "a mill in Salford in the snow.",
        120,
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            add_coverage(Path(data), site.publisher.url)
            add_reports(Path(data), site.publisher.url)
            wait_for_images()
            shoot(site.url, args.out)
        finally:
            site.stop()


def add_reports(data_dir: Path, publisher: Callable[[str], str]) -> None:
    """The reports above as ready articles, placed in stories and tagged with places and topics."""
    setup_django(data_dir)
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.desk.stories import place_pending
    from newsdesk.sources.models import Source

    now = timezone.now()
    for number, (name, country, title, text, minutes) in enumerate(REPORTS):
        slug = name.lower().replace(" ", "-")
        source, _ = Source.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "home_url": f"https://{slug}.test/", "country": country},
        )
        Article.objects.create(
            url=f"https://{slug}.test/news/{number}",
            url_hash=f"{slug}-{number}",
            source=source,
            title=title,
            byline="Staff reporter",
            language="en",
            published_at=now - timedelta(minutes=minutes),
            description=text[:200],
            text=text,
            html="".join(f"<p>{part}.</p>" for part in text.split(". ")),
            image_url=publisher(lead_image_path(number % 5 + 1)),
            body_origin=BodyOrigin.PAGE,
            status=ArticleStatus.READY,
        )
    placed = place_pending(now=now)
    print(f"placed and tagged {len(placed)} reports")


PAGES = {
    "region": "/region/ukraine/",
    "topic": "/topic/entertainment/",
    "topics": "/topics/",
    "edition": "/edition/en-GB/",
}


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for kind, path in PAGES.items():
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"{kind}-{name}.png")
            context.close()
            print(f"wrote the region, topic and edition pages at {name} width")
        browser.close()


if __name__ == "__main__":
    main()

"""Screenshots of the home and article pages in Arabic and German, phone and desktop widths.

The same site as bench/screenshots.py (a local feed ingested into a real ``newsdesk serve``, two
stories of several publishers), plus one Arabic article of a publisher of its own, so the pages
show both directions: English articles inside the right-to-left Arabic interface, and an Arabic
article inside it. Chromium asks for the language with Accept-Language, as a reader's browser
does. Writes home-ar-phone.png, article-de-desktop.png, ... to docs/screenshots/.

    .venv/bin/python bench/screenshots_languages.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from datetime import timedelta
from pathlib import Path

from _common import REPO, setup_django
from playwright.sync_api import sync_playwright
from screenshots import VIEWPORTS, add_coverage
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, IMAGE_HOST, headline, route_images, start_site

LANGUAGES = ("ar", "de")
# Our own short Arabic article (not taken from any publisher): a ferry story like the feed's.
ARABIC_TITLE = "مجلس المدينة يوافق على ثلاث محطات جديدة للعبّارة على الضفة الشرقية"
ARABIC_TEXT = (
    "وافق مجلس المدينة يوم الثلاثاء على توسيع خدمة العبّارة النهرية لتشمل ثلاث محطات جديدة. "
    "وقال مسؤولون إن أولى الرحلات ستنطلق في الربيع بعد إعادة بناء أرصفة الرسو، "
    "وإن أسعار التذاكر لن تتغير."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            add_coverage(Path(data))
            add_arabic_article(Path(data))
            shoot(site.url, args.out)
        finally:
            site.stop()


def add_arabic_article(data_dir: Path) -> None:
    setup_django(data_dir)
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.sources.models import Source

    source, _ = Source.objects.get_or_create(
        slug="nahr-news",
        defaults={"name": "أخبار النهر", "home_url": "https://nahr.test/", "language": "ar"},
    )
    Article.objects.create(
        url="https://nahr.test/news/1",
        url_hash="nahr-news-1",
        source=source,
        title=ARABIC_TITLE,
        byline="فريق التحرير",
        language="ar",
        published_at=timezone.now() - timedelta(minutes=5),
        description=ARABIC_TEXT[:200],
        text=ARABIC_TEXT,
        html="".join(f"<p>{part.strip()}.</p>" for part in ARABIC_TEXT.split(".") if part.strip()),
        image_url=f"{IMAGE_HOST}/lead-5.png",
        body_origin=BodyOrigin.PAGE,
        status=ArticleStatus.READY,
    )


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language in LANGUAGES:
            for name, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    locale=language,
                    timezone_id="Europe/Berlin",
                )
                route_images(context)
                page = context.new_page()
                page.goto(url + "/")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"home-{language}-{name}.png")
                page.locator("#river").get_by_role("link", name=headline(1), exact=True).click()
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / f"article-{language}-{name}.png")
                if language == "ar":
                    page.goto(url + "/")
                    page.get_by_role("link", name=ARABIC_TITLE, exact=True).first.click()
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=out / f"article-ar-arabic-{name}.png")
                context.close()
                print(f"wrote the {language} pages at {name} width")
        browser.close()


if __name__ == "__main__":
    main()

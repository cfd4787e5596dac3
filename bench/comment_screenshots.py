"""Screenshots of an article page's comment section with a short thread, phone and desktop.

Serves newsdesk on 127.0.0.1 with articles from a local feed (as the browser tests do), puts one
article into a story, writes a short thread through the desk (a comment with a link, a reply, a
reply to the reply, a held comment its author sees), signs in as that author in Debian's
Chromium and writes docs/screenshots/comments-phone.png and comments-desktop.png.

    .venv/bin/python bench/comment_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from datetime import timedelta
from pathlib import Path

from _common import REPO, setup_django
from playwright.sync_api import sync_playwright
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, headline, route_images, start_site

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
PASSWORD = "Tide-tables-and-ferries-42"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-comment-shots-") as data:
        site = start_site(Path(data))
        try:
            path = write_thread(Path(data))
            shoot(site.url + path, site.url, args.out)
        finally:
            site.stop()


def write_thread(data_dir: Path) -> str:
    """A story for the article and a short thread on it; the article page's path."""
    setup_django(data_dir)
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import User
    from django.utils import timezone

    from newsdesk.articles.models import Article
    from newsdesk.desk import comments
    from newsdesk.desk.stories import place_article
    from newsdesk.desk.stories.reading import story_of_article
    from newsdesk.web.links import article_path

    article = Article.objects.get(title=headline(1))
    if story_of_article(article.pk) is None:
        place_article(article.pk)
    story = story_of_article(article.pk)
    assert story is not None
    people = {}
    for name in ("maria.k", "tom_h", "reader42"):
        email = f"{name.replace('.', '').replace('_', '')}@example.test"
        people[name] = User.objects.create_user(name, email=email, password=PASSWORD)
        EmailAddress.objects.create(user=people[name], email=email, primary=True, verified=True)
    start = timezone.now() - timedelta(hours=1, minutes=10)
    first = comments.post_comment(
        people["maria.k"],
        story,
        "Finally! I cross twice a day and the bridge queue is forty minutes.\n\n"
        "The timetable is on the council site: https://council.example.test/ferry-timetable",
        start,
    )
    reply = comments.post_comment(
        people["tom_h"],
        story,
        "Does anyone know if bikes are allowed on board?",
        start + timedelta(minutes=20),
        parent_id=first.pk,
    )
    comments.post_comment(
        people["maria.k"],
        story,
        "Yes, the report says four bikes per crossing.",
        start + timedelta(minutes=31),
        parent_id=reply.pk,
    )
    comments.post_comment(
        people["reader42"],
        story,
        "Fares unchanged is the real news here.",
        start + timedelta(minutes=50),
    )
    comments.post_comment(
        people["tom_h"],
        story,
        "THIS SHOULD HAVE HAPPENED TEN YEARS AGO!!!",
        timezone.now() - timedelta(minutes=2),
    )
    return article_path(article)


def shoot(url: str, site: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, timezone_id="Europe/London"
            )
            route_images(context)
            page = context.new_page()
            page.goto(site + "/accounts/login/")
            page.fill("input[name=login]", "tomh@example.test")
            page.fill("input[name=password]", PASSWORD)
            page.locator("form").filter(has=page.locator("input[name=password]")).locator(
                "button[type=submit]"
            ).click()
            page.wait_for_url(lambda address: "/accounts/login/" not in address)
            page.goto(url)
            page.wait_for_load_state("networkidle")
            dismiss = page.get_by_role("button", name="Not now")
            if dismiss.is_visible():
                dismiss.click()
            section = page.locator("#comments")
            section.locator(".comment-replies .comment summary", has_text="Reply").first.click()
            page.mouse.move(0, 0)
            page.evaluate("window.scrollTo(0, 0)")
            box = section.bounding_box()
            assert box is not None
            top = max(box["y"] - 12, 0)
            clip = {"x": 0, "y": top, "width": width, "height": box["height"] + 24}
            # The whole page, cut to the section: the sticky masthead stays at the top.
            page.screenshot(path=out / f"comments-{name}.png", full_page=True, clip=clip)
            context.close()
            print(f"wrote comments-{name}.png")
        browser.close()


if __name__ == "__main__":
    main()

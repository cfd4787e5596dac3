"""Screenshots of the reading diet page (/me/diet/) in English and in Arabic (right to left), at
phone and desktop widths: the spread of a month of reading by source, country, language and
ownership, and other voices on the reader's stories.

Serves newsdesk on 127.0.0.1 with the articles of ``bench/screenshots.py``, gives some of their
sources facts (country, ownership), makes two readers (English, Arabic) who read most of the
articles of a few sources and follow a story, signs each in through the sign-in page in Debian's
Chromium and writes docs/screenshots/diet-{phone,desktop}.png and diet-ar-{phone,desktop}.png.

    .venv/bin/python bench/screenshots_diet.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO, setup_django
from screenshots import shoot_signed_in
from tests.web.site import start_site

PASSWORD = "a long reader password 7"
READERS = {"diet": ("diet@example.test", "en"), "diet-ar": ("diet-ar@example.test", "ar")}
FACTS = [("GB", "public"), ("US", "private"), ("QA", ""), ("DE", "public"), ("", "wire")]


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
            shoot_signed_in(site.url, args.out, READERS, PASSWORD, "/me/diet/")
        finally:
            site.stop()


def add_readers() -> None:
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from newsdesk.articles.models import Article
    from newsdesk.desk.readers.following import follow
    from newsdesk.readers.models import FollowKind, Reader, ReadMark
    from newsdesk.sources.models import Source
    from newsdesk.stories.models import Placement

    now = timezone.now()
    for source, (country, ownership) in zip(Source.objects.order_by("id"), FACTS, strict=False):
        Source.objects.filter(pk=source.pk).update(country=country, ownership=ownership)
    articles = list(Article.objects.order_by("id"))
    read = articles[: max(3, len(articles) * 2 // 3)]
    story = Placement.objects.filter(article__in=read).values_list("story_id", flat=True).first()
    for email, language in READERS.values():
        user = get_user_model().objects.create_user(email, email, PASSWORD)
        Reader.objects.update_or_create(user=user, defaults={"languages": [language]})
        for number, article in enumerate(read):
            at = now - timedelta(hours=5 * number)
            ReadMark.objects.create(user=user, article=article, read_at=at)
        if story is not None:
            follow(user, FollowKind.STORY, str(story), now)


if __name__ == "__main__":
    main()

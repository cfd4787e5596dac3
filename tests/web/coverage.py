"""Two more publishers' coverage of two of the local feed's articles, placed into stories, so a
site started by tests/web/site.py has stories with several sources (the home page's top stories,
a story page with its timeline and brief): one rewrite of each article and one word-for-word
copy. Runs where Django is set up on the site's database: in the site's own process through
``newsdesk manage shell`` (``site.add_coverage``), or in a script that set Django up on the
site's data directory (the screenshot and Lighthouse scripts in bench/).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from tests.web.site import headline, lead_image_path

# Other publishers' versions of two of the feed's articles (by index): title, text, minutes later.
COVERAGE = {
    1: [
        (
            "River Gazette",
            "East bank to get three new ferry stops after council vote",
            "Commuters on the east bank will get three new river ferry stops after the city "
            "council voted on Tuesday to expand the service. Officials said the first boats "
            "would run in the spring once the landing stages are rebuilt, with fares unchanged. "
            "The transport department expects about 6,000 journeys a day on the extended route "
            "within its first year; opponents wanted the money spent on buses instead.",
            35,
        ),
        ("Harbour Wire", "", "", 50),  # a word-for-word copy of the original
    ],
    0: [
        (
            "River Gazette",
            "Coast guard relights the northern beacons as lighthouse keepers return",
            "Lighthouse keepers are returning to the northern coast as the coast guard restores "
            "the beacons that were switched off a decade ago. The coast guard said the keepers "
            "would live at the lighthouses again and maintain the beacons through the winter.",
            20,
        ),
    ],
}


def place_coverage(publisher: Callable[[str], str]) -> int:
    """Add the publishers and their articles (lead images at ``publisher(path)``), then stories
    for them and the originals; returns how many originals got coverage."""
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.desk.stories import place_article, refine_stories
    from newsdesk.sources.models import Source

    for index, versions in COVERAGE.items():
        original = Article.objects.get(title=headline(index))
        place_article(original.pk)
        for number, (name, title, text, minutes) in enumerate(versions):
            slug = name.lower().replace(" ", "-")
            source, _ = Source.objects.get_or_create(
                slug=slug, defaults={"name": name, "home_url": f"https://{slug}.test/"}
            )
            when = (original.published_at or timezone.now()) + timedelta(minutes=minutes)
            text = text or original.text
            article = Article.objects.create(
                url=f"https://{slug}.test/news/{index}-{number}",
                url_hash=f"{slug}-{index}-{number}",
                source=source,
                title=title or original.title,
                byline="Staff reporter",
                published_at=when,
                description=text[:200],
                text=text,
                html="".join(f"<p>{part}</p>" for part in text.split(". ")),
                image_url=publisher(lead_image_path(index + 2)),
                body_origin=BodyOrigin.PAGE,
                status=ArticleStatus.READY,
            )
            place_article(article.pk)
    refine_stories(since=timezone.now() - timedelta(days=1), now=timezone.now())
    return len(COVERAGE)

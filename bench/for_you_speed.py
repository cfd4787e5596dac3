"""How long one "For you" page takes for a reader with follows and history, on many articles.

Writes 30,000 ready articles (100 sources, one every 30 seconds back from now, so 8,640 fall in
the three-day window), a reader following 10 sources, 5 topics and a place with 300 articles
read, then times ``for_you`` three times (the first call warms the caches).

    .venv/bin/python bench/for_you_speed.py            # SQLite in a throw-away directory
    DATABASE_URL=postgresql://... .venv/bin/python bench/for_you_speed.py
"""

from __future__ import annotations

import time
from datetime import timedelta

from _common import setup_django

ARTICLES, SOURCES = 30_000, 100
WORDS = [
    "harbour",
    "election",
    "storm",
    "council",
    "market",
    "ferry",
    "court",
    "strike",
    "vaccine",
    "budget",
]


def main() -> None:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus
    from newsdesk.desk.readers import following, history
    from newsdesk.desk.readers.for_you import for_you
    from newsdesk.readers.models import FollowKind
    from newsdesk.sources.models import Source

    now = timezone.now()
    sources = [Source.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(SOURCES)]
    Article.objects.bulk_create(
        [
            Article(
                url=f"https://bench.test/{n}",
                url_hash=f"fy{n:030d}",
                source=sources[n % SOURCES],
                title=f"Report {n} on {WORDS[n % 10]} and {WORDS[(n * 7) % 10]}",
                description=f"About the {WORDS[(n * 3) % 10]} in town {n % 50}",
                published_at=now - timedelta(seconds=30 * n),
                status=ArticleStatus.READY,
            )
            for n in range(ARTICLES)
        ],
        batch_size=2000,
    )
    reader = get_user_model().objects.create_user("bench", "bench@example.test", "bench pass 1")
    for n in range(10):
        following.follow(reader, FollowKind.SOURCE, f"s{n}", now)
    for word in WORDS[:5]:
        following.follow(reader, FollowKind.TOPIC, word, now)
    following.follow(reader, FollowKind.REGION, "town 7", now)
    newest = Article.objects.order_by("-id").values_list("id", flat=True)[:300]
    history.mark_many_read(reader, list(newest), now)
    for _ in range(3):
        started = time.perf_counter()
        page = for_you(reader, now, 20)
        elapsed = (time.perf_counter() - started) * 1000
        print(f"for_you: {elapsed:.0f} ms for {len(page.picks)} picks")


if __name__ == "__main__":
    main()

"""Benchmark: the article job's and placement's fixed writes, by the ORM and prepared.

In one process on a fresh SQLite database, taking turns for ``--rounds`` rounds, CPU ms a
statement: the claim of an article (``QuerySet.update`` with ``F("attempts") + 1`` against
``desk.articles._TAKE``), storing a page's fields in a savepoint (``update(**fields)`` against
``_STORE_PAGE``) and a placement's 32 duplicate keys (``bulk_create`` against ``insert_rows``).

    .venv/bin/python bench/prepared_writes.py [--rounds 3] [--runs 400]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from _common import REPO, setup_django


def cpu_ms(work: Callable[[int], object], runs: int, offset: int) -> float:
    start = time.process_time()
    for i in range(offset, offset + runs):
        work(i)
    return round((time.process_time() - start) * 1000 / runs, 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=400)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    setup_django()
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.desk import articles
    from newsdesk.desk.prepared_writes import insert_rows
    from newsdesk.desk.sources import register_feed
    from newsdesk.stories.models import DuplicateKey

    feed = register_feed("http://127.0.0.1:9/feed.xml").feed
    article = Article.objects.create(
        url="http://127.0.0.1:9/a", url_hash="bench", source=feed.source, feed=feed, title="t"
    )
    now = timezone.now()
    fields: dict[str, object] = dict.fromkeys(articles.PAGE_FIELDS, "")
    fields |= {
        "url": article.url,
        "url_hash": "bench",
        "clickbait": False,
        "published_at": now,
        "text": "word " * 600,
        "html": "<p>" + "word " * 600 + "</p>",
        "body_images_linked_at": None,
        "body_origin": BodyOrigin.PAGE,
        "status": ArticleStatus.READY,
        "claimed_until": None,
        "fetched_at": now,
        "updated_at": now,
        "source": feed.source,
    }

    def claim_orm(_: int) -> None:
        Article.objects.filter(pk=article.pk, status=ArticleStatus.READY, claim="").update(
            claim="", claimed_until=now, attempts=F("attempts") + 1
        )

    def claim_prepared(_: int) -> None:
        values = {"claim": "", "claimed_until": now}
        articles._TAKE.run(values, id=article.pk, status=ArticleStatus.READY, claim="")

    def page_orm(_: int) -> None:
        with transaction.atomic():
            Article.objects.filter(pk=article.pk, claim="").update(**fields)

    def page_prepared(_: int) -> None:
        with transaction.atomic():
            articles._STORE_PAGE.run(fields, id=article.pk, claim="")

    def keys_orm(i: int) -> None:
        DuplicateKey.objects.bulk_create(
            DuplicateKey(key=2 * i * 100 + k, article=article, published_at=now) for k in range(32)
        )

    def keys_prepared(i: int) -> None:
        rows = [
            {"key": (2 * i + 1) * 100 + k, "article": article.pk, "published_at": now}
            for k in range(32)
        ]
        insert_rows(DuplicateKey, rows)

    pairs = {
        "claim": (claim_orm, claim_prepared),
        "page fields": (page_orm, page_prepared),
        "32 duplicate keys": (keys_orm, keys_prepared),
    }
    for name, (orm, prepared) in pairs.items():
        rounds = [
            (cpu_ms(orm, args.runs, r * args.runs), cpu_ms(prepared, args.runs, r * args.runs))
            for r in range(args.rounds)
        ]
        shown = " / ".join(f"{a} → {b}" for a, b in rounds)
        print(f"{name:18s} CPU ms, ORM → prepared: {shown}")


if __name__ == "__main__":
    main()

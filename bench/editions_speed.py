"""Benchmark: topic and edition pages, the reader's languages, and topic tagging cost.

A fresh database gets N ready articles (24 sources in four languages and countries, one article
every 60 seconds back from now), grouped two by two into stories, each article filed under a
topic (``ArticleTopic`` rows written straight away, so the tables hold N articles' topics). A
sample of real-length texts is classified with ``newsdesk.desk.topics.tag_article_topics``
(database writes included) and with the pure classifier, against ``detect_language`` on the
same texts as the reference.

Then, in one process with the page cache off, each page is requested in turns and its median
server time compared with the home page's (the reference, in the same run): the topic list, a
topic newest and broadest first, a finer topic, an edition, the home page of a reader who reads
German only, and the API lists.

    .venv/bin/python bench/editions_speed.py [--articles 20000] [--rounds 15] [--json]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench \\
        .venv/bin/python bench/editions_speed.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from datetime import timedelta
from typing import Any

from _common import analyze, setup_django, time_against_home

LANGUAGES = [("en", "GB"), ("en", "US"), ("de", "DE"), ("fr", "FR")]
SOURCES_PER_EDITION = 6
TOPIC_SLUGS = [
    "world",
    "politics",
    "politics-elections",
    "business",
    "business-markets",
    "technology",
    "technology-ai",
    "science",
    "health",
    "sports",
    "sports-football",
    "entertainment",
]
SENTENCES = [
    "The central bank kept interest rates unchanged and shares rose on the stock market.",
    "The striker scored twice as the club won the league match in the final minutes.",
    "Ministers met in parliament to debate the budget before the election next month.",
    "Researchers published a study on the new vaccine, which doctors said cut infections.",
    "The company released a phone with a faster chip and an assistant built on AI models.",
    "The film won the festival's top award and its director thanked the cast on stage.",
]
SAMPLE = 300


def fill(count: int) -> list[int]:
    """N articles with stories and topics; returns the article ids."""
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus
    from newsdesk.sources.models import Source
    from newsdesk.stories.models import Placement, Story
    from newsdesk.topics.models import ArticleTopic

    rng = random.Random(11)
    now = timezone.now()
    sources = [
        Source.objects.create(
            name=f"{language}-{country} {n}",
            slug=f"{language}-{country}-{n}".lower(),
            country=country,
            language=language,
        )
        for language, country in LANGUAGES
        for n in range(SOURCES_PER_EDITION)
    ]
    articles = Article.objects.bulk_create(
        [
            Article(
                url=f"https://bench.test/{n}",
                url_hash=f"ed{n:030d}",
                source=sources[n % len(sources)],
                title=f"Story {n}: " + rng.choice(SENTENCES)[:60],
                description=rng.choice(SENTENCES),
                text=" ".join(rng.choice(SENTENCES) for _ in range(12)),
                language=sources[n % len(sources)].language,
                published_at=now - timedelta(seconds=60 * n),
                status=ArticleStatus.READY,
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    pairs = [articles[i : i + 2] for i in range(0, count, 2)]
    stories = Story.objects.bulk_create(
        [
            Story(
                headline=pair[0].title,
                lead_article=pair[0],
                article_count=len(pair),
                source_count=len({a.source_id for a in pair}),
                first_published_at=pair[-1].published_at,
                last_published_at=pair[0].published_at,
                changed_at=now,
            )
            for pair in pairs
        ],
        batch_size=2000,
    )
    Placement.objects.bulk_create(
        [
            Placement(article=a, story=s, published_at=a.published_at, placed_at=now)
            for pair, s in zip(pairs, stories, strict=True)
            for a in pair
        ],
        batch_size=2000,
    )
    ArticleTopic.objects.bulk_create(
        [
            ArticleTopic(article=a, slug=slug, score=0.8 - 0.2 * rank, rank=rank)
            for a in articles
            for rank, slug in enumerate(rng.sample(TOPIC_SLUGS, 2))
        ],
        batch_size=5000,
    )
    return [a.pk for a in articles]


def tagging(ids: list[int]) -> dict[str, float]:
    """Topic tagging cost on a sample, desk (with its writes) and pure, against langdetect."""
    from newsdesk.articles.models import Article
    from newsdesk.desk.topics import tag_article_topics
    from newsdesk.pipeline.lang import detect_language
    from newsdesk.pipeline.topics import classify_topics

    sample = list(Article.objects.select_related("source").filter(pk__in=ids[:SAMPLE]))
    started = time.perf_counter()
    for article in sample:
        tag_article_topics(article)
    desk_ms = 1000 * (time.perf_counter() - started) / len(sample)
    started = time.perf_counter()
    for article in sample:
        classify_topics(article.title, article.text[:4000], language="en")
    pure_ms = 1000 * (time.perf_counter() - started) / len(sample)
    started = time.perf_counter()
    for article in sample:
        detect_language(article.text[:3000])
    detect_ms = 1000 * (time.perf_counter() - started) / len(sample)
    return {
        "tag_article_topics_ms": round(desk_ms, 3),
        "classify_topics_ms": round(pure_ms, 3),
        "detect_language_ms": round(detect_ms, 3),
        "classify_vs_detect": round(pure_ms / detect_ms, 2),
    }


def time_pages(rounds: int) -> dict[str, dict[str, float]]:
    from django.contrib.auth.models import User
    from django.test import Client

    from newsdesk.readers.models import Reader

    visitor = Client()
    german = Client()
    user = User.objects.create_user("leser", email="leser@bench.test", password="x" * 12)
    Reader.objects.update_or_create(user=user, defaults={"languages": ["de"]})
    german.force_login(user)
    pages = {
        "home": (visitor, "/"),
        "topics": (visitor, "/topics/"),
        "topic newest": (visitor, "/topic/business/"),
        "topic most sources": (visitor, "/topic/business/?order=top"),
        "finer topic": (visitor, "/topic/sports-football/"),
        "edition de-DE": (visitor, "/edition/de-DE/"),
        "home, reader reads de": (german, "/"),
        "api topics": (visitor, "/api/v1/topics"),
        "api topic stories": (visitor, "/api/v1/topics/business/stories"),
        "api stories edition=de-DE": (visitor, "/api/v1/stories?edition=de-DE"),
        "api stories": (visitor, "/api/v1/stories"),
    }
    return time_against_home(pages, rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ["NEWSDESK_PAGE_CACHE_SECONDS"] = "0"
    setup_django()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    started = time.perf_counter()
    ids = fill(args.articles)
    from django.db import connection

    if connection.vendor == "postgresql":  # the SQLite default install never runs ANALYZE
        analyze()
    filled = time.perf_counter() - started
    tags = tagging(ids)
    pages = time_pages(args.rounds)
    result: dict[str, Any] = {
        "articles": args.articles,
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "setup_s": round(filled, 1),
        **tags,
        "pages": pages,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        if key != "pages":
            print(f"{key}: {value}")
    for name, figures in pages.items():
        print(f"{name:30} {figures['median_ms']:8.1f} ms  x{figures['vs_home']:.2f} of home")


if __name__ == "__main__":
    main()

"""Benchmark: region pages and the region API against the home page, and tagging cost.

A fresh database gets N ready articles (20 sources, one every 60 seconds back from now) whose
texts name one of 40 cities (or no place), grouped two by two into stories. A sample of the
articles is tagged with the real tagger through ``newsdesk.desk.tagging.tag_articles``
(ms/article, and the share of it spent in the pure tagger); the other articles get the rows their
twin of the sample got (the same text template), so the tables hold N articles' places.

After ANALYZE (the statistics a live database has; without them PostgreSQL picks a plan 100
times slower for a region's stories), in one process with the page cache off, each page is
requested in turns and its median server time compared with the home page's (the reference, in
the same run): a city, a city with a 100 km radius, a country, a continent, and the API lists of
a continent's stories and of all stories. Tagging ms/article includes the topic tags written in
the same pass.

    .venv/bin/python bench/region_speed.py [--articles 20000] [--rounds 15] [--json]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench \\
        .venv/bin/python bench/region_speed.py
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

CITIES = [
    "Kharkiv",
    "Kyiv",
    "Lviv",
    "Odesa",
    "Warsaw",
    "Krakow",
    "Berlin",
    "Munich",
    "Hamburg",
    "Paris",
    "Lyon",
    "Marseille",
    "Madrid",
    "Barcelona",
    "Lisbon",
    "Rome",
    "Milan",
    "Naples",
    "Vienna",
    "Prague",
    "Budapest",
    "Athens",
    "Istanbul",
    "Cairo",
    "Lagos",
    "Nairobi",
    "Mumbai",
    "Delhi",
    "Tokyo",
    "Osaka",
    "Seoul",
    "Sydney",
    "Melbourne",
    "Toronto",
    "Chicago",
    "Boston",
    "Denver",
    "Houston",
    "Lima",
    "Santiago",
]
WORDS = [
    "council",
    "vote",
    "ferry",
    "harbour",
    "minister",
    "election",
    "storm",
    "flood",
    "market",
    "energy",
    "prices",
    "court",
    "ruling",
    "police",
    "hospital",
    "strike",
    "school",
    "rail",
    "bridge",
    "budget",
    "farmers",
    "drought",
    "rescue",
    "border",
    "talks",
    "trade",
]
SOURCES = 20
SAMPLE = 600


def text_of(template: int, rng: random.Random) -> tuple[str, str]:
    """A headline and a body naming city ``template`` (the last template names no place)."""
    if template == len(CITIES):
        return "Council votes on the ferry budget", " ".join(
            f"The {rng.choice(WORDS)} {rng.choice(WORDS)} was discussed again." for _ in range(12)
        )
    city = CITIES[template]
    body = [f"Officials in {city} said on Tuesday that the {WORDS[template % len(WORDS)]} plan"]
    body += [
        f"would go ahead. The {rng.choice(WORDS)} {rng.choice(WORDS)} report" for _ in range(8)
    ]
    body.append(f"was welcomed by residents of {city}, the mayor said.")
    return f"{city} approves the {WORDS[template % len(WORDS)]} plan", " ".join(body)


def fill(count: int) -> dict[int, int]:
    """N articles and their stories; returns each article's text template."""
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus
    from newsdesk.sources.models import Source
    from newsdesk.stories.models import Placement, Story

    rng = random.Random(7)
    now = timezone.now()
    sources = [Source.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(SOURCES)]
    templates = [n % (len(CITIES) + 1) for n in range(count)]
    texts = [text_of(t, rng) for t in templates]
    articles = Article.objects.bulk_create(
        [
            Article(
                url=f"https://bench.test/{n}",
                url_hash=f"rg{n:030d}",
                source=sources[n % SOURCES],
                title=texts[n][0],
                description=texts[n][1][:200],
                text=texts[n][1],
                language="en",
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
                source_count=len(pair),
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
    return {article.pk: template for article, template in zip(articles, templates, strict=True)}


def placement_cost(count: int = 300) -> dict[str, float]:
    """Placing new articles (tagging included, as ``place_pending`` does), then tagging the same
    articles again alone."""
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus
    from newsdesk.desk.stories import place_pending
    from newsdesk.desk.tagging import tag_articles
    from newsdesk.sources.models import Source

    rng = random.Random(11)
    source = Source.objects.first()
    now = timezone.now()
    fresh = []
    for n in range(count):
        title, text = text_of(n % (len(CITIES) + 1), rng)
        fresh.append(
            Article(
                url=f"https://bench.test/new/{n}",
                url_hash=f"nw{n:030d}",
                source=source,
                title=title,
                description=text[:200],
                text=text,
                language="en",
                published_at=now - timedelta(seconds=n),
                status=ArticleStatus.READY,
            )
        )
    Article.objects.bulk_create(fresh)
    started = time.perf_counter()
    placed = place_pending(limit=count, now=now)
    place_ms = 1000 * (time.perf_counter() - started) / max(len(placed), 1)
    retag = tag_articles([p.article_id for p in placed])
    return {
        "placement_ms_per_article": round(place_ms, 2),
        "tagging_alone_ms_per_article": round(retag.ms_per_article, 2),
    }


def tag(templates: dict[int, int]) -> dict[str, float]:
    """Tag a sample for real; copy the sample's rows to the articles of the same template."""
    from newsdesk.articles.models import Article
    from newsdesk.desk.tagging import tag_articles
    from newsdesk.pipeline.geo import load_gazetteer, tag_places
    from newsdesk.places.models import ArticlePlace

    started = time.perf_counter()
    gazetteer = load_gazetteer()
    load_seconds = time.perf_counter() - started
    ids = list(templates)
    sample = ids[:SAMPLE]
    report = tag_articles(sample)
    assert not report.failures, report.failures[:3]
    texts = list(Article.objects.filter(pk__in=sample).values_list("title", "text"))
    started = time.perf_counter()
    for title, text in texts:
        tag_places(gazetteer, title, text)
    pure_ms = 1000 * (time.perf_counter() - started) / len(texts)
    split_started = time.perf_counter()
    for title, text in texts:
        (title + " " + text).split()
    split_ms = 1000 * (time.perf_counter() - split_started) / len(texts)
    twins: dict[int, int] = {}  # a template's first article in the sample
    for pk in sample:
        twins.setdefault(templates[pk], pk)
    model: dict[int, list[ArticlePlace]] = {}
    for row in ArticlePlace.objects.filter(article_id__in=list(twins.values())):
        model.setdefault(templates[row.article_id], []).append(row)
    published = dict(Article.objects.values_list("pk", "published_at"))
    copies = [
        ArticlePlace(
            article_id=pk,
            place_id=row.place_id,
            direct=row.direct,
            origin=row.origin,
            mentions=row.mentions,
            score=row.score,
            published_at=published[pk],
        )
        for pk in ids[SAMPLE:]
        for row in model.get(templates[pk], [])
    ]
    ArticlePlace.objects.bulk_create(copies, batch_size=5000)
    return {
        "gazetteer_load_s": round(load_seconds, 2),
        "tagging_ms_per_article": round(report.ms_per_article, 2),
        "tag_places_ms_per_article": round(pure_ms, 2),
        "str_split_ms_per_article": round(split_ms, 4),
        "place_rows": ArticlePlace.objects.count(),
    }


def time_pages(rounds: int) -> dict[str, dict[str, float]]:
    from django.test import Client

    client = Client()
    pages = {
        "home": (client, "/"),
        "region city": (client, "/region/kharkiv/"),
        "region city 100 km": (client, "/region/kharkiv/?radius=100"),
        "region country": (client, "/region/ukraine/"),
        "region continent": (client, "/region/europe/"),
        "api region stories (continent)": (client, "/api/v1/regions/europe/stories"),
        "api stories": (client, "/api/v1/stories"),
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
    templates = fill(args.articles)
    tagging = tag(templates)
    analyze()
    tagging.update(placement_cost())
    filled = time.perf_counter() - started
    pages = time_pages(args.rounds)
    result: dict[str, Any] = {
        "articles": args.articles,
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "setup_s": round(filled, 1),
        **tagging,
        "pages": pages,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        if key != "pages":
            print(f"{key}: {value}")
    for name, figures in pages.items():
        print(f"{name:34} {figures['median_ms']:8.1f} ms  x{figures['vs_home']:.2f} of home")


if __name__ == "__main__":
    main()

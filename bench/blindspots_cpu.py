"""Benchmark: CPU and wall time a request of the Blindspots page, its feed and API, and of a
story page's coverage line, against the home page in the same run and process.

A fresh SQLite database (or ``DATABASE_URL``) gets N synthetic articles (``page_speed
.fill_database``: 20 sources, an article every 7 minutes) grouped four by four into stories
(``api_load.group_into_stories``); the sources are given facts: ten Arabic-language ones of the
Middle East, ten English-language ones of Europe and North America, so most stories of the
window are covered in one language only (the page's worst case: every page full). Then, for
``--rounds`` rounds, through Django's test client with the page cache off: the home page, the
Blindspots page with its list kept (every request of ``keep_minutes`` but the first), the
Blindspots page with the kept list cleared before each request (the first of those minutes),
the feed, the API list,
and ``story_spread`` (the story page's one query) on random stories. Medians over the rounds.

    .venv/bin/python bench/blindspots_cpu.py [--articles 20000] [--rounds 3] [--requests 200]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import analyze, setup_django

ARABIC = ["QA", "SA", "EG", "AE", "JO", "MA", "LB", "KW", "OM", "TN"]
ENGLISH = ["GB", "US", "US", "CA", "GB", "IE", "US", "GB", "US", "CA"]


def give_facts() -> None:
    from newsdesk.sources.models import Source

    for index, source in enumerate(Source.objects.order_by("id")):
        arabic = index < 10
        country = (ARABIC if arabic else ENGLISH)[index % 10]
        language = "ar" if arabic else "en"
        Source.objects.filter(pk=source.pk).update(
            country=country, language=language, languages=language
        )
    # The articles' own language follows their source's (the synthetic text is English).
    from newsdesk.articles.models import Article

    for source in Source.objects.filter(language="ar"):
        Article.objects.filter(source=source).update(language="ar")


def timed(requests: int, call: Callable[[int], None]) -> tuple[float, float]:
    """CPU and wall milliseconds a call of ``call(i)``, after five warm-up calls."""
    for index in range(5):
        call(index)
    cpu, wall = time.process_time(), time.perf_counter()
    for index in range(requests):
        call(index)
    cpu_ms = 1000 * (time.process_time() - cpu) / requests
    wall_ms = 1000 * (time.perf_counter() - wall) / requests
    return round(cpu_ms, 3), round(wall_ms, 3)


def measure(requests: int) -> dict[str, tuple[float, float]]:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from newsdesk.desk.stories.blindspots import all_blindspots
    from newsdesk.desk.stories.coverage import story_spread
    from newsdesk.stories.models import Story

    settings.ALLOWED_HOSTS = ["*"]
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": static}
    client = Client()
    rng = random.Random(3)
    stories = list(Story.objects.values_list("id", flat=True))
    picked = [rng.choice(stories) for _ in range(requests + 5)]

    def get(path: str) -> Callable[[int], None]:
        def call(_: int) -> None:
            assert client.get(path).status_code == 200, path

        return call

    def uncached(_: int) -> None:
        cache.clear()
        assert client.get("/blindspots/").status_code == 200

    from django.utils import timezone

    found = len(all_blindspots(timezone.now()))
    print(f"{found} blindspots in the window")
    return {
        "home page": timed(requests, get("/")),
        "blindspots page (list kept 5 min)": timed(requests, get("/blindspots/")),
        "blindspots page (list made)": timed(requests, uncached),
        "blindspots page, English readers": timed(requests, get("/blindspots/?f=1&lang=en")),
        "blindspots feed": timed(requests, get("/blindspots/feed.xml")),
        "API blindspots": timed(requests, get("/api/v1/blindspots")),
        "story_spread (the story page's query)": timed(requests, lambda i: story_spread(picked[i])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    os.environ["NEWSDESK_PAGE_CACHE_SECONDS"] = "0"
    os.environ["NEWSDESK_API_RATE_VISITOR"] = "1000000/s"
    setup_django(Path(tempfile.mkdtemp(prefix="newsdesk-blindspots-")))
    logging.disable(logging.CRITICAL)
    import api_load
    from page_speed import fill_database

    fill_database(args.articles)
    count = api_load.group_into_stories()
    give_facts()
    analyze()
    runs = [measure(args.requests) for _ in range(args.rounds)]
    medians = {
        kind: (
            statistics.median(run[kind][0] for run in runs),
            statistics.median(run[kind][1] for run in runs),
        )
        for kind in runs[0]
    }
    home = medians["home page"][0]
    database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    print(f"{database}: {args.articles:,} articles in {count:,} stories, {args.rounds} rounds")
    print("| request | CPU ms | wall ms | CPU x home page |")
    print("|---|---:|---:|---:|")
    for kind, (cpu, wall) in medians.items():
        print(f"| {kind} | {cpu:.2f} | {wall:.2f} | {cpu / home:.2f} |")
    print(json.dumps(runs))


if __name__ == "__main__":
    main()

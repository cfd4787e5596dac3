"""Benchmark: the cost of /healthz, /readyz and /metrics against the home page, in one process.

A fresh database gets N ready articles (``page_speed.fill_database``), placed two by two in
stories, 200 feeds with their check counts, 500 model calls today and a few waiting jobs, so
every query of a scrape reads tables of a live site's shape. Then each path is requested in
turns through Django's test client (the whole middleware stack, no network) and its median
wall time and CPU time a call are compared with the home page's (page cache off). For
PostgreSQL the CPU column is this process's only: the server's own work is in the wall time;
the tables are vacuumed first, as autovacuum keeps a live database (counts read the indexes
only once the visibility map is set).

    .venv/bin/python bench/probes_speed.py [--articles 20000] [--rounds 40] [--json]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench \\
        .venv/bin/python bench/probes_speed.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from _common import analyze, setup_django
from page_speed import fill_database

PATHS = {"home": "/", "healthz": "/healthz", "readyz": "/readyz", "metrics": "/metrics"}


def fill_work(articles: int) -> None:
    """Stories, placements, feeds, model calls and jobs beside the articles."""
    from django.utils import timezone

    from newsdesk.articles.models import Article
    from newsdesk.sources.models import Feed, Source
    from newsdesk.stories.models import Placement, Story
    from newsdesk.summaries.models import AiCall
    from newsdesk.worker.tasks import check_feed_job

    now = timezone.now()
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    stories = Story.objects.bulk_create(
        Story(headline=f"Story {i}", article_count=2, source_count=2, last_published_at=now)
        for i in range(len(ids) // 2)
    )
    Placement.objects.bulk_create(
        (
            Placement(article_id=pk, story=stories[i // 2], placed_at=now)
            for i, pk in enumerate(ids[: 2 * len(stories)])
        ),
        batch_size=2000,
    )
    source = Source.objects.first()
    Feed.objects.bulk_create(
        Feed(
            source=source,
            url=f"https://feeds.example/{i}.xml",
            next_check_at=now + timedelta(minutes=i % 30),
            last_checked_at=now,
            last_status=304 if i % 3 else 200,
            consecutive_failures=int(i % 17 == 0),
            check_count=500 + i,
            error_count=i % 7,
        )
        for i in range(200)
    )
    AiCall.objects.bulk_create(
        AiCall(reader=f"r{i % 40}", at=now - timedelta(minutes=i)) for i in range(500)
    )
    for i in range(20):
        check_feed_job.enqueue(i, "token")
    assert articles == len(ids)


def time_paths(rounds: int) -> dict[str, dict[str, float]]:
    """Median wall milliseconds and CPU milliseconds a call of each path, after a warm-up."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed
    client = Client()
    for path in PATHS.values():
        assert client.get(path).status_code == 200, path
    wall: dict[str, list[float]] = {name: [] for name in PATHS}
    cpu: dict[str, float] = dict.fromkeys(PATHS, 0.0)
    for _ in range(rounds):
        for name, path in PATHS.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            cpu[name] += time.process_time() - started_cpu
            wall[name].append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
    home_wall = statistics.median(wall["home"])
    home_cpu = cpu["home"] / rounds
    return {
        name: {
            "wall_ms": round(1000 * statistics.median(wall[name]), 2),
            "cpu_ms": round(1000 * cpu[name] / rounds, 2),
            "wall_vs_home": round(statistics.median(wall[name]) / home_wall, 3),
            "cpu_vs_home": round(cpu[name] / rounds / home_cpu, 3),
        }
        for name in PATHS
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ["NEWSDESK_PAGE_CACHE_SECONDS"] = "0"
    os.environ["NEWSDESK_LOG_LEVEL"] = "WARNING"  # the access log would time itself
    setup_django(Path(tempfile.mkdtemp(prefix="newsdesk-probes-")))
    fill_database(args.articles)
    fill_work(args.articles)
    analyze()
    from django.db import connection

    if connection.vendor == "postgresql":  # autovacuum's visibility map: index-only counts
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    results: dict[str, Any] = {
        "database": connection.vendor,
        "articles": args.articles,
        "rounds": args.rounds,
        "paths": time_paths(args.rounds),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{connection.vendor}, {args.articles} articles, {args.rounds} rounds")
    print(f"{'path':10} {'wall ms':>9} {'cpu ms':>8} {'wall/home':>10} {'cpu/home':>9}")
    for name, row in results["paths"].items():
        print(
            f"{name:10} {row['wall_ms']:9.2f} {row['cpu_ms']:8.2f} "
            f"{row['wall_vs_home']:10.3f} {row['cpu_vs_home']:9.3f}"
        )


if __name__ == "__main__":
    main()

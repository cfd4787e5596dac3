"""Benchmark: the JSON API's story list and article endpoints under load, 100,000 articles stored.

A fresh database gets N synthetic articles (``page_speed.fill_database``: 20 sources,
real-length bodies), grouped four by four into stories. A ``newsdesk web`` process serves it on
127.0.0.1 with the API's rate limits lifted. A load process (a second process, several threads,
keep-alive connections) requests, for a fixed time each:

- ``GET /api/v1/stories``: the first page and pages further down (cursors taken beforehand);
  since decision 55 the list's public answer is kept (keyed by the story list's version) even
  with the page cache off, so the same pages are also requested as ``story_list_computed`` with
  a query parameter the API ignores and that is new on almost every request (``&n=…``): every
  such answer is computed, written and stored, the cost of a list just changed;
- ``GET /api/v1/articles/{id}``: random articles, as a visitor;
- the same article endpoint with a reader's bearer token (the token is checked on every call).

First with the page cache off, then with it on (the article load then
goes to the 300 most read articles, each requested once before the run). In the
same run the same load goes to a static file server (Python's threaded HTTP server) serving one
article's JSON: the reference. Each run also reports the server's CPU time a request (its
processes' CPU over the run divided by the requests answered). With ``--baseline DIR`` (another
checkout, e.g. of main) the uncached runs are made first with that checkout's code on the same
database, and each figure gets its ratio to the baseline's (``page_speed.py`` explains).

    .venv/bin/python bench/api_load.py [--articles 100000] [--seconds 10] [--json]
        [--baseline /tmp/base] [--data DIR]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench_api \
        .venv/bin/python bench/api_load.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

import page_speed
from _common import analyze, serve_directory, setup_django
from page_speed import fetch, fill_database, ratios, served_load

ARTICLES_PER_STORY = 4
CURSOR_PAGES = 20
# story_list_computed: this many variants of each page's address (an answer seldom asked twice).
VARIANTS = 2000
# With the page cache on, the article load goes to this many articles (the most read ones).
HOT_ARTICLES = 300


def group_into_stories() -> int:
    """Every four consecutive articles become one story (placements written in bulk)."""
    from django.db import transaction

    from newsdesk.articles.models import Article
    from newsdesk.stories.models import Placement, Story

    rows = list(Article.objects.order_by("id").values_list("id", "published_at", "title"))
    with transaction.atomic():
        for start in range(0, len(rows), 2000):
            chunk = rows[start : start + 2000]
            groups = [
                chunk[i : i + ARTICLES_PER_STORY] for i in range(0, len(chunk), ARTICLES_PER_STORY)
            ]
            stories = Story.objects.bulk_create(
                [
                    Story(
                        headline=group[-1][2],
                        lead_article_id=group[-1][0],
                        article_count=len(group),
                        source_count=len(group),
                        first_published_at=min(row[1] for row in group),
                        last_published_at=max(row[1] for row in group),
                        changed_at=max(row[1] for row in group),
                    )
                    for group in groups
                ]
            )
            Placement.objects.bulk_create(
                [
                    Placement(
                        article_id=row[0],
                        story=story,
                        score=1.0,
                        published_at=row[1],
                        placed_at=row[1],
                    )
                    for story, group in zip(stories, groups, strict=True)
                    for row in group
                ]
            )
    return Story.objects.count()


def reader_token() -> str:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from newsdesk.desk.readers.tokens import issue_token

    user = get_user_model().objects.filter(username="bench").first()
    if user is None:
        user = get_user_model().objects.create_user("bench", "bench@example.test", "not-used")
    return issue_token(user, timezone.now(), name="benchmark").secret


def start_web(
    data: Path, cache_seconds: int, code: Path | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    # Limits out of the way, over a one-second window: a limiter keeps the times of the
    # requests of its window, so a per-minute limit this high would keep (and pickle on every
    # request) tens of thousands of them, which no real limit does.
    limits = {"NEWSDESK_API_RATE_VISITOR": "1000000/s", "NEWSDESK_API_RATE_READER": "1000000/s"}
    return page_speed.start_web(data, cache_seconds, limits, code=code)


def story_list_paths(port: int) -> list[str]:
    """The first page of the story list and the next ``CURSOR_PAGES`` pages, by their cursors."""
    from urllib.parse import urlsplit

    paths = ["/api/v1/stories"]
    for _ in range(CURSOR_PAGES):
        following = json.loads(fetch(port, paths[-1])).get("next")
        if not following:
            break
        parts = urlsplit(following)
        paths.append(f"{parts.path}?{parts.query}")
    return paths


def computed_paths(paths: list[str]) -> list[str]:
    """Each path with ``n=<number>`` added, ``VARIANTS`` numbers each: the API ignores it, the
    store of answers (keyed by the whole address) does not."""
    return [
        f"{path}{'&' if '?' in path else '?'}n={number}"
        for number in range(VARIANTS)
        for path in paths
    ]


def measure(
    web: subprocess.Popen[bytes],
    port: int,
    routes: dict[str, list[str]],
    args: argparse.Namespace,
    token: str,
    warm: bool,
) -> dict[str, object]:
    """One load run per request kind. With the page cache on, each kind's paths are requested
    once just before its run (public answers say ``max-age=30``, so the cache keeps them 30 s)."""
    runs = {
        "story_list": (routes["stories"], ""),
        "story_list_computed": (routes["stories_computed"], ""),
        "article": (routes["hot_articles"] if warm else routes["articles"], ""),
        "article_with_token": (routes["hot_articles"] if warm else routes["articles"], token),
    }
    if warm:  # the page cache would keep each variant; what it serves is the other runs' cost
        del runs["story_list_computed"]
    results: dict[str, object] = {}
    for name, (paths, bearer) in runs.items():
        if warm:
            for path in paths:
                fetch(port, path, bearer)
        results[name] = served_load(web, port, paths, args.seconds, args.threads, bearer)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--baseline", type=Path, help="a checkout whose code is the reference")
    parser.add_argument("--data", type=Path, help="a data directory an earlier run filled")
    args = parser.parse_args()
    data = setup_django(args.data or Path(tempfile.mkdtemp(prefix="newsdesk-api-")))
    started = time.perf_counter()
    from newsdesk.stories.models import Story

    if not Story.objects.exists():
        fill_database(args.articles)
        group_into_stories()
        analyze()
    stories = Story.objects.count()
    token = reader_token()
    filled = time.perf_counter() - started

    from newsdesk.articles.models import Article

    ids = list(Article.objects.values_list("id", flat=True))
    rng = random.Random(1)
    article_paths = [f"/api/v1/articles/{rng.choice(ids)}" for _ in range(2000)]
    result: dict[str, object] = {
        "articles": args.articles,
        "stories": stories,
        "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
        "fill_seconds": round(filled, 1),
    }
    routes = {"articles": article_paths, "hot_articles": article_paths[:HOT_ARTICLES]}
    codes = {"baseline": args.baseline, "uncached": None} if args.baseline else {"uncached": None}
    for name, code in codes.items():
        web, port = start_web(data, cache_seconds=0, code=code)
        try:
            if "stories" not in routes:
                routes["stories"] = story_list_paths(port)
                routes["stories_computed"] = computed_paths(routes["stories"])
            body = fetch(port, article_paths[0])
            result["article_json_bytes"] = len(body)
            result[name] = measure(web, port, routes, args, token, warm=False)
        finally:
            web.terminate()
            web.wait()
    if args.baseline:
        result["vs_baseline"] = ratios(result["uncached"], result["baseline"])
    web, port = start_web(data, cache_seconds=600)
    static, static_port = start_static(body)
    try:
        result["cached"] = measure(web, port, routes, args, token, warm=True)
        result["static_file"] = served_load(
            static, static_port, ["/article.json"], args.seconds, args.threads
        )
    finally:
        web.terminate()
        static.terminate()
    print(json.dumps(result, indent=2) if args.json else table(result))


def start_static(body: bytes) -> tuple[subprocess.Popen[bytes], int]:
    root = Path(tempfile.mkdtemp(prefix="newsdesk-static-"))
    (root / "article.json").write_bytes(body)
    return serve_directory(root, "/article.json")


def table(result: dict[str, object]) -> str:
    """A Markdown table of the run, with each row's throughput against the static file's."""
    static = result["static_file"]
    assert isinstance(static, dict)
    lines = [
        f"{result['database']}: {result['articles']:,} articles in {result['stories']:,} stories",
        "",
        "| request | code | page cache | requests/s | p50 ms | p99 ms | server CPU ms "
        "| errors | vs static file |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    modes = {"baseline": ("baseline", "off"), "uncached": ("this", "off"), "cached": ("this", "on")}
    for mode, (code, cache) in modes.items():
        runs = result.get(mode, {})
        assert isinstance(runs, dict)
        for name, run in runs.items():
            lines.append(
                f"| {name} | {code} | {cache} | {run['rps']:,.0f} | {run['p50_ms']} "
                f"| {run['p99_ms']} | {run['server_cpu_ms']} | {run['errors']} "
                f"| {run['rps'] / static['rps']:.2f} |"
            )
    lines.append(
        f"| static file (reference) | | | {static['rps']:,.0f} | {static['p50_ms']} "
        f"| {static['p99_ms']} | {static['server_cpu_ms']} | {static['errors']} | 1.00 |"
    )
    if "vs_baseline" in result:
        lines += ["", f"this code against the baseline: {json.dumps(result['vs_baseline'])}"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

"""Benchmark: CPU a request of the uncached pages and API answers inside one process, against a
baseline checkout's code on the same database, in turns.

On a shared machine the load benchmarks' throughput and latencies follow the other work on the
cores; CPU time inside one process, with the two codes measured in turns, is the steadier figure.
A fresh database gets N synthetic articles (``page_speed.fill_database``) grouped four by four
into stories (``api_load.group_into_stories``). Then, ``--rounds`` times, a process running the
baseline's code and one running this checkout's each request, through Django's test client with
the page cache off, the article pages of 300 random articles, the home page, the saved articles'
page (the site's masthead and footer around a paragraph), the API's story list pages (the first
and the next ones by their cursors) and the API's article answer, and print the CPU time
(``time.process_time``) a request of each, and the function calls of one (``... calls``: what
the code does, which the machine's load does not change). The figure is the median over the
rounds, and its ratio to the baseline's. ``--data DIR`` reuses a data directory (and, with
``DATABASE_URL``, its database) that an earlier run or ``page_speed.py --stories --data DIR``
filled.

    git worktree add --detach /tmp/base main   # or any checkout to compare against
    .venv/bin/python bench/page_cpu.py --baseline /tmp/base [--articles 100000] [--rounds 3] \
        [--data DIR]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench_cpu \
        .venv/bin/python bench/page_cpu.py --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import REPO, analyze, measure_with_code, setup_django, setup_pages_in_process

REQUESTS = 300


def measure(data: Path) -> dict[str, float]:
    """In this process (the code on ``sys.path``): CPU milliseconds a request of each kind."""
    os.environ["NEWSDESK_API_RATE_VISITOR"] = "1000000/s"
    setup_pages_in_process(data)
    from django.test import Client

    from newsdesk.articles.models import Article
    from newsdesk.web.links import article_path

    client = Client()
    rng = random.Random(1)
    ids = list(Article.objects.values_list("id", flat=True))
    picked = [rng.choice(ids) for _ in range(REQUESTS)]
    kinds = {
        "article_page": [article_path(a) for a in Article.objects.filter(pk__in=picked)],
        "home_page": ["/"] * REQUESTS,
        "saved_page": ["/saved/"] * REQUESTS,  # the site's chrome and next to nothing else
        "api_story_list": story_list_paths(client),
        "api_article": [f"/api/v1/articles/{pk}" for pk in picked],
    }
    result = {}
    for kind, paths in kinds.items():
        for path in paths[:5]:  # warm up: templates compiled, connections open
            assert client.get(path).status_code == 200, path
        started = time.process_time()
        for path in paths:
            client.get(path)
        result[kind] = round(1000 * (time.process_time() - started) / len(paths), 3)
        result[f"{kind} calls"] = calls(client.get, paths[0])
    return result


def calls(request: Callable[[str], object], path: str) -> int:
    """Python and C function calls made by ``request(path)``: what the code does, whatever the
    load."""
    made = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal made
        made += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        request(path)
    finally:
        sys.setprofile(None)
    return made


def story_list_paths(client: object, pages: int = 20) -> list[str]:
    from urllib.parse import urlsplit

    paths = ["/api/v1/stories"]
    for _ in range(pages):
        following = json.loads(client.get(paths[-1]).content).get("next")  # type: ignore[attr-defined]
        if not following:
            break
        parts = urlsplit(following)
        paths.append(f"{parts.path}?{parts.query}")
    return [paths[i % len(paths)] for i in range(REQUESTS)]


def run_code(code: Path, data: Path) -> dict[str, float]:
    """``measure`` in a new process importing ``code``'s ``src``."""
    return measure_with_code(__file__, code, data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument(
        "--data", type=Path, help="a data directory (and database) filled by an earlier run"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    if args.baseline is None:
        parser.error("--baseline is needed")
    data = setup_django(args.data or Path(tempfile.mkdtemp(prefix="newsdesk-cpu-")))
    import api_load
    from newsdesk.articles.models import Article
    from newsdesk.stories.models import Story
    from page_speed import fill_database

    if args.data is None:
        fill_database(args.articles)
        api_load.group_into_stories()
    analyze()
    articles, stories = Article.objects.count(), Story.objects.count()
    runs: dict[str, list[dict[str, float]]] = {"baseline": [], "this": []}
    for _ in range(args.rounds):
        runs["baseline"].append(run_code(args.baseline, data))
        runs["this"].append(run_code(REPO, data))
    medians = {
        code: {kind: statistics.median(run[kind] for run in found) for kind in found[0]}
        for code, found in runs.items()
    }
    database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    print(f"{database}: {articles:,} articles in {stories:,} stories, {args.rounds} rounds")
    print("| request | baseline CPU ms | this CPU ms | x baseline |")
    print("|---|---:|---:|---:|")
    for kind, before in medians["baseline"].items():
        now = medians["this"][kind]
        print(f"| {kind} | {before:.2f} | {now:.2f} | {now / before:.2f} |")
    print(json.dumps(runs))


if __name__ == "__main__":
    main()

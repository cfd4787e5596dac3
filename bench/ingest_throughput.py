"""Benchmark: end-to-end ingestion (fetch, extract, dedup, store) against extraction alone.

The zyte and wcxb-dev pages are served by a separate server process on 127.0.0.1 with an RSS feed
listing them. In the same run we time:

- reference: ``trafilatura.extract`` alone on every page, in this process (one core);
- ours, extraction only: ``pipeline.extract.extract_article`` on every page;
- pipeline, one process: the feed check and every article job in this process (``newsdesk check``);
- pipeline, two worker processes: the same jobs on the queue, shared by two ``newsdesk worker``.

Overhead = (pipeline one-process time - reference time) / reference time. Goal: under 15%, and
the two-process run faster than the one-process run (both cores used).

    .venv/bin/python bench/ingest_throughput.py [--pages N] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from html import escape
from pathlib import Path

from _common import DATASETS, REPO, serve_directory, setup_django

PAGE_SETS = ("extraction/zyte/html", "extraction/wcxb-dev/html")


def load_pages(limit: int | None) -> list[bytes]:
    files = sorted(p for name in PAGE_SETS for p in (DATASETS / name).glob("*.html.gz"))
    return [gzip.decompress(p.read_bytes()) for p in files[:limit]]


def write_site(pages: list[bytes], root: Path, port: int) -> None:
    (root / "p").mkdir(parents=True)
    items = []
    for i, page in enumerate(pages):
        (root / "p" / f"{i}.html").write_bytes(page)
        link = f"http://127.0.0.1:{port}/p/{i}.html"
        items.append(f"<item><title>Page {i}</title><link>{escape(link)}</link></item>")
    feed = f"<rss version='2.0'><channel><title>bench</title>{''.join(items)}</channel></rss>"
    (root / "feed.xml").write_text(feed)


def time_reference(pages: list[bytes]) -> float:
    import trafilatura

    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    return time.perf_counter() - start


def time_our_extraction(pages: list[bytes]) -> float:
    from newsdesk.errors import ExtractionError
    from newsdesk.pipeline.extract import extract_article

    start = time.perf_counter()
    for i, page in enumerate(pages):
        with contextlib.suppress(ExtractionError):
            extract_article(page, f"http://bench.example/p/{i}.html")
    return time.perf_counter() - start


def newsdesk_env(data: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data),
        "NEWSDESK_FETCH_ALLOW": "127.0.0.1/32",
        "NEWSDESK_HOST_DELAY": "0",
    }
    env.pop("DATABASE_URL", None)
    return env


def run_cli(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def time_one_process(feed_url: str) -> tuple[float, dict[str, int]]:
    """The feed check and every article job, run one after another in this process."""
    from django.utils import timezone

    from newsdesk.desk import stats
    from newsdesk.desk.articles import process_article
    from newsdesk.desk.feeds import check_feed
    from newsdesk.desk.runtime import get_fetcher
    from newsdesk.desk.sources import register_feed

    feed = register_feed(feed_url).feed
    fetcher = get_fetcher()
    start = time.perf_counter()
    report = check_feed(feed.pk, None, fetcher, timezone.now())
    for claim in report.claims:
        process_article(claim, fetcher)
    seconds = time.perf_counter() - start
    return seconds, stats.counts()


def time_two_workers(feed_url: str) -> tuple[float, dict[str, int]]:
    """Two ``newsdesk worker`` processes on one SQLite database, timed from the first job's
    start to the last job's end (the job records say when), so process start-up is left out."""
    data = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    env = newsdesk_env(data)
    run_cli(env, "add", feed_url)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli.main", "worker", "--threads", "1",
             "--until-idle"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]  # fmt: skip
    for worker in workers:
        worker.wait()
    with sqlite3.connect(data / "newsdesk.sqlite3") as db:
        first, last = db.execute(
            "SELECT min(started_at), max(finished_at) FROM django_tasks_database_dbtaskresult"
        ).fetchone()
    seconds = (datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds()
    return seconds, _stats(env)


def _stats(env: dict[str, str]) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", "stats", "--json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=None, help="default: all (892)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    setup_django()
    pages = load_pages(args.pages)
    root = Path(tempfile.mkdtemp(prefix="newsdesk-site-"))
    server, port = serve_directory(root)
    try:
        write_site(pages, root, port)
        feed_url = f"http://127.0.0.1:{port}/feed.xml"
        reference = time_reference(pages)
        ours = time_our_extraction(pages)
        one, one_stats = time_one_process(feed_url)
        two, two_stats = time_two_workers(feed_url)
    finally:
        server.terminate()
    n = len(pages)
    result = {
        "pages": n,
        "reference_trafilatura_pages_per_s": round(n / reference, 1),
        "our_extraction_pages_per_s": round(n / ours, 1),
        "pipeline_one_process_pages_per_s": round(n / one, 1),
        "pipeline_two_workers_pages_per_s": round(n / two, 1),
        "overhead_vs_trafilatura": round((one - reference) / reference, 3),
        "overhead_vs_our_extraction": round((one - ours) / ours, 3),
        "two_worker_speedup": round(one / two, 2),
        "articles_ready_one_process": one_stats["articles_ready"],
        "articles_from_page_one_process": one_stats["articles_body_from_page"],
        "articles_ready_two_workers": two_stats["articles_ready"],
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, value in result.items():
        print(f"{name:40s} {value}")


if __name__ == "__main__":
    main()

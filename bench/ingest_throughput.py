"""Benchmark: the whole ingest of an article (feed check, article job, tagging, story placement)
against ``trafilatura.extract`` alone on the same pages, in CPU time and wall time.

The zyte and wcxb-dev pages are served by a separate server process listening on every loopback
address, behind ``--feeds`` RSS feeds of about equal size, each feed on a host of its own
(127.0.1.1, 127.0.1.2, ...) as real feeds are: every host has its own robots.txt, connection and
source (so boilerplate is learned per source). In the same run, in this process:

- reference: ``trafilatura.extract`` alone on every page;
- ours, extraction only: ``pipeline.extract.extract_article`` on every page;
- ingest, one stage after another: every feed check, every article job, tagging every ready
  article (places and topics), placing every ready article into a story, oldest first.

Each figure is CPU time (``time.process_time``, this process only: the page server is the
network) and wall time; the headline ratios are throughputs against the reference
(reference time / ingest time), with and without placement (tagging counted in both). One-off
costs of a process (loading the gazetteer, the embedder) are reported apart and not counted in
the per-article figures. Two digests end the run, to check that two versions wrote the same:
``outcome_digest`` (place rows, topic rows, the grouping into stories) and ``rows_digest`` (each
article's fields, each story's counts, lead, headline and times). ``--workers`` also runs
the feed checks and article jobs on the queue shared by two ``newsdesk worker`` processes (wall
time from the first job's start to the last job's end).

    .venv/bin/python bench/ingest_throughput.py [--pages N] [--feeds N] [--workers] [--json]
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
from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from _common import DATASETS, REPO, free_port, setup_django, wait_for

PAGE_SETS = ("extraction/zyte/html", "extraction/wcxb-dev/html")
LOOPBACK = "127.0.0.0/8"


def load_pages(limit: int | None) -> list[bytes]:
    files = sorted(p for name in PAGE_SETS for p in (DATASETS / name).glob("*.html.gz"))
    return [gzip.decompress(p.read_bytes()) for p in files[:limit]]


def host(feed: int) -> str:
    return f"127.0.{1 + feed // 250}.{1 + feed % 250}"


def write_site(pages: list[bytes], root: Path, port: int, feeds: int) -> list[str]:
    """Pages under /p/, feed ``f`` at /f/{f}.xml listing every ``feeds``-th page on its host."""
    (root / "p").mkdir(parents=True)
    (root / "f").mkdir()
    items: list[list[str]] = [[] for _ in range(feeds)]
    for i, page in enumerate(pages):
        (root / "p" / f"{i}.html").write_bytes(page)
        link = f"http://{host(i % feeds)}:{port}/p/{i}.html"
        items[i % feeds].append(f"<item><title>Page {i}</title><link>{escape(link)}</link></item>")
    urls = []
    for f, own in enumerate(items):
        channel = f"<title>bench {f}</title><link>http://{host(f)}:{port}/</link>{''.join(own)}"
        (root / "f" / f"{f}.xml").write_text(
            f"<rss version='2.0'><channel>{channel}</channel></rss>"
        )
        urls.append(f"http://{host(f)}:{port}/f/{f}.xml")
    return urls


def serve_all_loopback(root: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Python's threaded file server on every loopback address, in its own process."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "0.0.0.0"]
    server = subprocess.Popen(
        [*command, "--directory", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for(port, "/f/0.xml")
    return server, port


class Timed:
    """CPU and wall seconds of a block."""

    def __init__(self) -> None:
        self.cpu = self.wall = 0.0

    def __enter__(self) -> Timed:
        self._cpu, self._wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.cpu += time.process_time() - self._cpu
        self.wall += time.perf_counter() - self._wall


def timed(work: Callable[[], Any]) -> tuple[Timed, Any]:
    with Timed() as t:
        result = work()
    return t, result


def reference(pages: list[bytes]) -> Timed:
    import trafilatura

    trafilatura.extract(pages[0])  # its first call sets itself up
    return timed(lambda: [trafilatura.extract(page) for page in pages])[0]


def our_extraction(pages: list[bytes]) -> Timed:
    from newsdesk.errors import ExtractionError
    from newsdesk.pipeline.extract import extract_article

    def run() -> None:
        for i, page in enumerate(pages):
            with contextlib.suppress(ExtractionError):
                extract_article(page, f"http://bench.example/p/{i}.html")

    return timed(run)[0]


def one_offs() -> dict[str, Timed]:
    """What a process pays once before tagging and placing: the gazetteer (built in a fresh data
    directory, then read from the compact file it left, as every later process does), the
    embedder."""
    from django.conf import settings

    from newsdesk.desk.runtime import CACHE_DIR, get_embedder, get_gazetteer
    from newsdesk.pipeline.geo import compact
    from newsdesk.pipeline.geo.thresholds import POPULATION_FLOOR

    cache = settings.NEWSDESK.data_dir / CACHE_DIR
    return {
        "gazetteer_build_and_save": timed(get_gazetteer)[0],  # a fresh data directory
        "gazetteer_read": timed(lambda: compact.load(compact.path_in(cache, POPULATION_FLOOR)))[0],
        "embedder_load": timed(lambda: get_embedder().embed(["warm up"]))[0],
    }


def ingest(feed_urls: list[str]) -> tuple[dict[str, Timed], dict[str, int]]:
    """Every stage of the ingest, one after another in this process."""
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus
    from newsdesk.desk import stats
    from newsdesk.desk.articles import process_article
    from newsdesk.desk.feeds import check_feed
    from newsdesk.desk.runtime import get_fetcher
    from newsdesk.desk.sources import register_feed
    from newsdesk.desk.stories import place_article
    from newsdesk.desk.tagging import tag_articles

    feeds = [register_feed(url).feed for url in feed_urls]
    fetcher = get_fetcher()
    stages: dict[str, Timed] = {}
    stages["feed_checks"], reports = timed(
        lambda: [check_feed(feed.pk, None, fetcher, timezone.now()) for feed in feeds]
    )
    claims = [claim for report in reports for claim in report.claims]
    stages["article_jobs"], _ = timed(lambda: [process_article(c, fetcher) for c in claims])
    ready = list(
        Article.objects.filter(status=ArticleStatus.READY)
        .order_by("published_at", "id")
        .values_list("id", flat=True)
    )
    stages["tagging"], tagged = timed(lambda: tag_articles(ready))
    stages["placement"], _ = timed(lambda: [place_article(pk) for pk in ready])
    counts = {**stats.counts(), "tag_failures": len(tagged.failures), **outcome_digest()}
    return stages, counts


def outcome_digest() -> dict[str, Any]:
    """Counts and a digest of the rows tagging and placement wrote, to compare two versions."""
    import hashlib

    from newsdesk.articles.models import Article
    from newsdesk.places.models import ArticlePlace
    from newsdesk.stories.models import Placement, Story
    from newsdesk.topics.models import ArticleTopic

    # the address without its host and port, which change from run to run
    urls = {pk: url.split("/", 3)[-1] for pk, url in Article.objects.values_list("id", "url")}
    places = sorted(
        (urls[a], p, d, o, round(s, 3))
        for a, p, d, o, s in ArticlePlace.objects.values_list(
            "article_id", "place_id", "direct", "origin", "score"
        )
    )
    topics = sorted(
        (urls[a], slug) for a, slug in ArticleTopic.objects.values_list("article_id", "slug")
    )
    groups: dict[int, list[str]] = {}
    for article, story in Placement.objects.values_list("article_id", "story_id"):
        groups.setdefault(story, []).append(urls[article])
    partition = sorted(sorted(group) for group in groups.values())
    digest = hashlib.sha256(repr((places, topics, partition)).encode()).hexdigest()[:16]
    return {
        "place_rows": len(places),
        "topic_rows": len(topics),
        "stories": Story.objects.filter(merged_into__isnull=True, article_count__gt=0).count(),
        "outcome_digest": digest,
        "rows_digest": rows_digest(urls),
    }


def rows_digest(urls: dict[int, str]) -> str:
    """A digest of what the article jobs and placement wrote beyond tags and groups: each
    article's fields (its text by hash) and each story's counts, times, lead and headline."""
    import hashlib

    from newsdesk.articles.models import Article
    from newsdesk.stories.models import Story

    fields = ("title", "byline", "language", "clickbait", "description", "status", "body_origin")
    articles = sorted(
        (urls[pk], *values, hashlib.sha256(text.encode()).hexdigest())
        for pk, *values, text in Article.objects.values_list("id", *fields, "text")
    )
    # times as their rank among the articles' (a feed without dates stamps its items "now")
    times = sorted(set(Article.objects.values_list("published_at", flat=True)))
    rank = {moment: i for i, moment in enumerate(times)}
    stories = sorted(
        (urls[lead] if lead else "", headline, *counts, rank.get(first), rank.get(last))
        for lead, headline, *counts, first, last in Story.objects.values_list(
            "lead_article_id",
            "headline",
            "article_count",
            "source_count",
            "first_published_at",
            "last_published_at",
        )
    )
    return hashlib.sha256(repr((articles, stories)).encode()).hexdigest()[:16]


def two_workers(feed_urls: list[str]) -> tuple[float, dict[str, int]]:
    """Two ``newsdesk worker`` processes on one SQLite database, timed from the first job's
    start to the last job's end (the job records say when), so process start-up is left out."""
    data = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data),
        "NEWSDESK_FETCH_ALLOW": LOOPBACK,
        "NEWSDESK_HOST_DELAY": "0",
    }
    env.pop("DATABASE_URL", None)
    for url in feed_urls:
        run_cli(env, "add", url)
    command = [
        sys.executable,
        "-m",
        "newsdesk.cli.main",
        "worker",
        "--threads",
        "1",
        "--until-idle",
    ]
    workers = [
        subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(2)
    ]
    for worker in workers:
        worker.wait()
    with sqlite3.connect(data / "newsdesk.sqlite3") as db:
        first, last = db.execute(
            "SELECT min(started_at), max(finished_at) FROM django_tasks_database_dbtaskresult"
        ).fetchone()
    seconds = (datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds()
    out = run_cli(env, "stats", "--json")
    return seconds, dict(json.loads(out))


def run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def figures(
    n: int, ref: Timed, ours: Timed, stages: dict[str, Timed], once: dict[str, Timed]
) -> dict[str, Any]:
    def ms(seconds: float) -> float:
        return round(1000 * seconds / n, 2)

    without = ("feed_checks", "article_jobs", "tagging")
    cpu_without = sum(stages[s].cpu for s in without)
    cpu_with = cpu_without + stages["placement"].cpu
    wall_with = sum(t.wall for t in stages.values())
    after_extraction = stages["tagging"].cpu + stages["placement"].cpu
    result: dict[str, Any] = {
        "pages": n,
        "reference_cpu_ms_per_page": ms(ref.cpu),
        "reference_wall_ms_per_page": ms(ref.wall),
        "our_extraction_cpu_ms_per_page": ms(ours.cpu),
        "our_extraction_wall_ms_per_page": ms(ours.wall),
    }
    for name, t in stages.items():
        result[f"{name}_cpu_ms_per_page"] = ms(t.cpu)
        result[f"{name}_wall_ms_per_page"] = ms(t.wall)
    for name, t in once.items():
        result[f"{name}_cpu_s_once"] = round(t.cpu, 2)
        result[f"{name}_wall_s_once"] = round(t.wall, 2)
    result |= {
        "ingest_cpu_ms_per_page": ms(cpu_with),
        "ingest_wall_ms_per_page": ms(wall_with),
        "throughput_vs_reference_cpu": round(ref.cpu / cpu_with, 3),
        "throughput_vs_reference_wall": round(ref.wall / wall_with, 3),
        "throughput_without_placement_vs_reference_cpu": round(ref.cpu / cpu_without, 3),
        "tagging_and_placement_vs_reference_cpu": round(after_extraction / ref.cpu, 3),
        # the figures the earlier version printed, for comparison
        "reference_trafilatura_pages_per_s": round(n / ref.wall, 1),
        "our_extraction_pages_per_s": round(n / ours.wall, 1),
        "pipeline_one_process_pages_per_s": round(n / wall_with, 1),
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=None, help="default: all (892)")
    parser.add_argument("--feeds", type=int, default=45, help="feeds, each on its own host")
    parser.add_argument("--workers", action="store_true", help="also two worker processes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    os.environ["NEWSDESK_FETCH_ALLOW"] = LOOPBACK
    os.environ["NEWSDESK_HOST_DELAY"] = "0"  # one page a host at a time; not what is measured
    setup_django(allow_local=False)
    pages = load_pages(args.pages)
    feeds = min(args.feeds, len(pages))
    root = Path(tempfile.mkdtemp(prefix="newsdesk-site-"))
    server, port = serve_all_loopback(root)
    try:
        feed_urls = write_site(pages, root, port, feeds)
        ref = reference(pages)
        ours = our_extraction(pages)
        once = one_offs()
        stages, counts = ingest(feed_urls)
        result = figures(len(pages), ref, ours, stages, once)
        result |= {
            "feeds": feeds,
            "articles_ready": counts["articles_ready"],
            "articles_from_page": counts["articles_body_from_page"],
            "tag_failures": counts["tag_failures"],
            "place_rows": counts["place_rows"],
            "topic_rows": counts["topic_rows"],
            "stories": counts["stories"],
            "outcome_digest": counts["outcome_digest"],
            "rows_digest": counts["rows_digest"],
        }
        if args.workers:
            two, two_stats = two_workers(feed_urls)
            result["pipeline_two_workers_pages_per_s"] = round(len(pages) / two, 1)
            result["articles_ready_two_workers"] = two_stats["articles_ready"]
    finally:
        server.terminate()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, value in result.items():
        print(f"{name:48s} {value}")


if __name__ == "__main__":
    main()

"""Benchmark: feed checks per minute when every feed answers 304 Not Modified.

A server process on 127.0.0.1 serves N feed URLs and answers 304 to the ETag each feed stored;
this process claims all feeds as due and checks them with the production path
(``desk.feeds.check_feed``: conditional GET through the safe fetcher, the FetchAttempt record,
health update, adaptive reschedule) from a few threads. The reference is the bare HTTP round trip
of the same requests with the same client in the same run, so the ratio shows what the
bookkeeping costs. Goal: at least 5,000 checks per minute.

    .venv/bin/python bench/feed_checks.py [--feeds 2000] [--threads 4] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import setup_django

ETAG = '"stable-v1"'


class NotModifiedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NotModifiedHandler)
    httpd.daemon_threads = True
    port_queue.put(httpd.server_address[1])
    httpd.serve_forever()


def time_through_queue(data: Path, feeds: int) -> float:
    """Every feed due again, checked as queued jobs by two ``newsdesk worker`` processes (two
    threads each); timed from the first job's start to the last job's end."""
    from django.db.models import Max, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from newsdesk.sources.models import Feed

    Feed.objects.update(next_check_at=timezone.now())
    DBTaskResult.objects.all().delete()
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data)}
    command = [
        sys.executable,
        "-m",
        "newsdesk.cli.main",
        "worker",
        "--threads",
        "2",
        "--until-idle",
    ]
    workers = [subprocess.Popen(command, env=env) for _ in range(2)]
    for worker in workers:
        worker.wait()
    jobs = DBTaskResult.objects.filter(task_path__endswith="check_feed_job")
    assert jobs.successful().count() == feeds, jobs.successful().count()
    span = jobs.aggregate(first=Min("started_at"), last=Max("finished_at"))
    return float((span["last"] - span["first"]).total_seconds())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(target=serve, args=(queue,), daemon=True)
    server.start()
    port = queue.get(timeout=10)
    data = setup_django()

    from django.db import close_old_connections
    from django.utils import timezone

    from newsdesk.desk.feeds import check_feed, claim_due_feeds
    from newsdesk.desk.runtime import get_fetcher
    from newsdesk.sources.models import Feed, Source
    from newsdesk.types import Validators

    source = Source.objects.create(name="bench", slug="bench", domain="127.0.0.1")
    Feed.objects.bulk_create(
        Feed(
            source=source,
            url=f"http://127.0.0.1:{port}/feed/{i}.xml",
            etag=ETAG,
            next_check_at=timezone.now(),
        )
        for i in range(args.feeds)
    )
    fetcher = get_fetcher()
    urls = list(Feed.objects.values_list("url", flat=True))

    def bare(url: str) -> int:
        return fetcher.fetch(url, validators=Validators(etag=ETAG)).status

    with ThreadPoolExecutor(args.threads) as pool:
        start = time.perf_counter()
        statuses = list(pool.map(bare, urls))
        bare_seconds = time.perf_counter() - start
    assert set(statuses) == {304}, set(statuses)

    def check(claim: tuple[int, str]) -> str:
        try:
            return check_feed(claim[0], claim[1], fetcher).outcome
        finally:
            close_old_connections()

    start = time.perf_counter()
    claims = claim_due_feeds(timezone.now(), limit=args.feeds)
    with ThreadPoolExecutor(args.threads) as pool:
        outcomes = list(pool.map(check, claims))
    seconds = time.perf_counter() - start
    assert outcomes.count("not_modified") == args.feeds, set(outcomes)

    queued = time_through_queue(data, args.feeds)
    result = {
        "feeds": args.feeds,
        "threads": args.threads,
        "queue_checks_per_minute": round(args.feeds / queued * 60),
        "queue_seconds": round(queued, 2),
        "checks_per_minute": round(args.feeds / seconds * 60),
        "bare_requests_per_minute": round(args.feeds / bare_seconds * 60),
        "seconds": round(seconds, 2),
        "bare_seconds": round(bare_seconds, 2),
        "bookkeeping_ratio": round(seconds / bare_seconds, 2),
    }
    server.terminate()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{args.feeds} feeds answering 304, {args.threads} threads: "
            f"{result['checks_per_minute']:,} checks/min (goal >= 5,000); bare conditional "
            f"GETs {result['bare_requests_per_minute']:,}/min; full check costs "
            f"{result['bookkeeping_ratio']}x a bare request; through the job queue with two "
            f"worker processes: {result['queue_checks_per_minute']:,} checks/min"
        )


if __name__ == "__main__":
    main()

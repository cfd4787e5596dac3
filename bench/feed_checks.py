"""Benchmark: feed checks per minute when every feed answers 304 Not Modified, one host per feed.

Real feeds live on different hosts, so a check opens a new connection each time: here feed i is
``http://127.0.x.y:PORT/feed/i.xml``, one loopback address per feed (Linux routes all of
127.0.0.0/8 to ``lo``), served by one small asyncio server process listening on every address
of the port. The fetch rules allow 127.0.0.0/16 for the run (``NEWSDESK_FETCH_ALLOW``), as the
tests allow 127.0.0.1. The server answers 304 to the ETag each feed stored and closes the
connection, as a real server's keep-alive would have expired by the feed's next check.

Three passes, each timed by wall clock and by CPU time of the processes doing the checking (not
the server's):

* bare conditional GETs of the same URLs with the same fetcher from a few threads (reference);
* ``desk.feeds.check_feed`` called directly from the same threads (the production check:
  claim, conditional GET through the safe fetcher, FetchAttempt record, health, reschedule);
* through the queue as the product runs it: every feed due, two ``newsdesk worker
  --until-idle`` processes of two threads each, whose scheduler claims the feeds and queues
  the feed checks (a batch of feeds a job); timed from the first check's start to the last
  check's end, by the checks' own records (``FetchAttempt``), so any queue backend and any
  version of the jobs is timed alike. Their CPU is what the two processes used, less what an
  idle worker uses to start and stop.

The queue is the database (SQLite) by default; ``--queue redis --queue-url URL`` puts the jobs
on Redis (the URL's database is emptied first: give the benchmark a database of its own).

Goal: at least 10,000 checks per minute through the queue on two cores.

    .venv/bin/python bench/feed_checks.py [--feeds 2000] [--threads 4] [--queue redis
        --queue-url redis://127.0.0.1:6379/14] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from _common import setup_django

ETAG = '"stable-v1"'
ALLOWED = "127.0.0.0/16"
_NOT_MODIFIED = (
    f"HTTP/1.1 304 Not Modified\r\nETag: {ETAG}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
).encode()
_BODY = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
_OK = (
    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
    f"ETag: {ETAG}\r\nContent-Length: {len(_BODY)}\r\nConnection: close\r\n\r\n"
).encode() + _BODY


def feed_address(index: int) -> str:
    """127.0.x.y for feed ``index``: 250 feeds per x, y from 1 to 250."""
    return f"127.0.{index // 250}.{index % 250 + 1}"


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        writer.close()
        return
    not_modified = f"if-none-match: {ETAG}".encode() in head.lower()
    writer.write(_NOT_MODIFIED if not_modified else _OK)
    with contextlib.suppress(ConnectionError):
        await writer.drain()
    writer.close()


def serve(port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Listen on every address of a free port (all of 127/8 reaches it) and answer."""

    async def run() -> None:
        server = await asyncio.start_server(_answer, "0.0.0.0", 0, backlog=1024)
        port_queue.put(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(run())


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_workers(data: Path, queue: dict[str, str]) -> float:
    """Two ``newsdesk worker --until-idle`` processes of two threads; their CPU seconds."""
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data), **queue}
    command = [sys.executable, "-m", "newsdesk.cli.main", "worker", "--threads", "2"]
    before = children_cpu()
    workers = [subprocess.Popen([*command, "--until-idle"], env=env) for _ in range(2)]
    for worker in workers:
        worker.wait()
    return children_cpu() - before


def time_through_queue(data: Path, feeds: int, queue: dict[str, str]) -> dict[str, float]:
    """Every feed due again, checked by queued jobs; wall span of the checks (their records),
    CPU of the workers."""
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.sources.models import Feed, FetchAttempt

    idle_cpu = run_workers(data, queue)  # start-up and the idle polls, with nothing to do
    since = timezone.now()
    Feed.objects.update(next_check_at=since, claim="")
    cpu = run_workers(data, queue)
    checks = list(
        FetchAttempt.objects.filter(started_at__gte=since).values_list(
            "started_at", "duration_ms", "outcome"
        )
    )
    assert [c[2] for c in checks].count("not_modified") == feeds, len(checks)
    first = min(c[0] for c in checks)
    last = max(c[0] + timedelta(milliseconds=c[1]) for c in checks)
    return {"seconds": (last - first).total_seconds(), "cpu": cpu - idle_cpu, "idle_cpu": idle_cpu}


def queue_settings(name: str, url: str) -> dict[str, str]:
    """The workers' environment for the chosen queue; Redis's database emptied first."""
    if name == "database":
        return {"NEWSDESK_QUEUE": "database"}
    from redis import Redis

    Redis.from_url(url).flushdb()
    return {"NEWSDESK_QUEUE": "redis", "NEWSDESK_QUEUE_URL": url}


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds (this process, every thread) of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--queue", choices=("database", "redis"), default="database")
    parser.add_argument("--queue-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(target=serve, args=(queue,), daemon=True)
    server.start()
    port = queue.get(timeout=10)
    os.environ["NEWSDESK_FETCH_ALLOW"] = ALLOWED  # for this process's fetcher and the workers
    data = setup_django(allow_local=False)

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
            url=f"http://{feed_address(i)}:{port}/feed/{i}.xml",
            etag=ETAG,
            next_check_at=timezone.now(),
        )
        for i in range(args.feeds)
    )
    fetcher = get_fetcher()
    urls = list(Feed.objects.values_list("url", flat=True))
    statuses: list[int] = []

    def bare_pass() -> None:
        def bare(url: str) -> int:
            return fetcher.fetch(url, validators=Validators(etag=ETAG)).status

        with ThreadPoolExecutor(args.threads) as pool:
            statuses.extend(pool.map(bare, urls))

    bare_wall, bare_cpu = timed(bare_pass)
    assert set(statuses) == {304}, set(statuses)
    outcomes: list[str] = []

    def direct_pass() -> None:
        def check(claim: tuple[int, str]) -> str:
            try:
                return check_feed(claim[0], claim[1], fetcher).outcome
            finally:
                close_old_connections()

        claims = claim_due_feeds(timezone.now(), limit=args.feeds)
        with ThreadPoolExecutor(args.threads) as pool:
            outcomes.extend(pool.map(check, claims))

    direct_wall, direct_cpu = timed(direct_pass)
    assert outcomes.count("not_modified") == args.feeds, set(outcomes)
    queued = time_through_queue(data, args.feeds, queue_settings(args.queue, args.queue_url))
    server.terminate()
    queued["queue"] = args.queue
    report(args.feeds, args.threads, (bare_wall, bare_cpu), (direct_wall, direct_cpu), queued)


def report(
    feeds: int,
    threads: int,
    bare: tuple[float, float],
    direct: tuple[float, float],
    queued: dict[str, Any],
    as_json: bool = "--json" in sys.argv,
) -> None:
    per_minute = lambda seconds: round(feeds / seconds * 60)  # noqa: E731
    per_check_ms = lambda seconds: round(1000 * seconds / feeds, 2)  # noqa: E731
    result: dict[str, Any] = {
        "feeds": feeds,
        "hosts": feeds,
        "threads": threads,
        "queue": queued["queue"],
        "bare_per_minute": per_minute(bare[0]),
        "bare_cpu_ms": per_check_ms(bare[1]),
        "direct_per_minute": per_minute(direct[0]),
        "direct_cpu_ms": per_check_ms(direct[1]),
        "queue_per_minute": per_minute(queued["seconds"]),
        "queue_cpu_ms": per_check_ms(queued["cpu"]),
        "queue_idle_worker_cpu_s": round(queued["idle_cpu"], 2),
        "direct_cpu_ratio": round(direct[1] / bare[1], 2),
        "queue_cpu_ratio": round(queued["cpu"] / bare[1], 2),
    }
    if as_json:
        print(json.dumps(result, indent=2))
        return
    print(f"{feeds} feeds on {feeds} loopback hosts answering 304; {threads} threads")
    print("| pass | checks/min (wall) | CPU ms a check | CPU vs bare GET |")
    print("|---|---:|---:|---:|")
    print(
        f"| bare conditional GET (reference) | {result['bare_per_minute']:,} "
        f"| {result['bare_cpu_ms']} | 1.00 |"
    )
    print(
        f"| check_feed, {threads} threads | {result['direct_per_minute']:,} "
        f"| {result['direct_cpu_ms']} | {result['direct_cpu_ratio']} |"
    )
    print(
        f"| through the {result['queue']} queue, 2 workers x 2 threads "
        f"| {result['queue_per_minute']:,} | {result['queue_cpu_ms']} "
        f"| {result['queue_cpu_ratio']} |"
    )
    print(
        f"(goal: >= 10,000 checks/min through the queue; an idle worker's start and stop: "
        f"{result['queue_idle_worker_cpu_s']} s of CPU for the two, not counted)"
    )


if __name__ == "__main__":
    main()

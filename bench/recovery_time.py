"""Benchmark: how long a worker killed with ``kill -9`` keeps its article from the others.

A local server holds the first article page open; a ``newsdesk worker`` (default settings: claim
TTL 60 s, job lease 600 s) takes that article and is killed with SIGKILL some seconds later, at a
different point of its heartbeat each run; a second worker is started at once. The figure is the
time from the kill until the article is ready, done by the second worker. The reference is the
claim TTL of the same run (recovery / TTL); before heartbeats the bound was the job lease.

    .venv/bin/python bench/recovery_time.py [--runs 3] [--queue database|redis]
        [--queue-url redis://127.0.0.1:6379/9] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

from _common import REPO

# isort: split
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

NEWSDESK = [sys.executable, "-m", "newsdesk.cli.main"]
CLAIM_TTL = 60.0  # the default, which this benchmark measures
KILL_AFTER = (2.0, 9.0, 16.0)  # seconds after the page is held: three heartbeat phases


def held_feed(server: LocalServer, held: threading.Event, release: threading.Event) -> str:
    page = article_page("Held story").encode()
    first = [True]

    def reply(handler) -> None:  # type: ignore[no-untyped-def]
        if first[0]:
            first[0] = False
            held.set()
            release.wait(600)
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.send_header("Content-Length", str(len(page)))
            handler.end_headers()
            handler.wfile.write(page)
        except OSError:
            pass

    server.add("/news/held", handler=reply)
    items = [{"title": "Held story", "link": server.url("/news/held")}]
    return server.add("/feed.xml", rss_feed(items), headers={"Content-Type": "application/rss+xml"})


def one_run(kill_after: float, env: dict[str, str]) -> float:
    data = Path(tempfile.mkdtemp(prefix="newsdesk-recovery-"))
    env = {**env, "NEWSDESK_DATA_DIR": str(data)}
    server = LocalServer().start()
    held, release = threading.Event(), threading.Event()
    try:
        run = [*NEWSDESK]
        subprocess.run([*run, "add", held_feed(server, held, release)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        first = subprocess.Popen([*run, "worker", "--threads", "1"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        if not held.wait(120):
            raise SystemExit("the worker never asked for the page")
        time.sleep(kill_after)
        first.kill()
        first.wait()
        killed = time.monotonic()
        second = subprocess.Popen([*run, "worker", "--threads", "1"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            while not ready(data):
                if time.monotonic() - killed > 900:
                    raise SystemExit("not recovered within 900 s")
                time.sleep(0.2)
            return time.monotonic() - killed
        finally:
            second.terminate()
            second.wait()
    finally:
        release.set()
        server.stop()


def ready(data: Path) -> bool:
    with closing(sqlite3.connect(data / "newsdesk.sqlite3", timeout=30)) as db:
        row = db.execute("SELECT count(*) FROM articles_article WHERE status = 'ready'").fetchone()
    return bool(row[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="kills, at 2, 9 and 16 s in turn")
    parser.add_argument("--queue", default="database", choices=["database", "redis"])
    parser.add_argument("--queue-url", default="", help="the Redis address for --queue redis")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NEWSDESK_FETCH_ALLOW": "127.0.0.1/32",
           "NEWSDESK_HOST_DELAY": "0", "NEWSDESK_QUEUE": args.queue,
           "NEWSDESK_QUEUE_URL": args.queue_url}  # fmt: skip
    for name in ("NEWSDESK_CLAIM_TTL", "NEWSDESK_JOB_LEASE", "DATABASE_URL"):
        env.pop(name, None)
    wall = time.monotonic()
    times = [one_run(KILL_AFTER[i % len(KILL_AFTER)], env) for i in range(args.runs)]
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "queue": args.queue,
        "claim_ttl_s": CLAIM_TTL,
        "recovery_s": [round(t, 1) for t in times],
        "mean_recovery_s": round(sum(times) / len(times), 1),
        "max_recovery_s": round(max(times), 1),
        "max_over_ttl": round(max(times) / CLAIM_TTL, 2),
        "wall_s": round(time.monotonic() - wall, 1),
        "worker_cpu_s": round(cpu.ru_utime + cpu.ru_stime, 1),
    }
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>16}: {value}")


if __name__ == "__main__":
    main()

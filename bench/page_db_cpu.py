"""Benchmark: the CPU an article page costs PostgreSQL's server process, beside the web process's.

On two cores the database's own CPU competes with the web processes for every request, so it
counts toward a page's latency as much as the Python does. In one process, through Django's
test client with the page cache off, this requests 300 article pages of a filled database and
reads the CPU time of this process (``time.process_time``) and of the PostgreSQL server
process behind its connection (``/proc/PID/stat``; the database must be on this machine), per
page. It does so with the site's database settings and with ``?server_side_binding=false``
added to ``DATABASE_URL`` (values quoted into the SQL by psycopg, every statement planned
anew: Django's default), in turns, each in a new process, and prints the medians.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench \\
        PYTHONPATH=$PWD/src .venv/bin/python bench/page_db_cpu.py --data DIR [--rounds 3]

``--data`` is a data directory whose database ``page_speed.py --stories --data DIR`` filled.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import REPO, setup_pages_in_process

PAGES = 300
WARM = 20


def measure(data: Path) -> dict[str, float]:
    """In this process: CPU ms a page of this process and of its database server process."""
    setup_pages_in_process(data)
    from django.db import connection
    from django.test import Client

    from newsdesk.articles.models import Article
    from newsdesk.web.links import article_path

    ids = list(Article.objects.values_list("id", flat=True))
    rng = random.Random(3)
    paths = [article_path(a) for a in Article.objects.filter(pk__in=rng.sample(ids, PAGES))]
    client = Client()
    for path in paths[:WARM]:  # templates compiled, statements prepared
        assert client.get(path).status_code == 200, path
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = int(cursor.fetchone()[0])
    started, database = time.process_time(), _cpu(backend)
    for path in paths:
        client.get(path)
    return {
        "web_ms": round(1000 * (time.process_time() - started) / len(paths), 3),
        "database_ms": round(1000 * (_cpu(backend) - database) / len(paths), 3),
    }


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(data: Path, url: str) -> dict[str, float]:
    """``measure`` in a new process with ``url`` as its DATABASE_URL."""
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, __file__, "--measure", "--data", str(data)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.data)))
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        parser.error("DATABASE_URL must name a PostgreSQL database on this machine")
    joined = "&" if "?" in url else "?"
    settings = {"site": url, "quoted": f"{url}{joined}server_side_binding=false"}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in settings}
    for _ in range(args.rounds):  # taking turns, so a change in the machine's load hits both
        for name, address in settings.items():
            runs[name].append(run(args.data, address))
    print("| database settings | web process CPU ms a page | database CPU ms a page |")
    print("|---|---:|---:|")
    for name, found in runs.items():
        web = statistics.median(r["web_ms"] for r in found)
        database = statistics.median(r["database_ms"] for r in found)
        print(f"| {name} | {web:.2f} | {database:.2f} |")
    print(json.dumps({"load": os.getloadavg(), **runs}))


if __name__ == "__main__":
    main()

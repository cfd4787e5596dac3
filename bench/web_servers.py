"""Benchmark: the one-process server of ``newsdesk serve`` against ``newsdesk web``'s processes.

A fresh SQLite database gets N synthetic articles (``page_speed.fill_database``). Each server in
turn serves it on 127.0.0.1 with the page cache off: waitress in one process (``newsdesk serve
--workers 0``, the reference) and gunicorn (``newsdesk web``) with one and with two processes.
A load process (``page_speed.load_in_process``: a second process, several keep-alive clients)
requests the home page, rendered every time, then one hashed static file, for a fixed time each.
Beside requests a second, the CPU time the server's processes spent (the master and its
children, from /proc) is divided by the requests answered. Linux only.

    .venv/bin/python bench/web_servers.py [--articles 20000] [--seconds 10] [--clients 8] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from _common import cpu_seconds, setup_django
from page_speed import fetch, fill_database, load_in_process, start_web

SERVERS = {
    "waitress, 1 process x 8 threads (serve)": ("serve", "--workers=0", "--add-defaults=none"),
    "gunicorn, 1 process x 4 threads (web)": ("web", "--processes", "1", "--threads", "4"),
    "gunicorn, 2 processes x 4 threads (web)": ("web", "--processes", "2", "--threads", "4"),
}


def measure(pid: int, port: int, path: str, args: argparse.Namespace) -> dict[str, float]:
    before = cpu_seconds(pid)
    result = load_in_process(port, [path], args.seconds, args.clients)
    spent = cpu_seconds(pid) - before
    requests = max(1, int(result["requests"]))
    per_request = round(1000 * spent / requests, 2)
    return {**result, "server_cpu_s": round(spent, 2), "cpu_ms_per_request": per_request}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = setup_django(Path(tempfile.mkdtemp(prefix="newsdesk-servers-")))
    fill_database(args.articles)

    from newsdesk.cli.static import collect_if_changed

    collect_if_changed()
    results: dict[str, dict[str, object]] = {}
    for name, command in SERVERS.items():
        server, port = start_web(data, cache_seconds=0, command=command)
        try:
            home = fetch(port, "/").decode()
            found = re.search(r'"(/static/web/site\.[0-9a-f]{12}\.css)"', home)
            assert found, "the home page names no hashed stylesheet"
            time.sleep(1)  # every process booted
            results[name] = {
                "home page, uncached": measure(server.pid, port, "/", args),
                "static file (site.css)": measure(server.pid, port, found.group(1), args),
            }
        finally:
            server.terminate()
            server.wait(timeout=60)
    reference = results[next(iter(SERVERS))]
    for figures in results.values():
        for page, row in figures.items():
            assert isinstance(row, dict)
            row["rps_vs_waitress"] = round(row["rps"] / reference[page]["rps"], 2)  # type: ignore[index]
    if args.json:
        print(json.dumps({"articles": args.articles, "clients": args.clients, **results}, indent=2))
        return
    print(f"{args.articles} articles, {args.clients} clients, {args.seconds:.0f} s a row")
    header = ("server", "page", "req/s", "x ref", "p50 ms", "p99 ms", "CPU ms/req")
    print("{:42s} {:24s} {:>8s} {:>6s} {:>7s} {:>7s} {:>10s}".format(*header))
    for name, figures in results.items():
        for page, row in figures.items():
            assert isinstance(row, dict)
            print(
                f"{name:42s} {page:24s} {row['rps']:8.1f} {row['rps_vs_waitress']:6.2f} "
                f"{row['p50_ms']:7.1f} {row['p99_ms']:7.1f} {row['cpu_ms_per_request']:10.2f}"
            )


if __name__ == "__main__":
    main()

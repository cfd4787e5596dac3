"""Serving the web app from the ``newsdesk`` process, with the workers beside it.

``newsdesk serve`` runs waitress, a production WSGI server in pure Python (threads, keep-alive,
no Nagle delays) that works on every OS, in one process with the job workers and the scheduler
as threads beside it. ``newsdesk web`` runs gunicorn (a master and N worker processes, each with
M threads) where the OS has ``fork``, and waitress elsewhere. Static files are served by
WhiteNoise inside the Django app in both, after they were collected into the static root.
"""

from __future__ import annotations

import gc
import itertools
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import waitress
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connections

from newsdesk.cli.stopping import handle_stop_signals, stop_within

logger = logging.getLogger("newsdesk.web")

# Request threads of the one-process server; page work is short, the database does the waiting.
WEB_THREADS = 8
# Seconds ``serve`` waits for its first request to be answered before starting the workers anyway.
WORKERS_AFTER = 5.0
# Seconds a stopping server waits for the requests in hand.
GRACEFUL_TIMEOUT = 30
# Seconds past the slowest model call (NEWSDESK_AI_TIMEOUT) that a one-thread worker process may
# spend on a request before gunicorn replaces it (threaded workers are watched, not requests).
REQUEST_TIMEOUT_MARGIN = 60
# Under the data directory: one directory per ``newsdesk web`` run for the processes' metrics.
METRICS = "metrics"
# After these requests a serving process freezes what its next full collection leaves (decision 94).
SETTLE_AFTER = (100, 1000)


@dataclass(frozen=True)
class WebServer:
    host: str
    port: int
    processes: int
    threads: int


def run_server(host: str, port: int, *, worker_threads: int) -> int:
    """The web app (waitress) and ``worker_threads`` job workers in this one process. The
    workers start once the first request is answered (or WORKERS_AFTER seconds have passed),
    so that loading them and their first jobs (the ingest path, the models) do not hold up the
    first page (decision 54)."""
    answered = threading.Event()
    server = waitress.create_server(
        _noting_first_answer(_settling(get_wsgi_application()), answered),
        host=host,
        port=port,
        threads=WEB_THREADS,
        ident="newsdesk",
        # Keep a proxy's X-Forwarded-For in the request (it is trusted for nothing): /metrics
        # refuses by address a request that came through a proxy (docs/operating.md).
        clear_untrusted_proxy_headers=False,
    )
    workers = _DeferredWorkers(worker_threads, answered)
    logger.info(
        "serving on http://%s:%s/ with %s worker threads (Ctrl+C stops)", host, port, worker_threads
    )
    handle_stop_signals()
    workers.start()
    try:
        server.run()  # returns on Ctrl+C or SIGTERM, once the requests in hand are answered
    except KeyboardInterrupt:
        pass
    finally:
        stop_within()
        server.close()
        workers.stop()
    return 0


class _DeferredWorkers:
    """The job workers of ``serve``, started by a thread of their own once ``ready`` is set or
    WORKERS_AFTER seconds have passed; stopping waits for a start in progress."""

    def __init__(self, threads: int, ready: threading.Event) -> None:
        self.threads = threads
        self.ready = ready
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.pool: Any = None
        self.starter = threading.Thread(target=self._start, name="start-workers", daemon=True)

    def start(self) -> None:
        if self.threads > 0:
            self.starter.start()

    def _start(self) -> None:
        self.ready.wait(WORKERS_AFTER)
        with self.lock:
            if self.stopping.is_set():
                return
            from newsdesk.worker.runner import WorkerPool

            self.pool = WorkerPool(self.threads).start()
        logger.info("%s worker threads started", self.threads)

    def stop(self) -> None:
        self.stopping.set()
        self.ready.set()  # a starter still waiting gives up at once
        with self.lock:
            if self.pool is not None:
                self.pool.stop()


def _noting_first_answer(application: Any, answered: threading.Event) -> Any:
    """The WSGI app, setting ``answered`` once the first response has been sent (the server
    closes a response's body after writing it)."""

    def serve(environ: dict[str, Any], start_response: Any) -> Any:
        body = application(environ, start_response)
        if answered.is_set():
            return body  # as it is, so that the server's file wrapper is kept
        return _ClosedTelling(body, answered)

    return serve


class _ClosedTelling:
    """A response body that sets an event when the server closes it."""

    def __init__(self, body: Any, closed: threading.Event) -> None:
        self.body = body
        self.closed = closed

    def __iter__(self) -> Any:
        return iter(self.body)

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.closed.set()


def default_processes() -> int:
    """One web process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_web(server: WebServer) -> int:
    """The web app alone: gunicorn's processes where the OS can fork, waitress otherwise."""
    if not hasattr(os, "fork"):
        logger.info("one process on this OS (no fork)")
        return run_server(server.host, server.port, worker_threads=0)
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    try:
        logger.info(
            "serving on http://%s:%s/ with %s processes of %s threads (Ctrl+C or SIGTERM stops)",
            server.host,
            server.port,
            server.processes,
            server.threads,
        )
        _gunicorn(server).run()
    finally:
        if metrics_dir.startswith(str(Path(settings.NEWSDESK.data_dir) / METRICS)):
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def export_metrics_dir(data_dir: Path) -> Path:
    """An empty directory of this run for the web processes' shared metrics files, exported as
    ``PROMETHEUS_MULTIPROC_DIR`` before Django (and any metrics library) is loaded and before
    the processes are forked. Directories of runs whose process is gone are removed."""
    parent = data_dir / METRICS
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    parent.mkdir(mode=0o700, exist_ok=True)
    for old in parent.glob("web-*"):
        if not _alive(old.name.removeprefix("web-")):
            shutil.rmtree(old, ignore_errors=True)
    path = parent / f"web-{os.getpid()}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(mode=0o700)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(path)
    return path


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another account's process
        return True
    return True


def _gunicorn(server: WebServer) -> Any:
    from gunicorn.app.base import BaseApplication

    host = f"[{server.host}]" if ":" in server.host else server.host
    options = {
        "bind": [f"{host}:{server.port}"],
        "workers": server.processes,
        "threads": server.threads,
        "worker_class": "gthread" if server.threads > 1 else "sync",
        "timeout": int(settings.NEWSDESK.ai_timeout) + REQUEST_TIMEOUT_MARGIN,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        # The app is loaded once in the master and shared by the forked processes.
        "preload_app": True,
        # The scheme and addresses come from Django's settings only (NEWSDESK_PROXY_SCHEME_HEADER),
        # never from headers gunicorn would trust on its own.
        "secure_scheme_headers": {},
        "forwarded_allow_ips": "",
        "forwarder_headers": "",
        "control_socket_disable": True,
        "proc_name": "newsdesk-web",
        "pre_fork": lambda arbiter, worker: connections.close_all(),
        # gunicorn's own lines go through the site's log handler (text or JSON), like the rest.
        "logger_class": _site_logging_class(),
    }

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from newsdesk.conf.deferred import load_all

            application = get_wsgi_application()
            load_all()  # the JSON API, built once here and shared by the forked processes
            connections.close_all()  # no connection of the master is shared with a child
            # What the app loaded lives as long as the process: out of the collector's sight,
            # a full collection in a request walks only what requests made, and the shared
            # pages of the forked processes are not written by its bookkeeping.
            gc.collect()
            gc.freeze()
            return _without_head_bodies(_settling(application))

    return Application()


def _settling(application: Any, after: tuple[int, ...] = SETTLE_AFTER) -> Any:
    """The WSGI app; once the process has answered its ``after``-th requests, what the next full
    collection leaves is frozen.

    A process's first requests load what start-up did not: templates parsed on first use, the
    modules they import, prepared queries, kept fragments, a connection per thread: 16,000 to
    21,000 objects that live as long as the process, in the collector's oldest generation, which
    every full collection (one every few seconds under load) walked again, 5–9 ms of CPU with
    every request thread of the process held up. Frozen, they are out of the collector's sight,
    as what start-up loaded is (decision 94). The freeze waits for the collector's own next full
    collection: what that leaves is what is alive, so no extra collection holds a request up,
    and what requests in flight hold then is frozen too (a garbage cycle among it is never
    freed: twice a process, a request's worth). The count is per process: gunicorn forks its
    processes before any request, and the collector's callback goes with them."""
    served = itertools.count(1)
    marks = frozenset(after)
    due = threading.Event()

    def serve(environ: dict[str, Any], start_response: Any) -> Any:
        body = application(environ, start_response)
        if next(served) in marks:  # one thread gets each number
            due.set()
        return body

    def after_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2 and due.is_set():
            due.clear()
            gc.freeze()

    gc.callbacks.append(after_collection)
    serve.after_collection = after_collection  # type: ignore[attr-defined]
    return serve


def _site_logging_class() -> Any:
    from gunicorn.glogging import Logger

    class SiteLogging(Logger):
        """gunicorn's error log through the site's handler; requests are logged by the site's
        access middleware, so gunicorn's own access log stays off."""

        def setup(self, cfg: Any) -> None:
            self.cfg = cfg
            self._access_log_enabled = False
            self.error_log.propagate = True
            self.error_log.setLevel(self.LOG_LEVELS.get(cfg.loglevel.lower(), logging.INFO))

    return SiteLogging


def _without_head_bodies(application: Any) -> Any:
    """Django answers HEAD with the GET body; gunicorn drops it but logs a warning each time (a
    health check's every probe), so the body is dropped here first. Headers are unchanged."""

    def serve(environ: dict[str, Any], start_response: Any) -> Any:
        body = application(environ, start_response)
        if environ.get("REQUEST_METHOD") != "HEAD":
            return body
        if hasattr(body, "close"):
            body.close()
        return []

    return serve

"""Serving the web app from the ``newsdesk`` process, with the workers beside it.

A threaded WSGI server on the given address; the job workers and scheduler run as threads of the
same process (``newsdesk serve``) or not at all (``newsdesk web``).
"""

from __future__ import annotations

import sys

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import WSGIServer, run
from django.core.wsgi import get_wsgi_application


def run_server(host: str, port: int, *, worker_threads: int) -> int:
    pool = None
    if worker_threads > 0:
        from newsdesk.worker.runner import WorkerPool

        pool = WorkerPool(worker_threads).start()
    print(
        f"newsdesk: serving on http://{host}:{port}/ with {worker_threads} worker threads "
        "(Ctrl+C stops)",
        file=sys.stderr,
        flush=True,
    )
    try:
        run(
            host,
            port,
            StaticFilesHandler(get_wsgi_application()),
            ipv6=":" in host,
            threading=True,
            server_cls=WSGIServer,
        )
    except KeyboardInterrupt:
        pass
    finally:
        if pool is not None:
            pool.stop()
    return 0

"""Serving the web app from the ``newsdesk`` process, with the workers beside it.

waitress, a production WSGI server in pure Python (threads, keep-alive, no Nagle delays), serves
the app on the given address; static files are served by Django's static handler in the same
process. The job workers and scheduler run as threads of the same process (``newsdesk serve``)
or not at all (``newsdesk web``).
"""

from __future__ import annotations

import sys

import waitress
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.wsgi import get_wsgi_application

# Request threads of the web server; page work is short, the database does the waiting.
WEB_THREADS = 8


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
        waitress.serve(
            StaticFilesHandler(get_wsgi_application()),
            host=host,
            port=port,
            threads=WEB_THREADS,
            ident="newsdesk",
            _quiet=True,
            # Keep a proxy's X-Forwarded-For in the request (it is trusted for nothing): /metrics
            # refuses by address a request that came through a proxy (docs/operating.md).
            clear_untrusted_proxy_headers=False,
        )
    except KeyboardInterrupt:
        pass
    finally:
        if pool is not None:
            pool.stop()
    return 0

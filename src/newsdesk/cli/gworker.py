"""``newsdesk web``'s request worker: gunicorn's threaded worker, whose threads keep their
kept-alive connection a moment after answering.

In gunicorn's threaded worker every request on a kept-alive connection crosses three threads:
the request thread answers and hands the connection back to the process's main thread, which
puts it in its poller; when the next request arrives the main thread wakes, hands the connection
to the thread pool, and a request thread wakes to read it. Each crossing waits for Python's GIL,
which a request being rendered in another thread of the process holds for up to the switch
interval (5 ms), and on a busy machine for a core as well: in the slowest 1% of article pages
with four clients, more time went between the client's send and the application's start and
after its end than the page's own CPU (decision 94).

Here a request thread that has answered waits on its connection itself for up to
``LINGER`` seconds, and serves the next request in place when it comes: one wake-up a request
instead of three. A thread lingers only while at least one other thread of the process is free,
so new connections and kept-alive connections in the poller are never left waiting for one;
when the wait ends with nothing to read, the connection goes back to the poller as before.
"""

from __future__ import annotations

import threading
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

# Seconds a request thread waits on its connection for the next request before handing it back.
LINGER = 0.5


class LingeringThreadWorker(ThreadWorker):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.busy = 0  # threads answering a request or lingering on a connection
        self.busy_lock = threading.Lock()

    def handle(self, conn: Any) -> Any:
        with self.busy_lock:
            self.busy += 1
        try:
            keep = super().handle(conn)
            while keep is True and self._may_linger() and self._next_request_within(conn):
                keep = super().handle(conn)
            return keep
        finally:
            with self.busy_lock:
                self.busy -= 1

    def _may_linger(self) -> bool:
        """While the process runs, and another thread stays free for the poller's work."""
        return bool(self.alive) and self.busy < self.cfg.threads

    def _next_request_within(self, conn: Any) -> bool:
        """Whether the connection has bytes to read within LINGER (a request read ahead by the
        parser counts: ``finish_request`` would serve it at once too)."""
        if conn.parser.unreader.buf.getvalue():
            return True
        conn.data_ready = False
        ready = bool(conn.wait_for_data(LINGER))
        conn.data_ready = False
        return ready

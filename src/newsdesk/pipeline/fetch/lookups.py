"""Name lookups on daemon threads, so a hanging resolver holds up neither a caller nor the process.

``socket.getaddrinfo`` cannot be interrupted: a caller with a deadline hands the lookup to
another thread and stops waiting when the deadline passes. ``ThreadPoolExecutor`` would do, but
its threads are joined when the interpreter exits, so one lookup stuck in a slow resolver (30 s
and more, retrying every server in resolv.conf) keeps a stopped worker or web process alive
after it has finished everything else. The threads here are daemon threads: at exit a lookup in
progress is abandoned, as its caller already abandoned it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


class LookupPool:
    """Up to ``size`` daemon threads running submitted calls; started as the calls need them."""

    def __init__(self, size: int, name: str) -> None:
        self._size = size
        self._name = name
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._free = 0  # threads waiting with no job promised to them
        self._backlog = 0  # jobs waiting for a thread to finish its current one

    def submit(self, call: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self._jobs.put((future, call, args))
        self._find_thread()
        return future

    def shutdown(self) -> None:
        """Let the idle threads end; a lookup in progress is abandoned with its thread."""
        with self._lock:
            for _ in self._threads:
                self._jobs.put(None)
            self._threads.clear()
            self._free = 0

    def _find_thread(self) -> None:
        """Promise the new job to a free thread, a new thread or the next one to finish."""
        with self._lock:
            if self._free > 0:
                self._free -= 1
                return
            if len(self._threads) >= self._size:
                self._backlog += 1
                return
            thread = threading.Thread(
                target=self._work, daemon=True, name=f"{self._name}-{len(self._threads)}"
            )
            self._threads.append(thread)
        thread.start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, call, args = job
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(call(*args))
                except BaseException as e:  # handed to the caller, as an executor does
                    future.set_exception(e)
            with self._lock:
                if self._backlog > 0:
                    self._backlog -= 1
                else:
                    self._free += 1

"""Politeness towards each host: at most N requests in flight, and a gap between request starts.

:class:`HostGate` keeps, per host name, a semaphore of ``concurrency`` slots and the earliest
time the next request may start. Waiting for either is bounded by the caller's deadline. Hosts
not used for a while are forgotten, so the table stays small however many feeds there are.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from newsdesk.errors import DeadlineExceededError


@dataclass
class _HostState:
    slots: threading.Semaphore
    next_start: float = 0.0
    users: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostGate:
    """Per-host concurrency limit and minimum delay between request starts. Thread-safe."""

    def __init__(self, concurrency: int, delay: float, *, max_idle_hosts: int = 4096) -> None:
        self._concurrency = max(1, concurrency)
        self._delay = max(0.0, delay)
        self._max_idle_hosts = max_idle_hosts
        self._hosts: dict[str, _HostState] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, host: str, deadline: float) -> Iterator[None]:
        """Hold one of ``host``'s slots for the body of the ``with``, starting on its turn."""
        state = self._checkout(host)
        try:
            if not state.slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise DeadlineExceededError(f"no free connection slot for {host} in time")
            try:
                self._wait_turn(state, host, deadline)
                yield
            finally:
                state.slots.release()
        finally:
            self._checkin(host, state)

    def _wait_turn(self, state: _HostState, host: str, deadline: float) -> None:
        if not self._delay:
            return
        with state.lock:
            now = time.monotonic()
            start = max(now, state.next_start)
            if start > deadline:
                raise DeadlineExceededError(f"the next turn for {host} is after the deadline")
            state.next_start = start + self._delay
        if start > now:
            time.sleep(start - now)

    def _checkout(self, host: str) -> _HostState:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = _HostState(threading.Semaphore(self._concurrency))
                self._hosts[host] = state
            state.users += 1
            return state

    def _checkin(self, host: str, state: _HostState) -> None:
        with self._lock:
            state.users -= 1
            if len(self._hosts) > self._max_idle_hosts:
                self._forget_idle_hosts()

    def _forget_idle_hosts(self) -> None:
        now = time.monotonic()
        idle = [h for h, s in self._hosts.items() if s.users == 0 and s.next_start <= now]
        for host in idle:
            del self._hosts[host]

"""Real ``newsdesk worker`` processes for tests, on the test's database and queue backend.

On PostgreSQL the processes share the test's own database; on SQLite each test gives them a fresh
file in its temporary directory (two databases files must never share one SQLite file under two
names), so what they did is read back with plain SQL through ``WorkerSite.scalar``. The queue is
the database one, or Redis on a database number of its own (``redis_queue_url``).
"""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis
from django.db import connection

from newsdesk.cli.stopping import STOP_BUDGET
from tests.support.processes import NEWSDESK, database_env, run_newsdesk

REDIS = "redis://127.0.0.1:6379"
# Redis databases the queue tests take turns on (the cache tests use 15); each run locks one.
REDIS_DBS = range(8, 15)
LOCK_KEY = "newsdesk-test:queue-lock"
# Seconds a stopping process is waited for: past its own stop budget, which ends it.
STOP_WAIT = STOP_BUDGET + 30


class WorkerSite:
    """One newsdesk installation for worker processes: environment, database, processes."""

    def __init__(self, tmp_path: Path, **settings: str) -> None:
        self.data_dir = tmp_path
        self.env = {**database_env(tmp_path), **settings}
        self.processes: list[subprocess.Popen[str]] = []

    def newsdesk(self, *args: str, timeout: float = 120) -> str:
        done = run_newsdesk(*args, env=self.env, timeout=timeout)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def start_worker(self, *args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [*NEWSDESK, "worker", *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        return process

    def stop_process(self, process: subprocess.Popen[str], timeout: float = STOP_WAIT) -> str:
        """SIGTERM to a worker or a server, as a service manager or ``docker stop`` stops it: the
        jobs in hand finish. Returns its output. (Not SIGINT: a shell starting a command in the
        background without job control makes it ignore SIGINT, and the worker rightly keeps
        that.)

        A process past its stop budget prints its threads and exits with status 1 by itself
        (newsdesk.cli.stopping): that comes back as a warning carrying the stacks, since the
        work the test checks was done. One still running past ``timeout`` fails the test, after
        printing its threads."""
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGUSR1)
            time.sleep(2)
            process.kill()
            output, _ = process.communicate()
            raise AssertionError(
                f"the process did not stop within {timeout} s:\n{output}"
            ) from None
        if process.returncode != 0 and "most recent call first" in output:
            warnings.warn(
                f"the process overran its stop budget of {STOP_BUDGET} s; its threads:\n"
                f"{output[-8000:]}",
                stacklevel=2,
            )
        return output

    def scalar(self, sql: str, *params: object) -> int:
        """One number from the workers' database (``%s`` placeholders)."""
        return int(self.value(sql, *params) or 0)

    def value(self, sql: str, *params: object) -> Any:
        """The first column of the first row from the workers' database, or None."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
        else:
            with closing(sqlite3.connect(self.data_dir / "newsdesk.sqlite3", timeout=30)) as db:
                row = db.execute(sql.replace("%s", "?"), params).fetchone()
        return row[0] if row else None

    def execute(self, sql: str, *params: object) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
        else:
            with closing(sqlite3.connect(self.data_dir / "newsdesk.sqlite3", timeout=30)) as db:
                db.execute(sql.replace("%s", "?"), params)
                db.commit()

    @staticmethod
    def moment(when: datetime) -> object:
        """A time as the workers' database stores it (Django keeps UTC text in SQLite)."""
        if connection.vendor == "postgresql":
            return when
        return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def wait_for(self, check: Callable[[], bool], timeout: float, what: str) -> float:
        """Seconds until ``check()`` holds; fails the test after ``timeout``."""
        start = time.monotonic()
        while not check():
            if time.monotonic() - start > timeout:
                outputs = [self._stopped_output(p) for p in self.processes]
                raise AssertionError(f"{what}: not within {timeout} s\n" + "\n".join(outputs))
            time.sleep(0.1)
        return time.monotonic() - start

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.communicate(timeout=30)

    def _stopped_output(self, process: subprocess.Popen[str]) -> str:
        """What a process printed, after stopping it (SIGTERM, then SIGKILL) if it still runs."""
        if process.returncode is not None and process.stdout and process.stdout.closed:
            return "(output already read)"
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            return process.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            return process.communicate()[0]


def redis_queue_url() -> Iterator[str]:
    """A Redis database for one test's queue, locked against parallel test runs, left empty."""
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    for number in REDIS_DBS:
        client = redis.Redis.from_url(f"{REDIS}/{number}")
        if client.set(LOCK_KEY, token, nx=True, ex=900):
            break
    else:
        raise AssertionError(f"every Redis database in {list(REDIS_DBS)} is in use")
    try:
        for key in client.scan_iter():
            if key != LOCK_KEY.encode():
                client.delete(key)
        yield f"{REDIS}/{number}"
    finally:
        client.flushdb()
        client.close()

"""A stopping process has a budget: past it, it prints what every thread was doing and exits."""

from __future__ import annotations

import subprocess
import sys
import time

STUCK = """
import threading, time
from newsdesk.cli.stopping import stop_within

def stuck_job():
    time.sleep(600)

threading.Thread(target=stuck_job, name="stuck-job").start()  # not a daemon: it holds the exit
stop_within(1.0)
"""


def test_a_stop_past_its_budget_prints_the_threads_and_exits() -> None:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", STUCK], capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert "most recent call first" in done.stderr
    assert "stuck_job" in done.stderr  # the stack of the thread that held it up


def test_a_stop_within_its_budget_ends_normally() -> None:
    quick = "from newsdesk.cli.stopping import stop_within\nstop_within(30.0)\nprint('done')"
    done = subprocess.run([sys.executable, "-c", quick], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "done", "")

"""How the long-running commands (``serve``, ``web`` on waitress, ``worker``) stop.

SIGTERM (a service manager, ``docker stop``) stops them as Ctrl+C does: no new jobs are taken
and the jobs and requests in hand finish. ``kill -USR1 PID`` prints every thread's stack at any
time. A stop has a budget: past it, every thread's stack is printed and the process exits with
status 1, as a service manager would kill it, but saying what was still running.
"""

from __future__ import annotations

import faulthandler
import signal
from types import FrameType

# Seconds a stopping process may take: above the worker pool's own waits for the jobs in hand
# (30 s for the job threads, then 30 s each for the scheduler and the heartbeat at worst).
STOP_BUDGET = 120.0


def handle_stop_signals() -> None:
    """SIGTERM raises KeyboardInterrupt in the main thread; SIGUSR1 prints the threads."""
    signal.signal(signal.SIGTERM, _stop_on_signal)
    faulthandler.register(signal.SIGUSR1, all_threads=True)


def stop_within(budget: float = STOP_BUDGET) -> None:
    """From now on the process has ``budget`` seconds to end, or it prints its threads and exits."""
    faulthandler.dump_traceback_later(budget, exit=True)


def _stop_on_signal(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt

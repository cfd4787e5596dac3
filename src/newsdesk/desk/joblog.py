"""One log line per job: its kind, item, outcome, duration and error, on logger ``newsdesk.jobs``.

``logged_job`` wraps a job function (under django-tasks' ``@task``, so every queue backend runs
the wrapped function). A job that returns logs at INFO, or at WARNING when its outcome is a
failure it recorded (a feed that answered an error, a page that failed); a job that raises logs
at ERROR and the exception goes on to the queue, which keeps the traceback. The fields are also
passed as ``extra`` for structured (JSON) log output::

    job feed_check feed=12 outcome=not_modified 35 ms
    extra={"job": "feed_check", "item": 12, "outcome": "not_modified", "duration_ms": 35.1,
           "error": ""}
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

logger = logging.getLogger("newsdesk.jobs")

P = ParamSpec("P")
T = TypeVar("T")

# Outcomes that are failures the job recorded on its item (a page that failed for good and left
# the feed's text, "feed", among them): logged as warnings.
WARNING_OUTCOMES = frozenset({"error", "failed", "retry", "retired", "lost", "retrying", "feed"})
# An error text longer than this is cut in the log line (the item and the queue keep it whole).
MAX_ERROR = 500


def logged_job(kind: str, item: str | None = None) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Log one line per call of the job function: ``item`` names its first argument, if any.

    The outcome is the result's ``"outcome"`` (and ``"error"``) when it returns a dict, else the
    result itself as text.
    """

    def wrap(func: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            item_id = args[0] if item and args else None
            started = time.perf_counter()
            try:
                result = func(*args, **kwargs)
            except Exception as e:
                log_job(kind, item, item_id, "crashed", started, error=repr(e))
                raise
            outcome, error = _outcome_of(result)
            log_job(kind, item, item_id, outcome, started, error=error)
            return result

        return run

    return wrap


def log_job(
    kind: str,
    item: str | None,
    item_id: object,
    outcome: str,
    started: float,
    *,
    error: str = "",
) -> None:
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    error = error[:MAX_ERROR]
    if outcome == "crashed":
        level = logging.ERROR
    elif outcome in WARNING_OUTCOMES:
        level = logging.WARNING
    else:
        level = logging.INFO
    subject = f" {item}={item_id}" if item else ""
    because = f": {error}" if error else ""
    logger.log(
        level,
        "job %s%s outcome=%s %.0f ms%s",
        kind,
        subject,
        outcome,
        duration_ms,
        because,
        extra={
            "job": kind,
            "item": item_id,
            "outcome": outcome,
            "duration_ms": duration_ms,
            "error": error,
        },
    )


def _outcome_of(result: object) -> tuple[str, str]:
    if isinstance(result, dict):
        return str(result.get("outcome", "done")), str(result.get("error") or "")
    return str(result), ""

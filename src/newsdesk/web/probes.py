"""``/healthz``, ``/readyz`` and ``/metrics``, answered before the rest of the site.

``ProbeMiddleware`` sits outside every other middleware except the access log: a probe never
touches the session, CSRF, the host check (container probes call ``http://127.0.0.1:PORT``),
the trailing-slash redirect, an HTTPS redirect or the page cache, and every answer says
``Cache-Control: no-store``.

- ``/healthz``: the process is alive and answering. No database access; always ``200 ok``.
- ``/readyz``: the database answers a trivial query, every migration is applied, and the queue
  is not stalled (its oldest due job has waited at most ``NEWSDESK_READY_MAX_QUEUE_AGE``
  seconds). ``200`` with a small JSON body of the checks, or ``503`` naming the failed ones.
- ``/metrics``: see ``web.metrics``; a client that may not see it falls through to the
  site's ordinary 404.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

from newsdesk.desk.monitoring import database_error, unapplied_migrations
from newsdesk.desk.queue import queue_figures
from newsdesk.web.metrics import metrics, scrape_allowed

Probe = Callable[[HttpRequest], HttpResponse]
NOT_CHECKED = "not checked"
logger = logging.getLogger("newsdesk.ready")
_last_failed: tuple[str, ...] = ()  # what the last answer of this process failed on


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def readyz(request: HttpRequest) -> HttpResponse:
    error = database_error()  # its text (addresses, names) goes to the log, not to the caller
    checks = {"database": "unreachable" if error else "ok"}
    checks["migrations"] = _migrations() if not error else NOT_CHECKED
    queue: dict[str, object] = {}
    checks["queue"] = _queue(queue) if checks["migrations"] == "ok" else NOT_CHECKED
    failed = [name for name, outcome in checks.items() if outcome not in ("ok", NOT_CHECKED)]
    _log_change({**checks, "database": error or "ok"}, failed)
    body = {"status": "fail" if failed else "ok", "checks": checks, **queue}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


def _log_change(checks: dict[str, str], failed: list[str]) -> None:
    """One line when readiness changes (not one per probe): what fails, or that all is well."""
    global _last_failed
    if tuple(failed) == _last_failed:
        return
    _last_failed = tuple(failed)
    if failed:
        reasons = [f"{name}: {checks[name]}" for name in failed]
        logger.warning("not ready: %s", "; ".join(reasons), extra={"failed": ",".join(failed)})
    else:
        logger.info("ready again")


def _migrations() -> str:
    try:
        missing = unapplied_migrations()
    except DatabaseError as e:
        logger.warning("the applied migrations could not be read: %s", e)
        return "could not be read"
    if not missing:
        return "ok"
    shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
    return f"{len(missing)} not applied: {shown}"


def _queue(report: dict[str, object]) -> str:
    """ "ok" unless the oldest due job waited too long; fills ``report`` with the figures."""
    try:
        figures = queue_figures()
    except DatabaseError as e:
        logger.warning("the queue could not be read: %s", e)
        return "could not be read"
    report["queue_due_jobs"] = figures.total
    report["queue_oldest_due_seconds"] = round(figures.oldest_due_age or 0.0, 1)
    limit = settings.NEWSDESK.ready_max_queue_age
    age = figures.oldest_due_age
    if limit > 0 and age is not None and age > limit:
        return f"the oldest due job has waited {age:.0f} s (limit {limit:.0f} s)"
    return "ok"


PROBES: dict[str, Probe] = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}


class ProbeMiddleware:
    """Answers the probe paths itself; every other request goes on to the site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is None or (probe is metrics and not scrape_allowed(request)):
            return self.get_response(request)  # for /metrics: the site's own 404
        if request.method in ("GET", "HEAD"):
            response = probe(request)
        else:
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        add_never_cache_headers(response)
        response["X-Content-Type-Options"] = "nosniff"
        return response

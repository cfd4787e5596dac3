"""The access log and the request metrics: one measurement of every request, outermost.

Each request gives one line on the ``newsdesk.access`` logger::

    2026-12-06T21:30:00.123Z INFO newsdesk.access GET /story/12/ 200 method=GET
        route=/story/<int:pk>/ path=/story/12/ status=200 duration_ms=4.2 bytes=18211

with the same fields as JSON keys under ``NEWSDESK_LOG_FORMAT=json``. The path is logged without
its query string (which can carry a feed reader's key); the visitor's address is not logged.
Probes (``/healthz``, ``/readyz``, ``/metrics``) are logged at DEBUG so they do not flood.

The route is the URL pattern that answered (``/story/<int:pk>/``), also on a page served from
the page cache (resolved again here); a path no pattern matches is ``unmatched``. The request
metrics (``web.metrics``) are labelled by it, so their labels stay few whatever is requested.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from newsdesk.web.metrics import observe_request
from newsdesk.web.probes import PROBES

logger = logging.getLogger("newsdesk.access")
UNMATCHED = "unmatched"


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        route = route_of(request)
        method = request.method or ""
        observe_request(method, route, response.status_code, seconds)
        level = logging.DEBUG if request.path_info in PROBES else logging.INFO
        if logger.isEnabledFor(level):
            fields = {
                "method": method,
                "route": route,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 3),  # a probe can answer in 0.04 ms
                "bytes": _size(response),
            }
            logger.log(level, "%s %s %s", method, request.path, response.status_code, extra=fields)
        return response


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answers the request (``/story/<int:pk>/``), or ``unmatched``."""
    if request.path_info in PROBES:
        return request.path_info
    match = request.resolver_match
    if match is None:  # answered before URL resolution: the page cache, a redirect
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return UNMATCHED
    return "/" + match.route


def _size(response: HttpResponse) -> int | None:
    if response.streaming:
        length = response.get("Content-Length")
        return int(length) if length and length.isdigit() else None
    return len(response.content)

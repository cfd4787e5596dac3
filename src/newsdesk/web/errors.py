"""The site's own error pages: not found, forbidden, bad request, an expired form, a server error.

Each is a page of the site (masthead, navigation, footer, the reader's language) that says what
happened in plain words and what to do next. Requests for the JSON API and the feed-reader
protocols get JSON instead of a page. A server error is drawn without the database or the
reader's session (either may be what failed), from a template that needs neither.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

MACHINE_PREFIXES = ("/api/",)


def _for_machines(request: HttpRequest) -> bool:
    return request.path.startswith(MACHINE_PREFIXES)


def _json(status: int, code: str, message: str) -> JsonResponse:
    """The JSON API's error body (see docs/api.md), for addresses under /api/ it does not own."""
    error = {"status": status, "code": code, "message": message, "details": []}
    return JsonResponse({"error": error}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _for_machines(request):
        return _json(404, "not_found", "No such address")
    return render(request, "errors/404.html", {"path": request.path}, status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _for_machines(request):
        return _json(403, "forbidden", "Not allowed")
    return render(request, "errors/403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _for_machines(request):
        return _json(400, "bad_request", "The request could not be read")
    return render(request, "errors/400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token, or with an old one: usually a page left open too long."""
    if _for_machines(request):
        return _json(403, "csrf_failed", "CSRF check failed: send the X-CSRFToken header")
    return render(request, "errors/403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if _for_machines(request):
        return _json(500, "server_error", "Something went wrong on our side")
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)

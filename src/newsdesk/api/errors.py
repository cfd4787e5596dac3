"""One error body for every failure of the API.

``{"error": {"status": 404, "code": "not_found", "message": "No such story", "details": []}}``:
validation errors list their fields in ``details``; a throttled call says when to come back in
``Retry-After``; an unexpected failure is logged and answered with a 500 of the same shape, never
a page of HTML.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from newsdesk.errors import NewsdeskError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


class ApiError(HttpError):
    """An error a route raises on purpose, with an optional machine-readable code."""

    def __init__(self, status_code: int, message: str, code: str = "") -> None:
        super().__init__(status_code, message)
        self.code = code or CODES.get(status_code, "error")


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    message: str,
    code: str = "",
    details: list[Any] | None = None,
) -> HttpResponse:
    body = {
        "error": {
            "status": status,
            "code": code or CODES.get(status, "error"),
            "message": message,
            "details": details or [],
        }
    }
    return api.create_response(request, body, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default error answers with the one body above."""

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [_detail(error) for error in exc.errors]
        return error_response(api, request, 422, "The request is not valid", details=details)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = error_response(api, request, 429, "Too many requests; slow down")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(AuthenticationError)
    def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, 401, "Sign in or send a valid token")

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(api, request, exc.status_code, exc.message, code=exc.code)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, str(exc) or "Not found")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(api, request, 403, str(exc) or "Not allowed")

    @api.exception_handler(NewsdeskError)
    def refused(request: HttpRequest, exc: NewsdeskError) -> HttpResponse:
        return error_response(api, request, 400, str(exc))

    @api.exception_handler(OverflowError)
    def too_large(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        # SQLite refuses integers beyond 64 bits; such an id can match nothing anyway.
        return error_response(api, request, 422, "A number in the request is too large")

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("API error on %s %s", request.method, request.path)
        return error_response(api, request, 500, "Something went wrong on our side")


def with_json_fallbacks(
    api: NinjaAPI, patterns: list[URLPattern | URLResolver]
) -> list[URLPattern | URLResolver]:
    """The API's URL patterns, answering a wrong method (405) and an unknown path (404) with the
    error body too, instead of Django's empty or HTML answers; and refusing text no database can
    store (422) before any route sees it (see ``unstorable_text``)."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _guarded(api, pattern.callback)

    @csrf_exempt
    def unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
        return error_response(api, request, 404, "No such address in the API")

    return [*patterns, path("<path:rest>", unknown_path, name="unknown-path")]


def _guarded(api: NinjaAPI, view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        refused = unstorable_text(request)
        if refused is not None:
            message = str(refused["message"])
            return error_response(api, request, 422, message, details=[refused])
        try:
            response = view(request, *args, **kwargs)
        except Http404:  # the API's root, outside every route
            docs = reverse(f"{api.urls_namespace}:openapi-view")
            return error_response(api, request, 404, f"No such address; the docs are at {docs}")
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = error_response(api, request, 405, f"Use {allowed} here")
            response["Allow"] = allowed
        return response

    return checked


NUL_MESSAGE = "Text may not contain NUL characters"
SURROGATE_MESSAGE = "Text may not contain lone surrogates (U+D800 to U+DFFF)"


def unstorable_text(request: HttpRequest) -> dict[str, Any] | None:
    """Where the request carries text no database stores, and why; None when it carries none.

    - A NUL character, in the path, the query or a JSON body: PostgreSQL cannot store or compare
      it.
    - A lone surrogate (``"\\ud800"`` in JSON): not a character at all, so it cannot be encoded
      as UTF-8 for any database, template or log. Only a JSON body can carry one; Django decodes
      paths, queries and forms with replacement characters.

    Every string of a JSON body is checked, keys included, whatever the route does with it, so no
    route's field can let one through.
    """
    if "\x00" in request.path:
        return {"loc": ["path"], "message": NUL_MESSAGE}
    if "\x00" in request.META.get("QUERY_STRING", ""):
        return {"loc": ["query"], "message": NUL_MESSAGE}
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return {"loc": ["query", key], "message": NUL_MESSAGE}
    body = request.body if request.method in {"POST", "PUT", "PATCH", "DELETE"} else b""
    if not _may_hold_unstorable(body):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None  # not JSON: the route answers it
    return _unstorable_inside(data, ["body"])


def _may_hold_unstorable(body: bytes) -> bool:
    """Cheap test first: only these bytes can become a NUL or a surrogate in parsed JSON."""
    lowered = body.lower()
    return b"\x00" in body or b"\\u0000" in lowered or b"\\ud" in lowered


def _unstorable_inside(value: Any, loc: list[str | int]) -> dict[str, Any] | None:
    if isinstance(value, str):
        return _text_problem(value, loc)
    if isinstance(value, dict):
        for key, item in value.items():
            found = _text_problem(key, [*loc, key]) or _unstorable_inside(item, [*loc, key])
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _unstorable_inside(item, [*loc, index])
            if found is not None:
                return found
    return None


def _text_problem(text: str, loc: list[str | int]) -> dict[str, Any] | None:
    if "\x00" in text:
        return {"loc": loc, "message": NUL_MESSAGE}
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return {"loc": loc, "message": SURROGATE_MESSAGE}
    return None


def _detail(error: dict[str, Any]) -> dict[str, Any]:
    """One field's problem: where, and what. Pydantic's errors carry ``loc`` and ``msg``; ninja's
    own (a bad cursor, say) are ``{field: message}``."""
    if "msg" in error or "loc" in error:
        return {"loc": list(error.get("loc", [])), "message": str(error.get("msg", ""))}
    field, message = next(iter(error.items()), ("", ""))
    return {"loc": [field] if field else [], "message": str(message)}

"""One error body for every failure of the API.

``{"error": {"status": 404, "code": "not_found", "message": "No such story", "details": []}}``:
validation errors list their fields in ``details``; a throttled call says when to come back in
``Retry-After``; an unexpected failure is logged and answered with a 500 of the same shape, never
a page of HTML.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
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
        details = [
            {"loc": list(error.get("loc", [])), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
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

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("API error on %s %s", request.method, request.path)
        return error_response(api, request, 500, "Something went wrong on our side")

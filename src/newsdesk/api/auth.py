"""Who is calling the API: a bearer token (apps), the session cookie (the web app), or nobody.

- ``reader_auth``: routes that need a signed-in reader. A token is tried first; a session cookie
  is accepted with its CSRF token on unsafe methods (ninja checks it), so a page on another site
  cannot act for the reader.
- ``optional_auth``: public routes that answer more for a reader (the AI limits are per reader).
  Nobody signed in passes as ``AnonymousUser``.

Either way the caller ends up in ``request.user`` too, so the same desk functions serve pages and
API alike.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from newsdesk.desk.readers.tokens import user_for_token
from newsdesk.readers.models import TokenScope


class BearerToken(HttpBearer):
    """``Authorization: Bearer nd_…``: a JSON API token of the reader's."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token, TokenScope.API, timezone.now())
        if user is not None:
            request.user = user
        return user


class SessionCookie(SessionAuth):
    """The web app's session (CSRF-checked on unsafe methods).

    A request with no session cookie has no session to forge, so it is not checked: a visitor's
    app may POST where ``optional_auth`` lets anonymous callers in.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


def anonymous(request: HttpRequest) -> Any:
    """The last resort of ``optional_auth``: nobody, but allowed in."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return request.user if not request.user.is_authenticated else AnonymousUser()


reader_auth = [BearerToken(), SessionCookie()]
optional_auth = [BearerToken(), SessionCookie(), anonymous]


class VisitorThrottle(SimpleRateThrottle):
    """Requests per client address from callers who are not signed in."""

    scope = "visitor"

    def __init__(self, rate: str) -> None:
        super().__init__(rate)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ReaderThrottle(SimpleRateThrottle):
    """Requests per signed-in reader, however they signed in."""

    scope = "reader"

    def __init__(self, rate: str) -> None:
        super().__init__(rate)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}

"""API route: sign in with e-mail and password, for apps that have no session: a new token.

``POST /api/v1/auth/token``. An unknown address and a wrong password get the same 401, so the
answer does not tell who has an account. Failed attempts are counted in the cache, per client
address and per e-mail address (as the sign-in page counts them, decision 16): past the limit the
next try is refused with a 429, even with the right password, until the window has passed.
"""

import hashlib
from datetime import datetime

from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema

from newsdesk.api.caching import private
from newsdesk.api.errors import CODES, ApiError
from newsdesk.api.schemas import ErrorBody
from newsdesk.desk.readers import tokens

router = Router()

WINDOW_SECONDS = 5 * 60
FAILURES_PER_EMAIL = 5
FAILURES_PER_ADDRESS = 10
NAME_OF_NEW_TOKEN = "Signed in with a password"  # noqa: S105 (a label, not a secret)


class SignIn(Schema):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=4096)


class SignedIn(Schema):
    id: int
    token: str  # the secret: shown this once; send it as "Authorization: Bearer <token>"
    expires_at: datetime | None


def _keys(request: HttpRequest, email: str) -> list[tuple[str, int]]:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"

    def digest(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()

    return [
        (f"api-signin:email:{digest(email.strip().lower())}", FAILURES_PER_EMAIL),
        (f"api-signin:ip:{digest(address)}", FAILURES_PER_ADDRESS),
    ]


def _count_failure(keys: list[tuple[str, int]]) -> None:
    for key, _ in keys:
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.add(key, 1, WINDOW_SECONDS)


@router.post(
    "/token",
    response={201: SignedIn, 401: ErrorBody, 422: ErrorBody, 429: ErrorBody},
    auth=None,
    summary="Sign in: a token for an app",
)
@private
def sign_in(
    request: HttpRequest, response: HttpResponse, credentials: SignIn
) -> tuple[int, SignedIn | dict[str, object]]:
    """Trade an e-mail address and password for an API token."""
    keys = _keys(request, credentials.email)
    if any((cache.get(key) or 0) >= limit for key, limit in keys):
        response["Retry-After"] = str(WINDOW_SECONDS)
        message = "Too many failed sign-ins; try again in a few minutes"
        error = {"status": 429, "code": CODES[429], "message": message, "details": []}
        return 429, {"error": error}
    user = authenticate(request, email=credentials.email.strip(), password=credentials.password)
    if user is None or not user.is_active:
        _count_failure(keys)
        raise ApiError(401, "Wrong e-mail address or password", code="bad_credentials")
    issued = tokens.issue_token(user, timezone.now(), name=NAME_OF_NEW_TOKEN)
    return 201, SignedIn(
        id=issued.token.pk, token=issued.secret, expires_at=issued.token.expires_at
    )

"""API route: sign in with e-mail and password, for apps that have no session: a new token.

``POST /api/v1/auth/token``. An unknown address and a wrong password get the same 401, so the
answer does not tell who has an account. Failed attempts are counted in the cache, per client
address and per e-mail address (as the sign-in page counts them, decision 16): past the limit the
next try is refused with a 429, even with the right password, until the window has passed.
"""

from datetime import datetime

from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema

from newsdesk.api.caching import private
from newsdesk.api.errors import CODES, ApiError
from newsdesk.api.schemas import ErrorBody
from newsdesk.desk.readers import signin_limits, tokens

router = Router()

DOOR = "api"
NAME_OF_NEW_TOKEN = "Signed in with a password"  # noqa: S105 (a label, not a secret)


class SignIn(Schema):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=4096)


class SignedIn(Schema):
    id: int
    token: str  # the secret: shown this once; send it as "Authorization: Bearer <token>"
    expires_at: datetime | None


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
    address = request.META.get("REMOTE_ADDR", "")
    if signin_limits.refused(DOOR, credentials.email, address):
        response["Retry-After"] = str(signin_limits.WINDOW_SECONDS)
        message = "Too many failed sign-ins; try again in a few minutes"
        error = {"status": 429, "code": CODES[429], "message": message, "details": []}
        return 429, {"error": error}
    user = authenticate(request, email=credentials.email.strip(), password=credentials.password)
    if user is None or not user.is_active:
        signin_limits.count_failure(DOOR, credentials.email, address)
        raise ApiError(401, "Wrong e-mail address or password", code="bad_credentials")
    issued = tokens.issue_token(user, timezone.now(), name=NAME_OF_NEW_TOKEN)
    return 201, SignedIn(
        id=issued.token.pk, token=issued.secret, expires_at=issued.token.expires_at
    )

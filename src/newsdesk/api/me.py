"""API routes: the signed-in reader's profile and access tokens, and deleting the account.

A token's secret is in the answer that made it and nowhere else (only its SHA-256 is kept).
Everything here is about the caller, so nothing here is ever cached.
"""

from datetime import datetime

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from newsdesk.api.auth import reader_auth
from newsdesk.api.caching import private
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import ROW_ID, ErrorBody
from newsdesk.desk.readers import leaving, names, profiles, tokens

router = Router()


class MeOut(Schema):
    email: str
    display_name: str = Field(description='How others see you; "" until chosen ("Reader <number>")')
    role: str  # reader | moderator | admin
    region: str
    languages: list[str]
    time_zone: str


class MePatch(Schema):
    display_name: str | None = Field(
        None, max_length=200, description='2 to 40 characters, unique; "" to clear'
    )
    region: str | None = Field(None, max_length=100)
    languages: list[str] | None = Field(None, max_length=10)
    time_zone: str | None = Field(None, max_length=64, description='an IANA name: "Europe/Paris"')


class TokenOut(Schema):
    id: int
    name: str
    scope: str  # api | feed | reader_app
    prefix: str  # the first characters of the secret, to tell tokens apart
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None


class TokenAsk(Schema):
    name: str = Field("", max_length=100)


class NewToken(Schema):
    id: int
    name: str
    token: str  # the secret: shown this once
    expires_at: datetime | None


def _user(request: HttpRequest) -> User:
    """The signed-in caller (``reader_auth`` lets no one else in)."""
    user = request.user
    if not isinstance(user, User):
        raise ApiError(401, "Sign in or send a valid token")
    return user


def _me(request: HttpRequest) -> MeOut:
    user = _user(request)
    reader = profiles.reader_of(user)
    assert reader is not None
    return MeOut(
        email=user.email,
        display_name=reader.display_name,
        role=reader.role,
        region=reader.region,
        languages=list(reader.languages or []),
        time_zone=reader.time_zone,
    )


@router.get("", response={200: MeOut, 401: ErrorBody}, auth=reader_auth, summary="Your profile")
@private
def get_me(request: HttpRequest) -> MeOut:
    return _me(request)


@router.patch(
    "", response={200: MeOut, 401: ErrorBody, 422: ErrorBody}, auth=reader_auth, summary="Change it"
)
@private
def patch_me(request: HttpRequest, change: MePatch) -> MeOut:
    """Change your region, languages (most preferred first) or time zone; others stay."""
    current = _me(request)
    try:
        profiles.update_profile(
            _user(request),
            region=change.region if change.region is not None else current.region,
            languages=change.languages if change.languages is not None else current.languages,
            time_zone=change.time_zone if change.time_zone is not None else current.time_zone,
        )
        if change.display_name is not None:
            names.set_display_name(_user(request), change.display_name)
    except (profiles.ProfileError, names.DisplayNameError) as e:
        raise ApiError(422, str(e)) from e
    return _me(request)


class Leave(Schema):
    password: str = Field(max_length=4096, description="Your account password, to confirm")


@router.delete(
    "",
    response={204: None, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody},
    auth=reader_auth,
    summary="Delete your account",
)
@private
def delete_me(request: HttpRequest, confirm: Leave) -> tuple[int, None]:
    """Delete your account and your data (profile, follows, mutes, saved articles, reading
    history, e-mail digest settings, webhooks, newsletters, tokens). Your comments stay in their
    threads as "[deleted]", without their text. A wrong password is a 403; the last admin
    account cannot be deleted (409)."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    try:
        leaving.leave(_user(request), confirm.password, timezone.now(), address=address)
    except leaving.TooManyTriesError as e:
        raise ApiError(429, str(e)) from e
    except leaving.WrongPasswordError as e:
        raise ApiError(403, str(e), code="wrong_password") from e
    except profiles.ProfileError as e:
        raise ApiError(409, str(e)) from e
    return 204, None


@router.get(
    "/tokens", response={200: list[TokenOut], 401: ErrorBody}, auth=reader_auth, summary="Tokens"
)
@private
def list_tokens(request: HttpRequest) -> list[TokenOut]:
    """Your tokens (their secrets are not kept, so not shown)."""
    return [TokenOut.from_orm(token) for token in tokens.tokens_of(_user(request))]


@router.post(
    "/tokens",
    response={201: NewToken, 401: ErrorBody, 422: ErrorBody},
    auth=reader_auth,
    summary="Make a token",
)
@private
def make_token(request: HttpRequest, ask: TokenAsk) -> tuple[int, NewToken]:
    """A new API token; its secret is in this answer only."""
    issued = tokens.issue_token(_user(request), timezone.now(), name=ask.name.strip())
    return 201, NewToken(
        id=issued.token.pk,
        name=issued.token.name,
        token=issued.secret,
        expires_at=issued.token.expires_at,
    )


@router.delete(
    "/tokens/{token_id}",
    response={204: None, 401: ErrorBody, 404: ErrorBody},
    auth=reader_auth,
    summary="Revoke a token",
)
@private
def revoke_token(request: HttpRequest, token_id: int = ROW_ID) -> tuple[int, None]:
    if not tokens.revoke_token(_user(request), token_id):
        raise ApiError(404, "No such token")
    return 204, None

"""Access tokens for apps: made with a secret shown once, kept as a SHA-256, checked per request.

A JSON API token lasts ``API_TOKEN_DAYS`` unless asked otherwise; a private feed token does not
expire (feed readers cannot renew it) but can be revoked. ``last_used_at`` is written at most once
a minute per token, so reading with a token does not write on every request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Q

from newsdesk.readers.models import ApiToken, TokenScope

API_TOKEN_DAYS = 90
LAST_USED_STEP = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(
    user: User,
    now: datetime,
    *,
    scope: str = TokenScope.API,
    name: str = "",
    days: int | None = API_TOKEN_DAYS,
) -> IssuedToken:
    """A new token; its secret is in the result and nowhere else."""
    secret = f"nd_{secrets.token_urlsafe(32)}"
    expires_at = now + timedelta(days=days) if days else None
    if scope == TokenScope.FEED:
        expires_at = None
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        scope=scope,
        key_hash=hash_secret(secret),
        prefix=secret[:10],
        expires_at=expires_at,
    )
    return IssuedToken(token=token, secret=secret)


def forget_expired_tokens(user: User, now: datetime) -> int:
    """Delete the user's tokens that have expired (they no longer open anything); how many."""
    deleted, _ = ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
    return deleted


def user_for_token(secret: str, scope: str, now: datetime) -> User | None:
    """The active user a live token of this scope belongs to, or None."""
    if not secret or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_secret(secret), scope=scope)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def revoke_token(user: User, token_id: int) -> bool:
    """Delete one of the user's tokens; False when it is not theirs or not there."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0

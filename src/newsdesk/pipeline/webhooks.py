"""Webhook signatures: HMAC-SHA256 over the timestamp and the body, and how to check one.

The header is ``X-Newsdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>``, the HMAC keyed
with the hook's secret over ``"<t>." + body`` (the body's exact bytes). A receiver recomputes it,
compares in constant time, and refuses a timestamp older (or newer) than its tolerance, which
stops a captured request from being replayed later; the ``X-Newsdesk-Delivery`` id, the same on
every retry, lets it drop a delivery it already took. Several ``v1=`` values may appear (one
per secret while a secret is changed); any one matching is enough.

A receiver's ``Retry-After`` header (RFC 9110 section 10.2.3: a number of seconds or an HTTP
date) is read by ``retry_after_seconds``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

SIGNATURE_HEADER = "X-Newsdesk-Signature"
DELIVERY_HEADER = "X-Newsdesk-Delivery"
EVENT_HEADER = "X-Newsdesk-Event"
SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix of every secret, not a secret
TOLERANCE = 300  # seconds a receiver should accept between the timestamp and its clock


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``"<timestamp>." + body`` keyed with ``secret``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, now: float, tolerance: int = TOLERANCE) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` at a time within ``tolerance`` of
    ``now`` (unix seconds)."""
    timestamp = ""
    candidates = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            timestamp = value
        elif name == "v1":
            candidates.append(value)
    if not timestamp.isdigit() or abs(now - int(timestamp)) > tolerance:
        return False
    expected = signature(secret, int(timestamp), body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)


def retry_after_seconds(value: str, now: datetime) -> float | None:
    """The wait a ``Retry-After`` value asks for, in seconds from ``now`` (aware), never below 0;
    None when it is missing or neither a whole number of seconds nor an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000", "zone unknown": HTTP dates are always GMT
        when = when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)

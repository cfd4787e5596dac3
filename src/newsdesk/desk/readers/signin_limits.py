"""Failed sign-ins counted per e-mail address and per client address, for the sign-ins that are
not the accounts' own form (whose limits are django-allauth's, decision 16): the API's password
sign-in and the Google Reader ClientLogin of feed-reader apps.

Counts live in the cache for ``WINDOW_SECONDS``; past a limit every try is refused, even with the
right password, until the window has passed. Addresses are kept only as digests.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 5 * 60
FAILURES_PER_EMAIL = 5
FAILURES_PER_ADDRESS = 10


def _keys(door: str, email: str, address: str) -> list[tuple[str, int]]:
    def digest(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()

    return [
        (f"signin:{door}:email:{digest(email.strip().lower())}", FAILURES_PER_EMAIL),
        (f"signin:{door}:ip:{digest(address or 'unknown')}", FAILURES_PER_ADDRESS),
    ]


def refused(door: str, email: str, address: str) -> bool:
    """True when this e-mail or this client address has failed too often lately."""
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(door, email, address))


def count_failure(door: str, email: str, address: str) -> None:
    for key, _ in _keys(door, email, address):
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.add(key, 1, WINDOW_SECONDS)

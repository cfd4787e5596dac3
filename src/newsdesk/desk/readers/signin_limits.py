"""Failed sign-ins counted per e-mail address and per client address, for the sign-ins that are
not the accounts' own form (whose limits are django-allauth's, decision 16): the API's password
sign-in and the feed-reader apps' app password (Google Reader ClientLogin and Fever keys, one
door: the same password behind both protocols).

Counts live in the cache for ``WINDOW_SECONDS``; past a limit every try is refused, even with the
right password, until the window has passed. Addresses are kept only as digests. A Fever key
names no account, so its failures count per client address only (``email=None``); once a key
has named its account, that account's count is checked as well.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 5 * 60
# The door of the app password, shared by the Google Reader ClientLogin and Fever keys.
READER_APPS = "reader-app"
FAILURES_PER_EMAIL = 5
FAILURES_PER_ADDRESS = 10


def _keys(door: str, email: str | None, address: str) -> list[tuple[str, int]]:
    def digest(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()

    keys = [(f"signin:{door}:ip:{digest(address or 'unknown')}", FAILURES_PER_ADDRESS)]
    if email is not None:
        keys.append((f"signin:{door}:email:{digest(email.strip().lower())}", FAILURES_PER_EMAIL))
    return keys


def refused(door: str, email: str | None, address: str) -> bool:
    """True when this e-mail (None: not known) or this client address has failed too often."""
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(door, email, address))


def count_failure(door: str, email: str | None, address: str) -> None:
    for key, _ in _keys(door, email, address):
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.add(key, 1, WINDOW_SECONDS)

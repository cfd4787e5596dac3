"""Give fastfeedparser the same date reader as the rest of this package.

fastfeedparser reads dates it does not recognise with dateutil and then dateparser, which
invent what is missing from the current date: "Tuesday" becomes next Tuesday, "12" the 12th of
this month, "Jan 2024" 25 January when run on the 25th, "yesterday" a moment of yesterday. It
also tries an RSS ``guid`` as a date when an item has no ``pubDate``. For a news reader an
invented publication time is worse than none, so its module-level date function (a private name,
looked up at each call, and handed to its native extractor at each parse) is replaced with one
built on :func:`dates.parse_datetime`: ISO 8601 / RFC 822 or None, as for feedparser's results,
JSON Feed and sitemaps. fastfeedparser is pinned in pyproject.toml; if a release renames the
function, :func:`install` leaves the library as it is and returns False, and the tests say so.
"""

from __future__ import annotations

from functools import lru_cache

import fastfeedparser

from .dates import parse_datetime

_HOOK_NAME = "_parse_date"


@lru_cache(maxsize=8192)
def iso_utc_or_none(value: str) -> str | None:
    """What fastfeedparser expects from its date function: a UTC ISO string or None."""
    parsed = parse_datetime(value)
    return parsed.isoformat() if parsed is not None else None


def install() -> bool:
    """Replace fastfeedparser's date function; True when it is (or already was) replaced."""
    module = getattr(fastfeedparser, "main", None)
    if module is None or not callable(getattr(module, _HOOK_NAME, None)):
        return False
    setattr(module, _HOOK_NAME, iso_utc_or_none)
    return True


INSTALLED = install()

"""The fetch stage: safe, bounded and polite HTTP for feeds and article pages (httpx lives here).

    with Fetcher(FetchPolicy()) as fetcher:
        result = fetcher.fetch(feed_url, validators=feed_validators)   # any status comes back
        page = fetcher.fetch_page(article_url)                         # robots.txt checked first

Guarantees: only http(s) URLs (:func:`check_url`); never an address that is private, loopback,
link-local, multicast or reserved, checked on the address actually connected to and on every
redirect hop (:func:`is_blocked_address`); a total deadline per call including the body; caps on
the body on the wire and while decompressing; per-host concurrency and delay; keep-alive and
HTTP/2. Transport problems raise :class:`~newsdesk.errors.FetchError` subclasses; no httpx type
leaves this package.

The names are loaded on first use: importing ``check_url`` or ``FetchPolicy`` does not load
httpx, which only a real fetch needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch.client import Fetcher, parse_retry_after
    from newsdesk.pipeline.fetch.guard import is_blocked_address
    from newsdesk.pipeline.fetch.policy import FetchPolicy
    from newsdesk.pipeline.fetch.urls import check_url

_MODULES = {
    "Fetcher": "client",
    "parse_retry_after": "client",
    "is_blocked_address": "guard",
    "FetchPolicy": "policy",
    "check_url": "urls",
}

__all__ = ["FetchPolicy", "Fetcher", "check_url", "is_blocked_address", "parse_retry_after"]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value

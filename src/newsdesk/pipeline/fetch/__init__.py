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
"""

from newsdesk.pipeline.fetch.client import Fetcher, parse_retry_after
from newsdesk.pipeline.fetch.guard import is_blocked_address
from newsdesk.pipeline.fetch.policy import FetchPolicy
from newsdesk.pipeline.fetch.urls import check_url

__all__ = ["FetchPolicy", "Fetcher", "check_url", "is_blocked_address", "parse_retry_after"]

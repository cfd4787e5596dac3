"""Helpers for the fetch stage's tests: raw-reply handlers, compression bombs, a TLS server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from newsdesk.pipeline.fetch import Fetcher, FetchPolicy

LOCAL = ("127.0.0.1/32",)
"""Tests reach their server on 127.0.0.1, so they allow exactly that address."""

TEST_POLICY = FetchPolicy(
    allow_networks=LOCAL, connect_timeout=2.0, read_timeout=5.0, total_timeout=10.0
)


def make_fetcher(
    resolver: Callable[[str, int], list[str]] | None = None, **policy: object
) -> Fetcher:
    """A fetcher with the test policy, any of its fields overridden by keyword."""
    return Fetcher(replace(TEST_POLICY, **policy), resolver=resolver)  # type: ignore[arg-type]

"""The process-wide Fetcher, built once from the settings read at start-up."""

from __future__ import annotations

import threading

from django.conf import settings

from newsdesk.pipeline.fetch import Fetcher, FetchPolicy

_lock = threading.Lock()
_fetcher: Fetcher | None = None


def fetch_policy() -> FetchPolicy:
    config = settings.NEWSDESK
    return FetchPolicy(
        allow_networks=config.fetch_allow_networks,
        user_agent=config.user_agent,
        per_host_concurrency=config.host_concurrency,
        per_host_delay=config.host_delay,
    )


def get_fetcher() -> Fetcher:
    """The shared Fetcher (thread-safe; its connection pool is reused by every job)."""
    global _fetcher
    with _lock:
        if _fetcher is None:
            _fetcher = Fetcher(fetch_policy())
        return _fetcher


def reset_fetcher() -> None:
    """Close the shared Fetcher; the next ``get_fetcher()`` builds a new one from settings."""
    global _fetcher
    with _lock:
        if _fetcher is not None:
            _fetcher.close()
        _fetcher = None

"""The process-wide Fetcher and Embedder, built once from the settings read at start-up."""

from __future__ import annotations

import threading

from django.conf import settings

from newsdesk.pipeline.embed import Embedder, make_embedder
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy

_lock = threading.Lock()
_fetcher: Fetcher | None = None
_embedder: Embedder | None = None


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


def get_embedder() -> Embedder:
    """The shared Embedder named by ``NEWSDESK_EMBEDDER`` (default: the packaged WordLlama)."""
    global _embedder
    with _lock:
        if _embedder is None:
            _embedder = make_embedder(settings.NEWSDESK.embedder)
        return _embedder

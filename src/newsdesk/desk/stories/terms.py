"""Document frequencies for the story deciders, kept per process and refreshed from the database.

IDF needs to know how common a term is in recent news. Counting it in a table on every article
would make every worker write the same hot rows; instead each process reads the features of the
last ``WINDOW`` placed articles, counts them, adds what it places itself, and reads again when
the count it loaded is stale (20% more articles placed since, or ``MAX_AGE`` seconds).
"""

from __future__ import annotations

import threading
import time

from newsdesk.pipeline.cluster import ArticleFeatures, TermStats
from newsdesk.stories.models import Placement

WINDOW = 5000
MAX_AGE = 600.0

_lock = threading.Lock()
_stats: TermStats | None = None
_loaded_at = 0.0
_loaded_documents = 0
_added_since = 0


def term_stats() -> TermStats:
    global _stats, _loaded_at, _loaded_documents, _added_since
    with _lock:
        stale = _stats is None or time.monotonic() - _loaded_at > MAX_AGE
        if not stale and _added_since > max(20, _loaded_documents // 5):
            stale = True
        if stale:
            _stats = _load()
            _loaded_at = time.monotonic()
            _loaded_documents = _stats.documents
            _added_since = 0
        assert _stats is not None
        return _stats


def count(features: ArticleFeatures) -> None:
    """Add one placed article's terms to this process's counts."""
    global _added_since
    with _lock:
        if _stats is not None:
            _stats.add(features)
            _added_since += 1


def forget() -> None:
    """Drop the counts (tests, and after bulk changes); the next use reads them again."""
    global _stats
    with _lock:
        _stats = None


def _load() -> TermStats:
    rows = (
        Placement.objects.filter(duplicate_of__isnull=True)
        .order_by("-placed_at")
        .values_list("features", flat=True)[:WINDOW]
    )
    return TermStats.of(ArticleFeatures.from_json(row) for row in rows)

"""Per-source boilerplate learning: count on how many of a source's pages each line appears,
and hand the lines that recur on enough of them to the extract stage for removal.

Counting is a sample: every page while a source is young, then one page in ``LEARN_EVERY``
(pages seen and line counts are sampled alike, so the shares stay unbiased). Each count is one
statement: an upsert that adds one to each line's count (``INSERT … ON CONFLICT DO UPDATE``, the
same SQL on SQLite and PostgreSQL). The recurring
set is cached per process and recomputed while a source is young (every page counts then) and
afterwards when its page count has grown by a tenth or the cache is ten minutes old.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

from django.db import connection, transaction

from newsdesk.articles.models import BoilerplateLine
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.pipeline.extract import select_boilerplate
from newsdesk.sources.models import Source

# Below this many pages every page is counted and the recurring set recomputed for each.
YOUNG_SOURCE_PAGES = 50
# Past that, one page in this many is counted: enough to follow a changing site, a quarter of
# the cost (measured with bench/ingest_throughput.py).
LEARN_EVERY = 4
RECOMPUTE_GROWTH = 1.1
RECOMPUTE_SECONDS = 600.0
# select_boilerplate never picks a line seen on fewer pages than this; no need to load them.
MIN_PAGES = 3


@dataclass(frozen=True)
class _Cached:
    pages: int
    at: float
    lines: frozenset[str]


_cache: dict[int, _Cached] = {}
_lock = threading.Lock()


def should_learn(pages_seen: int) -> bool:
    """Whether the next page of a source with ``pages_seen`` counted pages is counted too."""
    return pages_seen < YOUNG_SOURCE_PAGES or random.randrange(LEARN_EVERY) == 0


def learn_lines(source: Source, fingerprints: frozenset[str]) -> int:
    """Count one more page of ``source`` carrying each of ``fingerprints``; returns the source's
    page count after it (read by the same statement that raised it)."""
    table = BoilerplateLine._meta.db_table
    sources = Source._meta.db_table
    ordered = sorted(fingerprints)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {sources} SET pages_seen = pages_seen + 1 WHERE id = %s "  # noqa: S608
            "RETURNING pages_seen",
            [source.pk],
        )
        row = cursor.fetchone()
        pages = int(row[0]) if row else 0
        if not ordered:
            return pages
        rows = ", ".join(["(%s, %s, 1)"] * len(ordered))
        params: list[int | str] = []
        for fingerprint in ordered:
            params.extend((source.pk, fingerprint))
        cursor.execute(
            f"INSERT INTO {table} (source_id, fingerprint, pages) VALUES {rows} "  # noqa: S608
            f"ON CONFLICT (source_id, fingerprint) DO UPDATE SET pages = {table}.pages + 1",
            params,
        )
    return pages


def boilerplate_of(
    source: Source, pages_hint: int | None = None, *, pages: int | None = None
) -> frozenset[str]:
    """The fingerprints that recur on enough pages of ``source`` to be its boilerplate.

    ``pages_hint`` is the source's page count as the caller last saw it; it decides whether the
    cached set is still fresh enough. ``pages`` is the count as the database has it right now
    (``learn_lines`` returns it), which spares reading it again when the set is recomputed.
    """
    now = time.monotonic()
    with _lock:
        cached = _cache.get(source.pk)
    if cached is not None and pages_hint is not None and _fresh(cached, pages_hint, now):
        return cached.lines
    if pages is None:
        found = Source.objects.filter(pk=source.pk).values_list("pages_seen", flat=True).first()
        pages = found or 0
    lines = _recurring(source, pages)
    with _lock:
        _cache[source.pk] = _Cached(pages, now, lines)
    return lines


def _fresh(cached: _Cached, pages: int, now: float) -> bool:
    if pages < YOUNG_SOURCE_PAGES or now - cached.at > RECOMPUTE_SECONDS:
        return False
    return pages < cached.pages * RECOMPUTE_GROWTH


def _recurring(source: Source, pages: int) -> frozenset[str]:
    if pages < MIN_PAGES:
        return frozenset()
    counts = dict(_RECURRING.run(source_id=source.pk))
    return select_boilerplate(counts, pages, min_pages=MIN_PAGES)


# Read for every page of a young source: its SQL is built once (desk.prepared).
_RECURRING = PreparedQuery[tuple[str, int]](
    lambda source_id: BoilerplateLine.objects.filter(
        source_id=source_id, pages__gte=MIN_PAGES
    ).values_list("fingerprint", "pages"),
    source_id=int,
)

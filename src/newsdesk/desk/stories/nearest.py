"""Live stories found by embedding: the recent stories whose vectors are nearest an article's.

Blocking keys find stories that share a term or a name with an article; reports of one event
in two languages often share neither. This index keeps, per process, the unit direction of each
live story's summed embedding (of the configured embedder only) with its last publication time,
and answers the ``limit`` stories of the time window nearest an article's vector, above
``floor`` (cosine). One matrix product over the window's stories: a few thousand stories cost
well under a millisecond.

The index follows the database: on each question it reads the stories changed since the last
read (``Story.changed_at``, indexed), so stories placed, merged or split by another process
join, move or leave it. Only the id, the embedding bytes, the recorded embedder and the times
are read, never a whole profile. Stories older than twice the window are dropped as questions
come, so a long-running worker holds only the recent ones (2 KB each with a 512-long vector).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import numpy as np
from django.db.models.fields.json import KT

from newsdesk.desk.stories.embedded import embedder_name, stored_vector
from newsdesk.stories.models import Story

# Changes stamped by another process's clock a little behind ours are still read.
CLOCK_MARGIN = timedelta(seconds=5)


class _Index:
    def __init__(self) -> None:
        self.rows: dict[int, int] = {}  # story id -> row
        self.free: list[int] = []
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        self.seen = np.zeros(0, dtype=np.float64)  # last publication, POSIX seconds; NaN: free
        self.ids = np.zeros(0, dtype=np.int64)
        self.read_until: datetime | None = None
        self.embedder = ""

    def put(self, story: int, vector: np.ndarray | None, seen: datetime | None) -> None:
        norm = float(np.linalg.norm(vector)) if vector is not None else 0.0
        if vector is None or seen is None or norm == 0 or not self._fits(vector):
            self.drop(story)
            return
        row = self.rows.get(story)
        if row is None:
            row = self.free.pop() if self.free else self._grow()
            self.rows[story] = row
        self.vectors[row] = vector / norm
        self.seen[row] = seen.timestamp()
        self.ids[row] = story

    def drop(self, story: int) -> None:
        row = self.rows.pop(story, None)
        if row is not None:
            self.seen[row] = np.nan
            self.free.append(row)

    def prune(self, before: datetime) -> None:
        """Drop the stories last published before ``before``: memory stays bounded."""
        stale = np.flatnonzero(self.seen < before.timestamp())  # NaN (free rows) compares False
        for row in stale:
            self.drop(int(self.ids[row]))

    def nearest(
        self, vector: np.ndarray, when: datetime, window: timedelta, limit: int, floor: float
    ) -> list[int]:
        if not self.rows or not self._fits(vector):
            return []
        span = window.total_seconds()
        live = np.abs(self.seen - when.timestamp()) <= span  # NaN (free rows) compares False
        rows = np.flatnonzero(live)
        if not rows.size:
            return []
        scores = self.vectors[rows] @ vector.astype(np.float32)
        best = np.argsort(-scores, kind="stable")[:limit]
        return [int(self.ids[rows[i]]) for i in best if scores[i] >= floor]

    def _fits(self, vector: np.ndarray) -> bool:
        if not self.vectors.shape[1]:
            self.vectors = np.zeros((0, vector.shape[0]), dtype=np.float32)
        return vector.shape == (self.vectors.shape[1],)

    def _grow(self) -> int:
        size = self.vectors.shape[0]
        grown = max(64, 2 * size)
        self.vectors = np.resize(self.vectors, (grown, self.vectors.shape[1]))
        self.seen = np.concatenate([self.seen, np.full(grown - size, np.nan)])
        self.ids = np.concatenate([self.ids, np.zeros(grown - size, dtype=np.int64)])
        self.free.extend(range(grown - 1, size, -1))
        return size


_lock = threading.Lock()
_index = _Index()


def nearest_stories(
    vector: np.ndarray, when: datetime, window: timedelta, limit: int, floor: float
) -> list[int]:
    """Ids of up to ``limit`` live stories of ``when`` ± ``window`` nearest ``vector``."""
    with _lock:
        _read_changes(when - window)
        _index.prune(when - 2 * window)
        return _index.nearest(vector, when, window, limit, floor)


def remember(story: int, vector: np.ndarray | None, seen: datetime | None) -> None:
    """A story's new summed embedding, as this process just stored it."""
    with _lock:
        _index.put(story, vector, seen)


def forget(story: int | None = None) -> None:
    """Drop one story (one a search returned that no longer exists), or the whole index."""
    global _index
    with _lock:
        if story is None:
            _index = _Index()
        else:
            _index.drop(story)


def _read_changes(oldest: datetime) -> None:
    global _index
    current = embedder_name()
    if _index.embedder != current:
        _index = _Index()
        _index.embedder = current
    stories = Story.objects.all()
    if _index.read_until is None:
        stories = stories.filter(last_published_at__gte=oldest)
    else:
        stories = stories.filter(changed_at__gte=_index.read_until - CLOCK_MARGIN)
    rows = stories.values_list(
        "id", "embedding", KT("profile__embedder"), "merged_into", "last_published_at", "changed_at"
    )
    for story, blob, recorded, merged_into, last, changed in rows.iterator():
        if merged_into is not None:
            _index.drop(story)
        else:
            _index.put(story, stored_vector(blob, recorded or ""), last)
        if changed is not None and (_index.read_until is None or changed > _index.read_until):
            _index.read_until = changed
    if _index.read_until is None:
        _index.read_until = oldest

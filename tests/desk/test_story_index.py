"""The lookups that place an article search their indexes: no scan of every stored article.

Placement cost must not grow with the number of stored articles (bench/story_scale.py measures
it to 1M); the guarantee behind that is that the copy and candidate lookups are index range
searches on (key, time). The planner's own account of each lookup is checked here.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection

from newsdesk.desk.stories.placing import copy_candidates, story_candidates

WHEN = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
KEYS = [11, -22, 33, 44_000_000_000]

pytestmark = pytest.mark.django_db


def plan(queryset: object) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Tiny test tables make a sequential scan cheapest; ask whether an index serves.
            cursor.execute("SET LOCAL enable_seqscan = off")
    return str(queryset.explain())  # type: ignore[attr-defined]


def test_copy_lookup_searches_the_band_key_index() -> None:
    found = plan(copy_candidates(KEYS, WHEN, article_id=1))
    assert "duplicate_key_recent" in found, found
    if connection.vendor == "sqlite":
        assert "SCAN stories_duplicatekey" not in found, found
    else:
        assert "Seq Scan on stories_duplicatekey" not in found, found


def test_story_lookup_searches_the_story_key_index() -> None:
    found = plan(story_candidates(KEYS, WHEN))
    assert "story_key_recent" in found, found
    if connection.vendor == "sqlite":
        assert "SCAN stories_storykey" not in found, found
    else:
        assert "Seq Scan on stories_storykey" not in found, found

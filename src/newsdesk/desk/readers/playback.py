"""Playback positions: where a reader stopped in an article's audio or video (decision 68).

The article page's player keeps the place every 10 seconds while it plays and when it pauses;
apps do the same through the API. One row a reader and article, overwritten each time, so the
table grows with what readers listened to, not with how often they paused. A position past
the file's known length is cut to it; 0 means "from the start" (an episode heard to the end).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User

from newsdesk.articles.models import Article, ArticleStatus, Enclosure
from newsdesk.errors import NewsdeskError
from newsdesk.readers.models import PlaybackPosition

MAX_ID = 2**63 - 1
MAX_SECONDS = 7 * 24 * 3600.0


class PlaybackError(NewsdeskError):
    """A position that cannot be kept: no such ready article with audio or video."""


@dataclass(frozen=True)
class Place:
    article_id: int
    seconds: float
    updated_at: datetime | None  # None: never played


def place_of(user: User, article_id: int) -> Place:
    """The reader's place in an article with a file (0 when never played). Raises
    PlaybackError when the article has no file to play."""
    _check(article_id)
    row = PlaybackPosition.objects.filter(user=user, article_id=article_id).first()
    if row is None:
        return Place(article_id, 0.0, None)
    return Place(article_id, row.seconds, row.updated_at)


def places_of(user: User, article_ids: list[int]) -> dict[int, Place]:
    """The reader's places in these articles, for those played."""
    rows = PlaybackPosition.objects.filter(user=user, article_id__in=article_ids)
    return {row.article_id: Place(row.article_id, row.seconds, row.updated_at) for row in rows}


def keep_place(user: User, article_id: int, seconds: float, now: datetime) -> Place:
    """Keep the reader's place (seconds from the start)."""
    duration = _check(article_id)
    seconds = round(min(max(0.0, float(seconds)), duration or MAX_SECONDS), 1)
    PlaybackPosition.objects.update_or_create(
        user=user, article_id=article_id, defaults={"seconds": seconds, "updated_at": now}
    )
    return Place(article_id, seconds, now)


def _check(article_id: int) -> int | None:
    """The length in seconds of the article's first file (None if unknown); raises
    PlaybackError when there is no such ready article with a file."""
    if not 0 < article_id <= MAX_ID:
        raise PlaybackError(f"No article {article_id}")
    first = (
        Enclosure.objects.filter(article_id=article_id, article__status=ArticleStatus.READY)
        .order_by("rank")
        .values_list("duration", flat=True)[:1]
    )
    found = list(first)
    if not found:
        exists = Article.objects.filter(pk=article_id, status=ArticleStatus.READY).exists()
        raise PlaybackError(
            f"Article {article_id} has no audio or video" if exists else f"No article {article_id}"
        )
    return found[0]

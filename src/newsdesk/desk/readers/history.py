"""Reading history: the articles a reader opened or marked read (``ReadMark``).

Marking is idempotent: an article read twice keeps the first time it was read. The same marks
are the read state of the feed-reader protocols, which also mark whole streams read at once
(``mark_many_read``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import QuerySet

from newsdesk.articles.models import Article, ArticleStatus, yours
from newsdesk.errors import NewsdeskError
from newsdesk.readers.models import ReadMark

BATCH = 500
MAX_ID = 2**63 - 1


class HistoryError(NewsdeskError):
    """A read mark that cannot be made (there is no such ready article)."""


def mark_read(user: User, article_id: int, now: datetime) -> ReadMark:
    if (
        not 0 < article_id <= MAX_ID
        or not Article.everything.filter(
            yours(user), pk=article_id, status=ArticleStatus.READY
        ).exists()
    ):
        raise HistoryError(f"No article {article_id}")
    mark, _ = ReadMark.objects.get_or_create(
        user=user, article_id=article_id, defaults={"read_at": now}
    )
    return mark


def mark_unread(user: User, article_id: int) -> bool:
    if not 0 < article_id <= MAX_ID:
        return False
    deleted, _ = ReadMark.objects.filter(user=user, article_id=article_id).delete()
    return deleted > 0


def mark_many_read(user: User, article_ids: Iterable[int], now: datetime) -> int:
    """Mark every one of ``article_ids`` read (ids of ready articles); how many were new."""
    wanted = sorted({int(pk) for pk in article_ids if 0 < int(pk) <= MAX_ID})
    added = 0
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        known = read_ids(user, chunk)
        new = [pk for pk in chunk if pk not in known]
        ReadMark.objects.bulk_create(
            [ReadMark(user=user, article_id=pk, read_at=now) for pk in new],
            ignore_conflicts=True,
        )
        added += len(new)
    return added


def mark_many_unread(user: User, article_ids: Iterable[int]) -> int:
    deleted, _ = ReadMark.objects.filter(user=user, article_id__in=list(article_ids)).delete()
    return deleted


def read_ids(user: User, among: Iterable[int] | None = None) -> set[int]:
    """Ids of the articles the reader has read (only those in ``among`` when given)."""
    rows = ReadMark.objects.filter(user=user)
    if among is not None:
        rows = rows.filter(article_id__in=list(among))
    return set(rows.values_list("article_id", flat=True))


def read_article_ids(user: User) -> QuerySet[ReadMark, int]:
    """The ids of the articles the reader has read, as a query to filter by rather than a list:
    a long history would pass the most parameters a PostgreSQL statement takes."""
    return ReadMark.objects.filter(user=user).values_list("article_id", flat=True)


def read_history(user: User) -> QuerySet[ReadMark]:
    """What the reader read, most recent first, with each article and its source."""
    return (
        ReadMark.objects.filter(user=user, article__status=ArticleStatus.READY)
        .select_related("article", "article__source", "article__image")
        .order_by("-read_at", "-id")
    )

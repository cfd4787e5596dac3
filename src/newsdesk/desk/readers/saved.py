"""Saved articles: the reader's reading list ("starred" in the feed-reader protocols).

Only ready articles can be saved. ``sync_saved`` merges the list a device kept offline with the
server's: the union of both (a device never removes what another device saved; removing is an
explicit ``unsave``), returned newest first, so every device ends up with the same list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import QuerySet

from newsdesk.articles.models import Article, ArticleStatus, yours
from newsdesk.errors import NewsdeskError
from newsdesk.readers.models import SavedArticle

MAX_SYNC_IDS = 1000
# Ids beyond a 64-bit integer cannot be in the database (and would overflow its drivers).
MAX_ID = 2**63 - 1


class SavedError(NewsdeskError):
    """An article that cannot be saved (there is no such ready article)."""


def save(user: User, article_id: int, now: datetime) -> SavedArticle:
    """Put an article on the reading list; saving it again keeps the first time it was saved."""
    if (
        not 0 < article_id <= MAX_ID
        or not Article.everything.filter(
            yours(user), pk=article_id, status=ArticleStatus.READY
        ).exists()
    ):
        raise SavedError(f"No article {article_id}")
    saved, _ = SavedArticle.objects.get_or_create(
        user=user, article_id=article_id, defaults={"saved_at": now}
    )
    return saved


def unsave(user: User, article_id: int) -> bool:
    if not 0 < article_id <= MAX_ID:
        return False
    deleted, _ = SavedArticle.objects.filter(user=user, article_id=article_id).delete()
    return deleted > 0


def saved_articles(user: User) -> QuerySet[SavedArticle]:
    """The reading list, newest saved first, with each article and its source."""
    return (
        SavedArticle.objects.filter(user=user, article__status=ArticleStatus.READY)
        .select_related("article", "article__source", "article__image")
        .order_by("-saved_at", "-id")
    )


def saved_ids(user: User, among: Iterable[int] | None = None) -> set[int]:
    """Ids of the saved articles (only those in ``among`` when given)."""
    rows = SavedArticle.objects.filter(user=user)
    if among is not None:
        rows = rows.filter(article_id__in=list(among))
    return set(rows.values_list("article_id", flat=True))


def saved_article_ids(user: User) -> QuerySet[SavedArticle, int]:
    """The ids of the saved articles, as a query to filter by rather than a list (as
    ``history.read_article_ids``)."""
    return SavedArticle.objects.filter(user=user).values_list("article_id", flat=True)


def save_many(user: User, article_ids: Iterable[int], now: datetime) -> int:
    """Save every ready article of ``article_ids`` not saved yet; how many were added."""
    wanted = {int(pk) for pk in article_ids if 0 < int(pk) <= MAX_ID}
    ready = set(
        Article.everything.filter(
            yours(user), pk__in=wanted, status=ArticleStatus.READY
        ).values_list("id", flat=True)
    )
    new = ready - saved_ids(user, ready)
    SavedArticle.objects.bulk_create(
        [SavedArticle(user=user, article_id=pk, saved_at=now) for pk in sorted(new)],
        ignore_conflicts=True,
    )
    return len(new)


def sync_saved(
    user: User, article_ids_from_device: Iterable[int], now: datetime
) -> list[SavedArticle]:
    """Merge a device's reading list into the server's; the full merged list, newest first.

    Ids of articles that do not exist (or are not ready) are ignored: a device may hold an article
    the server has since removed.
    """
    ids = list(article_ids_from_device)
    if len(ids) > MAX_SYNC_IDS:
        raise SavedError(f"At most {MAX_SYNC_IDS} articles per sync")
    save_many(user, ids, now)
    return list(saved_articles(user))

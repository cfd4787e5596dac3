"""The story list's version: a number the desk raises after every change to what lists show.

A stored answer of the story list is keyed by this number (``api.story_list``), so it is never
served after a change: a story placed, counted again, merged or split; its lead article edited or
fetched again; the lead's image kept; a source named. The number lives in the database (one row
of ``StoryListVersion``), so every web process and every worker sees the same one, whether the
answers are kept in one process's memory or in Redis.

The order is what keeps an answer right: a request reads the number *before* the data, and the
desk raises it only *after* the change is committed (``transaction.on_commit``). An answer kept
under a number was therefore read after every change whose raise made that number; a request
racing a commit may keep newer data under the older number, which the raise then retires.

``numbers(holder)`` reads the story list's number and the site-wide rules' (decision 65) in one
statement and keeps them on ``holder`` (a request's user object), so a request that keys both its
list answer and its rules by them reads them once, before either.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from newsdesk.stories.models import StoryListVersion

_ROW = StoryListVersion.STORY_LIST
_KEPT = "_newsdesk_numbers"


@dataclass(frozen=True)
class Numbers:
    story_list: int
    site_rules: int


def story_list_version() -> int:
    """The current number (0 before the first change is recorded)."""
    with connection.cursor() as cursor:
        cursor.execute(_SELECT, [_ROW])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def numbers(holder: object | None = None) -> Numbers:
    """Both numbers (0 where none is recorded), read once per ``holder``: the first ask of a
    request reads them, so ask before reading the data they key."""
    kept = getattr(holder, _KEPT, None)
    if isinstance(kept, Numbers):
        return kept
    with connection.cursor() as cursor:
        cursor.execute(_SELECT_BOTH, [_ROW, StoryListVersion.SITE_RULES])
        found = dict(cursor.fetchall())
    read = Numbers(int(found.get(_ROW, 0)), int(found.get(StoryListVersion.SITE_RULES, 0)))
    if holder is not None:
        setattr(holder, _KEPT, read)
    return read


def forget_numbers(holder: object) -> None:
    """Drop the numbers kept on ``holder`` (after it changed what they count)."""
    if hasattr(holder, _KEPT):
        delattr(holder, _KEPT)


def story_list_changed() -> None:
    """Raise the number once the current transaction commits (at once outside one)."""
    transaction.on_commit(_raise_number)


def _raise_number() -> None:
    with connection.cursor() as cursor:  # after every placement and article job: plain SQL
        cursor.execute(_RAISE, [_ROW])
        raised = cursor.rowcount
    if not raised:  # no row (a database flushed since its migration): the first number
        StoryListVersion.objects.bulk_create(
            [StoryListVersion(pk=_ROW, number=1)], ignore_conflicts=True
        )


# Read on every request of the list: plain SQL, not a query set built each time.
_SELECT = "SELECT number FROM stories_storylistversion WHERE id = %s"
_SELECT_BOTH = "SELECT id, number FROM stories_storylistversion WHERE id IN (%s, %s)"
_RAISE = "UPDATE stories_storylistversion SET number = number + 1 WHERE id = %s"

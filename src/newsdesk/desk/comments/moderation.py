"""Moderators' decisions: hide, restore, ban an author; and the queue they work from.

Only moderators and admins (``is_moderator``) may act; every decision records who made it and
when. The queue is what needs a look: held comments and visible comments that readers reported,
the most reported first.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet

from newsdesk.comments.models import Comment, CommentStatus
from newsdesk.desk.comments.checks import clean_reason
from newsdesk.desk.comments.errors import CommentError, CommentForbiddenError, CommentNotFoundError
from newsdesk.desk.readers.profiles import ban, is_moderator

User = AbstractBaseUser | AnonymousUser
MAX_REASON = 200


def _as_moderator(moderator: User, comment_id: int) -> Comment:
    if not is_moderator(moderator):
        raise CommentForbiddenError("Only moderators can do that.")
    comment = Comment.objects.select_related("author").filter(pk=comment_id).first()
    if comment is None:
        raise CommentNotFoundError("That comment does not exist.")
    return comment


def _decide(comment: Comment, status: str, moderator: User, reason: str, now: datetime) -> None:
    comment.status = status
    comment.status_reason = clean_reason(reason, MAX_REASON)
    comment.moderated_by = moderator  # type: ignore[assignment]
    comment.moderated_at = now
    comment.save(update_fields=["status", "status_reason", "moderated_by", "moderated_at"])


def hide_comment(moderator: User, comment_id: int, reason: str, now: datetime) -> Comment:
    """Take a comment down; its place in the thread stays for its replies."""
    comment = _as_moderator(moderator, comment_id)
    if comment.status == CommentStatus.DELETED:
        raise CommentError("That comment was deleted by its author.")
    _decide(comment, CommentStatus.HIDDEN, moderator, reason or "Hidden by a moderator", now)
    return comment


def restore_comment(moderator: User, comment_id: int, reason: str, now: datetime) -> Comment:
    """Show a held or hidden comment again (its reports are kept, the count starts over)."""
    comment = _as_moderator(moderator, comment_id)
    if comment.status == CommentStatus.DELETED:
        raise CommentError("A deleted comment cannot be restored.")
    comment.report_count = 0
    comment.save(update_fields=["report_count"])
    _decide(comment, CommentStatus.VISIBLE, moderator, reason, now)
    return comment


@transaction.atomic
def ban_author(moderator: User, comment_id: int, reason: str, now: datetime) -> Comment:
    """Ban the comment's author from commenting, hide this comment and their held ones."""
    comment = _as_moderator(moderator, comment_id)
    if comment.author is None:
        raise CommentError("The author of that comment deleted their account.")
    if comment.author_id == moderator.pk:
        raise CommentError("You cannot ban yourself.")
    if is_moderator(comment.author):
        raise CommentForbiddenError("Moderators cannot be banned here; change their role first.")
    note = clean_reason(reason, MAX_REASON) or "Author banned"
    ban(comment.author, now, note)
    to_hide = Comment.objects.filter(
        Q(pk=comment.pk) | Q(author_id=comment.author_id, status=CommentStatus.HELD)
    ).exclude(status=CommentStatus.DELETED)
    to_hide.update(
        status=CommentStatus.HIDDEN,
        status_reason=note[:MAX_REASON],
        moderated_by=moderator,
        moderated_at=now,
    )
    comment.refresh_from_db()
    return comment


def moderation_queue() -> QuerySet[Comment]:
    """Held comments and reported visible ones, the most reported first, then the newest."""
    return (
        Comment.objects.filter(
            Q(status=CommentStatus.HELD) | Q(status=CommentStatus.VISIBLE, report_count__gt=0)
        )
        .select_related("author", "story")
        .order_by("-report_count", "-created_at", "-id")
    )

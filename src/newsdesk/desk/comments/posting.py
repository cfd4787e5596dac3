"""A reader's own comment actions: post, reply, edit, delete, report.

``post_comment`` is the whole path of a new comment: who may post, where (a live story; a merged
story's address posts to the story it joined), under which parent, then the checks in
``checks``. A held comment is kept and shown to its author with a note until a moderator decides.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext

from newsdesk.comments.models import Comment, CommentReport, CommentStatus
from newsdesk.desk.comments import checks
from newsdesk.desk.comments.checks import MAX_LENGTH
from newsdesk.desk.comments.errors import (
    CommentError,
    CommentForbiddenError,
    CommentNotFoundError,
    DuplicateCommentError,
)
from newsdesk.desk.readers.profiles import is_moderator, reader_of
from newsdesk.desk.stories.reading import resolve_story

EDIT_WINDOW = timedelta(minutes=15)
# A top-level comment is at depth 0; a reply to a comment at MAX_DEPTH joins its parent's level.
MAX_DEPTH = 3
REPORTS_TO_HOLD = 3
MAX_REASON = 200

__all__ = [
    "EDIT_WINDOW",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "REPORTS_TO_HOLD",
    "delete_comment",
    "edit_comment",
    "post_comment",
    "report_comment",
]

User = AbstractBaseUser | AnonymousUser


def may_comment(user: User) -> None:
    """Refuse visitors and banned readers."""
    reader = reader_of(user)
    if reader is None:
        raise CommentForbiddenError(gettext("Sign in to comment."))
    if reader.banned:
        raise CommentForbiddenError(gettext("Your account may not comment any more."))


def post_comment(
    user: User,
    story_id: int,
    body: str,
    now: datetime,
    ip: str = "",
    parent_id: int | None = None,
) -> Comment:
    """A new comment on the story (or a reply), visible at once or held by the checks."""
    may_comment(user)
    assert isinstance(user, AbstractBaseUser)
    story = resolve_story(story_id)
    if story is None:
        raise CommentNotFoundError(gettext("That story does not exist."))
    parent = _parent_for(user, story.pk, parent_id) if parent_id is not None else None
    text = checks.clean_body(body)
    address = checks.ip_hash(ip)
    with transaction.atomic():
        checks.check_rate(user, address, now)
        checks.check_duplicate(user, text, now)
        reasons = checks.reasons_to_hold(text)
        return Comment.objects.create(
            story_id=story.pk,
            parent=parent,
            author_id=user.pk,
            body=text,
            status=CommentStatus.HELD if reasons else CommentStatus.VISIBLE,
            status_reason=checks.hold_reason(reasons) if reasons else "",
            ip_hash=address,
            created_at=now,
        )


def _parent_for(user: AbstractBaseUser, story_id: int, parent_id: int) -> Comment:
    parent = Comment.objects.filter(pk=parent_id).first()
    if parent is None or parent.story_id != story_id:
        raise CommentNotFoundError(gettext("The comment you replied to is not in this thread."))
    if parent.status == CommentStatus.DELETED:
        raise CommentError(gettext("The comment you replied to was deleted."))
    if parent.status == CommentStatus.HIDDEN:
        raise CommentError(gettext("The comment you replied to was removed."))
    if parent.status == CommentStatus.HELD and parent.author_id != user.pk:
        raise CommentNotFoundError(gettext("The comment you replied to is not in this thread."))
    return _within_depth(parent)


def depth_of(comment: Comment) -> int:
    depth, current = 0, comment
    while current.parent_id is not None and depth <= MAX_DEPTH:
        current = Comment.objects.only("id", "parent_id").get(pk=current.parent_id)
        depth += 1
    return depth


def _within_depth(parent: Comment) -> Comment:
    """The parent itself, or its ancestor at the deepest level a reply may hang from."""
    while depth_of(parent) >= MAX_DEPTH and parent.parent_id is not None:
        parent = Comment.objects.get(pk=parent.parent_id)
    return parent


def _own_comment(user: User, comment_id: int) -> Comment:
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        raise CommentNotFoundError(gettext("That comment does not exist."))
    if not user.is_authenticated or comment.author_id != user.pk:
        raise CommentForbiddenError(gettext("That is not your comment."))
    return comment


def edit_comment(user: User, comment_id: int, body: str, now: datetime) -> Comment:
    """The author's correction within EDIT_WINDOW of posting; the checks run again."""
    comment = _own_comment(user, comment_id)
    may_comment(user)
    assert isinstance(user, AbstractBaseUser)
    if comment.status in (CommentStatus.DELETED, CommentStatus.HIDDEN):
        raise CommentError(gettext("This comment can no longer be edited."))
    if now - comment.created_at > EDIT_WINDOW:
        minutes = int(EDIT_WINDOW.total_seconds() // 60)
        raise CommentError(
            gettext("Comments can be edited for %(minutes)d minutes after posting.")
            % {"minutes": minutes}
        )
    text = checks.clean_body(body)
    checks.check_duplicate(user, text, now, leave_out=comment.pk)
    reasons = checks.reasons_to_hold(text)
    if reasons:
        comment.status = CommentStatus.HELD
        comment.status_reason = checks.hold_reason(reasons)
    elif comment.status == CommentStatus.HELD and comment.status_reason.startswith(
        checks.HELD_BY_CHECKS
    ):
        comment.status = CommentStatus.VISIBLE
        comment.status_reason = ""
    comment.body = text
    comment.edited_at = now
    comment.save(update_fields=["body", "status", "status_reason", "edited_at"])
    return comment


def delete_comment(user: User, comment_id: int, now: datetime) -> Comment:
    """The author (or a moderator) deletes it: the text goes, its replies stay."""
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        raise CommentNotFoundError(gettext("That comment does not exist."))
    moderator = is_moderator(user)
    if comment.author_id != user.pk and not moderator:
        raise CommentForbiddenError(gettext("That is not your comment."))
    if comment.status == CommentStatus.DELETED:
        return comment
    comment.status = CommentStatus.DELETED
    comment.body = ""
    fields = ["status", "body"]
    if comment.author_id != user.pk:
        comment.moderated_by = user  # type: ignore[assignment]
        comment.moderated_at = now
        fields += ["moderated_by", "moderated_at"]
    comment.save(update_fields=fields)
    return comment


def report_comment(user: User, comment_id: int, reason: str, now: datetime) -> Comment:
    """One report per reader; at REPORTS_TO_HOLD reports a visible comment is held."""
    may_comment(user)
    assert isinstance(user, AbstractBaseUser)
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None or comment.status != CommentStatus.VISIBLE:
        raise CommentNotFoundError(gettext("That comment does not exist."))
    if comment.author_id == user.pk:
        raise CommentError(gettext("You cannot report your own comment."))
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment,
                reporter_id=user.pk,
                reason=checks.clean_reason(reason, MAX_REASON),
                created_at=now,
            )
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
            comment.refresh_from_db()
            if comment.report_count >= REPORTS_TO_HOLD:
                comment.status = CommentStatus.HELD
                comment.status_reason = f"Reported by {comment.report_count} readers"
                comment.save(update_fields=["status", "status_reason"])
    except IntegrityError as error:
        raise DuplicateCommentError(gettext("You already reported this comment.")) from error
    return comment

"""API routes: comments (/api/v1/comments).

- ``GET ?story=ID``: a story's thread, public; a signed-in reader also sees their own held
  comments and what they may do on each comment. A flat list in reading order (each comment
  before its replies) with ``parent`` and ``depth`` to draw the tree.
- ``POST``, ``PATCH /{id}``, ``DELETE /{id}``, ``POST /{id}/report``: a reader's own actions.
- ``POST /{id}/hide``, ``/restore``, ``/ban-author``: moderators only (403 for others).

Refusals use the one error body: 403 not yours, 404 missing, 409 a duplicate, 422 invalid text,
429 too many comments. Answers are never cached: they depend on who asks.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.cache import never_cache
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from newsdesk.api.auth import optional_auth, reader_auth
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import ROW_ID, ErrorBody
from newsdesk.desk import comments
from newsdesk.desk.comments import (
    CommentError,
    CommentForbiddenError,
    CommentNotFoundError,
    CommentRateLimitedError,
    DuplicateCommentError,
    ThreadEntry,
)
from newsdesk.desk.readers.names import public_name

router = Router()
BIGGEST_ID = 2**63 - 1
# The refusals a route declares itself; 401, 403 (CSRF), 422 and 429 are documented for every
# route that can answer them (``newsdesk.api.openapi``).
NOT_FOUND: dict[int, type[ErrorBody]] = {404: ErrorBody}
NOT_FOUND_OR_TWICE: dict[int, type[ErrorBody]] = {404: ErrorBody, 409: ErrorBody}


class CommentOut(Schema):
    id: int
    story: int
    parent: int | None
    depth: int
    author: str | None = Field(description="None for a deleted or removed comment")
    body: str = Field(description="The plain text as written; empty when deleted or removed")
    html: str = Field(description="The text as safe HTML: escaped, links made clickable")
    status: str = Field(description="visible, held, hidden or deleted")
    placeholder: str = Field(description='"[deleted]" or "[removed]" for a kept place')
    note: str = Field(description="Why only the author (or moderators) can see it")
    created_at: datetime
    edited_at: datetime | None
    can_reply: bool
    can_edit: bool
    can_delete: bool
    can_report: bool


class ThreadOut(Schema):
    story: int = Field(description="The live story (a merged story answers for the one it joined)")
    count: int
    comments: list[CommentOut]


class CommentIn(Schema):
    story: int = Field(ge=1, le=BIGGEST_ID)
    body: str
    parent: int | None = Field(None, ge=1, le=BIGGEST_ID)


class CommentEdit(Schema):
    body: str


class ReportIn(Schema):
    reason: str = Field("", max_length=200)


class ReportOut(Schema):
    comment: int
    held: bool = Field(description="Whether enough readers reported it to hold it")


class DecisionIn(Schema):
    reason: str = Field("", max_length=200)


class StoryQuery(Schema):
    story: int = Field(ge=1, le=BIGGEST_ID)


def _out(entry: ThreadEntry) -> CommentOut:
    comment = entry.comment
    shown = entry.html is not None
    return CommentOut(
        id=comment.pk,
        story=comment.story_id,
        parent=comment.parent_id,
        depth=entry.depth,
        author=public_name(comment.author) if shown and comment.author else None,
        body=comment.body if shown else "",
        html=str(entry.html) if shown else "",
        status=comment.status,
        placeholder=entry.placeholder,
        note=entry.note,
        created_at=comment.created_at,
        edited_at=comment.edited_at if shown else None,
        can_reply=entry.can_reply,
        can_edit=entry.can_edit,
        can_delete=entry.can_delete,
        can_report=entry.can_report,
    )


def _refused(error: CommentError) -> ApiError:
    if isinstance(error, CommentNotFoundError):
        return ApiError(404, str(error))
    if isinstance(error, CommentForbiddenError):
        return ApiError(403, str(error))
    if isinstance(error, DuplicateCommentError):
        return ApiError(409, str(error), code="duplicate")
    if isinstance(error, CommentRateLimitedError):
        return ApiError(429, str(error))
    return ApiError(422, str(error))


def _as_seen(request: HttpRequest, comment_id: int) -> CommentOut:
    entry = comments.entry_of(comment_id, request.user, timezone.now())
    if entry is None:
        raise ApiError(404, "That comment does not exist.")
    return _out(entry)


@router.get(
    "",
    response={200: ThreadOut, **NOT_FOUND},
    auth=optional_auth,
    summary="A story's comment thread",
)
@decorate_view(never_cache)
def thread(request: HttpRequest, query: Query[StoryQuery]) -> ThreadOut:
    found = comments.thread(query.story, request.user, timezone.now())
    if found is None:
        raise ApiError(404, "No such story")
    return ThreadOut(
        story=found.story.pk, count=found.count, comments=[_out(e) for e in found.flat()]
    )


@router.post(
    "",
    response={201: CommentOut, **NOT_FOUND_OR_TWICE},
    auth=reader_auth,
    summary="Post a comment or reply",
)
@decorate_view(never_cache)
def post(request: HttpRequest, data: CommentIn) -> tuple[int, CommentOut]:
    try:
        posted = comments.post_comment(
            request.user,
            data.story,
            data.body,
            timezone.now(),
            ip=str(request.META.get("REMOTE_ADDR", "") or ""),
            parent_id=data.parent,
        )
    except CommentError as error:
        raise _refused(error) from error
    return 201, _as_seen(request, posted.pk)


@router.patch(
    "/{comment_id}",
    response={200: CommentOut, **NOT_FOUND},
    auth=reader_auth,
    summary="Edit a comment",
)
@decorate_view(never_cache)
def edit(request: HttpRequest, data: CommentEdit, comment_id: int = ROW_ID) -> CommentOut:
    try:
        comments.edit_comment(request.user, comment_id, data.body, timezone.now())
    except CommentError as error:
        raise _refused(error) from error
    return _as_seen(request, comment_id)


@router.delete(
    "/{comment_id}", response={204: None, **NOT_FOUND}, auth=reader_auth, summary="Delete a comment"
)
@decorate_view(never_cache)
def delete(request: HttpRequest, comment_id: int = ROW_ID) -> tuple[int, None]:
    try:
        comments.delete_comment(request.user, comment_id, timezone.now())
    except CommentError as error:
        raise _refused(error) from error
    return 204, None


@router.post(
    "/{comment_id}/report",
    response={201: ReportOut, **NOT_FOUND_OR_TWICE},
    auth=reader_auth,
    summary="Report a comment",
)
@decorate_view(never_cache)
def report(request: HttpRequest, data: ReportIn, comment_id: int = ROW_ID) -> tuple[int, ReportOut]:
    try:
        reported = comments.report_comment(request.user, comment_id, data.reason, timezone.now())
    except CommentError as error:
        raise _refused(error) from error
    return 201, ReportOut(comment=reported.pk, held=reported.status == "held")


@router.post(
    "/{comment_id}/hide",
    response={200: CommentOut, **NOT_FOUND},
    auth=reader_auth,
    summary="Moderators",
)
@decorate_view(never_cache)
def hide(request: HttpRequest, data: DecisionIn, comment_id: int = ROW_ID) -> CommentOut:
    try:
        comments.hide_comment(request.user, comment_id, data.reason, timezone.now())
    except CommentError as error:
        raise _refused(error) from error
    return _as_seen(request, comment_id)


@router.post(
    "/{comment_id}/restore",
    response={200: CommentOut, **NOT_FOUND},
    auth=reader_auth,
    summary="Moderators",
)
@decorate_view(never_cache)
def restore(request: HttpRequest, data: DecisionIn, comment_id: int = ROW_ID) -> CommentOut:
    try:
        comments.restore_comment(request.user, comment_id, data.reason, timezone.now())
    except CommentError as error:
        raise _refused(error) from error
    return _as_seen(request, comment_id)


@router.post(
    "/{comment_id}/ban-author",
    response={200: CommentOut, **NOT_FOUND},
    auth=reader_auth,
    summary="Moderators",
)
@decorate_view(never_cache)
def ban_author(request: HttpRequest, data: DecisionIn, comment_id: int = ROW_ID) -> CommentOut:
    try:
        comments.ban_author(request.user, comment_id, data.reason, timezone.now())
    except CommentError as error:
        raise _refused(error) from error
    return _as_seen(request, comment_id)

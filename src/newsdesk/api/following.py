"""API routes under /api/v1/me: follows, mutes, the reading list, reading history and "For you".

Every route acts for the signed-in reader only (``reader_auth``): ids in paths are looked up
among the reader's own rows, so nobody can read or change another reader's follows, list or
history. Answers are never cached: they are per reader, and the page cache keys on the URL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from newsdesk.api.auth import reader_auth
from newsdesk.api.caching import private
from newsdesk.api.errors import ApiError
from newsdesk.api.pagination import NewestFirst
from newsdesk.api.schemas import IMAGE_URL_DESCRIPTION, ErrorBody, kept_image_url
from newsdesk.articles.models import Article
from newsdesk.desk.readers import following, history, saved
from newsdesk.desk.readers.for_you import Position, for_you
from newsdesk.readers.models import Follow, FollowKind

router = Router(auth=reader_auth)


class SourceRef(Schema):
    slug: str
    name: str


class ListedArticle(Schema):
    """An article in a reader's own lists (reading list, history, "For you"). Its page on this
    site is a ``path``, which the web app's offline reading list keeps; the other lists of the API
    answer with ``ArticleCard``."""

    id: int
    title: str
    path: str = Field(description="The article's page on this site (redirects to its full address)")
    original_url: str
    source: SourceRef
    published_at: datetime | None
    description: str
    image_url: str = Field(description=IMAGE_URL_DESCRIPTION)

    @staticmethod
    def resolve_path(article: Article) -> str:
        return reverse("web:article-short", args=[article.pk])

    @staticmethod
    def resolve_original_url(article: Article) -> str:
        return article.url

    @staticmethod
    def resolve_image_url(article: Article, context: dict[str, Any]) -> str:
        return kept_image_url(context["request"], article)


class FollowIn(Schema):
    kind: FollowKind
    value: str = Field(max_length=200)


class FollowOut(Schema):
    id: int
    kind: str
    value: str
    label: str
    created_at: datetime


class MuteIn(Schema):
    source: str = Field(max_length=120, description="The source's slug")


class MuteOut(Schema):
    source: SourceRef
    created_at: datetime


class SavedOut(Schema):
    article: ListedArticle
    saved_at: datetime


class SyncIn(Schema):
    article_ids: list[int] = Field(max_length=saved.MAX_SYNC_IDS)


class ReadOut(Schema):
    article: ListedArticle
    read_at: datetime


class Pick(Schema):
    article: ListedArticle
    score: float
    reasons: list[str]


class ForYouOut(Schema):
    results: list[Pick]
    next: str | None = Field(description="Cursor of the next page; none at the end")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _follow_out(entry: following.FollowEntry) -> dict[str, Any]:
    item: Follow = entry.follow
    return {
        "id": item.pk,
        "kind": item.kind,
        "value": item.value,
        "label": entry.label,
        "created_at": item.created_at,
    }


@router.get("/follows", response=list[FollowOut], summary="What you follow")
@private
def list_follows(request: HttpRequest) -> Any:
    return [_follow_out(entry) for entry in following.described_follows(_user(request))]


@router.post(
    "/follows", response={201: FollowOut}, summary="Follow a source, story, topic or region"
)
def add_follow(request: HttpRequest, data: FollowIn) -> Any:
    user = _user(request)
    try:
        made = following.follow(user, data.kind, data.value, timezone.now())
    except following.FollowError as error:
        raise ApiError(422, str(error), code="invalid_follow") from error
    entry = next(e for e in following.described_follows(user) if e.follow.pk == made.pk)
    return 201, _follow_out(entry)


@router.delete(
    "/follows/{int:follow_id}", response={204: None, 404: ErrorBody}, summary="Stop following"
)
def remove_follow(request: HttpRequest, follow_id: int) -> Any:
    if not following.unfollow_by_id(_user(request), follow_id):
        raise ApiError(404, "You do not follow that")
    return 204, None


@router.get("/mutes", response=list[MuteOut], summary="Sources you muted")
@private
def list_mutes(request: HttpRequest) -> Any:
    return following.mutes_of(_user(request))


@router.post("/mutes", response={201: MuteOut, 404: ErrorBody}, summary="Mute a source")
def add_mute(request: HttpRequest, data: MuteIn) -> Any:
    try:
        return 201, following.mute(_user(request), data.source)
    except following.FollowError as error:
        raise ApiError(404, str(error)) from error


@router.delete(
    "/mutes/{source_slug}", response={204: None, 404: ErrorBody}, summary="Unmute a source"
)
def remove_mute(request: HttpRequest, source_slug: str) -> Any:
    if not following.unmute(_user(request), source_slug):
        raise ApiError(404, "That source is not muted")
    return 204, None


@router.get("/saved", response=list[SavedOut], summary="Your reading list, newest first")
@private
@paginate(NewestFirst, ordering=("-saved_at", "-id"))
def list_saved(request: HttpRequest) -> Any:
    return saved.saved_articles(_user(request))


@router.put(
    "/saved/{int:article_id}", response={200: SavedOut, 404: ErrorBody}, summary="Save an article"
)
def save_article(request: HttpRequest, article_id: int) -> Any:
    try:
        row = saved.save(_user(request), article_id, timezone.now())
    except saved.SavedError as error:
        raise ApiError(404, str(error)) from error
    return saved.saved_articles(_user(request)).get(pk=row.pk)


@router.delete(
    "/saved/{int:article_id}",
    response={204: None, 404: ErrorBody},
    summary="Remove from the list",
)
def unsave_article(request: HttpRequest, article_id: int) -> Any:
    if not saved.unsave(_user(request), article_id):
        raise ApiError(404, "That article is not on your list")
    return 204, None


@router.post("/saved/sync", response=list[SavedOut], summary="Merge a device's reading list")
def sync_saved(request: HttpRequest, data: SyncIn) -> Any:
    """The union of the device's list and yours, newest first; unknown ids are ignored."""
    return saved.sync_saved(_user(request), data.article_ids, timezone.now())


@router.get("/history", response=list[ReadOut], summary="What you read, most recent first")
@private
@paginate(NewestFirst, ordering=("-read_at", "-id"))
def list_history(request: HttpRequest) -> Any:
    return history.read_history(_user(request))


@router.put(
    "/read/{int:article_id}",
    response={200: ReadOut, 404: ErrorBody},
    summary="Mark an article read",
)
def mark_read(request: HttpRequest, article_id: int) -> Any:
    try:
        row = history.mark_read(_user(request), article_id, timezone.now())
    except history.HistoryError as error:
        raise ApiError(404, str(error)) from error
    return history.read_history(_user(request)).get(pk=row.pk)


@router.delete(
    "/read/{int:article_id}",
    response={204: None, 404: ErrorBody},
    summary="Mark an article unread",
)
def mark_unread(request: HttpRequest, article_id: int) -> Any:
    if not history.mark_unread(_user(request), article_id):
        raise ApiError(404, "That article is not marked read")
    return 204, None


@router.get("/for-you", response={200: ForYouOut, 400: ErrorBody}, summary="Your ranked feed")
@private
def list_for_you(
    request: HttpRequest, cursor: str = "", page_size: int = Query(20, ge=1, le=100)
) -> Any:
    """Recent articles ranked by your follows and reading (the formula is in the docs)."""
    position = Position.parse(cursor) if cursor else None
    if cursor and position is None:
        raise ApiError(400, "That cursor is not valid", code="bad_cursor")
    page = for_you(_user(request), timezone.now(), page_size, before=position)
    return {"results": page.picks, "next": page.next.token() if page.next else None}

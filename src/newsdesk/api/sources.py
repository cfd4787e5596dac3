"""API routes: sources (every publisher, one with its feeds' health for staff, its articles).

A source's answer differs for staff (the health of its feeds), so it varies on the caller and
staff answers are never stored by any cache.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.pagination import paginate

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import public, vary_by_caller
from newsdesk.api.errors import ApiError
from newsdesk.api.pagination import NewestFirst
from newsdesk.api.schemas import ArticleCard, ErrorBody, SourceOut, article_card, source_out
from newsdesk.articles.models import Article
from newsdesk.desk import api_reading, reading
from newsdesk.sources.models import Feed, Source

router = Router()


class FeedHealth(Schema):
    url: str
    status: str  # active | paused | retired
    status_reason: str
    last_checked_at: datetime | None
    last_success_at: datetime | None
    last_status: int | None
    last_error: str
    consecutive_failures: int
    next_check_at: datetime | None


class SourceDetail(SourceOut):
    feeds: list[FeedHealth] | None  # only for staff; None for everyone else


def _source(slug: str) -> Source:
    found = reading.source_by_slug(slug)
    if found is None:
        raise ApiError(404, "No such source")
    return found


def _health(feed: Feed) -> FeedHealth:
    return FeedHealth(
        url=feed.url,
        status=feed.status,
        status_reason=feed.status_reason,
        last_checked_at=feed.last_checked_at,
        last_success_at=feed.last_success_at,
        last_status=feed.last_status,
        last_error=feed.last_error,
        consecutive_failures=feed.consecutive_failures,
        next_check_at=feed.next_check_at,
    )


@router.get("", response={200: list[SourceOut]}, auth=optional_auth, summary="Every source")
@public
def list_sources(request: HttpRequest) -> list[SourceOut]:
    """Every source, by name, with its rights policy."""
    return [source_out(request, source) for source in api_reading.sources()]


@router.get(
    "/{slug}", response={200: SourceDetail, 404: ErrorBody}, auth=optional_auth, summary="A source"
)
def get_source(request: HttpRequest, response: HttpResponse, slug: str) -> SourceDetail:
    """One source; staff also see the health of its feeds, failing ones first."""
    found = _source(slug)
    staff = bool(request.user.is_authenticated and request.user.is_staff)
    vary_by_caller(request, response, personal=staff)
    feeds = [_health(feed) for feed in reading.source_feed_health(found)] if staff else None
    return SourceDetail(**source_out(request, found).model_dump(), feeds=feeds)


@router.get(
    "/{slug}/articles",
    response={200: list[ArticleCard], 404: ErrorBody},
    auth=optional_auth,
    summary="A source's articles",
)
@paginate(NewestFirst, ordering=("-published_at", "-id"), card=article_card, screened=True)
def source_articles(request: HttpRequest, response: HttpResponse, slug: str) -> QuerySet[Article]:
    """The source's newest ready articles, copies of others left out."""
    vary_by_caller(request, response, personal=False)  # a reader's own rules make it theirs
    return api_reading.article_cards(_source(slug))

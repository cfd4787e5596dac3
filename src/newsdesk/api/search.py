"""API routes: full-text search of ready articles (``newsdesk.desk.search``), best first.

Search is ranked, so it is paged by ``offset`` and ``limit`` like the search page, not by a
cursor; the offset is capped (deeper results are the sitemap's job). Until topics have a model
of their own, ``/search/topics/{term}`` searches the topic as a term. Snippets are safe HTML
(escaped text, matches in ``<mark>``); a link-only source's hits carry none.
"""

from datetime import UTC, date, datetime, time

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import vary_by_caller
from newsdesk.api.rules import screened_rows
from newsdesk.api.schemas import ArticleCard, article_card
from newsdesk.desk import reading
from newsdesk.desk.search import MAX_LIMIT, MAX_QUERY_CHARS, SearchHit, search_articles
from newsdesk.sources.models import RightsPolicy

router = Router()

MAX_OFFSET = 10_000
PAGE_SIZE = 20


class Filters(Schema):
    source: str = Field("", max_length=120, description="a source's slug")
    since: date | None = Field(None, description="published on or after this day (UTC)")
    lang: str = Field("", max_length=16, description='a language code; "en" takes "en-GB"')
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SearchParams(Filters):
    q: str = Field("", max_length=MAX_QUERY_CHARS, description='words; "a phrase"; prefix*')


class SearchHitOut(Schema):
    article: ArticleCard
    snippet: str
    rank: float


class SearchOut(Schema):
    query: str
    total: int
    offset: int
    limit: int
    next_offset: int | None
    results: list[SearchHitOut]


@router.get("", response={200: SearchOut}, auth=optional_auth, summary="Search articles")
def search(request: HttpRequest, response: HttpResponse, params: Query[SearchParams]) -> SearchOut:
    """Ready articles matching ``q``, best first; an unknown source finds nothing."""
    return _search(request, response, params.q, params)


@router.get(
    "/topics/{term}", response={200: SearchOut}, auth=optional_auth, summary="Articles on a topic"
)
def topic(
    request: HttpRequest,
    response: HttpResponse,
    params: Query[Filters],
    term: str = Path(..., max_length=MAX_QUERY_CHARS),
) -> SearchOut:
    """A topic's articles: the topic searched as a term (places and topics of their own come
    later), best first."""
    return _search(request, response, term, params)


def _search(request: HttpRequest, response: HttpResponse, query: str, params: Filters) -> SearchOut:
    vary_by_caller(request, response, personal=False)  # a reader's own rules make it theirs
    source = reading.source_by_slug(params.source) if params.source else None
    if params.source and source is None:
        return SearchOut(
            query=query,
            total=0,
            offset=params.offset,
            limit=params.limit,
            next_offset=None,
            results=[],
        )
    since = datetime.combine(params.since, time.min, tzinfo=UTC) if params.since else None
    found = search_articles(
        query,
        source_id=source.pk if source else None,
        since=since,
        language=params.lang,
        limit=params.limit,
        offset=params.offset,
    )
    results = [
        SearchHitOut(
            article=article_card(request, hit.article),
            snippet="" if hit.article.source.rights == RightsPolicy.LINK_ONLY else hit.snippet,
            rank=hit.rank,
        )
        for hit in _screened(request, response, found.hits)
    ]
    end = params.offset + params.limit
    more = end < found.total and end <= MAX_OFFSET
    return SearchOut(
        query=query,
        total=found.total,
        offset=params.offset,
        limit=params.limit,
        next_offset=end if more else None,
        results=results,
    )


def _screened(
    request: HttpRequest, response: HttpResponse, hits: list[SearchHit]
) -> list[SearchHit]:
    """The hits whose articles the caller's rules let through."""
    kept = {id(article) for article in screened_rows(request, response, [h.article for h in hits])}
    return [hit for hit in hits if id(hit.article) in kept]

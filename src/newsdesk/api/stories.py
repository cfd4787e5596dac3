"""API routes: stories (live stories newest first, one story's page data, related stories).

The list's answer for everyone is kept whole, keyed by the story list's version
(``api.shared_answers``); a reader's own answer is computed every time.

A merged story's id keeps working: ``GET /stories/{id}`` answers with the live story it joined
(following merges), and says so in ``merged_from``; apps should then use the new ``id``.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import public
from newsdesk.api.editions import StoryFilters, filter_stories, story_choice
from newsdesk.api.errors import ApiError
from newsdesk.api.origins import OriginsOut, origins_out
from newsdesk.api.pagination import NewestFirst
from newsdesk.api.schemas import (
    ROW_ID,
    ArticleCard,
    ErrorBody,
    SourceBrief,
    StoryCard,
    article_card,
    lead_story_card,
    source_brief,
    story_card,
    story_web_url,
)
from newsdesk.api.shared_answers import shared_answer
from newsdesk.desk import api_reading
from newsdesk.desk.readers.rules import screen_for
from newsdesk.desk.stories import claims as story_claims
from newsdesk.desk.stories import reading as story_reading
from newsdesk.desk.stories.coverage import story_spread
from newsdesk.stories.models import Story

router = Router()


class StoryArticleOut(Schema):
    article: ArticleCard
    fit_percent: int | None  # how well it fits the story; None for the article that started it
    shared_names: list[str]  # names it shares with the rest of the story
    copies: list[ArticleCard]  # the same text published again by other sources


class CoverageGroup(Schema):
    source: SourceBrief
    articles: list[StoryArticleOut]


class ClaimCitation(Schema):
    article_id: int
    source: str
    sentence: str  # the sentence of the article the claim rests on
    value: str  # the number, date or quote as the article writes it ("" for an action)
    side: str  # in a contradiction "a" or "b"; "" otherwise


class ClaimOut(Schema):
    kind: str  # number, score, date, time, place, quote or actor
    status: str  # corroborated, contradicted or single-source
    sources: int
    citations: list[ClaimCitation]


class ClaimMapOut(Schema):
    """Statements compared across the story's sources, by rules (not a person)."""

    agreed: list[ClaimOut]  # stated alike by two or more sources, the most sources first
    differ: list[ClaimOut]  # stated differently: both sides cited
    single_source: list[ClaimOut]  # stated by one source only
    counts: dict[str, int]  # claims of each status in all (the lists are the first few)


class StoryOut(Schema):
    id: int
    headline: str
    article_count: int
    source_count: int
    first_published_at: datetime | None
    last_published_at: datetime | None
    web_url: str
    merged_from: int | None  # the id asked for, when that story was merged into this one
    lead: StoryArticleOut | None
    timeline: list[StoryArticleOut]  # oldest first
    coverage: list[CoverageGroup]  # by source, the source with most articles first
    truncated: bool  # the story has more articles than listed
    claims: ClaimMapOut | None  # None when fewer than two sources can be compared
    origins: OriginsOut  # its sources by country, region and language


def _claim(claim: story_claims.ShownClaim) -> ClaimOut:
    return ClaimOut(
        kind=claim.kind,
        status=claim.status,
        sources=claim.sources,
        citations=[
            ClaimCitation(
                article_id=c.article.pk,
                source=c.article.source.name,
                sentence=c.sentence,
                value=c.written,
                side=c.side,
            )
            for c in claim.citations
        ],
    )


def _claim_map(story: Story) -> ClaimMapOut | None:
    found = story_claims.story_claims(story)
    if found is None:
        return None
    return ClaimMapOut(
        agreed=[_claim(c) for c in found.agreed],
        differ=[_claim(c) for c in found.differ],
        single_source=[_claim(c) for c in found.single],
        counts=found.counts,
    )


def _entry(request: HttpRequest, entry: story_reading.StoryArticle) -> StoryArticleOut:
    return StoryArticleOut(
        article=article_card(request, entry.article),
        fit_percent=entry.percent,
        shared_names=entry.shared_entities,
        copies=[article_card(request, copy) for copy in entry.copies],
    )


def _live_story(story_id: int) -> Story:
    story = story_reading.resolve_story(story_id)
    if story is None or story.merged_into_id is not None:
        raise ApiError(404, "No such story")
    return story


def _shared(request: HttpRequest, filters: StoryFilters, **inputs: object) -> bool:
    """Whether the list answers this caller as it answers everyone (decision 55): no personal
    filter, and no rule of their own (site-wide rules apply to everyone alike)."""
    if story_choice(request, filters).personal:
        return False
    return not screen_for(request.user).personal


@router.get("", response={200: list[StoryCard]}, auth=optional_auth, summary="Live stories")
@shared_answer(_shared, fields=tuple(NewestFirst.Output.model_fields))
@paginate(
    NewestFirst,
    ordering=("-last_published_at", "-id"),
    card=lead_story_card,
    screened=True,
)
def list_stories(
    request: HttpRequest, response: HttpResponse, filters: Query[StoryFilters]
) -> QuerySet[Story]:
    """Live stories, the most recently updated first, each with its lead article; by language,
    country or edition (a signed-in reader's languages apply when no language is given)."""
    return filter_stories(request, response, api_reading.live_stories(), filters)


@router.get(
    "/{story_id}",
    response={200: StoryOut, 404: ErrorBody},
    auth=optional_auth,
    summary="One story",
)
@public
def get_story(request: HttpRequest, story_id: int = ROW_ID) -> StoryOut:
    """The story page's data: its articles as a timeline and grouped by source.

    A story merged into another answers with the live story, ``merged_from`` naming the id asked
    for.
    """
    story = _live_story(story_id)
    page = story_reading.story_page(story)
    if not page.timeline:
        raise ApiError(404, "No articles in this story")
    api_reading.complete_cards(
        [a for entry in page.timeline for a in (entry.article, *entry.copies)]
    )
    return StoryOut(
        id=story.pk,
        headline=story.headline,
        article_count=page.article_count,
        source_count=page.source_count,
        first_published_at=story.first_published_at,
        last_published_at=story.last_published_at,
        web_url=story_web_url(request, story),
        merged_from=story_id if story.pk != story_id else None,
        lead=_entry(request, page.lead) if page.lead is not None else None,
        timeline=[_entry(request, entry) for entry in page.timeline],
        coverage=[
            CoverageGroup(
                source=source_brief(group.source),
                articles=[_entry(request, entry) for entry in group.articles],
            )
            for group in page.groups
        ],
        truncated=page.truncated,
        claims=_claim_map(story),
        origins=origins_out(story_spread(story.pk)),
    )


@router.get(
    "/{story_id}/related",
    response={200: list[StoryCard], 404: ErrorBody},
    auth=optional_auth,
    summary="Stories like this one",
)
@public
def related(request: HttpRequest, story_id: int = ROW_ID) -> list[StoryCard]:
    """Recent live stories most like this one (as the article page lists them)."""
    story = _live_story(story_id)
    page = story_reading.story_page(story, limit=1)
    if page.lead is None:
        raise ApiError(404, "No articles in this story")
    cards = story_reading.related_stories(page.lead.article, story)
    return [story_card(request, card.story, card.lead) for card in cards]

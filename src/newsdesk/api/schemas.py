"""Shapes the API answers with, shared by its routers, and the builders that fill them.

Cards (an article or a story in a list) are small; the full article and story shapes are in
their routers. Cards are plain pydantic models, not ninja Schemas: they are always built here
from known values, so they skip the Schema's per-field ORM lookup, which cost more than the
database on a page of twenty stories. The source's rights policy is applied in
``article_card``: a link-only source's card carries no excerpt, whatever its feed said.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.text import slugify
from ninja import Field, Path, Schema
from pydantic import BaseModel

from newsdesk.articles.models import Article
from newsdesk.desk.media import article_image
from newsdesk.desk.readers.subscriptions import icon_url_of
from newsdesk.desk.reading import web_url
from newsdesk.sources.models import RightsPolicy, Source
from newsdesk.stories.models import Story

SLUG_LENGTH = 80
#: A row id in a path: the databases' BIGINT, so no id is too large for a query.
ROW_ID = Path(..., ge=1, le=2**63 - 1)
CARD_EXCERPT_CHARS = 220
IMAGE_URL_DESCRIPTION = (
    "This site's copy of the lead image (absolute; never the publisher's address, so apps do "
    'not contact publishers); "" when there is none yet'
)
OWNERSHIP_DESCRIPTION = (
    "Who controls the source: public (public broadcaster), state (state-controlled: apps label "
    'its articles), private, nonprofit, wire (wire service), or "" when not known'
)
CLICKBAIT_DESCRIPTION = "The headline was judged clickbait when the article was stored"


class ErrorDetail(Schema):
    status: int
    code: str
    message: str
    details: list[dict[str, object]]


class ErrorBody(Schema):
    """Every failure: ``{"error": {status, code, message, details}}``."""

    error: ErrorDetail


class SourceBrief(BaseModel):
    slug: str
    name: str
    ownership: str = Field(description=OWNERSHIP_DESCRIPTION)


class SourceOut(Schema):
    slug: str
    name: str
    home_url: str
    logo_url: str = Field(
        description="This site's copy of the publisher's logo (absolute), \"\" until one is kept"
    )
    country: str
    language: str
    languages: str = Field(description='The languages it publishes in, "en, ar"; "" unknown')
    owner: str
    ownership: str = Field(description=OWNERSHIP_DESCRIPTION)
    facts_citation: str = Field(description="Where country, languages and owner come from")
    rights: str  # full | excerpt | link
    ai_allowed: bool
    web_url: str


class ArticleCard(BaseModel):
    id: int
    title: str
    clickbait: bool = Field(description=CLICKBAIT_DESCRIPTION)
    source: SourceBrief
    published_at: datetime | None
    language: str
    excerpt: str  # empty for link-only sources
    image_url: str = Field(description=IMAGE_URL_DESCRIPTION)
    url: str  # the original, at its publisher
    web_url: str  # the article's page on this site


class StoryCard(BaseModel):
    id: int
    headline: str
    article_count: int
    source_count: int
    first_published_at: datetime | None
    last_published_at: datetime | None
    lead: ArticleCard | None
    web_url: str


def _slug(text: str, fallback: str) -> str:
    return slugify(text)[:SLUG_LENGTH].strip("-") or fallback


def article_web_url(request: HttpRequest, article: Article) -> str:
    path = _page_path("web:article", article.pk, _slug(article.title, "article"))
    return request.build_absolute_uri(path)


def story_web_url(request: HttpRequest, story: Story) -> str:
    path = _page_path("web:story", story.pk, _slug(story.headline, "story"))
    return request.build_absolute_uri(path)


_ID_MARK, _SLUG_MARK = 918273645546372819, "slug-mark"
_PAGE_PATHS: dict[tuple[str, str], tuple[str, str, str]] = {}


def _page_path(name: str, pk: int, slug: str) -> str:
    """``reverse(name, args=[pk, slug])`` for a page addressed by an id and a slug, from one
    ``reverse`` a name and script prefix (a card list asked for two each card, a fifth of its
    cost). A slug from ``_slug`` is ASCII letters, digits and hyphens, which ``reverse`` writes
    as they are."""
    key = (name, get_script_prefix())
    parts = _PAGE_PATHS.get(key)
    if parts is None:
        marked = reverse(name, args=[_ID_MARK, _SLUG_MARK])
        before, rest = marked.split(str(_ID_MARK), 1)
        middle, after = rest.split(_SLUG_MARK, 1)
        parts = _PAGE_PATHS[key] = (before, middle, after)
    return f"{parts[0]}{pk}{parts[1]}{slug}{parts[2]}"


def source_web_url(request: HttpRequest, source: Source) -> str:
    return request.build_absolute_uri(reverse("web:source", args=[source.slug]))


def source_brief(source: Source) -> SourceBrief:
    return SourceBrief(slug=source.slug, name=source.name, ownership=source.ownership)


def source_out(request: HttpRequest, source: Source) -> SourceOut:
    return SourceOut(
        slug=source.slug,
        name=source.name,
        home_url=web_url(source.home_url),
        logo_url=request.build_absolute_uri(icon_url_of(source)) if source.logo_version else "",
        country=source.country,
        language=source.language,
        languages=source.languages,
        owner=source.owner,
        ownership=source.ownership,
        facts_citation=source.facts_citation,
        rights=source.rights,
        ai_allowed=source.ai_allowed,
        web_url=source_web_url(request, source),
    )


def card_excerpt(article: Article) -> str:
    """What a card shows of the article: nothing for link-only sources, else the description."""
    if article.source.rights == RightsPolicy.LINK_ONLY:
        return ""
    return shorten(article.description, CARD_EXCERPT_CHARS)


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word and ended with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


def kept_image_url(request: HttpRequest, article: Article) -> str:
    """The absolute address of this site's copy of an article's lead image, or ""."""
    shown = article_image(article)
    return request.build_absolute_uri(shown.src) if shown else ""


def article_card(request: HttpRequest, article: Article) -> ArticleCard:
    return ArticleCard.model_validate(article_card_data(request, article))


def article_card_data(request: HttpRequest, article: Article) -> dict[str, Any]:
    """An ``ArticleCard`` as plain data, its fields in the schema's order."""
    return {
        "id": article.pk,
        "title": article.title,
        "clickbait": bool(article.clickbait),
        "source": {
            "slug": article.source.slug,
            "name": article.source.name,
            "ownership": article.source.ownership,
        },
        "published_at": article.published_at,
        "language": article.language,
        "excerpt": card_excerpt(article),
        "image_url": kept_image_url(request, article),
        "url": web_url(article.url),
        "web_url": article_web_url(request, article),
    }


def lead_story_card(request: HttpRequest, story: Story) -> dict[str, Any]:
    """A story's card with its own lead article, as plain data: the card of the paged story
    lists, written out without a second validation (``api.story_list``)."""
    return story_card_data(request, story, story.lead_article)


def story_card(request: HttpRequest, story: Story, lead: Article | None) -> StoryCard:
    return StoryCard.model_validate(story_card_data(request, story, lead))


def story_card_data(request: HttpRequest, story: Story, lead: Article | None) -> dict[str, Any]:
    """A ``StoryCard`` as plain data, its fields in the schema's order."""
    return {
        "id": story.pk,
        "headline": story.headline,
        "article_count": story.article_count,
        "source_count": story.source_count,
        "first_published_at": story.first_published_at,
        "last_published_at": story.last_published_at,
        "lead": article_card_data(request, lead) if lead is not None else None,
        "web_url": story_web_url(request, story),
    }

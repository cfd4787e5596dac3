"""API routes: articles (the newest ready articles, one article as its page shows it).

The body follows the source's rights policy exactly as the article page does
(``newsdesk.desk.reading.readable_body``): ``full`` carries the sanitized HTML, ``excerpt`` only
the description, ``link`` nothing but the address of the original.

An episode (a podcast's or a video channel's item) lists its audio and video files at the
publisher's addresses (``enclosures``), and for a signed-in reader where they stopped
(``playback``); its answer is then kept to that reader (decision 68).
"""

from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import PUBLIC_SECONDS, vary_by_caller
from newsdesk.api.errors import ApiError
from newsdesk.api.pagination import NewestFirst
from newsdesk.api.playback import PlaybackOut, playback_out
from newsdesk.api.schemas import (
    CLICKBAIT_DESCRIPTION,
    IMAGE_URL_DESCRIPTION,
    ROW_ID,
    ArticleCard,
    ErrorBody,
    SourceOut,
    StoryCard,
    article_card,
    article_web_url,
    kept_image_url,
    source_out,
    story_card,
)
from newsdesk.articles.models import Article
from newsdesk.desk import api_reading, episodes, reading
from newsdesk.desk.editions import articles_in_languages, reader_languages
from newsdesk.desk.readers import playback
from newsdesk.desk.stories import reading as story_reading

router = Router()


class ArticleFilters(Schema):
    source: str = Field("", max_length=120, description="a source's slug")
    language: str = Field("", max_length=16, description='a language code; "en" takes "en-GB"')


class BodyOut(Schema):
    mode: str  # full | excerpt | link
    html: str = Field(
        description='The sanitized body; empty unless mode is "full". Its images are this '
        "site's copies (absolute addresses); an image not kept is left out"
    )
    excerpt: str  # the description; empty when mode is "link"


class NeutralTitleOut(Schema):
    text: str = Field(description="A neutral headline a language model wrote from the body")
    cites: list[str] = Field(description="The ids of the body's sentences it rests on")


class EnclosureOut(Schema):
    url: str = Field(description="The file at its publisher (played from there, never relayed)")
    type: str = Field(description='Its media type: "audio/mpeg", "video/mp4"…')
    length: int | None = Field(description="Its size in bytes, when the feed gave it")
    duration: int | None = Field(description="Its length in seconds, when the feed gave it")


class ArticleOut(Schema):
    id: int
    title: str
    clickbait: bool = Field(description=CLICKBAIT_DESCRIPTION)
    neutral_title: NeutralTitleOut | None = Field(
        description="Offered for a clickbait headline when a language model is configured; "
        "rewritten, never the publisher's"
    )
    source: SourceOut
    byline: str
    published_at: datetime | None
    language: str
    image_url: str = Field(description=IMAGE_URL_DESCRIPTION)
    body: BodyOut
    url: str  # the original, at its publisher
    web_url: str
    story_id: int | None  # the live story the article belongs to
    related_stories: list[StoryCard]
    related: list[ArticleCard]  # the source's newest others, when there are no related stories
    enclosures: list[EnclosureOut] = Field(
        description="The audio and video files of an episode (none for a link-only source)"
    )
    playback: PlaybackOut | None = Field(
        description="Where the signed-in reader stopped in the first file; null for visitors "
        "and articles without files"
    )


@router.get("", response={200: list[ArticleCard]}, auth=optional_auth, summary="Newest articles")
@paginate(NewestFirst, ordering=("-published_at", "-id"), card=article_card, screened=True)
def list_articles(
    request: HttpRequest, response: HttpResponse, filters: Query[ArticleFilters]
) -> QuerySet[Article]:
    """The newest ready articles, copies of others left out; by source and language (a
    signed-in reader's languages apply when no language is given)."""
    languages = [] if filters.language else reader_languages(request.user)
    vary_by_caller(request, response, personal=bool(languages))
    source = None
    if filters.source:
        source = reading.source_by_slug(filters.source)
        if source is None:
            return api_reading.article_cards().none()
    articles = api_reading.article_cards(source, filters.language)
    return articles_in_languages(articles, languages)


@router.get(
    "/{article_id}",
    response={200: ArticleOut, 404: ErrorBody},
    auth=optional_auth,
    summary="One article",
)
def get_article(
    request: HttpRequest, response: HttpResponse, article_id: int = ROW_ID
) -> ArticleOut:
    """An article as its page shows it, the body cut to what its source allows."""
    article = reading.article_with_source(article_id)
    if article is None:
        raise ApiError(404, "No such article")
    body = reading.readable_body(article, request.build_absolute_uri)
    files = [] if body.mode == reading.BodyMode.LINK else _enclosures(article)
    reader = request.user if isinstance(request.user, User) and files else None
    if files:  # the reader's place is in the answer: kept to them
        vary_by_caller(request, response, personal=reader is not None)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    story = story_reading.article_story(article.pk)
    related_stories = story_reading.related_stories(article, story)
    others = [] if related_stories else reading.related_articles(article)
    return ArticleOut(
        id=article.pk,
        title=article.title,
        clickbait=bool(article.clickbait),
        neutral_title=_neutral_title(article),
        source=source_out(request, article.source),
        byline=article.byline,
        published_at=article.published_at,
        language=article.language,
        image_url=kept_image_url(request, article),
        body=BodyOut(mode=body.mode, html=body.html, excerpt=body.excerpt),
        url=reading.web_url(article.url),
        web_url=article_web_url(request, article),
        story_id=story.pk if story is not None else None,
        related_stories=[story_card(request, card.story, card.lead) for card in related_stories],
        related=[article_card(request, other) for other in others],
        enclosures=files,
        playback=playback_out(playback.place_of(reader, article.pk)) if reader else None,
    )


def _enclosures(article: Article) -> list[EnclosureOut]:
    return [
        EnclosureOut(url=e.url, type=e.media_type, length=e.length, duration=e.duration)
        for e in episodes.files_of(article.pk)
    ]


def _neutral_title(article: Article) -> NeutralTitleOut | None:
    stored = article.neutral_title
    if not isinstance(stored, dict) or not stored.get("text"):
        return None
    return NeutralTitleOut(
        text=str(stored["text"]), cites=[str(c) for c in stored.get("cites", [])]
    )

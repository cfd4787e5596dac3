"""API routes: editions (a language and a country, such as de-DE).

The story list (``GET /stories``) takes an edition's ``language`` and ``country`` (or its
``edition`` code) as filters; ``web_url`` is the edition's home page on the site.
"""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import public, vary_by_caller
from newsdesk.api.errors import ApiError
from newsdesk.desk.editions import (
    EDITIONS,
    edition_by_code,
    reader_languages,
    stories_in_country,
    stories_in_languages,
)
from newsdesk.stories.models import Story

router = Router()


class EditionOut(Schema):
    code: str  # "de-DE"
    language: str  # "de"
    country: str  # "DE"
    name: str  # in its own language: "Deutsch — Deutschland"
    direction: str  # ltr | rtl
    web_url: str


@router.get("", response={200: list[EditionOut]}, auth=optional_auth, summary="Every edition")
@public
def list_editions(request: HttpRequest) -> list[EditionOut]:
    """Every edition, grouped by language."""
    return [
        EditionOut(
            code=edition.code,
            language=edition.language,
            country=edition.country,
            name=edition.name,
            direction=edition.direction,
            web_url=request.build_absolute_uri(reverse("web:edition", args=[edition.code])),
        )
        for edition in EDITIONS
    ]


class StoryFilters(Schema):
    """Filters of the story list: a language, a country, or an edition (both at once)."""

    language: str = Field("", max_length=16, description='a language code; "en" takes "en-GB"')
    country: str = Field(
        "", max_length=2, description="an ISO country code: stories from or about that country"
    )
    edition: str = Field("", max_length=16, description='an edition\'s code, e.g. "de-DE"')


def filter_stories(
    request: HttpRequest, response: HttpResponse, stories: QuerySet[Story], filters: StoryFilters
) -> QuerySet[Story]:
    """The stories the filters keep. Without a language filter, a signed-in reader who chose
    languages gets stories in those; such an answer is the reader's own and never stored."""
    language, country = filters.language.strip(), filters.country.strip()
    if filters.edition:
        edition = edition_by_code(filters.edition)
        if edition is None:
            raise ApiError(422, f"No edition {filters.edition!r}; GET /api/v1/editions lists them")
        language, country = language or edition.language, country or edition.country
    languages = [language] if language else reader_languages(request.user)
    vary_by_caller(request, response, personal=not language and bool(languages))
    stories = stories_in_languages(stories, languages, unknown=not language)
    return stories_in_country(stories, country) if country else stories

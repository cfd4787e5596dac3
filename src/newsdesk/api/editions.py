"""API routes: editions (a language and a country, such as de-DE).

The story list (``GET /stories``) takes an edition's ``language`` and ``country`` (or its
``edition`` code) as filters; ``web_url`` is the edition's home page on the site.
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class StoryChoice:
    """What the story list shows a caller: its languages and country, and whether that choice is
    the caller's own (``personal``): such an answer is made for them and never shared or stored.

    A reader's own narrowing of the list (a language chosen in the profile today; mutes or rules
    would be the same) makes the choice personal here and is applied in ``filter_stories``."""

    languages: list[str]
    country: str
    asked_language: bool
    personal: bool


def story_choice(request: HttpRequest, filters: StoryFilters) -> StoryChoice:
    """The caller's choice from the filters; a signed-in reader's languages apply when no
    language is given."""
    language, country = filters.language.strip(), filters.country.strip()
    if filters.edition:
        edition = edition_by_code(filters.edition)
        if edition is None:
            raise ApiError(422, f"No edition {filters.edition!r}; GET /api/v1/editions lists them")
        language, country = language or edition.language, country or edition.country
    languages = [language] if language else reader_languages(request.user)
    personal = not language and bool(languages)
    return StoryChoice(languages, country, asked_language=bool(language), personal=personal)


def filter_stories(
    request: HttpRequest, response: HttpResponse, stories: QuerySet[Story], filters: StoryFilters
) -> QuerySet[Story]:
    """The stories the filters keep. Without a language filter, a signed-in reader who chose
    languages gets stories in those; such an answer is the reader's own and never stored."""
    choice = story_choice(request, filters)
    vary_by_caller(request, response, personal=choice.personal)
    stories = stories_in_languages(stories, choice.languages, unknown=not choice.asked_language)
    return stories_in_country(stories, choice.country) if choice.country else stories

"""API routes: regions (places): finding one by name, one with its hierarchy, its stories.

A place is addressed by its slug, as on the web (``/region/<slug>/``). Its stories include those
of every place inside it (a country's include its cities'); for a city, ``radius_km`` adds the
cities around it. Places the site has not seen yet are looked up in the gazetteer, so any place
has an answer (an empty list of stories at first).
"""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import public, vary_by_caller
from newsdesk.api.errors import ApiError
from newsdesk.api.pagination import NewestFirst
from newsdesk.api.schemas import ErrorBody, StoryCard, lead_story_card
from newsdesk.desk import api_reading
from newsdesk.desk.places import reading as places
from newsdesk.places.models import Place
from newsdesk.stories.models import Story

router = Router()


class PlaceOut(Schema):
    id: int  # the GeoNames id
    slug: str
    name: str
    label: str  # the name with what tells namesakes apart: "Springfield, Illinois"
    kind: str  # continent | country | region | city
    country_code: str
    latitude: float
    longitude: float
    population: int
    web_url: str


class RegionOut(Schema):
    place: PlaceOut
    hierarchy: list[PlaceOut]  # the widest first (continent), ending with the place itself


class RegionQuery(Schema):
    q: str = Field(..., min_length=1, max_length=places.MAX_QUERY, description="a place name")


class RadiusQuery(Schema):
    radius_km: float = Field(
        0, ge=0, le=places.MAX_RADIUS_KM, description="for a city: add the cities this near"
    )


def place_out(request: HttpRequest, place: Place) -> PlaceOut:
    return PlaceOut(
        id=place.pk,
        slug=place.slug,
        name=place.name,
        label=places.label(place),
        kind=place.kind,
        country_code=place.country_code,
        latitude=place.latitude,
        longitude=place.longitude,
        population=place.population,
        web_url=request.build_absolute_uri(reverse("web:region", args=[place.slug])),
    )


def _place(slug: str) -> Place:
    found = places.place_by_slug(slug) if len(slug) <= places.MAX_QUERY else None
    if found is None:
        raise ApiError(404, "No such place")
    return found


@router.get("", response={200: list[PlaceOut]}, auth=optional_auth, summary="Find places")
@public
def find_regions(request: HttpRequest, query: Query[RegionQuery]) -> list[PlaceOut]:
    """Places called ``q`` (a name or an alternate name), countries before cities, then the most
    populous: "Springfield" lists several, each with a ``label`` that tells them apart."""
    return [place_out(request, place) for place in places.find_places(query.q)]


@router.get(
    "/{slug}", response={200: RegionOut, 404: ErrorBody}, auth=optional_auth, summary="A place"
)
@public
def get_region(request: HttpRequest, slug: str) -> RegionOut:
    """A place and its hierarchy ("Europe", "Ukraine", "Kharkiv")."""
    found = _place(slug)
    return RegionOut(
        place=place_out(request, found),
        hierarchy=[place_out(request, p) for p in places.hierarchy(found)],
    )


@router.get(
    "/{slug}/stories",
    response={200: list[StoryCard], 404: ErrorBody},
    auth=optional_auth,
    summary="A place's stories",
)
@paginate(NewestFirst, ordering=("-last_published_at", "-id"), card=lead_story_card, screened=True)
def region_stories(
    request: HttpRequest, response: HttpResponse, slug: str, radius: Query[RadiusQuery]
) -> QuerySet[Story]:
    """Live stories with an article about the place or anywhere in it, the most recently
    updated first. For a city, ``radius_km`` (up to 200) adds the cities within that distance."""
    vary_by_caller(request, response, personal=False)  # a reader's own rules make it theirs
    ids = places.region_place_ids(_place(slug), radius.radius_km)
    return api_reading.live_stories().filter(places.in_region(ids))

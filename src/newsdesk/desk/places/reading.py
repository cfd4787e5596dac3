"""Read-side queries for Regions: finding a place, its hierarchy, its stories and articles.

- ``place_by_slug`` / ``find_places`` / ``resolve_region``: a place from its address, a search
  (``Gazetteer.find``, most populous first) or a reader's region as typed ("Springfield,
  Illinois"). Places the table does not hold yet are made from the gazetteer on the way.
- ``hierarchy``: continent first, the place last ("Europe", "Ukraine", "Kharkiv").
- ``region_place_ids``: the place, and for a city the cities within a radius (a bounding box on
  the table's latitude and longitude, then the exact great-circle distance).
- ``region_stories`` / ``region_top_stories`` / ``region_articles``: live stories (newest, or
  told by the most sources) and ready articles tagged with any of those places. Ancestors are
  stored as rows, so a country's or a continent's list is the same one indexed query as a
  city's.
- ``story_places`` / ``article_places``: what a story or an article is about, for their pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.places.rows import base_slug, ensure_places, prominence
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.desk.reading import CARD_FIELDS
from newsdesk.desk.runtime import get_gazetteer
from newsdesk.desk.stories.reading import STORY_FIELDS, StoryCard
from newsdesk.places.models import ArticlePlace, Place, PlaceKind, PlaceOrigin
from newsdesk.stories.models import Placement, Story

MAX_QUERY = 100
FIND_LIMIT = 10
MAX_RADIUS_KM = 200.0
EARTH_KM = 6371.0088
KM_PER_DEGREE = 111.19
MAX_HIERARCHY = 6
PAGE_SIZE = 20
TOP_WINDOW = timedelta(days=3)
TOP_COUNT = 3
TOP_CANDIDATES = 60
FEW = 50  # up to this many tagged articles, a region's stories are found by their ids
STORY_PLACES = 8


@dataclass(frozen=True)
class StoryPage:
    cards: list[StoryCard]
    number: int
    next_number: int | None


def place_by_slug(slug: str) -> Place | None:
    """The place at ``/region/<slug>/``; one the table lacks is looked up in the gazetteer."""
    found = Place.objects.filter(slug=slug).first()
    if found is not None or not slug or len(slug) > MAX_QUERY:
        return found
    gazetteer = get_gazetteer()
    words = slug.split("-")
    for size in range(len(words), max(len(words) - 4, 0), -1):
        for candidate in gazetteer.find(" ".join(words[:size]), limit=FIND_LIMIT):
            if base_slug(gazetteer, candidate) == slug:
                return ensure_places(gazetteer, [candidate])[candidate.id]
    return None


def find_places(query: str, limit: int = FIND_LIMIT) -> list[Place]:
    """Places whose name or alternate name is ``query``, most prominent first (rows made)."""
    text = " ".join(query.split())[:MAX_QUERY]
    if not text:
        return []
    gazetteer = get_gazetteer()
    found = sorted(gazetteer.find(text, limit=limit), key=prominence)
    rows = ensure_places(gazetteer, found)
    return [rows[place.id] for place in found]


def resolve_region(text: str) -> Place | None:
    """The place a reader's region names: a slug, a name, or "Name, Parent" for a namesake."""
    text = " ".join(text.split())[:MAX_QUERY]
    if not text:
        return None
    by_slug = Place.objects.filter(slug=text.lower()).first()
    if by_slug is not None:
        return by_slug
    name, _, qualifier = (part.strip() for part in text.partition(","))
    if qualifier:  # a label the site wrote ("Kharkiv, Ukraine"): the table usually has it
        known = Place.objects.filter(name__iexact=name).order_by("-population", "pk")
        for place in known:
            if _named_in_hierarchy(place, qualifier):
                return place
    candidates = find_places(name)
    if qualifier:
        candidates = [p for p in candidates if _named_in_hierarchy(p, qualifier)]
    return candidates[0] if candidates else None


def _named_in_hierarchy(place: Place, name: str) -> bool:
    wanted = name.casefold()
    return any(
        p.name.casefold() == wanted or p.country_code.casefold() == wanted
        for p in hierarchy(place)[:-1]
    )


def hierarchy(place: Place) -> list[Place]:
    """The place's ancestors, the widest first, and the place itself last."""
    chain = [place]
    while chain[-1].parent_id is not None and len(chain) < MAX_HIERARCHY:
        parent = Place.objects.filter(pk=chain[-1].parent_id).first()
        if parent is None:
            break
        chain.append(parent)
    return chain[::-1]


def label(place: Place) -> str:
    """A name that tells namesakes apart: "Springfield, Illinois", "Kharkiv, Ukraine"."""
    if place.kind in (PlaceKind.CONTINENT, PlaceKind.COUNTRY) or place.parent_id is None:
        return place.name
    parent = Place.objects.filter(pk=place.parent_id).values_list("name", flat=True).first()
    return f"{place.name}, {parent}" if parent else place.name


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def nearby_places(place: Place, km: float) -> list[tuple[Place, float]]:
    """Cities of the table within ``km`` of the place (itself left out), nearest first."""
    km = min(max(km, 0.0), MAX_RADIUS_KM)
    lat_span = km / KM_PER_DEGREE
    lon_span = km / (KM_PER_DEGREE * max(math.cos(math.radians(place.latitude)), 0.01))
    box = Place.objects.filter(
        kind=PlaceKind.CITY,
        latitude__range=(place.latitude - lat_span, place.latitude + lat_span),
        longitude__range=(place.longitude - lon_span, place.longitude + lon_span),
    ).exclude(pk=place.pk)
    found = [
        (other, distance_km(place.latitude, place.longitude, other.latitude, other.longitude))
        for other in box
    ]
    return sorted([pair for pair in found if pair[1] <= km], key=lambda pair: pair[1])


def region_place_ids(place: Place, radius_km: float = 0) -> list[int]:
    """The place, and for a city with a radius the cities around it."""
    if place.kind != PlaceKind.CITY or radius_km <= 0:
        return [place.pk]
    return [place.pk, *(other.pk for other, _ in nearby_places(place, radius_km))]


def tagged_article_ids(place_ids: Sequence[int]) -> QuerySet[Any, Any]:
    """A subquery: the ids of articles tagged with any of the places (ancestors included)."""
    return ArticlePlace.objects.filter(place_id__in=place_ids).values("article_id")


def in_region(place_ids: Sequence[int]) -> Q:
    """A filter on stories: those with an article tagged with one of the places.

    A place with few articles gives its story ids (two index lookups); a place with many (a
    country, a continent) a correlated EXISTS, so a list ordered by date stops at the first page
    instead of gathering every story of the place first.
    """
    few = list(tagged_article_ids(place_ids).values_list("article_id", flat=True)[: FEW + 1])
    if len(few) <= FEW:
        placed = Placement.objects.filter(article_id__in=few).values_list("story_id", flat=True)
        return Q(pk__in=set(placed))
    tagged = Placement.objects.filter(
        story_id=OuterRef("pk"), article__places__place_id__in=list(place_ids)
    )
    return Q(Exists(tagged))


def _live_stories(place_ids: Sequence[int]) -> QuerySet[Story]:
    return (
        Story.objects.filter(
            in_region(place_ids),
            merged_into__isnull=True,
            last_published_at__isnull=False,
            lead_article__status=ArticleStatus.READY,
        )
        .select_related("lead_article", "lead_article__source", "lead_article__image")
        .only(*STORY_FIELDS, "lead_article_id", *(f"lead_article__{n}" for n in CARD_FIELDS))
    )


def region_stories(place_ids: Sequence[int], number: int = 1, size: int = PAGE_SIZE) -> StoryPage:
    """Page ``number`` of the live stories of the places, the most recently updated first."""
    number = max(number, 1)
    start = (number - 1) * size
    ordered = _live_stories(place_ids).order_by("-last_published_at", "-id")
    stories = list(ordered[start : start + size + 1])
    cards = [StoryCard(s, s.lead_article, 0.0) for s in stories[:size] if s.lead_article]
    return StoryPage(cards, number, number + 1 if len(stories) > size else None)


def region_top_stories(
    place_ids: Sequence[int], now: datetime, count: int = TOP_COUNT
) -> list[StoryCard]:
    """The broadest of the places' newest ``TOP_CANDIDATES`` stories of the last ``TOP_WINDOW``:
    told by the most sources first (stories of one source are not "top")."""
    recent = _live_stories(place_ids).filter(last_published_at__gte=now - TOP_WINDOW)
    newest = list(recent.order_by("-last_published_at", "-id")[:TOP_CANDIDATES])
    broad = [
        StoryCard(s, s.lead_article, float(s.source_count))
        for s in newest
        if s.source_count > 1 and s.lead_article is not None
    ]
    broad.sort(key=lambda card: card.score, reverse=True)  # stable: newer first among equals
    return broad[:count]


def region_articles(place_ids: list[int], limit: int = PAGE_SIZE) -> list[Article]:
    """The newest ready articles of the places, copies left out, as cards."""
    copies = Placement.objects.filter(article_id=OuterRef("pk"), duplicate_of__isnull=False)
    return list(
        Article.objects.filter(status=ArticleStatus.READY, pk__in=tagged_article_ids(place_ids))
        .filter(~Exists(copies))
        .select_related("source", "image")
        .only(*CARD_FIELDS)
        .order_by("-published_at", "-id")[:limit]
    )


def story_places(story: Story, limit: int = STORY_PLACES) -> list[Place]:
    """The places a story's articles name, the place named by most of its articles first."""
    counted = (
        ArticlePlace.objects.filter(
            direct=True, origin=PlaceOrigin.TEXT, article__placement__story=story
        )
        .values("place_id")
        .annotate(articles=Count("article_id", distinct=True))
        .order_by("-articles", "place_id")[:limit]
    )
    ids = [row["place_id"] for row in counted]
    rows = Place.objects.in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


def article_places(article: Article, limit: int = STORY_PLACES) -> list[Place]:
    """The places an article's text names, the one it is most about first."""
    if limit == STORY_PLACES:
        return _ARTICLE_PLACES.run(article_id=article.pk)
    return list(_article_places(article.pk, limit))


def _article_places(article_id: int, limit: int = STORY_PLACES) -> QuerySet[Place]:
    return Place.objects.filter(
        article_places__article_id=article_id,
        article_places__direct=True,
        article_places__origin=PlaceOrigin.TEXT,
    ).order_by("-article_places__score", "name")[:limit]


_ARTICLE_PLACES = PreparedQuery[Place](_article_places, article_id=int)


def region_article_ids(article_ids: Sequence[int], place_ids: Sequence[int]) -> set[int]:
    """Which of the articles are tagged with any of the places."""
    if not article_ids or not place_ids:
        return set()
    return set(
        ArticlePlace.objects.filter(article_id__in=article_ids, place_id__in=place_ids).values_list(
            "article_id", flat=True
        )
    )


def region_ids_for_names(names: list[str]) -> list[int]:
    """The places that regions given as text (follows, the profile's region) stand for."""
    ids: list[int] = []
    for name in names:
        place = resolve_region(name)
        if place is not None and place.pk not in ids:
            ids.append(place.pk)
    return ids

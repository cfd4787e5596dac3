"""The article header's topics and places, read by one query.

The header shows the article's topics (best first) and the places its text names (the one it
is most about first, at most ``STORY_PLACES``); each was a query of its own, about 3% of the
page's CPU between them on an article page. One ``UNION ALL`` of the two shapes answers both:
each row says which part it is, a sort key (the topic's rank; the place's score, negated) and
the place's name, ordered as the two queries ordered, and the places cut to the limit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import Cast

from newsdesk.desk.places.reading import STORY_PLACES
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.places.models import Place, PlaceOrigin
from newsdesk.topics.models import ArticleTopic

TOPIC, PLACE = 0, 1


@dataclass(frozen=True)
class PlaceName:
    """What the header shows of a place: its name, linked by its slug."""

    slug: str
    name: str


def article_topics_and_places(article_id: int) -> tuple[list[str], list[PlaceName]]:
    """The article's topic slugs, best first, and the places its text names, as
    ``topics.article_topics`` and ``places.article_places`` give them."""
    topics: list[str] = []
    places: list[PlaceName] = []
    for part, slug, name, _key in _TOPICS_AND_PLACES.run(article_id=article_id):
        if part == TOPIC:
            topics.append(slug)
        elif len(places) < STORY_PLACES:
            places.append(PlaceName(slug, name))
    return topics, places


def _topics_and_places(article_id: int) -> QuerySet[Any]:
    topics = (
        ArticleTopic.objects.filter(article_id=article_id)
        .annotate(part=Value(TOPIC), label=Value(""), key=Cast("rank", FloatField()))
        .values_list("part", "slug", "label", "key")
    )
    places = (
        Place.objects.filter(
            article_places__article_id=article_id,
            article_places__direct=True,
            article_places__origin=PlaceOrigin.TEXT,
        )
        .annotate(part=Value(PLACE), label=F("name"), key=-F("article_places__score"))
        .values_list("part", "slug", "label", "key")
        .order_by()  # the place's own ordering (by name) is the union's to give
    )
    return topics.union(places, all=True).order_by("part", "key", "label")


_TOPICS_AND_PLACES = PreparedQuery[tuple[int, str, str, float]](_topics_and_places, article_id=int)

"""The article header's topics and places by one query: the same lists, in the same order, as
the two queries it replaces (``topics.article_topics`` and ``places.article_places``)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from newsdesk.desk import topics
from newsdesk.desk.article_tags import PlaceName, article_topics_and_places
from newsdesk.desk.places import reading as places
from newsdesk.desk.places.reading import STORY_PLACES
from newsdesk.places.models import ArticlePlace, Place, PlaceOrigin
from newsdesk.topics.models import ArticleTopic
from tests.support.following import make_article, make_source

pytestmark = pytest.mark.django_db

NAMES = ("Paris", "Zürich", "Ávila", "berlin", "Berlin", "Oslo", "Lima", "Nice", "Rome", "Bern")


def _place(number: int, name: str) -> Place:
    return Place.objects.create(
        id=7000 + number, name=name, slug=f"p-{number}", kind="city", latitude=0, longitude=0
    )


def test_topics_and_places_as_the_two_queries_gave_them() -> None:
    now = timezone.now()
    article = make_article(make_source("Tags", now), "Tagged", now)
    other = make_article(make_source("Other", now), "Other", now)
    for rank, slug in enumerate(("sport", "world", "business")):
        ArticleTopic.objects.create(article=article, slug=slug, score=1 - rank / 10, rank=rank)
    ArticleTopic.objects.create(article=other, slug="science", score=0.9, rank=0)
    found = [_place(number, name) for number, name in enumerate(NAMES)]
    for number, place in enumerate(found):  # ties of score, broken by name; more than shown
        ArticlePlace.objects.create(
            article=article, place=place, score=(number % 3) / 2, origin=PlaceOrigin.TEXT
        )
    extra = _place(50, "Aachen")  # the best score, but not named in the text or not direct
    ArticlePlace.objects.create(article=article, place=extra, score=9, origin=PlaceOrigin.SOURCE)
    ArticlePlace.objects.create(
        article=other, place=extra, score=9, direct=False, origin=PlaceOrigin.TEXT
    )

    shown_topics, shown_places = article_topics_and_places(article.pk)

    assert shown_topics == topics.article_topics(article.pk) == ["sport", "world", "business"]
    expected = [PlaceName(p.slug, p.name) for p in places.article_places(article)]
    assert shown_places == expected and len(expected) == STORY_PLACES
    assert {p.name for p in shown_places[:3]} == {"Ávila", "Oslo", "Rome"}  # the best score
    assert article_topics_and_places(other.pk) == (["science"], [])
    assert article_topics_and_places(other.pk + 1000) == ([], [])

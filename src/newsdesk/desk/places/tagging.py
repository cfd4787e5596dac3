"""Tagging an Article with its places: the ones its text names and its source's home country.

``tag_article_places`` asks ``newsdesk.pipeline.geo.tag_places`` for the places named in the
title and text (disambiguated with the source's country and the article's language), adds the
source's own country (origin "source"), then every ancestor of each as an inherited row, and
replaces the article's rows in one transaction: running it again gives the same rows. The rows
of places the table lacks are made on the way, in one insert (``rows.ensure_place_ids``).
``place_rows`` and ``store_place_rows`` are the same in two halves, so a batch makes every
article's rows first and stores them together (``desk.tagging``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from newsdesk.articles.models import Article
from newsdesk.desk.places.rows import ensure_place_ids, ensure_place_ids_each
from newsdesk.desk.runtime import get_gazetteer
from newsdesk.pipeline.geo import Gazetteer, tag_places
from newsdesk.pipeline.geo import Place as GeoPlace
from newsdesk.places.models import ArticlePlace, PlaceOrigin

# How much an article is "about" its source's home country when its text does not name it.
SOURCE_SCORE = 0.1


@dataclass(frozen=True)
class DirectPlace:
    place: GeoPlace
    origin: str
    mentions: int
    score: float


def direct_places(gazetteer: Gazetteer, article: Article) -> list[DirectPlace]:
    """Places the text names, best first, then the source's country if the text did not name it."""
    home = (article.source.country or "").upper()
    found = [
        DirectPlace(mention.place, PlaceOrigin.TEXT, mention.mentions, mention.score)
        for mention in tag_places(
            gazetteer,
            article.title,
            article.text or article.description,
            home_country=home,
            language=article.language,
        )
    ]
    country = gazetteer.country(home) if home else None
    if country is not None and all(d.place.id != country.id for d in found):
        found.append(DirectPlace(country, PlaceOrigin.SOURCE, 0, SOURCE_SCORE))
    return found


def tag_article_places(article: Article, gazetteer: Gazetteer | None = None) -> list[ArticlePlace]:
    """Replace the article's place rows with fresh ones (direct and inherited); return them."""
    gazetteer = gazetteer or get_gazetteer()
    tagged = place_rows(gazetteer, article)
    ensure_place_ids(gazetteer, tagged.named)
    # No savepoint of its own: inside a caller's transaction a failure undoes the caller's work
    # too (tag_articles gives each article one savepoint); alone, this is the transaction.
    with transaction.atomic(savepoint=False):
        ArticlePlace.objects.filter(article=article).delete()
        ArticlePlace.objects.bulk_create(tagged.rows)
    return tagged.rows


@dataclass(frozen=True)
class TaggedPlaces:
    """An article's place rows, made but not stored, and the places its rows start from."""

    article: Article
    named: list[GeoPlace]
    rows: list[ArticlePlace]


def place_rows(gazetteer: Gazetteer, article: Article) -> TaggedPlaces:
    """The article's place rows (direct and inherited), without touching the database."""
    direct = direct_places(gazetteer, article)
    tags: dict[int, ArticlePlace] = {}
    for d in direct:
        tags[d.place.id] = _tag(article, d.place.id, True, d.origin, d.mentions, d.score)
    for d in direct:
        for ancestor in gazetteer.ancestors(d.place):
            inherited = tags.get(ancestor.id)
            if inherited is None:
                tags[ancestor.id] = _tag(article, ancestor.id, False, d.origin, 0, d.score)
            elif not inherited.direct:
                inherited.score = max(inherited.score, d.score)
                if d.origin == PlaceOrigin.TEXT:
                    inherited.origin = PlaceOrigin.TEXT
    return TaggedPlaces(article, [d.place for d in direct], list(tags.values()))


def store_place_rows(gazetteer: Gazetteer, tagged: list[TaggedPlaces]) -> None:
    """Replace the rows of many articles at once: what ``tag_article_places`` writes for each,
    in the same order, in one read of the known places, one delete and one insert (the places
    the table lacks are made article after article, as there). Inside the caller's
    transaction."""
    ensure_place_ids_each(gazetteer, [t.named for t in tagged])
    ids = [t.article.pk for t in tagged]
    ArticlePlace.objects.filter(article_id__in=ids).delete()
    ArticlePlace.objects.bulk_create([row for t in tagged for row in t.rows])


def about_foreign_places(
    gazetteer: Gazetteer, article: Article, rows: Iterable[ArticlePlace]
) -> bool:
    """``desk.topics.about_foreign_places`` from the rows just made, without reading them back:
    whether the places named in the text lie outside the source's home country."""
    home = (article.source.country or "").upper()
    if not home:
        return False
    named = (
        gazetteer.place(row.place_id)
        for row in rows
        if row.direct and row.origin == PlaceOrigin.TEXT
    )
    countries = {place.country_code.upper() for place in named if place is not None}
    countries.discard("")
    return bool(countries - {home})


def _tag(
    article: Article, place_id: int, direct: bool, origin: str, mentions: int, score: float
) -> ArticlePlace:
    return ArticlePlace(
        article=article,
        place_id=place_id,
        direct=direct,
        origin=origin,
        mentions=mentions,
        score=round(min(max(score, 0.0), 1.0), 4),
        published_at=article.published_at or article.created_at,
    )

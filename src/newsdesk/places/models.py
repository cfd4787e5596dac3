"""Place (a Region: continent, country, region or city) and ArticlePlace (an Article's places).

- ``Place``: one GeoNames entry, keyed by its GeoNames id. Rows are made on demand, with their
  ancestors, when an article names a place or a reader looks one up; the table is a small cache
  of the gazetteer, never the whole of it. ``slug`` is the readable address ("kharkiv",
  "springfield-illinois" when two places share a name).
- ``ArticlePlace``: a place an article is tagged with. ``direct`` rows are named in the text
  (``origin`` "text") or are the source's home country (``origin`` "source"); every direct place
  also stores its ancestors as rows with ``direct`` False, so the articles of "Europe" are one
  indexed query on ``place``. ``published_at`` is the article's, copied so a place's newest
  articles come straight from the index.

Both are tables of their own beside the article table, which stays as it is.
"""

from __future__ import annotations

from django.db import models

from newsdesk.articles.models import Article


class PlaceKind(models.TextChoices):
    CONTINENT = "continent", "Continent"
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    CITY = "city", "City"


class Place(models.Model):
    id = models.PositiveIntegerField(primary_key=True)  # the GeoNames id
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=PlaceKind.choices)
    country_code = models.CharField(max_length=2, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.BigIntegerField(default=0)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_position")]

    def __str__(self) -> str:
        return self.name


class PlaceOrigin(models.TextChoices):
    TEXT = "text", "Named in the text"
    SOURCE = "source", "The source's home"


class ArticlePlace(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="places")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="article_places")
    direct = models.BooleanField(default=True)
    origin = models.CharField(max_length=8, choices=PlaceOrigin.choices)
    mentions = models.PositiveIntegerField(default=0)
    score = models.FloatField(default=0.0)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "place"], name="article_place_once")
        ]
        indexes = [
            models.Index(fields=["place", "article"], name="article_place_by_place"),
            models.Index(
                fields=["place", "-published_at", "-article"], name="article_place_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} in {self.place_id}"

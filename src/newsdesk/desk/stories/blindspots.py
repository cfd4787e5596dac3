"""Blindspots: stories covered widely in one language or world region and not at all in
another that the site reads.

The rules are data (``data/blindspots.json``, decision 70). A live story updated in the last
``window_days``, with at least ``min_sources`` sources, is a blindspot when, for languages
or for regions (``coverage.Spread``):

- the largest group covers it with at least ``min_sources`` sources, and those are at least
  ``min_share`` of its sources whose language (region) is known; and
- some other group the site reads from at least ``site_sources`` sources has none of its
  sources on the story: that group is *missing*.

Sources of unknown language or country never make a blindspot: they are in no group. A
reader's filter keeps the stories missing from one of the reader's languages or their region.

Cost: the candidates are the ``candidates`` newest live stories of the window with enough
sources (an index search, ``story_live_newest``); their spreads are one aggregate query; the
site's groups one query over the sources. The list is kept in the shared cache for
``keep_minutes`` (every page, feed and API request of those minutes reads it from there): not
under the story list's version (decision 55), which a busy site raises with every placement.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources

from django.core.cache import cache as shared_cache

from newsdesk.articles.models import ArticleStatus
from newsdesk.desk.countries import country_named, region_of
from newsdesk.desk.reading import CARD_FIELDS
from newsdesk.desk.stories.coverage import Spread, story_spreads
from newsdesk.desk.stories.reading import STORY_FIELDS
from newsdesk.pipeline.lang.scripts import primary_subtag
from newsdesk.places.models import Place
from newsdesk.sources.models import Source
from newsdesk.stories.models import Story

LANGUAGE, REGION = "language", "region"


@dataclass(frozen=True)
class Thresholds:
    window_days: int
    min_sources: int
    min_share: float
    site_sources: int
    candidates: int
    page_size: int
    keep_minutes: int


@cache
def thresholds() -> Thresholds:
    """The shipped thresholds (``data/blindspots.json``)."""
    text = resources.files("newsdesk.desk").joinpath("data/blindspots.json").read_text("utf-8")
    data = {k: v for k, v in json.loads(text).items() if not k.startswith("_")}
    return Thresholds(**data)


@dataclass(frozen=True)
class Gap:
    """One side of a blindspot: ``sources`` sources of ``covered`` (a language or region
    code) cover the story, none of ``missing`` (the site's largest groups first) do."""

    kind: str
    covered: str
    sources: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Blindspot:
    story_id: int
    last_published_at: datetime | None
    spread: Spread
    gaps: tuple[Gap, ...]

    def missing(self, kind: str) -> tuple[str, ...]:
        return tuple(code for gap in self.gaps if gap.kind == kind for code in gap.missing)


@dataclass(frozen=True)
class SiteGroups:
    """How many of the site's sources publish in each language and come from each region."""

    languages: Mapping[str, int]
    regions: Mapping[str, int]


def find_gap(
    kind: str, covering: Sequence[tuple[str, int]], site: Mapping[str, int], rules: Thresholds
) -> Gap | None:
    """The gap of one kind in a story's spread (``covering``: (code, sources), most first),
    or None: the rule of the module docstring, on plain data."""
    if not covering:
        return None
    covered, sources = covering[0]
    known = sum(count for _, count in covering)
    if sources < rules.min_sources or sources / known < rules.min_share:
        return None
    present = {code for code, _ in covering}
    missing = tuple(
        code
        for code, size in sorted(site.items(), key=lambda row: (-row[1], row[0]))
        if size >= rules.site_sources and code not in present
    )
    return Gap(kind, covered, sources, missing) if missing else None


def site_groups() -> SiteGroups:
    """The site's sources by the languages they publish in and by region; one query."""
    languages: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    for country, language, listed in Source.objects.values_list("country", "language", "languages"):
        tags = {primary_subtag(tag) for tag in (language, *listed.replace(";", ",").split(","))}
        languages.update(tag for tag in tags if tag)
        if region_of(country or ""):
            regions[region_of(country)] += 1
    return SiteGroups(dict(languages), dict(regions))


def all_blindspots(now: datetime) -> list[Blindspot]:
    """Every blindspot of the window, newest first (kept in the cache: see the docstring)."""
    keep = thresholds().keep_minutes
    key = f"blindspots:{int(now.timestamp()) // (60 * keep)}"
    found: list[Blindspot] | None = shared_cache.get(key)
    if found is None:
        found = _find(now)
        shared_cache.set(key, found, 60 * keep)
    return found


def _find(now: datetime) -> list[Blindspot]:
    rules = thresholds()
    candidates = list(
        Story.objects.filter(
            merged_into__isnull=True,
            last_published_at__gte=now - timedelta(days=rules.window_days),
            source_count__gte=rules.min_sources,
        )
        .order_by("-last_published_at", "-id")
        .values_list("id", "last_published_at")[: rules.candidates]
    )
    spreads = story_spreads(story for story, _ in candidates)
    site = site_groups()
    found = []
    for story, published in candidates:
        spread = spreads.get(story)
        if spread is None:
            continue
        gaps = (
            find_gap(LANGUAGE, spread.languages, site.languages, rules),
            find_gap(REGION, spread.regions, site.regions, rules),
        )
        if any(gaps):
            found.append(Blindspot(story, published, spread, tuple(g for g in gaps if g)))
    return found


def blindspots_for(
    now: datetime, languages: Sequence[str] = (), region: str = ""
) -> list[Blindspot]:
    """The blindspots missing from one of ``languages`` or from ``region`` (every blindspot
    when neither is given)."""
    wanted = {primary_subtag(code) for code in languages if primary_subtag(code)}
    found = all_blindspots(now)
    if not wanted and not region:
        return found
    return [
        spot
        for spot in found
        if wanted & set(spot.missing(LANGUAGE)) or (region and region in spot.missing(REGION))
    ]


def region_of_place(text: str) -> str:
    """The world region a reader's region (a country's code or name, or a place stored in
    the places table) lies in; "" when not known. Never loads the gazetteer."""
    country = country_named(text)
    if not country:
        name = " ".join(text.split()).split(",")[0]
        place = (
            Place.objects.filter(slug=name.lower()).first()
            or Place.objects.filter(name__iexact=name).order_by("-population").first()
        )
        country = place.country_code if place is not None else ""
    return region_of(country)


def stories_of(spots: Sequence[Blindspot]) -> dict[int, Story]:
    """The live stories of ``spots`` with their lead articles as cards read them; one query."""
    stories = (
        Story.objects.filter(
            pk__in=[spot.story_id for spot in spots], lead_article__status=ArticleStatus.READY
        )
        .select_related("lead_article", "lead_article__source", "lead_article__image")
        .only(*STORY_FIELDS, *(f"lead_article__{name}" for name in CARD_FIELDS))
    )
    return {story.pk: story for story in stories}

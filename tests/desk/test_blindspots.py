"""Coverage by country and language, and blindspots: publishers with different facts, their
articles placed into stories by the desk, then counted and compared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.utils import timezone

from newsdesk.desk.countries import REGION_NAMES, country_name, country_named, region_of, regions
from newsdesk.desk.stories.blindspots import (
    LANGUAGE,
    REGION,
    Thresholds,
    blindspots_for,
    find_gap,
    region_of_place,
    site_groups,
    thresholds,
)
from newsdesk.desk.stories.coverage import covered_language, story_spread
from tests.support.coverage_news import newsroom

pytestmark = pytest.mark.django_db

RULES = Thresholds(
    window_days=7,
    min_sources=4,
    min_share=0.75,
    site_sources=3,
    candidates=10,
    page_size=5,
    keep_minutes=5,
)


@pytest.fixture(autouse=True)
def no_kept_lists() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_a_story_counts_its_sources_by_country_region_and_language() -> None:
    news = newsroom(timezone.now())
    quake = story_spread(news["quake"])  # type: ignore[arg-type]
    # Five Arabic-language publishers of five countries and one of unknown facts.
    assert quake.sources == 6
    assert quake.countries == (("AE", 1), ("EG", 1), ("JO", 1), ("QA", 1), ("SA", 1))
    assert quake.regions == (("mena", 5),)
    assert quake.languages == (("ar", 5),)
    assert (quake.unknown_country, quake.unknown_language) == (1, 1)
    ferry = story_spread(news["ferry"])  # type: ignore[arg-type]
    # Doha Daily, an Arabic-language publisher, carried the English report: it counts in English.
    assert dict(ferry.countries) == {"GB": 1, "US": 2, "CA": 1, "QA": 1}
    assert ferry.languages == (("en", 5),)
    assert ferry.count("region", "north_america") == 3


def test_the_language_of_a_source_is_its_articles_then_its_facts() -> None:
    assert covered_language("fr-CA", "en", "en, fr") == "fr"
    assert covered_language("", "de-AT", "") == "de"
    assert covered_language("", "", "ar, en") == "ar"
    assert covered_language("", "", "") == ""


def test_blindspots_name_what_covers_a_story_and_what_does_not() -> None:
    news = newsroom(timezone.now())
    found = {spot.story_id: spot for spot in blindspots_for(timezone.now())}
    assert set(found) == {news["quake"], news["ferry"]}
    quake = found[news["quake"]]  # type: ignore[index]
    language, region = quake.gaps
    assert (language.kind, language.covered, language.sources, language.missing) == (
        LANGUAGE,
        "ar",
        5,
        ("en",),
    )
    # North America has three sources on the site; the United Kingdom's two are too few to say.
    assert (region.kind, region.covered, region.missing) == (REGION, "mena", ("north_america",))
    ferry = found[news["ferry"]]  # type: ignore[index]
    assert [(gap.kind, gap.covered, gap.missing) for gap in ferry.gaps] == [
        (LANGUAGE, "en", ("ar",))
    ]


def test_the_readers_languages_and_region_keep_what_they_miss() -> None:
    news = newsroom(timezone.now())
    now = timezone.now()
    assert [s.story_id for s in blindspots_for(now, ["en-GB"])] == [news["quake"]]
    assert [s.story_id for s in blindspots_for(now, ["ar"])] == [news["ferry"]]
    assert [s.story_id for s in blindspots_for(now, region="north_america")] == [news["quake"]]
    assert blindspots_for(now, ["de"]) == [] and blindspots_for(now, region="europe") == []


def test_unknown_sources_never_make_a_blindspot() -> None:
    site = {"en": 5, "ar": 5}
    # Four sources of known language out of nine: the unknown five are in no group.
    assert find_gap(LANGUAGE, [("ar", 4)], site, RULES) is not None
    assert find_gap(LANGUAGE, [], site, RULES) is None
    # Three Arabic sources are too few; four Arabic and two English is not lopsided enough.
    assert find_gap(LANGUAGE, [("ar", 3)], site, RULES) is None
    assert find_gap(LANGUAGE, [("ar", 4), ("en", 2)], {**site, "de": 3}, RULES) is None
    # A language the site reads from too few sources is not "missing".
    assert find_gap(LANGUAGE, [("ar", 6)], {"ar": 6, "en": 2}, RULES) is None
    gap = find_gap(LANGUAGE, [("ar", 6), ("fr", 1)], {"ar": 6, "en": 9, "de": 3}, RULES)
    assert gap is not None and gap.missing == ("en", "de")


def test_the_site_reads_the_languages_and_regions_of_its_sources() -> None:
    newsroom(timezone.now())
    site = site_groups()
    assert site.languages == {"ar": 5, "en": 5}
    assert site.regions == {"mena": 5, "europe": 2, "north_america": 3}


def test_thresholds_and_countries_are_data() -> None:
    rules = thresholds()
    assert rules.min_sources >= 2 and 0.5 < rules.min_share <= 1
    assert set(regions()) == set(REGION_NAMES)
    assert region_of("gb") == "europe" and region_of("ZZ") == ""
    assert country_name("DE", "de") == "Deutschland" and country_name("ZZ") == "ZZ"
    assert country_named("Vereinigtes Königreich") == "GB" == country_named("gb")
    assert region_of_place("Germany") == "europe" and region_of_place("Atlantis") == ""


def test_a_storys_spread_is_one_query_and_the_list_is_kept(
    django_assert_num_queries: object,
) -> None:
    news = newsroom(timezone.now())
    with django_assert_num_queries(1):  # type: ignore[operator]
        story_spread(news["quake"])  # type: ignore[arg-type]
    now = timezone.now()
    with django_assert_num_queries(3):  # type: ignore[operator]
        blindspots_for(now)  # candidates, their spreads, the site's sources
    with django_assert_num_queries(0):  # type: ignore[operator]
        blindspots_for(now, ["en"])

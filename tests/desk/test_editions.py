"""Editions on the desk: codes, the order of an edition's stories (its language first, its
country above the rest) and the language filters every list applies."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk import editions
from newsdesk.desk.reading import in_languages, newest_articles
from newsdesk.desk.stories.reading import top_stories
from newsdesk.readers.models import Reader
from newsdesk.stories.models import Story
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


def _source(name: str, country: str = "", language: str = ""):  # type: ignore[no-untyped-def]
    source = make_source(name, timezone.now())
    source.country, source.language = country, language
    source.save()
    return source


def _story(source, title: str, language: str, hours_ago: float = 1.0, sources: int = 1) -> Story:  # type: ignore[no-untyped-def]
    now = timezone.now()
    article = make_article(source, title, now, hours_ago=hours_ago, language=language)
    story = make_story([article], now)
    Story.objects.filter(pk=story.pk).update(source_count=sources)
    story.source_count = sources
    return story


def test_codes_are_found_whatever_their_case() -> None:
    assert editions.edition_by_code("de-de") is editions.edition_by_code("de-DE")
    german = editions.edition_by_code(" DE-DE ")
    assert german is not None and german.language == "de" and german.country == "DE"
    assert german.name == "Deutsch — Deutschland"
    assert editions.edition_by_code("xx-YY") is None and editions.edition_by_code("") is None
    arabic = [e for e in editions.EDITIONS if e.language == "ar"]
    assert arabic and all(e.direction == "rtl" for e in arabic)
    assert len({e.code for e in editions.EDITIONS}) == len(editions.EDITIONS)


def test_the_editions_language_comes_first_and_its_country_ranks_up() -> None:
    wire = _source("Wire", "US", "en")
    berlin = _source("Berliner Blatt", "DE", "de")
    vienna = _source("Wiener Blatt", "AT", "de")
    english = _story(wire, "Markets open higher", "en", hours_ago=0.5, sources=9)
    austrian = _story(vienna, "Regierung stellt Haushalt vor", "de", hours_ago=1)
    german = _story(berlin, "Bundestag beschließt Haushalt", "de", hours_ago=1)
    cards = editions.edition_stories(editions.edition_by_code("de-DE"), timezone.now())  # type: ignore[arg-type]
    assert [card.story for card in cards] == [german, austrian, english]
    assert cards[0].in_language and cards[0].home_share == 1.0
    assert cards[1].in_language and cards[1].home_share == 0.0
    assert not cards[2].in_language
    austria = editions.edition_by_code("de-AT")
    assert [c.story for c in editions.edition_stories(austria, timezone.now())][:2] == [  # type: ignore[arg-type]
        austrian,
        german,
    ]


def test_an_edition_without_its_language_lists_the_others_newest_first() -> None:
    wire = _source("Wire", "US", "en")
    old = _story(wire, "Older story", "en", hours_ago=5)
    new = _story(wire, "Newer story", "en", hours_ago=1)
    cards = editions.edition_stories(editions.edition_by_code("ja-JP"), timezone.now())  # type: ignore[arg-type]
    assert [card.story for card in cards] == [new, old]


@pytest.mark.skipif(
    not apps.is_installed("newsdesk.places"), reason="the places app is not installed"
)
def test_articles_tagged_with_the_country_rank_a_story_up() -> None:
    from newsdesk.places.models import ArticlePlace, Place

    wire = _source("Wire", "US", "en")
    plain = _story(wire, "Rates stay high", "en", hours_ago=1)
    about = _story(wire, "Floods in Manchester", "en", hours_ago=1)
    britain = Place.objects.create(
        id=2635167, name="United Kingdom", slug="united-kingdom", kind="country",
        country_code="GB", latitude=54.0, longitude=-2.0,
    )  # fmt: skip
    ArticlePlace.objects.create(
        article_id=about.lead_article_id, place=britain, direct=True, origin="text"
    )
    cards = editions.edition_stories(editions.edition_by_code("en-GB"), timezone.now())  # type: ignore[arg-type]
    assert [card.story for card in cards] == [about, plain]
    assert editions.home_shares([about.pk, plain.pk], "GB") == {about.pk: 1.0, plain.pk: 0.0}
    found = editions.stories_in_country(Story.objects.all(), "GB")
    assert list(found) == [about]


def test_a_language_takes_its_regional_codes_but_no_other_language() -> None:
    wire = _source("Wire")
    now = timezone.now()
    british = make_article(wire, "Colour", now, language="en-GB")
    plain = make_article(wire, "Color", now, language="en")
    make_article(wire, "Koloro", now, language="eo")
    make_article(wire, "Farbe", now, language="de")
    found = set(Article.objects.filter(in_languages(["en"])))
    assert found == {british, plain}
    assert Article.objects.filter(in_languages([])).count() == 4
    assert {a.title for a in newest_articles(languages=["de", "eo"]).articles} == {
        "Farbe",
        "Koloro",
    }
    make_article(wire, "Unknown", now, language="")
    assert Article.objects.filter(in_languages(["de"])).count() == 1
    assert Article.objects.filter(in_languages(["de"], unknown=True)).count() == 2
    assert "Unknown" in {a.title for a in newest_articles(languages=["de"]).articles}


def test_top_stories_keep_to_the_readers_languages() -> None:
    now = timezone.now()
    wire, blatt = _source("Wire"), _source("Blatt")
    english = make_story(
        [
            make_article(wire, "Ferry", now, language="en"),
            make_article(wire, "Ferry 2", now, language="en"),
        ],
        now,
    )
    german = make_story(
        [
            make_article(blatt, "Fähre", now, language="de"),
            make_article(blatt, "Fähre 2", now, language="de"),
        ],
        now,
    )
    assert {c.story for c in top_stories(now)} == {english, german}
    assert [c.story for c in top_stories(now, languages=["de"])] == [german]


def test_reader_languages_and_the_languages_articles_are_in() -> None:
    reader = make_reader("lena")
    assert editions.reader_languages(reader) == []
    Reader.objects.update_or_create(user=reader, defaults={"languages": ["de", "fr"]})
    assert editions.reader_languages(reader) == ["de", "fr"]
    wire = _source("Wire")
    now = timezone.now()
    for language in ("en", "en-GB", "de", ""):
        make_article(wire, f"In {language}", now, language=language)
    assert editions.article_languages() == ["en", "de"]
    choices = dict(editions.language_choices(["pt-br"]))
    assert list(choices) == ["en", "de", "pt-br"]
    assert choices["de"] == "Deutsch (de)"

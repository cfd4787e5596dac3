"""Places of articles: tagging (direct places, ancestors, the source's country), its batch,
the rows made on demand with readable slugs, and the region queries (stories, radius)."""

from __future__ import annotations

from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.places import reading as places
from newsdesk.desk.places.tagging import tag_article_places
from newsdesk.desk.stories import place_pending, refresh_story
from newsdesk.desk.tagging import tag_articles
from newsdesk.desk.topics import about_foreign_places, tag_article_topics
from newsdesk.places.models import ArticlePlace, Place
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement, Story
from newsdesk.topics.models import ArticleTopic

pytestmark = pytest.mark.django_db

_numbers = count(1)
KHARKIV = (
    "Shelling hit Kharkiv overnight, the regional governor said. Kharkiv, Ukraine's second "
    "largest city, lost power in several districts and repair crews worked through the morning."
)
MEREFA = (
    "In Merefa, a town in eastern Ukraine, volunteers reopened the school that was damaged "
    "last spring. Parents in Merefa said the children had studied online for a year."
)
NO_PLACE = "The council voted to extend the ferry to three new stops, officials said on Tuesday."


def make_source(name: str = "The Example Times", country: str = "") -> Source:
    slug = name.lower().replace(" ", "-")
    return Source.objects.create(
        name=name, slug=slug, home_url=f"https://{slug}.test/", country=country
    )


def make_article(source: Source, title: str, text: str, **fields: Any) -> Article:
    number = next(_numbers)
    defaults: dict[str, Any] = {
        "url": f"https://example.test/places/{number}",
        "url_hash": f"pl{number:030d}",
        "source": source,
        "title": title,
        "published_at": timezone.now() - timedelta(hours=number),
        "language": "en",
        "description": text[:120],
        "text": text,
        "body_origin": BodyOrigin.PAGE,
        "status": ArticleStatus.READY,
    }
    return Article.objects.create(**{**defaults, **fields})


def make_story(articles: list[Article]) -> Story:
    story = Story.objects.create(changed_at=timezone.now())
    for article in articles:
        Placement.objects.create(
            article=article,
            story=story,
            published_at=article.published_at,
            placed_at=timezone.now(),
        )
    refresh_story(story, timezone.now())
    story.refresh_from_db()
    return story


def rows_of(article: Article) -> dict[str, tuple[bool, str]]:
    """The article's places by slug: (direct, origin)."""
    return {
        tag.place.slug: (tag.direct, tag.origin)
        for tag in ArticlePlace.objects.filter(article=article).select_related("place")
    }


def test_tagging_stores_named_places_and_their_ancestors() -> None:
    article = make_article(make_source(), "Power cut in Kharkiv after shelling", KHARKIV)
    tag_article_places(article)
    rows = rows_of(article)
    assert rows["kharkiv"] == (True, "text")
    assert rows["ukraine"][1] == "text"  # named too ("Ukraine's"), or inherited from Kharkiv
    assert rows["europe"] == (False, "text")
    kharkiv = Place.objects.get(slug="kharkiv")
    assert [p.name for p in places.hierarchy(kharkiv)] == ["Europe", "Ukraine", "Kharkiv"]
    assert kharkiv.kind == "city" and kharkiv.country_code == "UA"
    tag = ArticlePlace.objects.get(article=article, place=kharkiv)
    assert tag.mentions >= 2 and 0 < tag.score <= 1
    assert tag.published_at == article.published_at


def test_tagging_twice_gives_the_same_rows() -> None:
    article = make_article(make_source(country="GB"), "Power cut in Kharkiv", KHARKIV)
    first = tag_article_places(article)
    before = sorted(
        ArticlePlace.objects.filter(article=article).values_list(
            "place_id", "direct", "origin", "mentions", "score"
        )
    )
    second = tag_article_places(article)
    after = sorted(
        ArticlePlace.objects.filter(article=article).values_list(
            "place_id", "direct", "origin", "mentions", "score"
        )
    )
    assert before == after and len(first) == len(second) == len(after)
    assert Place.objects.filter(slug="kharkiv").count() == 1


def test_the_sources_country_is_a_place_of_its_own_origin() -> None:
    article = make_article(make_source("Le Quotidien", country="fr"), "Ferry vote", NO_PLACE)
    tag_article_places(article)
    rows = rows_of(article)
    assert rows["france"] == (True, "source")
    assert rows["europe"] == (False, "source")
    named = make_article(make_source("Kyiv Daily", country="UA"), "Kharkiv power cut", KHARKIV)
    tag_article_places(named)
    assert rows_of(named)["ukraine"][1] == "text"  # named in the text: not counted as the home


def test_a_failing_article_does_not_stop_the_batch() -> None:
    source = make_source()
    first = make_article(source, "Power cut in Kharkiv", KHARKIV)
    last = make_article(source, "School reopens in Merefa", MEREFA)
    report = tag_articles([first.pk, 987_654_321, last.pk])
    assert report.tagged == 2
    assert report.failures == [(987_654_321, "no such article")]
    assert "kharkiv" in rows_of(first) and "ukraine" in rows_of(last)
    assert report.place_rows == ArticlePlace.objects.count()


def _tag_rows() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    places = ArticlePlace.objects.order_by("article_id", "place_id").values_list(
        "article_id", "place_id", "direct", "origin", "mentions", "score", "published_at"
    )
    topics = ArticleTopic.objects.order_by("article_id", "rank").values_list(
        "article_id", "slug", "score", "rank"
    )
    return list(places), list(topics)


def test_the_batch_writes_what_tagging_each_article_alone_writes() -> None:
    source = make_source("Kyiv Daily", country="UA")
    articles = [
        make_article(source, "Power cut in Kharkiv", KHARKIV),
        make_article(make_source(), "School reopens in Merefa", MEREFA),
        make_article(source, "Ferry vote", NO_PLACE),
        make_article(make_source("Harbour Post"), "Kharkiv repairs go on", KHARKIV + MEREFA),
    ]
    tag_article_topics(articles[2])  # tagged before: the batch finds nothing to change
    ids = [a.pk for a in articles]
    report = tag_articles(ids)
    assert report.tagged == 4 and not report.failures
    together = _tag_rows()
    assert report.place_rows == len(together[0]) and report.topic_rows == len(together[1])
    ArticlePlace.objects.all().delete()
    ArticleTopic.objects.filter(article_id__in=ids[:2]).delete()
    with CaptureQueriesContext(connection) as alone:
        for article in Article.objects.filter(pk__in=ids).select_related("source").order_by("id"):
            tag_article_places(article)
            tag_article_topics(article, foreign_places=about_foreign_places(article))
    assert _tag_rows() == together
    statements = []
    for some in (ids[:2], ids):
        ArticlePlace.objects.all().delete()
        ArticleTopic.objects.filter(article_id__in=ids[:2]).delete()
        with CaptureQueriesContext(connection) as batch:
            tag_articles(some)
        statements.append(len(batch.captured_queries))
    assert _tag_rows() == together
    # a statement for each kind of row, not several for each article
    assert statements[0] == statements[1] < len(alone.captured_queries)


def test_an_article_given_twice_is_tagged_twice() -> None:
    article = make_article(make_source(), "Power cut in Kharkiv", KHARKIV)
    report = tag_articles([article.pk, article.pk])
    assert report.tagged == 2 and not report.failures
    assert rows_of(article)["kharkiv"] == (True, "text")
    assert ArticlePlace.objects.filter(article=article).count() == report.place_rows // 2


def test_placing_articles_tags_their_places() -> None:
    article = make_article(make_source(), "Power cut in Kharkiv", KHARKIV)
    placed = place_pending()
    assert [p.article_id for p in placed] == [article.pk]
    assert "kharkiv" in rows_of(article)


def test_namesakes_get_slugs_that_tell_them_apart() -> None:
    found = places.find_places("Springfield")
    assert len(found) >= 2
    slugs = [p.slug for p in found]
    assert len(set(slugs)) == len(slugs)
    assert "springfield" in slugs and "springfield-illinois" in slugs
    illinois = places.resolve_region("Springfield, Illinois")
    assert illinois is not None and illinois.slug == "springfield-illinois"
    assert places.label(illinois) == "Springfield, Illinois"
    assert places.place_by_slug("springfield-illinois") == illinois


def test_a_place_no_article_named_is_found_by_its_slug() -> None:
    assert not Place.objects.filter(slug="portugal").exists()
    portugal = places.place_by_slug("portugal")
    assert portugal is not None and portugal.kind == "country"
    assert places.region_stories([portugal.pk]).cards == []
    assert places.place_by_slug("no-such-place-anywhere") is None


def test_region_stories_include_the_places_inside() -> None:
    source = make_source()
    kharkiv = make_article(source, "Power cut in Kharkiv", KHARKIV)
    ferry = make_article(source, "Ferry vote", NO_PLACE)
    tag_articles([kharkiv.pk, ferry.pk])
    story = make_story([kharkiv])
    make_story([ferry])
    for slug in ("kharkiv", "ukraine", "europe"):
        place = places.place_by_slug(slug)
        assert place is not None
        assert [c.story.pk for c in places.region_stories([place.pk]).cards] == [story.pk]
    asia = places.find_places("Asia")[0]
    assert places.region_stories([asia.pk]).cards == []


def test_story_places_put_the_most_named_place_first() -> None:
    source = make_source()
    articles = [
        make_article(source, "Power cut in Kharkiv", KHARKIV),
        make_article(source, "Kharkiv repairs go on", KHARKIV),
        make_article(source, "School reopens in Merefa", MEREFA),
    ]
    tag_articles([a.pk for a in articles])
    story = make_story(articles)
    named = [p.slug for p in places.story_places(story)]
    assert named[0] in ("kharkiv", "ukraine")
    assert "merefa" in named and "europe" not in named
    assert next(p.slug for p in places.article_places(articles[2])) == "merefa"


def test_a_radius_around_a_city_takes_in_the_towns_nearby() -> None:
    source = make_source()
    town = make_article(source, "School reopens in Merefa", MEREFA)
    tag_articles([town.pk])
    story = make_story([town])
    kharkiv = places.find_places("Kharkiv")[0]
    merefa = Place.objects.get(slug="merefa")
    distance = dict((p.slug, km) for p, km in places.nearby_places(kharkiv, 100))["merefa"]
    assert 15 < distance < 30
    assert merefa.pk not in places.region_place_ids(kharkiv, 10)
    assert places.region_stories(places.region_place_ids(kharkiv, 10)).cards == []
    near = places.region_stories(places.region_place_ids(kharkiv, 50)).cards
    assert [c.story.pk for c in near] == [story.pk]
    assert places.region_place_ids(Place.objects.get(slug="ukraine"), 50) == [
        Place.objects.get(slug="ukraine").pk
    ]


def test_both_ways_of_finding_a_regions_stories_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    source = make_source()
    articles = [make_article(source, f"Power cut in Kharkiv ({n})", KHARKIV) for n in range(3)]
    articles.append(make_article(source, "Ferry vote", NO_PLACE))
    tag_articles([a.pk for a in articles])
    stories = [make_story([a]) for a in articles]
    europe = Place.objects.get(slug="europe")
    by_ids = [c.story.pk for c in places.region_stories([europe.pk]).cards]
    monkeypatch.setattr(places, "FEW", 0)  # as for a place with many articles: EXISTS
    by_exists = [c.story.pk for c in places.region_stories([europe.pk]).cards]
    assert by_ids == by_exists == [s.pk for s in stories[:3]]

"""Topics and editions through the JSON API: the lists, a topic's stories in cursor pages, the
story list by language, country and edition, and a reader's languages applied to the lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from newsdesk.readers.models import Reader
from newsdesk.topics.models import ArticleTopic
from tests.api.conftest import ApiReader, MakeArticle, body, error_of, make_source, make_story

pytestmark = pytest.mark.django_db


def _topic_story(make_article: MakeArticle, title: str, slug: str, hours: int = 1, **fields):  # type: ignore[no-untyped-def]
    article = make_article(title, age=timedelta(hours=hours), **fields)
    ArticleTopic.objects.create(article=article, slug=slug, score=0.9, rank=0)
    return make_story([article])


def test_topics_list_each_top_level_topic_then_its_finer_ones(
    client: Client, make_article: MakeArticle
) -> None:
    _topic_story(make_article, "Liverpool win", "sports-football")
    response = client.get("/api/v1/topics")
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=30"
    topics = body(response)
    slugs = [t["slug"] for t in topics]
    assert slugs[0] == "world" and slugs.index("sports") < slugs.index("sports-football")
    football = topics[slugs.index("sports-football")]
    assert football == {
        "slug": "sports-football",
        "name": "Football",
        "parent": "sports",
        "article_count": 1,
        "web_url": "http://testserver/topic/sports-football/",
        "feed_url": "http://testserver/topic/sports-football/feed.xml",
    }
    assert all(t["parent"] is None or t["parent"] in slugs for t in topics)


def test_a_topics_stories_come_in_cursor_pages(client: Client, make_article: MakeArticle) -> None:
    stories = [
        _topic_story(make_article, f"Match {n}", "sports-football", hours=n)
        for n in range(5, 0, -1)
    ]
    _topic_story(make_article, "Rates stay high", "business-markets")
    page = body(client.get("/api/v1/topics/sports/stories", {"page_size": 2}))
    seen = [s["id"] for s in page["results"]]
    assert len(seen) == 2
    while page["next"]:
        page = body(client.get(page["next"]))
        seen += [s["id"] for s in page["results"]]
    assert seen == [s.pk for s in reversed(stories)]
    markets = body(client.get("/api/v1/topics/business/stories"))["results"]
    assert [s["headline"] for s in markets] == ["Rates stay high"]
    missing = client.get("/api/v1/topics/astrology/stories")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"


def test_editions_are_listed_with_their_pages(client: Client) -> None:
    editions = body(client.get("/api/v1/editions"))
    german = next(e for e in editions if e["code"] == "de-DE")
    assert german == {
        "code": "de-DE",
        "language": "de",
        "country": "DE",
        "name": "Deutsch — Deutschland",
        "direction": "ltr",
        "web_url": "http://testserver/edition/de-DE/",
    }
    assert any(e["direction"] == "rtl" for e in editions)


def test_the_story_list_filters_by_language_country_and_edition(
    client: Client, make_article: MakeArticle
) -> None:
    berlin = make_source("Berliner Blatt", country="DE")
    vienna = make_source("Wiener Blatt", country="AT")
    english = make_story([make_article("Markets open higher")])
    german = make_story([make_article("Bundestag tagt", of=berlin, language="de-DE")])
    austrian = make_story([make_article("Nationalrat tagt", of=vienna, language="de")])

    def ids(**query: str) -> set[int]:
        response = client.get("/api/v1/stories", query)
        assert response.status_code == 200, response.content
        return {s["id"] for s in body(response)["results"]}

    assert ids() == {english.pk, german.pk, austrian.pk}
    assert ids(language="de") == {german.pk, austrian.pk}
    assert ids(country="DE") == {german.pk}
    assert ids(edition="de-AT") == {austrian.pk}
    assert ids(edition="en-GB") == set()
    wrong = client.get("/api/v1/stories", {"edition": "xx-XX"})
    assert wrong.status_code == 422 and "editions" in error_of(wrong)["message"]


def test_a_readers_languages_narrow_their_lists_and_are_never_cached(
    reader: ApiReader, client: Client, make_article: MakeArticle
) -> None:
    english = _topic_story(make_article, "Liverpool win", "sports")
    german = _topic_story(make_article, "Bayern gewinnt", "sports", language="de")
    Reader.objects.update_or_create(user=reader.user, defaults={"languages": ["de"]})

    stories = reader.client.get("/api/v1/stories")
    assert [s["id"] for s in body(stories)["results"]] == [german.pk]
    assert "private" in stories["Cache-Control"] and "Authorization" in stories["Vary"]
    topic = reader.client.get("/api/v1/topics/sports/stories")
    assert [s["id"] for s in body(topic)["results"]] == [german.pk]
    assert "no-store" in topic["Cache-Control"]
    articles = reader.client.get("/api/v1/articles")
    assert [a["title"] for a in body(articles)["results"]] == ["Bayern gewinnt"]
    assert "private" in articles["Cache-Control"]
    asked = reader.client.get("/api/v1/stories", {"language": "en"})
    assert [s["id"] for s in body(asked)["results"]] == [english.pk]  # an explicit filter wins

    visitor = client.get("/api/v1/stories")
    assert {s["id"] for s in body(visitor)["results"]} == {english.pk, german.pk}
    assert "public" in visitor["Cache-Control"] and "Authorization" in visitor["Vary"]

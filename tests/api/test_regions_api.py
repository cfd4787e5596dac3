"""Regions through the JSON API: finding a place, one place with its hierarchy, its stories in
cursor pages (with a radius for cities), and a place no article has named yet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from newsdesk.desk.tagging import tag_articles
from tests.api.conftest import MakeArticle, body, error_of, make_story

pytestmark = pytest.mark.django_db

KHARKIV = (
    "Shelling hit Kharkiv overnight, the regional governor said. Kharkiv lost power in several "
    "districts and repair crews worked through the morning to restore it."
)
MEREFA = (
    "In Merefa, a town in eastern Ukraine, volunteers reopened the school that was damaged last "
    "spring. Parents in Merefa said the children had studied online for a year."
)


def test_find_places_tells_namesakes_apart(client: Client) -> None:
    response = client.get("/api/v1/regions", {"q": "Springfield"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=30"
    found = body(response)
    labels = [place["label"] for place in found]
    assert "Springfield, Illinois" in labels and "Springfield, Missouri" in labels
    illinois = found[labels.index("Springfield, Illinois")]
    assert illinois["slug"] == "springfield-illinois" and illinois["kind"] == "city"
    assert illinois["web_url"] == "http://testserver/region/springfield-illinois/"
    assert body(client.get("/api/v1/regions", {"q": "Qqqxyzzy"})) == []
    assert client.get("/api/v1/regions", {"q": ""}).status_code == 422


def test_a_place_with_its_hierarchy(client: Client) -> None:
    answer = body(client.get("/api/v1/regions/kharkiv"))
    assert answer["place"]["name"] == "Kharkiv" and answer["place"]["country_code"] == "UA"
    assert [p["slug"] for p in answer["hierarchy"]] == ["europe", "ukraine", "kharkiv"]
    missing = client.get("/api/v1/regions/no-such-place-anywhere")
    assert missing.status_code == 404
    assert error_of(missing)["message"] == "No such place"


def test_region_stories_in_pages_with_a_radius(client: Client, make_article: MakeArticle) -> None:
    stories = []
    for hours in (5, 4, 3):
        article = make_article(
            f"Power cut in Kharkiv ({hours})", text=KHARKIV, age=timedelta(hours=hours)
        )
        tag_articles([article.pk])
        stories.append(make_story([article]))
    town = make_article("School reopens in Merefa", text=MEREFA, age=timedelta(hours=1))
    ferry = make_article("Ferry vote", age=timedelta(minutes=30))
    tag_articles([town.pk, ferry.pk])
    town_story, _ = make_story([town]), make_story([ferry])
    page = body(client.get("/api/v1/regions/kharkiv/stories", {"page_size": 2}))
    seen = [s["id"] for s in page["results"]]
    while page["next"]:
        page = body(client.get(page["next"]))
        seen += [s["id"] for s in page["results"]]
    assert seen == [s.pk for s in reversed(stories)]
    around = body(client.get("/api/v1/regions/kharkiv/stories", {"radius_km": 50}))
    assert next(s["id"] for s in around["results"]) == town_story.pk
    assert len(around["results"]) == 4
    country = body(client.get("/api/v1/regions/ukraine/stories"))
    assert {s["id"] for s in country["results"]} == {s.pk for s in [*stories, town_story]}
    assert client.get("/api/v1/regions/kharkiv/stories", {"radius_km": 5000}).status_code == 422


def test_a_place_no_article_named_has_an_empty_list(client: Client) -> None:
    response = client.get("/api/v1/regions/portugal/stories")
    assert response.status_code == 200
    assert body(response)["results"] == []
    assert client.get("/api/v1/regions/no-such-place-anywhere/stories").status_code == 404

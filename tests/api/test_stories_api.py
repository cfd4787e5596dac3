"""Stories through the JSON API: the list with cursor pages, one story, merged and related ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from newsdesk.stories.models import Story
from tests.api.conftest import MakeArticle, body, error_of, make_source, make_story

pytestmark = pytest.mark.django_db


def test_stories_list_newest_first_in_cursor_pages(client: Client, make_article: MakeArticle):
    gazette = make_source("River Gazette")
    stories = []
    for hours in range(5, 0, -1):  # the last one made is the newest
        first = make_article(f"Story {hours} first", age=timedelta(hours=hours, minutes=5))
        second = make_article(f"Story {hours} second", of=gazette, age=timedelta(hours=hours))
        stories.append(make_story([first, second]))
    response = client.get("/api/v1/stories", {"page_size": 2})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=30"
    page = body(response)
    assert [s["id"] for s in page["results"]] == [stories[4].pk, stories[3].pk]
    card = page["results"][0]
    assert card["article_count"] == 2 and card["source_count"] == 2
    assert card["lead"]["source"] == {
        "slug": "the-example-times",
        "name": "The Example Times",
        "ownership": "",
    }
    assert card["web_url"].startswith(f"http://testserver/story/{stories[4].pk}/")
    assert card["first_published_at"] < card["last_published_at"]
    seen = [s["id"] for s in page["results"]]
    while page["next"]:
        page = body(client.get(page["next"]))
        seen += [s["id"] for s in page["results"]]
    assert seen == [s.pk for s in reversed(stories)]


def test_merged_stories_leave_the_list_and_answer_with_the_live_one(
    client: Client, make_article: MakeArticle
):
    merged = make_story([make_article("Ferry plan"), make_article("Ferry vote")])
    kept = make_story([make_article("Ferry plan approved"), make_article("Ferry vote held")])
    Story.objects.filter(pk=merged.pk).update(merged_into=kept)
    ids = [s["id"] for s in body(client.get("/api/v1/stories"))["results"]]
    assert ids == [kept.pk]
    answer = body(client.get(f"/api/v1/stories/{merged.pk}"))
    assert answer["id"] == kept.pk and answer["merged_from"] == merged.pk
    assert body(client.get(f"/api/v1/stories/{kept.pk}"))["merged_from"] is None
    missing = client.get("/api/v1/stories/999999")
    assert missing.status_code == 404
    assert error_of(missing)["message"] == "No such story"


def test_story_has_timeline_coverage_and_copies(client: Client, make_article: MakeArticle):
    gazette, wire = make_source("River Gazette"), make_source("Wire Daily")
    first = make_article("Council approves ferry stops", age=timedelta(hours=6))
    second = make_article("Ferry to reach east bank", of=gazette, age=timedelta(hours=3))
    copy = make_article("Ferry to reach east bank (wire)", of=wire, age=timedelta(hours=2))
    story = make_story([first, second, copy], copies={copy: second})
    data = body(client.get(f"/api/v1/stories/{story.pk}"))
    assert data["headline"] == story.headline
    assert data["article_count"] == 2 and data["source_count"] == 3
    assert [e["article"]["id"] for e in data["timeline"]] == [first.pk, second.pk]
    assert data["timeline"][0]["fit_percent"] is None
    assert data["timeline"][1]["fit_percent"] == 62
    assert data["timeline"][1]["shared_names"] == ["Ana Lopez", "Harbour Authority"]
    assert [c["id"] for c in data["timeline"][1]["copies"]] == [copy.pk]
    assert [g["source"]["slug"] for g in data["coverage"]] == ["river-gazette", "the-example-times"]
    assert data["lead"]["article"]["id"] in {first.pk, second.pk}
    assert data["truncated"] is False


def test_related_stories(client: Client, make_article: MakeArticle):
    story = make_story([make_article("Ferry plan"), make_article("Ferry vote")])
    response = client.get(f"/api/v1/stories/{story.pk}/related")
    assert response.status_code == 200 and body(response) == []
    assert client.get("/api/v1/stories/424242/related").status_code == 404


def test_a_tampered_cursor_is_refused_not_a_server_error(client: Client, source):
    import base64

    for cursor in ["not base64!", base64.b64encode(b"p=yesterday").decode(), "cD0x"]:
        response = client.get("/api/v1/stories", {"cursor": cursor})
        assert response.status_code == 422, (cursor, response.content)
        assert error_of(response)["code"] == "invalid"


def test_story_queries_do_not_grow_with_its_articles(client: Client, make_article: MakeArticle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count: int) -> int:
        sources = [make_source(f"Paper {chr(97 + count)} {chr(97 + n)}") for n in range(count)]
        story = make_story([make_article(f"Ferry {n}", of=s) for n, s in enumerate(sources)])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/stories/{story.pk}").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(7)

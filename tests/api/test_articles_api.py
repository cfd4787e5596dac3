"""Articles and sources through the JSON API: lists, filters, one article under its source's
rights policy (excerpt-only and link-only sources never leak the full text), feed health."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.sources.models import Feed, RightsPolicy
from tests.api.conftest import BODY, MakeArticle, body, error_of, make_reader, make_source

pytestmark = pytest.mark.django_db
SECRET_SENTENCE = "Commuters on the east bank have asked for the ferry"


def test_article_list_filters_and_pages(client: Client, make_article: MakeArticle):
    gazette = make_source("River Gazette")
    ours = [make_article(f"Ours {n}", age=timedelta(hours=n)) for n in range(1, 4)]
    theirs = make_article("Theirs", of=gazette, language="fr", age=timedelta(minutes=5))
    make_article("Not ready", status="pending", age=timedelta(minutes=1))
    response = client.get("/api/v1/articles", {"page_size": 2})
    assert response["Cache-Control"] == "public, max-age=30"
    page = body(response)
    assert [a["id"] for a in page["results"]] == [theirs.pk, ours[0].pk]
    rest = body(client.get(page["next"]))
    assert [a["id"] for a in rest["results"]] == [ours[1].pk, ours[2].pk]
    assert rest["next"] is None
    by_source = body(client.get("/api/v1/articles", {"source": "river-gazette"}))
    assert [a["id"] for a in by_source["results"]] == [theirs.pk]
    by_language = body(client.get("/api/v1/articles", {"language": "fr"}))
    assert [a["id"] for a in by_language["results"]] == [theirs.pk]
    nothing = body(client.get("/api/v1/articles", {"source": "no-such-source"}))
    assert nothing["results"] == []
    card = page["results"][0]
    assert card["url"].startswith("https://example.test/news/")
    assert card["web_url"].startswith(f"http://testserver/article/{theirs.pk}/")
    assert card["excerpt"].startswith("The council voted")


def test_full_text_article(client: Client, make_article: MakeArticle):
    article = make_article("Ferry service reaches the east bank")
    data = body(client.get(f"/api/v1/articles/{article.pk}"))
    assert data["title"] == article.title and data["byline"] == "Jane Reporter"
    assert data["source"]["slug"] == "the-example-times" and data["source"]["rights"] == "full"
    assert data["body"]["mode"] == "full" and SECRET_SENTENCE in data["body"]["html"]
    # The lead image is not kept yet: apps get no address rather than the publisher's.
    assert data["url"] == article.url and data["image_url"] == ""
    assert data["story_id"] is None and data["related_stories"] == []


def test_apps_get_the_sites_copy_of_the_lead_image(
    client: Client, make_article: MakeArticle, keep_image: Any
) -> None:
    article = make_article("Ferry service reaches the east bank")
    keep_image(article)
    data = body(client.get(f"/api/v1/articles/{article.pk}"))
    assert data["image_url"].startswith("http://testserver/media/")
    assert data["image_url"].endswith(".webp") and "127.0.0.1" not in data["image_url"]
    [card] = body(client.get("/api/v1/articles"))["results"]
    assert card["image_url"] == data["image_url"]
    kept = client.get(data["image_url"].removeprefix("http://testserver"))
    assert kept.status_code == 200 and kept["Content-Type"] == "image/webp"


@pytest.mark.parametrize("rights", [RightsPolicy.EXCERPT, RightsPolicy.LINK_ONLY])
def test_restricted_sources_never_leak_the_text(
    client: Client, make_article: MakeArticle, rights: str
):
    restricted = make_source("Careful Courier", rights=rights)
    article = make_article("Ferry to reach the east bank", of=restricted)
    make_article("Another from the same source", of=restricted)
    answers = [
        client.get(f"/api/v1/articles/{article.pk}"),
        client.get("/api/v1/articles"),
        client.get("/api/v1/sources/careful-courier/articles"),
        client.get("/api/v1/search", {"q": "commuters ferry"}),
    ]
    for response in answers:
        assert response.status_code == 200
        text = response.content.decode()
        assert SECRET_SENTENCE not in text and BODY[:120] not in text
    data = body(answers[0])
    assert data["body"]["html"] == ""
    if rights == RightsPolicy.EXCERPT:
        assert data["body"]["mode"] == "excerpt"
        assert data["body"]["excerpt"] == article.description
    else:
        assert data["body"]["mode"] == "link" and data["body"]["excerpt"] == ""
        assert "The council voted" not in answers[0].content.decode()
        assert all(card["excerpt"] == "" for card in body(answers[1])["results"])
    assert data["url"] == article.url


def test_unknown_or_unready_article_is_404(client: Client, make_article: MakeArticle):
    pending = make_article("Not ready", status="pending")
    for path in (f"/api/v1/articles/{pending.pk}", "/api/v1/articles/987654"):
        response = client.get(path)
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_javascript_addresses_never_reach_the_answer(client: Client, make_article: MakeArticle):
    article = make_article("Hostile", url="javascript:alert(1)", image_url="javascript:alert(2)")
    data = body(client.get(f"/api/v1/articles/{article.pk}"))
    assert data["url"] == "" and data["image_url"] == ""


def test_sources_and_feed_health_for_staff_only(client: Client, make_article: MakeArticle):
    make_article("Ferry")
    source = make_source("River Gazette", rights=RightsPolicy.EXCERPT, ai_allowed=False)
    Feed.objects.create(
        source=source,
        url="https://river-gazette.test/feed.xml",
        next_check_at=timezone.now(),
        consecutive_failures=3,
        last_error="timed out",
    )
    listed = body(client.get("/api/v1/sources"))
    assert [s["slug"] for s in listed] == ["river-gazette", "the-example-times"]
    assert listed[0]["rights"] == "excerpt" and listed[0]["ai_allowed"] is False
    public = client.get("/api/v1/sources/river-gazette")
    assert body(public)["feeds"] is None
    assert "public" in public["Cache-Control"] and "Authorization" in public["Vary"]
    reader = make_reader("someone@example.test")
    assert body(reader.client.get("/api/v1/sources/river-gazette"))["feeds"] is None
    staff = make_reader("editor@example.test", is_staff=True)
    answer = staff.client.get("/api/v1/sources/river-gazette")
    feeds = body(answer)["feeds"]
    assert feeds[0]["consecutive_failures"] == 3 and feeds[0]["last_error"] == "timed out"
    assert "private" in answer["Cache-Control"] and "no-store" in answer["Cache-Control"]
    assert client.get("/api/v1/sources/nope").status_code == 404


def test_source_articles(client: Client, make_article: MakeArticle):
    gazette = make_source("River Gazette")
    mine = make_article("Gazette piece", of=gazette)
    make_article("Times piece")
    page = body(client.get("/api/v1/sources/river-gazette/articles"))
    assert [a["id"] for a in page["results"]] == [mine.pk]
    missing = client.get("/api/v1/sources/nope/articles")
    assert missing.status_code == 404 and error_of(missing)["message"] == "No such source"


def test_search(client: Client, make_article: MakeArticle):
    gazette = make_source("River Gazette")
    hit = make_article("Harbour dredging finished", text="The harbour dredging is finished.")
    make_article("Ferry news")
    other = make_article("Harbour closes", of=gazette, text="The harbour closes for dredging.")
    data = body(client.get("/api/v1/search", {"q": "dredging"}))
    assert data["total"] == 2 and {r["article"]["id"] for r in data["results"]} == {
        hit.pk,
        other.pk,
    }
    assert any("<mark>" in r["snippet"] for r in data["results"])
    by_source = body(client.get("/api/v1/search", {"q": "dredging", "source": "river-gazette"}))
    assert [r["article"]["id"] for r in by_source["results"]] == [other.pk]
    paged = body(client.get("/api/v1/search", {"q": "dredging", "limit": 1}))
    assert len(paged["results"]) == 1 and paged["next_offset"] == 1
    future = (timezone.now() + timedelta(days=2)).date().isoformat()
    assert body(client.get("/api/v1/search", {"q": "dredging", "since": future}))["total"] == 0
    too_deep = client.get("/api/v1/search", {"q": "dredging", "offset": 10_001})
    assert too_deep.status_code == 422
    assert error_of(too_deep)["details"][0]["loc"][-1] == "offset"


def test_a_topic_is_searched_as_a_term(client: Client, make_article: MakeArticle):
    gazette = make_source("River Gazette")
    hit = make_article("Harbour dredging finished", text="The harbour dredging is finished.")
    other = make_article("Harbour closes", of=gazette, text="The harbour closes for dredging.")
    make_article("Ferry news")
    data = body(client.get("/api/v1/search/topics/dredging"))
    assert data["query"] == "dredging" and data["total"] == 2
    assert {r["article"]["id"] for r in data["results"]} == {hit.pk, other.pk}
    narrowed = body(client.get("/api/v1/search/topics/dredging", {"source": "river-gazette"}))
    assert [r["article"]["id"] for r in narrowed["results"]] == [other.pk]
    assert body(client.get("/api/v1/search/topics/volcano"))["total"] == 0

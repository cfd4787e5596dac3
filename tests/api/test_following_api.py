"""The /api/v1/me routes for follows, mutes, the reading list, history and "For you"."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.readers.models import Follow, ReadMark, SavedArticle
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


class Api:
    """A JSON client that signs every call with a reader's bearer token."""

    def __init__(self, name: str) -> None:
        self.user = make_reader(name)
        self.token = issue_token(self.user, timezone.now()).secret
        self.client = Client()

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        response = self.client.generic(
            method,
            f"/api/v1/me{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.token}",
        )
        data = json.loads(response.content) if response.content else None
        return response.status_code, data


@pytest.fixture
def world() -> dict[str, Any]:
    now = timezone.now()
    harbour, wire = make_source("Harbour Post", now), make_source("Wire", now)
    articles = [make_article(harbour, f"Harbour item {n}", now, hours_ago=n + 1) for n in range(3)]
    articles.append(make_article(wire, "Wire item", now, hours_ago=0.5))
    story = make_story([articles[0]], now)
    return {"now": now, "harbour": harbour, "wire": wire, "articles": articles, "story": story}


def test_follows_and_mutes_are_per_reader(world: dict[str, Any]) -> None:
    ana, ben = Api("ana"), Api("ben")
    status, made = ana.call("POST", "/follows", {"kind": "source", "value": "harbour-post"})
    assert status == 201
    assert made["label"] == "Harbour Post"
    status, topic = ana.call("POST", "/follows", {"kind": "topic", "value": " Ferries "})
    assert (status, topic["value"]) == (201, "ferries")
    story_id = str(world["story"].pk)
    assert ana.call("POST", "/follows", {"kind": "story", "value": story_id})[0] == 201
    status, error = ana.call("POST", "/follows", {"kind": "source", "value": "nope"})
    assert status == 422
    assert error["error"]["code"] == "invalid_follow"
    assert ana.call("POST", "/follows", {"kind": "planet", "value": "mars"})[0] == 422
    assert ana.call("POST", "/follows", {"kind": "topic", "value": "nul\x00byte"})[0] == 422
    assert ana.call("POST", "/mutes", {"source": "wire\x00"})[0] in (404, 422)
    assert ana.call("DELETE", "/mutes/wire%00")[0] in (404, 422)

    assert [f["kind"] for f in ana.call("GET", "/follows")[1]] == ["source", "story", "topic"]
    assert ben.call("GET", "/follows") == (200, [])
    assert ben.call("DELETE", f"/follows/{made['id']}")[0] == 404
    assert Follow.objects.filter(pk=made["id"]).exists()
    assert ana.call("DELETE", f"/follows/{made['id']}")[0] == 204

    status, muted = ben.call("POST", "/mutes", {"source": "wire"})
    assert (status, muted["source"]["slug"]) == (201, "wire")
    assert ana.call("GET", "/mutes") == (200, [])
    assert ana.call("DELETE", "/mutes/wire")[0] == 404
    assert ben.call("POST", "/mutes", {"source": "nope"})[0] == 404
    assert ben.call("DELETE", "/mutes/wire")[0] == 204


def test_saved_list_pages_and_sync(world: dict[str, Any]) -> None:
    ana, ben = Api("ana"), Api("ben")
    first, second, third, fourth = (a.pk for a in world["articles"])
    status, row = ana.call("PUT", f"/saved/{first}")
    assert (status, row["article"]["id"]) == (200, first)
    assert row["article"]["path"] == f"/article/{first}/"
    assert ana.call("PUT", "/saved/987654")[0] == 404
    assert ana.call("PUT", "/saved/99999999999999999999")[0] == 404
    assert ana.call("DELETE", "/read/99999999999999999999")[0] == 404
    assert ana.call("DELETE", "/follows/99999999999999999999")[0] == 404
    assert ana.call("POST", "/saved/sync", {"article_ids": [2**70]})[0] == 200
    status, merged = ana.call("POST", "/saved/sync", {"article_ids": [second, third, 987654]})
    assert status == 200
    assert sorted(r["article"]["id"] for r in merged) == sorted([first, second, third])
    assert ben.call("GET", "/saved")[1]["results"] == []
    assert ben.call("DELETE", f"/saved/{first}")[0] == 404

    status, page = ana.call("GET", "/saved?page_size=2")
    assert len(page["results"]) == 2 and page["next"]
    cursor = page["next"].split("cursor=")[1]
    status, rest = ana.call("GET", f"/saved?page_size=2&cursor={cursor}")
    ids = [r["article"]["id"] for r in page["results"] + rest["results"]]
    assert sorted(ids) == sorted([first, second, third])
    assert ana.call("DELETE", f"/saved/{second}")[0] == 204
    assert SavedArticle.objects.filter(user=ana.user).count() == 2
    assert ana.call("POST", "/saved/sync", {"article_ids": "x"})[0] == 422
    assert fourth not in ids


def test_history_and_read_marks(world: dict[str, Any]) -> None:
    ana, ben = Api("ana"), Api("ben")
    first = world["articles"][0].pk
    status, mark = ana.call("PUT", f"/read/{first}")
    assert (status, mark["article"]["id"]) == (200, first)
    assert ana.call("PUT", f"/read/{first}")[1]["read_at"] == mark["read_at"]
    assert [r["article"]["id"] for r in ana.call("GET", "/history")[1]["results"]] == [first]
    assert ben.call("GET", "/history")[1]["results"] == []
    assert ben.call("DELETE", f"/read/{first}")[0] == 404
    assert ana.call("DELETE", f"/read/{first}")[0] == 204
    assert not ReadMark.objects.exists()


def test_for_you_pages_follow_the_reader(world: dict[str, Any]) -> None:
    ana, ben = Api("ana"), Api("ben")
    ana.call("POST", "/follows", {"kind": "source", "value": "harbour-post"})
    ben.call("POST", "/mutes", {"source": "harbour-post"})
    status, page = ana.call("GET", "/for-you?page_size=2")
    assert status == 200
    assert [p["article"]["source"]["slug"] for p in page["results"]] == ["harbour-post"] * 2
    assert "source" in page["results"][0]["reasons"]
    status, rest = ana.call("GET", f"/for-you?page_size=2&cursor={page['next']}")
    assert [p["article"]["title"] for p in rest["results"]] == ["Harbour item 2", "Wire item"]
    assert rest["next"] is None
    assert [p["article"]["title"] for p in ben.call("GET", "/for-you")[1]["results"]] == [
        "Wire item"
    ]
    assert ana.call("GET", "/for-you?cursor=junk")[0] == 400
    assert ana.call("GET", "/for-you?cursor=99999999999.0") == (200, {"results": [], "next": None})


def test_every_route_needs_a_reader(world: dict[str, Any]) -> None:
    client = Client()
    for method, path in [
        ("GET", "/follows"),
        ("GET", "/mutes"),
        ("GET", "/saved"),
        ("GET", "/history"),
        ("GET", "/for-you"),
        ("PUT", f"/read/{world['articles'][0].pk}"),
    ]:
        response = client.generic(method, f"/api/v1/me{path}")
        assert response.status_code == 401, path
    response = client.get("/api/v1/me/follows", HTTP_AUTHORIZATION="Bearer nd_wrong")
    assert response.status_code == 401


def test_session_sync_needs_the_csrf_token(world: dict[str, Any]) -> None:
    ana = make_reader("ana")
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana)
    body = json.dumps({"article_ids": [world["articles"][0].pk]})
    refused = client.post("/api/v1/me/saved/sync", body, content_type="application/json")
    assert refused.status_code in (401, 403)
    client.get("/saved/")
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/me/saved/sync", body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200
    assert [r["article"]["id"] for r in accepted.json()] == [world["articles"][0].pk]
    assert "no-cache" in client.get("/api/v1/me/saved")["Cache-Control"]


def test_the_readers_lists_give_the_sites_copy_of_the_image(
    world: dict[str, Any], keep_image: Any
) -> None:
    """The reading list, history and "For you" cards name the lead image as the other cards do:
    the site's kept copy (absolute), or "" while there is none; never the publisher's address."""
    kept, waiting = world["articles"][0], world["articles"][1]
    keep_image(kept)
    publisher = "https://harbour-post.example.test/images/waiting.jpg"
    Article.objects.filter(pk=waiting.pk).update(image_url=publisher)
    ana = Api("ana")
    ana.call("POST", "/follows", {"kind": "source", "value": "harbour-post"})
    for article in (kept, waiting):
        assert ana.call("PUT", f"/saved/{article.pk}")[0] == 200
        assert ana.call("PUT", f"/read/{article.pk}")[0] == 200
    lists = {
        "saved": [row["article"] for row in ana.call("GET", "/saved")[1]["results"]],
        "history": [row["article"] for row in ana.call("GET", "/history")[1]["results"]],
        "for you": [pick["article"] for pick in ana.call("GET", "/for-you")[1]["results"]],
        "sync": [row["article"] for row in ana.call("POST", "/saved/sync", {"article_ids": []})[1]],
    }
    for name, cards in lists.items():
        images = {card["id"]: card["image_url"] for card in cards}
        assert images[waiting.pk] == "", name
        assert images[kept.pk].startswith("http://testserver/media/"), name
        assert images[kept.pk].endswith(".webp"), name
        assert "127.0.0.1" not in images[kept.pk], name

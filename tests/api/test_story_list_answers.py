"""The story list's answer kept for everyone (decision 55): keyed by the story list's version, so
a change shows at once; a reader's own answer never shared; the bytes equal to ninja's."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from ninja.renderers import JSONRenderer

from newsdesk.desk.stories import merge_stories, place_article
from newsdesk.desk.stories.list_version import story_list_version
from newsdesk.readers.models import Reader
from newsdesk.stories.models import Story
from tests.api.conftest import ApiReader, MakeArticle, body, make_source, make_story

pytestmark = pytest.mark.django_db

Committing = Callable[..., Any]  # pytest-django's django_capture_on_commit_callbacks


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [card["id"] for card in body(response)["results"]]


def test_a_kept_answer_is_served_until_the_desk_records_a_change(
    client: Client, make_article: MakeArticle, django_capture_on_commit_callbacks: Committing
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story([make_article("Ferry plan", age=timedelta(hours=2))])
    first = client.get("/api/v1/stories")
    assert ids(first) == [story.pk]
    # A change the desk did not make (straight to the table) is not seen: the answer is kept.
    Story.objects.filter(pk=story.pk).update(headline="Changed behind the desk's back")
    assert client.get("/api/v1/stories").content == first.content
    # A story placed by the desk: the version is raised when its transaction commits.
    before = story_list_version()
    article = make_article("Bridge closes for repairs", age=timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        placed = place_article(article.pk)
    assert callbacks and story_list_version() > before
    after = client.get("/api/v1/stories")
    assert ids(after) == [placed.story_id, story.pk]
    assert body(after)["results"][1]["headline"] == "Changed behind the desk's back"


def test_a_merged_story_leaves_the_list_at_once(
    client: Client, make_article: MakeArticle, django_capture_on_commit_callbacks: Committing
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        absorbed = make_story([make_article("Ferry vote", age=timedelta(hours=1))])
        kept = make_story([make_article("Ferry vote held", age=timedelta(hours=2))])
    assert ids(client.get("/api/v1/stories")) == [absorbed.pk, kept.pk]
    with django_capture_on_commit_callbacks(execute=True):
        merge_stories(absorbed.pk, kept.pk, timezone.now())
    assert ids(client.get("/api/v1/stories")) == [kept.pk]


def test_no_raise_before_the_commit(
    make_article: MakeArticle, django_capture_on_commit_callbacks: Committing
) -> None:
    before = story_list_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_story([make_article("Storm warning")])
        assert story_list_version() == before
    assert len(callbacks) == 1
    callbacks[0]()
    assert story_list_version() == before + 1


def test_a_readers_own_answer_is_never_served_to_anyone_else(
    client: Client,
    reader: ApiReader,
    make_article: MakeArticle,
    django_capture_on_commit_callbacks: Committing,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        english = make_story([make_article("Markets open higher", age=timedelta(hours=2))])
        german = make_story([make_article("Bundestag tagt", language="de", age=timedelta(hours=1))])
    Reader.objects.update_or_create(user=reader.user, defaults={"languages": ["de"]})
    own = reader.client.get("/api/v1/stories")
    assert ids(own) == [german.pk]
    assert "private" in own["Cache-Control"]
    visitor = client.get("/api/v1/stories")
    assert ids(visitor) == [german.pk, english.pk]
    assert visitor["Cache-Control"] == "public, max-age=30"
    assert "Authorization" in visitor["Vary"] and "Cookie" in visitor["Vary"]
    assert ids(reader.client.get("/api/v1/stories")) == [german.pk]  # not the visitor's
    # A reader who narrowed nothing gets the answer everyone gets, from the same store.
    Reader.objects.filter(user=reader.user).update(languages=[])
    assert reader.client.get("/api/v1/stories").content == visitor.content


def test_a_readers_own_rule_keeps_their_answer_private_and_out_of_the_store(
    client: Client,
    reader: ApiReader,
    make_article: MakeArticle,
    django_capture_on_commit_callbacks: Committing,
) -> None:
    from newsdesk.readers.rules import Rule

    with django_capture_on_commit_callbacks(execute=True):
        markets = make_story([make_article("Markets open higher", age=timedelta(hours=2))])
        ferry = make_story([make_article("Ferry fares rise", age=timedelta(hours=1))])
    visitor = client.get("/api/v1/stories")  # stored for everyone first
    assert ids(visitor) == [ferry.pk, markets.pk]
    Rule.objects.create(
        user=reader.user, name="No ferries", terms=["ferry"], field="title", action="hide"
    )
    own = reader.client.get("/api/v1/stories")
    assert ids(own) == [markets.pk] and "private" in own["Cache-Control"]
    assert client.get("/api/v1/stories").content == visitor.content  # the rule stays theirs


def test_each_address_has_its_own_answer(
    client: Client, make_article: MakeArticle, django_capture_on_commit_callbacks: Committing
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for hours in (3, 2, 1):
            make_story([make_article(f"Story {hours}", age=timedelta(hours=hours))])
    two = body(client.get("/api/v1/stories", {"page_size": 2}))
    assert len(two["results"]) == 2 and two["next"]
    following = body(client.get(two["next"]))
    assert len(following["results"]) == 1
    other_host = body(client.get("/api/v1/stories", {"page_size": 2}, HTTP_HOST="127.0.0.1"))
    assert other_host["results"][0]["web_url"].startswith("http://127.0.0.1/story/")
    assert two["results"][0]["web_url"].startswith("http://testserver/story/")


def test_the_answer_is_byte_for_byte_what_ninja_would_write(
    client: Client, make_article: MakeArticle, django_capture_on_commit_callbacks: Committing
) -> None:
    link_only = make_source("Wire Daily", rights="link")
    with django_capture_on_commit_callbacks(execute=True):
        make_story([make_article("Ferry plan \u201cfinal\u201d <b>", age=timedelta(hours=2))])
        make_story([make_article("Wire copy", of=link_only, published_at=None)])
        make_story([make_article("Harbour opens", of=link_only)])
    response = client.get("/api/v1/stories", {"page_size": 5})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    answer = json.loads(response.content)
    excerpts = {card["lead"]["title"]: card["lead"]["excerpt"] for card in answer["results"]}
    assert excerpts["Harbour opens"] == "" and excerpts["Ferry plan \u201cfinal\u201d <b>"]
    validated = _operation_model().model_validate({"response": answer}).model_dump()["response"]
    again = JSONRenderer().render(None, validated, response_status=200)  # type: ignore[arg-type]
    assert response.content == again.encode()


def _operation_model() -> Any:
    from newsdesk.api.main import api

    for _, router in api._routers:
        for path, operations in router.path_operations.items():
            for operation in operations.operations:
                if path == "" and operation.view_func.__name__ == "list_stories":
                    return operation.response_models[200]
    raise AssertionError("no story list operation")


def test_page_addresses_are_what_reverse_gives(client: Client) -> None:
    from django.urls import reverse

    from newsdesk.api.schemas import _page_path

    for name, pk, slug in [("web:article", 7, "ferry-plan"), ("web:story", 10**12, "story")]:
        assert _page_path(name, pk, slug) == reverse(name, args=[pk, slug])

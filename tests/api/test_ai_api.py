"""The AI features through the JSON API: article tasks, story briefs, polling, refusals and the
model's per-reader limit, counted as the web panel counts it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.summaries.models import AiCall
from tests.api.conftest import ApiReader, MakeArticle, body, error_of, make_reader, make_source
from tests.support.chat import ChatServer, chat_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

PRISONERS = (
    "Ukraine and Russia exchanged prisoners of war on Friday in the largest swap since the "
    "spring, officials in Kyiv said. In all, 390 Ukrainian soldiers came home through Belarus, "
    "the coordination headquarters for prisoners said in a statement. The exchange was brokered "
    "by the United Arab Emirates, which has mediated several earlier swaps. Families waited at "
    "the border crossing near Chernihiv for hours before the buses arrived. President Volodymyr "
    "Zelensky thanked the mediators and said work on the next exchange had already begun."
)
RETOLD = (
    "Kyiv and Moscow swapped 390 prisoners of war each on Friday, the largest exchange in months. "
    "The United Arab Emirates mediated the deal, as it has done before. Buses carrying the "
    "Ukrainian soldiers crossed from Belarus near Chernihiv, where relatives had gathered."
)


def ask(client: Client, article_id: int, **wanted: str):
    return client.post(f"/api/v1/ai/articles/{article_id}", wanted, content_type="application/json")


def test_summary_with_citations_and_polling(client: Client, make_article: MakeArticle):
    article = make_article("Prisoner exchange", text=PRISONERS)
    response = ask(client, article.pk, task="summary")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    state = body(response)
    assert state["status"] == "ready" and state["task"] == "summary"
    assert state["engine"] == "extractive" and state["fallback"] is None
    assert state["sentences"] and all(s["citations"] for s in state["sentences"])
    numbers = {c["number"] for c in state["citations"]}
    assert {n for s in state["sentences"] for n in s["citations"]} == numbers
    assert all(c["article_id"] == article.pk for c in state["citations"])
    assert all(c["sentence_id"].startswith(f"{article.pk}:") for c in state["citations"])
    assert all(c["text"] in PRISONERS for c in state["citations"])
    polled = client.get(state["poll_url"])
    assert polled.status_code == 200 and body(polled) == state
    points = body(ask(client, article.pk, task="points"))
    assert points["task"] == "points" and points["id"] != state["id"]
    assert client.get("/api/v1/ai/summaries/999999").status_code == 404


def test_questions_and_refusals(client: Client, make_article: MakeArticle):
    article = make_article("Prisoner exchange", text=PRISONERS)
    answer = body(ask(client, article.pk, task="answer", question="Who brokered the exchange?"))
    assert answer["status"] == "ready" and answer["task"] == "answer"
    assert any("Emirates" in s["text"] for s in answer["sentences"])
    no_question = ask(client, article.pk, task="answer")
    assert no_question.status_code == 422 and "question" in error_of(no_question)["message"]
    translate = ask(client, article.pk, task="translate", language="fr")
    assert translate.status_code == 503 and "language model" in error_of(translate)["message"]
    unknown_task = ask(client, article.pk, task="poem")
    assert unknown_task.status_code == 422 and error_of(unknown_task)["details"]
    assert ask(client, 987654, task="line").status_code == 404
    closed = make_source("Closed Press", ai_allowed=False)
    theirs = make_article("Closed piece", of=closed, text=PRISONERS)
    refused = ask(client, theirs.pk, task="line")
    assert refused.status_code == 403
    error = error_of(refused)
    assert error["code"] == "ai_not_allowed"
    assert error["message"] == "Closed Press does not allow AI features on its articles"


def test_story_brief(client: Client, make_article: MakeArticle):
    from tests.api.conftest import make_story

    gazette = make_source("River Gazette")
    first = make_article("Prisoner exchange", text=PRISONERS, age=timedelta(hours=5))
    second = make_article("Swap of prisoners", of=gazette, text=RETOLD, age=timedelta(hours=2))
    story = make_story([first, second])
    url = f"/api/v1/ai/stories/{story.pk}/brief"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 200
    brief = body(response)
    assert brief["task"] == "brief" and brief["status"] == "ready"
    assert {c["article_id"] for c in brief["citations"]} == {first.pk, second.pk}
    assert {s["part"] for s in brief["sentences"]} <= {"summary", "new", "adds"}
    since = client.post(url, {"since": "2020-01-01T08:30:00Z"}, content_type="application/json")
    assert since.status_code == 200 and body(since)["id"] != brief["id"]
    lonely = make_story([make_article("Alone", text=PRISONERS)])
    refused = client.post(
        f"/api/v1/ai/stories/{lonely.pk}/brief", {}, content_type="application/json"
    )
    assert refused.status_code == 403 and "two sources" in error_of(refused)["message"]
    assert (
        client.post(
            "/api/v1/ai/stories/987654/brief", {}, content_type="application/json"
        ).status_code
        == 404
    )


@pytest.fixture
def model(chat: ChatServer) -> Iterator[ChatServer]:
    """A model engine (nothing runs the queued jobs) allowing one model call per reader an hour."""
    base = settings.NEWSDESK
    settings.NEWSDESK = dataclasses.replace(
        base, ai_engine=f"openai:{chat.url('/v1')}#tiny-test-model", ai_reader_hourly=1
    )
    reset_ai_engine()
    yield chat
    settings.NEWSDESK = base
    reset_ai_engine()


def test_model_calls_are_limited_per_reader(model: ChatServer, make_article: MakeArticle):
    article = make_article("Prisoner exchange", text=PRISONERS)
    first, second = make_reader("a@example.test"), make_reader("b@example.test")
    queued = body(ask(first.client, article.pk, task="line"))
    assert queued["status"] == "pending" and queued["engine"].startswith("llm:")
    assert body(first.client.get(queued["poll_url"]))["status"] == "pending"
    over = body(ask(first.client, article.pk, task="points"))
    assert over["engine"] == "extractive" and over["status"] == "ready"
    theirs = body(ask(second.client, article.pk, task="points"))
    assert theirs["engine"].startswith("llm:")
    visitor = Client(REMOTE_ADDR="10.9.8.7")
    assert body(ask(visitor, article.pk, task="summary"))["engine"].startswith("llm:")
    assert body(ask(visitor, article.pk, task="answer", question="Who?"))["engine"] == "extractive"
    readers = list(AiCall.objects.order_by("at").values_list("reader", flat=True))
    assert readers[:2] == [f"user:{first.user.pk}", f"user:{second.user.pk}"]
    assert readers[2].startswith("ip:") and len(readers) == 3


def test_a_reader_session_needs_csrf_for_ai_but_a_visitor_does_not(
    reader: ApiReader, make_article: MakeArticle
):
    article = make_article("Prisoner exchange", text=PRISONERS)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader.user)
    assert ask(browser, article.pk, task="line").status_code == 403
    visitor = Client(enforce_csrf_checks=True)
    assert ask(visitor, article.pk, task="line").status_code == 200

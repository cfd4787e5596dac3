"""Machine translation through the JSON API: ``to`` a language (the caller's by default), each
sentence with the ids of the original sentences it renders, refused clearly without a model
(503) or against the source's rights (403). The model is SmolLM2-135M on 127.0.0.1: the path
and the labels are tested, not the quality of the translation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation import gettext, override

from newsdesk.desk import ai
from newsdesk.desk.ai.translation import article_original
from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.summaries.models import Summary, SummaryStatus
from tests.api.conftest import MakeArticle, body, error_of, make_source
from tests.support.llm_server import LlmServer
from tests.support.processes import free_port

pytestmark = pytest.mark.django_db

LABEL = "Machine translation — may contain errors"


def configure(spec: str) -> None:
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_engine=spec, ai_timeout=120.0)
    reset_ai_engine()


@pytest.fixture
def unreachable_model() -> Iterator[None]:
    configure(f"openai:http://127.0.0.1:{free_port()}/v1#far-away-model")
    yield
    configure("extractive")


@pytest.fixture
def model(real_llm_server: LlmServer) -> Iterator[LlmServer]:
    configure(f"openai:{real_llm_server.base_url}#{real_llm_server.model}")
    yield real_llm_server
    configure("extractive")


def translate(client: Client, article_id: int, **extra: Any) -> Any:
    data = {"to": extra.pop("to")} if "to" in extra else {}
    return client.post(
        f"/api/v1/ai/articles/{article_id}/translation",
        data,
        content_type="application/json",
        **extra,
    )


def test_without_a_model_the_error_says_so(client: Client, make_article: MakeArticle) -> None:
    article = make_article()
    refused = translate(client, article.pk, to="de")
    assert refused.status_code == 503
    error = error_of(refused)
    assert error["code"] == "no_language_model" and "needs a language model" in error["message"]
    paragraph = ai.request_article(article, ai.Request(task="paragraph"))
    brief = client.post(
        f"/api/v1/ai/summaries/{paragraph.pk}/translation", {"to": "de"}, "application/json"
    )
    assert brief.status_code == 503
    assert not Summary.objects.filter(task="translation").exists()


def test_refusals(client: Client, make_article: MakeArticle, unreachable_model: None) -> None:
    closed = make_article(of=make_source("Closed Press", ai_allowed=False))
    link_only = make_article(of=make_source("Link Press", rights="link"))
    for article in (closed, link_only):
        refused = translate(client, article.pk, to="de")
        assert refused.status_code == 403 and error_of(refused)["code"] == "ai_not_allowed"
    unknown = translate(client, make_article().pk, to="xx")
    assert unknown.status_code == 422 and "language" in error_of(unknown)["message"]
    assert translate(client, 987654, to="de").status_code == 404
    assert client.get("/api/v1/ai/translations/987654").status_code == 404
    assert not Summary.objects.filter(task="translation").exists()


def test_the_callers_language_by_default(
    client: Client, make_article: MakeArticle, unreachable_model: None
) -> None:
    answer = translate(client, make_article().pk, HTTP_ACCEPT_LANGUAGE="ar")
    assert answer.status_code == 200
    data = body(answer)
    assert data["to"] == "ar" and data["dir"] == "rtl" and data["status"] == "pending"
    with override("ar"):
        assert data["label"] == gettext(LABEL)  # in the caller's language where there is one
    assert data["model"] == "far-away-model"
    assert data["poll_url"].endswith(f"/api/v1/ai/translations/{data['id']}")
    swiss = translate(client, make_article().pk, HTTP_ACCEPT_LANGUAGE="fr-CH, de;q=0.8")
    assert body(swiss)["to"] == "fr" and body(swiss)["dir"] == "ltr"


def test_the_article_task_takes_to(
    client: Client, make_article: MakeArticle, unreachable_model: None
) -> None:
    asked = client.post(
        f"/api/v1/ai/articles/{make_article().pk}",
        {"task": "translate", "to": "fr"},
        content_type="application/json",
    )
    assert asked.status_code == 200
    data = body(asked)
    assert data["task"] == "translate" and data["status"] == "pending" and data["fallback"] is None


@pytest.mark.slow
def test_real_model_translation_and_polling(
    client: Client, make_article: MakeArticle, model: LlmServer
) -> None:
    article = make_article()
    first = body(translate(client, article.pk, to="de"))
    assert first["status"] == "pending" and first["label"] == LABEL
    assert ai.run_summary(first["id"]) == SummaryStatus.READY

    polled = client.get(first["poll_url"])
    assert polled.status_code == 200
    data = body(polled)
    assert data["status"] == "ready" and data["model"] == model.model and data["to"] == "de"
    assert data["original_url"] == article.url and data["excerpt_only"] is False
    ids = [i for sentence in data["sentences"] for i in sentence["sentence_ids"]]
    count = len(article_original(article).sentences)
    assert sorted(ids) == sorted(f"{article.pk}:{n}" for n in range(count))
    for sentence in data["sentences"]:
        assert sentence["text"] and sentence["original"]
        if sentence["translated"]:
            assert (sentence["lang"], sentence["dir"]) == ("de", "ltr")
        else:
            assert sentence["text"] == sentence["original"] and sentence["problems"]
            assert sentence["lang"] == "en"
    assert data["untranslated"] == sum(1 for s in data["sentences"] if not s["translated"])
    again = body(translate(client, article.pk, to="de"))
    assert again["id"] == first["id"] and again["status"] == "ready"

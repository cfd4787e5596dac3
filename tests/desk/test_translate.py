"""Machine translation on the desk: refused without a model or against the source's rights,
queued once per article and language, written by a real model (SmolLM2-135M through
llama-cpp-python's server on 127.0.0.1) with every source sentence accounted for.

SmolLM2 is a toy model: these tests hold the path and its bookkeeping, not the quality of the
translation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk import ai
from newsdesk.desk.ai.translation import article_original
from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.sources.models import RightsPolicy, Source
from newsdesk.summaries.models import AiCall, Summary, SummaryStatus
from tests.support.llm_server import LlmServer
from tests.support.processes import free_port

pytestmark = pytest.mark.django_db

TEXT = (
    "Ukraine and Russia exchanged prisoners of war on Friday, officials in Kyiv said. "
    "In all, 390 Ukrainian soldiers came home through Belarus. "
    "The exchange was brokered by the United Arab Emirates."
)
EXCERPT = "Ukraine and Russia swapped 390 prisoners of war on Friday."


def configure(spec: str) -> None:
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_engine=spec, ai_timeout=120.0)
    reset_ai_engine()


@pytest.fixture
def extractive() -> Iterator[None]:
    configure("extractive")
    yield
    configure("extractive")


@pytest.fixture
def model(real_llm_server: LlmServer) -> Iterator[LlmServer]:
    configure(f"openai:{real_llm_server.base_url}#{real_llm_server.model}")
    yield real_llm_server
    configure("extractive")


def make_article(rights: str = RightsPolicy.FULL_TEXT, ai_allowed: bool = True) -> Article:
    number = Article.objects.count() + 1
    source = Source.objects.create(
        name=f"Kyiv Daily {number}",
        slug=f"kyiv-daily-{number}",
        rights=rights,
        ai_allowed=ai_allowed,
    )
    return Article.objects.create(
        url=f"https://kyiv.test/swap-{number}",
        url_hash=f"{number:032d}",
        source=source,
        title="Prisoner swap",
        text=TEXT,
        description=EXCERPT,
        published_at=timezone.now() - timedelta(hours=2),
        status=ArticleStatus.READY,
        body_origin=BodyOrigin.PAGE,
        language="en",
    )


def test_without_a_model_translation_is_refused_clearly(extractive: None) -> None:
    article = make_article()
    assert ai.translation_available() is False
    with pytest.raises(ai.TranslationUnavailable, match="needs a language model"):
        ai.request_translation(article, "de", "reader")
    with pytest.raises(ai.TranslationUnavailable):
        ai.request_article(article, ai.Request(task="translation", language="de"))
    assert Summary.objects.count() == 0 and AiCall.objects.count() == 0


def test_rights_decide_what_is_translated() -> None:
    full = article_original(make_article())
    assert [s.text for s in full.sentences][1] == (
        "In all, 390 Ukrainian soldiers came home through Belarus."
    )
    excerpt = article_original(make_article(RightsPolicy.EXCERPT))
    assert excerpt.excerpt_only and [s.text for s in excerpt.sentences] == [EXCERPT]
    assert excerpt.version != full.version
    with pytest.raises(ai.RightsRefused, match="only a link"):
        article_original(make_article(RightsPolicy.LINK_ONLY))
    with pytest.raises(ai.RightsRefused, match="does not allow AI"):
        article_original(make_article(ai_allowed=False))


def test_refusals_before_any_model_call() -> None:
    article = make_article()
    configure(f"openai:http://127.0.0.1:{free_port()}/v1#gone")
    try:
        with pytest.raises(ai.AiRefused, match="Choose a language"):
            ai.request_translation(article, "klingon", "reader")
        with pytest.raises(ai.AiRefused, match="already in"):
            ai.request_translation(article, "en-GB", "reader")
        with pytest.raises(ai.RightsRefused):
            ai.request_translation(make_article(ai_allowed=False), "de", "reader")
        assert AiCall.objects.count() == 0
    finally:
        configure("extractive")


def test_an_unreachable_model_fails_the_job_for_good() -> None:
    article = make_article()
    configure(f"openai:http://127.0.0.1:{free_port()}/v1#gone")
    try:
        jobs: list[int] = []
        summary = ai.request_translation(article, "de", "reader", enqueue=jobs.append)
        assert summary.status == SummaryStatus.PENDING and jobs == [summary.pk]
        assert ai.run_summary(summary.pk) == SummaryStatus.FAILED
        summary.refresh_from_db()
        shown = ai.show_translation(summary)
        assert "unavailable" in shown.error and shown.sentences == []
        again = ai.request_translation(article, "de", "reader", enqueue=jobs.append)
        assert again.pk == summary.pk and jobs == [summary.pk]  # not asked again
    finally:
        configure("extractive")


def assert_every_sentence_accounted_for(shown: ai.ShownTranslation, ids: list[str]) -> None:
    rendered = [o.sentence_id for sentence in shown.sentences for o in sentence.originals]
    assert sorted(rendered) == sorted(ids)  # each source sentence once, in one sentence
    assert [o.sentence_id for o in shown.originals] == ids
    for sentence in shown.sentences:
        assert sentence.text.strip()
        if not sentence.translated:  # shown as the original, with what went wrong
            assert sentence.text == sentence.original_text and sentence.problems


@pytest.mark.slow
def test_real_model_translates_an_article_once_per_language(model: LlmServer) -> None:
    article = make_article()
    jobs: list[int] = []
    summary = ai.request_translation(article, "de", "user:1", enqueue=jobs.append)
    assert summary.status == SummaryStatus.PENDING and jobs == [summary.pk]
    assert AiCall.objects.filter(reader="user:1").count() == 1

    assert ai.run_summary(summary.pk) == SummaryStatus.READY
    summary.refresh_from_db()
    shown = ai.show_translation(summary)

    assert shown.status == SummaryStatus.READY and shown.error == ""
    assert shown.engine == f"llm:{model.model}" and shown.model == model.model
    assert shown.language == "de" and shown.direction == "ltr" and shown.source_language == "en"
    assert_every_sentence_accounted_for(shown, [f"{article.pk}:{n}" for n in range(3)])
    again = ai.request_translation(article, "de", "user:1", enqueue=jobs.append)
    assert again.pk == summary.pk and jobs == [summary.pk]
    arabic = ai.request_translation(article, "ar", "user:1", enqueue=jobs.append)
    assert arabic.pk != summary.pk and ai.show_translation(arabic).direction == "rtl"


@pytest.mark.slow
def test_real_model_translates_a_finished_summary(model: LlmServer) -> None:
    article = make_article()
    configure("extractive")
    paragraph = ai.request_article(article, ai.Request(task="paragraph"))
    assert paragraph.status == SummaryStatus.READY
    configure(f"openai:{model.base_url}#{model.model}")

    jobs: list[int] = []
    summary = ai.request_translation(paragraph, "fr", "reader", enqueue=jobs.append)
    assert summary.result == {"of_summary": paragraph.pk}
    assert ai.run_summary(summary.pk) == SummaryStatus.READY
    summary.refresh_from_db()
    shown = ai.show_translation(summary)

    count = len(ai.show(paragraph).sentences)
    assert_every_sentence_accounted_for(shown, [f"s{paragraph.pk}:{n}" for n in range(count)])
    assert shown.of_summary == paragraph.pk
    with pytest.raises(ai.AiRefused, match="finished summary"):
        ai.request_translation(summary, "de", "reader")  # a translation is not translated again


def test_past_the_budget_translation_waits_and_stores_nothing() -> None:
    article = make_article()
    configure(f"openai:http://127.0.0.1:{free_port()}/v1#gone")
    budget = settings.NEWSDESK.ai_daily_budget
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_daily_budget=0)
    try:
        with pytest.raises(ai.TranslationLimited):
            ai.request_translation(article, "de", "reader", enqueue=lambda pk: None)
        assert not Summary.objects.exists()
    finally:
        settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_daily_budget=budget)
        configure("extractive")

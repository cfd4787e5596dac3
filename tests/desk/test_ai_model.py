"""AI text from a model endpoint: queued, streamed, checked, limited, and replaced when it fails.

The endpoint is a chat-completions server on 127.0.0.1 whose answers each test chooses (the
real-model run is in tests/pipeline/test_summarize_llm.py).
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
from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.sources.models import Source
from newsdesk.summaries.models import AiCall, Summary, SummaryStatus
from tests.support.chat import ChatServer, chat_fixture, completion, events, status  # noqa: F401
from tests.support.processes import free_port

pytestmark = pytest.mark.django_db

TEXT = (
    "Ukraine and Russia exchanged prisoners of war on Friday in the largest swap since the "
    "spring, officials in Kyiv said. In all, 390 Ukrainian soldiers came home through Belarus, "
    "the coordination headquarters for prisoners said. The exchange was brokered by the United "
    "Arab Emirates, which has mediated several earlier swaps."
)


@pytest.fixture
def model(chat: ChatServer) -> Iterator[ChatServer]:
    """The site's AI engine is the model on ``chat`` for the test."""
    configure(f"openai:{chat.url('/v1')}#tiny-test-model")
    yield chat
    configure("extractive")


def configure(spec: str, **limits: int) -> None:
    settings.NEWSDESK = dataclasses.replace(
        settings.NEWSDESK, ai_engine=spec, ai_timeout=5.0, **limits
    )
    reset_ai_engine()


@pytest.fixture
def article() -> Article:
    source = Source.objects.create(name="Kyiv Daily", slug="kyiv-daily")
    return Article.objects.create(
        url="https://kyiv.test/swap",
        url_hash="1" * 32,
        source=source,
        title="Prisoner swap",
        text=TEXT,
        published_at=timezone.now() - timedelta(hours=2),
        status=ArticleStatus.READY,
        body_origin=BodyOrigin.PAGE,
        language="en",
    )


def queued(article: Article, task: str = "paragraph", **fields: str) -> tuple[Summary, list[int]]:
    jobs: list[int] = []
    summary = ai.request_article(article, ai.Request(task=task, **fields), enqueue=jobs.append)
    return summary, jobs


def test_model_summary_is_queued_streamed_and_checked(model: ChatServer, article: Article) -> None:
    model.answer_with(
        events(
            [
                "Ukraine and Russia swapped prisoners on Friday [1]. ",
                "In all, 390 Ukrainian soldiers came home [2]. ",
                "Exactly 1,200 soldiers were freed in Poland [2].",
            ]
        )
    )
    summary, jobs = queued(article)
    assert summary.status == SummaryStatus.PENDING and jobs == [summary.pk]
    assert AiCall.objects.count() == 1
    assert ai.run_summary(summary.pk) == SummaryStatus.READY
    summary.refresh_from_db()
    shown = ai.show(summary)
    assert [s.text for s in shown.sentences][:2] == [
        "Ukraine and Russia swapped prisoners on Friday.",
        "In all, 390 Ukrainian soldiers came home.",
    ] or len(shown.sentences) == 2
    assert shown.left_out == 1  # the invented number and place are not shown
    assert {note.sentence_id for note in shown.footnotes} <= {f"{article.pk}:{i}" for i in range(3)}
    assert shown.engine == "llm:tiny-test-model"
    again, more_jobs = queued(article)
    assert again.pk == summary.pk and more_jobs == []


def test_not_in_article_is_a_clear_answer(model: ChatServer, article: Article) -> None:
    model.answer_with(events(["NOT_IN_ARTICLE"]))
    summary, _ = queued(article, "answer", question="Who won the football?")
    ai.run_summary(summary.pk)
    summary.refresh_from_db()
    assert ai.show(summary).answered is False


def test_unreachable_model_falls_back_to_extractive(article: Article) -> None:
    configure(f"openai:http://127.0.0.1:{free_port()}/v1#gone")
    try:
        summary, _ = queued(article)
        assert ai.run_summary(summary.pk) == SummaryStatus.FAILED
        summary.refresh_from_db()
        assert "unavailable" in summary.error
        again, jobs = queued(article)
        assert again.status == SummaryStatus.FAILED and jobs == []  # not asked again
        fallback = ai.show(ai.fallback_for(article, ai.Request(task="paragraph")))
        assert fallback.engine == "extractive" and fallback.sentences
    finally:
        configure("extractive")


def test_model_errors_are_retried_until_attempts_run_out(
    model: ChatServer, article: Article
) -> None:
    model.answer_with(status(500))
    summary, _ = queued(article)
    for _ in range(ai.service.MAX_ATTEMPTS):
        ai.run_summary(summary.pk)
        summary.refresh_from_db()
        assert summary.status == SummaryStatus.FAILED
        ai.service.requeue(summary)
    summary.refresh_from_db()
    assert summary.attempts == ai.service.MAX_ATTEMPTS
    assert "500" in summary.error


def test_daily_budget_and_reader_limit(chat: ChatServer, article: Article) -> None:
    configure(f"openai:{chat.url('/v1')}#tiny-test-model", ai_daily_budget=1)
    try:
        first, jobs = queued(article, "line")
        assert first.engine.startswith("llm:") and jobs
        second, jobs = queued(article, "key_points")
        assert second.engine == "extractive" and second.status == SummaryStatus.READY
        assert jobs == []
        configure(
            f"openai:{chat.url('/v1')}#tiny-test-model", ai_daily_budget=100, ai_reader_hourly=1
        )
        limited, jobs = queued(article, "answer", question="Who mediated?", reader="ip:abc")
        assert limited.engine.startswith("llm:") and jobs
        over, jobs = queued(article, "answer", question="Who brokered it?", reader="ip:abc")
        assert over.engine == "extractive" and jobs == []
        other, jobs = queued(article, "answer", question="Who brokered it?", reader="ip:other")
        assert other.engine.startswith("llm:") and jobs
    finally:
        configure("extractive")


def test_translation_is_labelled_machine_translation(model: ChatServer, article: Article) -> None:
    model.answer_with(
        completion(
            "[1] La Ukraine et la Russie ont échangé des prisonniers vendredi.\n"
            "[2] Au total, 390 soldats ukrainiens sont rentrés.\n"
            "[3] L'échange a été négocié par les Émirats arabes unis."
        )
    )
    summary, _ = queued(article, "translation", language="fr")
    ai.run_summary(summary.pk)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.READY, summary.error
    shown = ai.show(summary)
    assert shown.sentences and all(s.footnotes for s in shown.sentences)

"""The public accuracy record: the faithfulness gate's verdicts counted where AI text is stored,
and read back per engine, reason and week (the page and the API included)."""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk import ai
from newsdesk.desk.ai.accuracy import REASON_NAMES, accuracy_record, week_of
from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.pipeline.summarize import AiText, CitedSentence
from newsdesk.pipeline.summarize.gate_reasons import KINDS, reason_kind, reason_kinds
from newsdesk.sources.models import Source
from newsdesk.summaries.models import GateReason, GateTally, Summary, SummaryStatus
from tests.support.chat import ChatServer, chat_fixture, completion, events  # noqa: F401

pytestmark = pytest.mark.django_db

TEXT = (
    "Ukraine and Russia exchanged prisoners of war on Friday in the largest swap since the "
    "spring, officials in Kyiv said. In all, 390 Ukrainian soldiers came home through Belarus, "
    "the coordination headquarters for prisoners said. The exchange was brokered by the United "
    "Arab Emirates, which has mediated several earlier swaps."
)
MODEL = "llm:tiny-test-model"


def configure(spec: str) -> None:
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_engine=spec, ai_timeout=5.0)
    reset_ai_engine()


@pytest.fixture
def model(chat: ChatServer) -> Iterator[ChatServer]:
    configure(f"openai:{chat.url('/v1')}#tiny-test-model")
    yield chat
    configure("extractive")


@pytest.fixture
def article() -> Article:
    source = Source.objects.create(name="Kyiv Daily", slug="kyiv-daily")
    return Article.objects.create(
        url="https://kyiv.test/swap",
        url_hash="2" * 32,
        source=source,
        title="Prisoner swap",
        text=TEXT,
        published_at=timezone.now() - timedelta(hours=2),
        status=ArticleStatus.READY,
        body_origin=BodyOrigin.PAGE,
        language="en",
    )


def written(article: Article, task: str = "paragraph", **fields: str) -> Summary:
    jobs: list[int] = []
    summary = ai.request_article(article, ai.Request(task=task, **fields), enqueue=jobs.append)
    for job in jobs:
        ai.run_summary(job)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.READY, summary.error
    return summary


def tally(engine: str, task: str) -> tuple[int, int]:
    row = GateTally.objects.get(engine=engine, task=task, day=timezone.now().date())
    return row.checked, row.withheld


def reasons(engine: str) -> dict[str, int]:
    rows = GateReason.objects.filter(engine=engine).values_list("reason", "sentences")
    return dict(rows)


def test_a_models_withheld_sentences_are_counted_with_their_reasons(
    model: ChatServer, article: Article
) -> None:
    model.answer_with(
        events(
            [
                "Ukraine and Russia swapped prisoners on Friday [1]. ",
                "In all, 390 Ukrainian soldiers came home [2]. ",
                "Exactly 1,200 soldiers were freed in Poland [2].",
            ]
        )
    )
    summary = written(article)
    assert ai.show(summary).left_out == 1
    assert tally(MODEL, "paragraph") == (3, 1)
    # 1,200, Poland and "freed": one sentence, three reasons.
    assert reasons(MODEL) == {"number": 1, "name": 1, "words": 1}
    # A second summary of the day adds to the same rows.
    model.answer_with(events(["The swap went through Belarus [9]."]))
    written(article, "line")
    # [9] names no sentence of the article: the parser drops it, and the sentence cites nothing.
    assert tally(MODEL, "line") == (1, 1) and reasons(MODEL)["no_citation"] == 1


def test_an_answer_that_does_not_answer_is_withheld_whole(
    model: ChatServer, article: Article
) -> None:
    model.answer_with(events(["Ukraine and Russia exchanged prisoners of war on Friday [1]."]))
    summary = written(article, "answer", question="Who brokered the exchange?")
    assert summary.result["answered"] is False
    assert tally(MODEL, "answer") == (1, 1) and reasons(MODEL) == {"not_an_answer": 1}


def test_extractive_text_is_checked_and_counted_too(article: Article) -> None:
    summary = written(article, "key_points")
    checked, withheld = tally("extractive", "key_points")
    assert checked == len(summary.result["sentences"]) > 0 and withheld == 0


def test_translations_count_what_their_own_check_withholds(
    model: ChatServer, article: Article
) -> None:
    model.answer_with(
        completion(
            "[1] La Ukraine et la Russie ont échangé des prisonniers vendredi.\n"
            "[2] Au total, 930 soldats ukrainiens sont rentrés.\n"
            "[3] L'échange a été négocié par les Émirats arabes unis."
        )
    )
    written(article, "translation", language="fr")
    checked, withheld = tally(MODEL, "translation")
    assert checked == 3 and withheld >= 1 and reasons(MODEL).get("number") == 1


def test_the_record_sums_weeks_per_engine() -> None:
    today = date(2026, 12, 9)  # a Wednesday
    for day, checked, withheld in ((today, 10, 2), (today - timedelta(days=8), 5, 5)):
        GateTally.objects.create(
            day=day, engine=MODEL, task="paragraph", checked=checked, withheld=withheld
        )
    GateTally.objects.create(day=today, engine="extractive", task="line", checked=40, withheld=0)
    GateTally.objects.create(day=today - timedelta(weeks=20), engine=MODEL, task="line", checked=9)
    GateReason.objects.create(day=today, engine=MODEL, task="paragraph", reason="name", sentences=2)
    record = accuracy_record(today, weeks=4)
    assert record.since == date(2026, 11, 16) and week_of(today) == date(2026, 12, 7)
    extractive, llm = record.engines
    assert (extractive.engine, extractive.model, extractive.withheld) == ("extractive", "", 0)
    assert (llm.engine, llm.model, llm.checked, llm.withheld) == ("llm", "tiny-test-model", 15, 7)
    assert [(w.checked, w.withheld) for w in llm.weeks] == [(0, 0), (0, 0), (5, 5), (10, 2)]
    assert llm.reasons == [("name", 2)]


def test_every_problem_the_checks_write_has_a_kind_and_a_name() -> None:
    assert reason_kind("number 12") == "number" and reason_kind("words apart: a/b") == "words_apart"
    assert reason_kind("words: tariff") == "words" and reason_kind("wording: 40% of") == "wording"
    assert reason_kind("unknown citation 9:1") == "unknown_citation"
    assert reason_kind("length ratio 2.10") == "length" and reason_kind("language de") == "language"
    assert reason_kinds(["name Kyiv", "number 3", "name Lviv"]) == ("number", "name")
    assert reason_kinds([]) == ("other",) and reason_kind("a novel problem") == "other"
    assert set(REASON_NAMES) == set(KINDS)


def test_the_record_starts_from_the_verdicts_already_stored(article: Article) -> None:
    stored = AiText(
        task="paragraph",
        engine=MODEL,
        sentences=(
            CitedSentence("Kept.", (f"{article.pk}:0",), True),
            CitedSentence("Made up in Poland.", (f"{article.pk}:1",), False, ("name Poland",)),
        ),
    )
    Summary.objects.create(
        key="k" * 64,
        article=article,
        task="paragraph",
        engine=MODEL,
        version="v",
        status=SummaryStatus.READY,
        result=stored.to_json(),
    )
    migration = importlib.import_module("newsdesk.summaries.migrations.0002_gate_tallies")
    migration.count_stored_verdicts(django_apps, None)
    assert tally(MODEL, "paragraph") == (2, 1) and reasons(MODEL) == {"name": 1}


def test_the_page_and_the_api_show_the_record(client: Client) -> None:
    today = timezone.localdate()
    GateTally.objects.create(day=today, engine=MODEL, task="paragraph", checked=8, withheld=2)
    GateReason.objects.create(
        day=today, engine=MODEL, task="paragraph", reason="number", sentences=2
    )
    html = client.get("/accuracy/").content.decode()
    assert "Language model tiny-test-model" in html
    assert "2 of 8 sentences withheld (25%)." in html
    assert "A number its sources do not give" in html and "<svg" in html and "style=" not in html
    german = client.get("/accuracy/", headers={"accept-language": "de"}).content.decode()
    assert "2 von 8 Sätzen zurückgehalten" in german and "Sprachmodell" in german
    answer = json.loads(client.get("/api/v1/accuracy").content)
    engine = answer["engines"][0]
    assert (engine["engine"], engine["model"], engine["checked"], engine["withheld"]) == (
        "llm",
        "tiny-test-model",
        8,
        2,
    )
    assert engine["reasons"] == [
        {"reason": "number", "name": "A number its sources do not give", "sentences": 2}
    ]
    assert len(engine["weeks"]) == answer["weeks"] == 12

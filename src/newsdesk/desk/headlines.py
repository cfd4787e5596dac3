"""Honest headlines on the desk: judging a headline when an article is stored, and asking the
configured language model for a neutral one when it is clickbait.

``judge_headline`` is called wherever an article's title is written (``desk.articles``); pages
and the API read ``Article.clickbait`` and never judge again. Articles stored before headlines
were judged (``clickbait`` null) are judged by ``newsdesk tag --headlines`` (``judge_stored``).
``queue_neutral_title`` is called by the article job once an article is ready: with a model
configured (``NEWSDESK_AI_ENGINE`` ``openai:...``), a clickbait article whose source allows AI
gets a job on the "ai" queue that asks the model for a neutral headline
(``pipeline.summarize.headline``). The headline is stored only when the faithfulness check finds
it supported by the sentences it cites; either way the check's verdict is counted in the public
accuracy record (``desk.ai.accuracy``, task "headline"), so refused headlines show there as
withheld. Without a model nothing is queued and nothing is offered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.ai import limits
from newsdesk.desk.ai.accuracy import record_verdicts
from newsdesk.desk.ai.documents import article_document
from newsdesk.desk.joblog import logged_job
from newsdesk.desk.runtime import get_ai_engine
from newsdesk.pipeline.headlines import HeadlineModelError, judges, load_model
from newsdesk.pipeline.summarize import EngineUnavailable, SummarizeError
from newsdesk.pipeline.summarize.headline import checked_headline
from newsdesk.pipeline.summarize.llm import LlmEngine

log = logging.getLogger(__name__)

AI_QUEUE = "ai"
#: Stored articles judged a transaction (``newsdesk tag --headlines``).
BATCH = 500
#: Who the site's model budget records the calls of.
CALLER = "headlines"
#: The task the public accuracy record counts the checked headlines under.
TASK = "headline"


def judge_headline(title: str, language: str) -> bool:
    """Whether ``title`` is clickbait; False for languages the model does not judge, and when
    the shipped model cannot be read (logged once a process)."""
    if not title.strip() or not judges(language):
        return False
    try:
        return load_model().is_clickbait(title)
    except HeadlineModelError:
        _log_once()
        return False


def articles_to_judge(limit: int = 0) -> list[int]:
    """Ids of articles never judged (stored before headlines were judged), newest first."""
    ids = (
        Article.objects.filter(clickbait__isnull=True)
        .exclude(title="")
        .order_by("-id")
        .values_list("id", flat=True)
    )
    return list(ids[:limit] if limit else ids)


def judge_stored(article_ids: list[int], progress: Callable[[int], None] | None = None) -> int:
    """Judge these stored articles' headlines, ``BATCH`` at a time; returns how many were
    judged clickbait. An article judged meanwhile (its title rewritten) is judged again."""
    caught = 0
    for start in range(0, len(article_ids), BATCH):
        chunk = article_ids[start : start + BATCH]
        rows = Article.objects.filter(pk__in=chunk).values_list("id", "title", "language")
        verdicts = {pk: judge_headline(title, language) for pk, title, language in rows}
        with transaction.atomic():
            for value in (True, False):
                chosen = [pk for pk, verdict in verdicts.items() if verdict is value]
                Article.objects.filter(pk__in=chosen).update(clickbait=value)
        caught += sum(verdicts.values())
        if progress is not None:
            progress(len(chunk))
    return caught


def _log_once() -> None:
    if not getattr(_log_once, "done", False):
        log.exception("headlines: the clickbait model cannot be read; no headline is judged")
        _log_once.done = True  # type: ignore[attr-defined]


def rewriting_available() -> bool:
    return isinstance(get_ai_engine(), LlmEngine)


def queue_neutral_title(article_id: int) -> bool:
    """Queue the model's neutral headline for a ready clickbait article that has none yet."""
    if not rewriting_available():
        return False
    wanted = Article.objects.filter(
        pk=article_id,
        status=ArticleStatus.READY,
        clickbait=True,
        neutral_title_at__isnull=True,
        source__ai_allowed=True,
    ).exists()
    if wanted:
        write_neutral_title_job.enqueue(article_id)
    return wanted


def write_neutral_title(article_id: int) -> str:
    """Ask the model for the article's neutral headline and store it when supported."""
    engine = get_ai_engine()
    article = Article.objects.select_related("source").filter(pk=article_id).first()
    if article is None or not article.clickbait or not article.source.ai_allowed:
        return "not wanted"
    if not isinstance(engine, LlmEngine):
        return "no model"
    if limits.budget_left() <= 0:
        return "over budget"
    limits.record_call(CALLER, None)
    try:
        verdict = checked_headline(engine, article_document(article))
    except (EngineUnavailable, SummarizeError) as error:
        return f"model error: {error}"
    found = verdict.headline
    if verdict.checked is not None:
        record_verdicts(engine.name, TASK, [verdict.checked], timezone.now())
    Article.objects.filter(pk=article_id).update(
        neutral_title={"text": found.text, "cites": list(found.cites)} if found else None,
        neutral_title_at=timezone.now(),
    )
    return "written" if found else "unsupported"


@task(queue_name=AI_QUEUE)
@logged_job("neutral_title", item="article")
def write_neutral_title_job(article_id: int) -> str:
    return write_neutral_title(article_id)

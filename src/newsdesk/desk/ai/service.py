"""AI text for pages and the API: find it stored, write it now, or queue it for the model.

``request_article`` and ``request_story`` are what a page calls. They return a ``Summary``:

- stored and ready for this version of the text: served as it is;
- extractive engine (the default): written on the spot (milliseconds), checked, stored;
- model engine: a pending ``Summary`` is stored and ``run_summary`` is queued as a job; the page
  polls it and shows the text as the model writes it (``result["partial"]``).

The model is not asked when the site's daily budget or the reader's hourly limit is used up,
or when it failed for this text before: the extractive engine answers instead, with a note
saying why. A source that does not allow AI gets none (``AiRefused``).

Every result goes through the faithfulness check against the sentences it cites before it is
stored; the page shows only supported sentences and says how many it left out. An answer must
also cite sentences that answer the question (``pipeline.summarize.answers``), or it is stored
as "the article does not say".
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article
from newsdesk.desk.ai import limits
from newsdesk.desk.ai.accuracy import record_verdicts
from newsdesk.desk.ai.documents import (
    article_document,
    article_version,
    story_articles,
    story_version,
)
from newsdesk.desk.runtime import extractive_engine, get_ai_engine
from newsdesk.errors import NewsdeskError
from newsdesk.pipeline.summarize import (
    AiText,
    Document,
    Engine,
    EngineUnavailable,
    SummarizeError,
)
from newsdesk.pipeline.summarize.answers import finish_answer
from newsdesk.pipeline.summarize.faithfulness import check_text
from newsdesk.pipeline.summarize.llm import LlmEngine, parse_output
from newsdesk.stories.models import Story
from newsdesk.summaries.models import Summary, SummaryStatus

log = logging.getLogger(__name__)

ARTICLE_TASKS = ("line", "paragraph", "key_points", "answer", "translation")
MAX_QUESTION_CHARS = 300
MAX_ATTEMPTS = 3
#: Seconds between writes of a model's partial text while it streams.
PARTIAL_EVERY = 0.4

Enqueue = Callable[[int], None]


class AiRefused(NewsdeskError):  # noqa: N818
    """The source does not allow AI on its articles, or the request asks for nothing usable."""


@dataclass(frozen=True)
class Request:
    """What the reader asked for: a task, a question for answers, a language for translations."""

    task: str
    question: str = ""
    language: str = ""
    reader: str = "anonymous"
    since: datetime | None = None  # briefs: the reader's last visit, to the hour


def request_article(article: Article, request: Request, enqueue: Enqueue | None = None) -> Summary:
    """The stored, fresh or queued ``Summary`` of ``request.task`` for this article."""
    if request.task == "translation":
        from newsdesk.desk.ai.translation import request_translation

        return request_translation(article, request.language, request.reader, enqueue)
    _check_request(article, request)
    engine = _engine_for(request)
    version = article_version(article)
    key = _key("article", article.pk, request, engine.name, version)
    summary, created = _stored_or_new(key, engine, request, version, article=article)
    if not created and not _retry_wanted(summary):
        return summary
    return _produce(summary, engine, request, enqueue)


def request_story(story: Story, request: Request, enqueue: Enqueue | None = None) -> Summary | None:
    """The story brief (None if fewer than two sources allow AI)."""
    articles = story_articles(story)
    if len({article.source_id for article in articles}) < 2:
        return None
    engine = _engine_for(request)
    version = story_version(articles)
    key = _key("story", story.pk, request, engine.name, version)
    summary, created = _stored_or_new(key, engine, request, version, story=story)
    if not created and not _retry_wanted(summary):
        return summary
    return _produce(summary, engine, request, enqueue)


def _check_request(article: Article, request: Request) -> None:
    if not article.source.ai_allowed:
        raise AiRefused(
            _("%(source)s does not allow AI features on its articles")
            % {"source": article.source.name}
        )
    if request.task not in ARTICLE_TASKS:
        raise AiRefused(_("unknown AI task %(task)r") % {"task": request.task})
    if request.task == "answer" and not request.question.strip():
        raise AiRefused(_("ask a question first"))


def translation_available() -> bool:
    from newsdesk.desk.ai.translation import translation_available as available

    return available()


def _engine_for(request: Request) -> Engine:
    """The configured engine, or the extractive one when the model may not be asked now."""
    engine = get_ai_engine()
    if engine.name == "extractive" or request.task == "translation":
        return engine
    if limits.budget_left() <= 0 or limits.reader_calls_left(request.reader) <= 0:
        return extractive_engine()
    return engine


def _key(kind: str, target: int, request: Request, engine: str, version: str) -> str:
    question = " ".join(request.question.lower().split())[:MAX_QUESTION_CHARS]
    since = request.since.strftime("%Y-%m-%dT%H") if request.since else ""
    parts = (kind, str(target), request.task, question, request.language, since, engine, version)
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=32).hexdigest()


def _stored_or_new(
    key: str,
    engine: Engine,
    request: Request,
    version: str,
    article: Article | None = None,
    story: Story | None = None,
) -> tuple[Summary, bool]:
    existing = Summary.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Summary.objects.create(
                key=key,
                article=article,
                story=story,
                task="brief" if story is not None else request.task,
                question=request.question[:MAX_QUESTION_CHARS],
                language=request.language,
                since=request.since,
                engine=engine.name,
                version=version,
            ), True
    except IntegrityError:  # another request stored it first
        return Summary.objects.get(key=key), False


def _retry_wanted(summary: Summary) -> bool:
    """A failed summary with attempts left, or a pending one whose job was lost."""
    if summary.status == SummaryStatus.FAILED:
        return summary.attempts < MAX_ATTEMPTS
    if summary.status == SummaryStatus.PENDING:
        lost_after = timedelta(seconds=2 * settings.NEWSDESK.ai_timeout + 60)
        return summary.updated_at < timezone.now() - lost_after
    return False


def requeue(summary: Summary) -> None:
    """Mark a failed summary pending again, for one more attempt."""
    Summary.objects.filter(pk=summary.pk).update(
        status=SummaryStatus.PENDING, updated_at=timezone.now()
    )


def _produce(
    summary: Summary, engine: Engine, request: Request, enqueue: Enqueue | None
) -> Summary:
    if engine.name == "extractive":
        return _write_now(summary, engine)
    limits.record_call(request.reader, summary)
    Summary.objects.filter(pk=summary.pk).update(
        status=SummaryStatus.PENDING, error="", updated_at=timezone.now()
    )
    summary.refresh_from_db()
    if enqueue is None:
        from newsdesk.desk.ai.jobs import enqueue_summary

        enqueue = enqueue_summary
    enqueue(summary.pk)
    return summary


def _write_now(summary: Summary, engine: Engine) -> Summary:
    try:
        text, sources = _generate(summary, engine, on_partial=None)
    except SummarizeError as e:
        return _fail(summary, str(e))
    return _store(summary, text, sources)


def run_summary(summary_id: int) -> str:
    """The job: ask the model for a pending summary, check it, store it. Returns its status."""
    summary = Summary.objects.filter(pk=summary_id, status=SummaryStatus.PENDING).first()
    if summary is None:
        return "gone"
    if summary.task == "translation":
        from newsdesk.desk.ai.translation import run_translation

        return run_translation(summary)
    engine = get_ai_engine()
    Summary.objects.filter(pk=summary.pk).update(attempts=summary.attempts + 1)
    summary.attempts += 1
    try:
        text, sources = _generate(summary, engine, on_partial=_partial_writer(summary.pk))
    except EngineUnavailable as e:
        _fail(summary, f"the language model is unavailable: {e}", final=True)
        return SummaryStatus.FAILED
    except SummarizeError as e:
        log.warning("summary %s failed (attempt %s): %s", summary.pk, summary.attempts, e)
        _fail(summary, str(e))
        return SummaryStatus.FAILED
    _store(summary, text, sources)
    return SummaryStatus.READY


def _generate(
    summary: Summary, engine: Engine, on_partial: Callable[[str], None] | None
) -> tuple[AiText, Mapping[str, str]]:
    """Run the engine on the summary's article or story; the text and the sentences it read."""
    documents = _documents(summary)
    sources = {s.id: s.text for document in documents for s in document.sentences}
    prompt = _prompt(engine, summary, documents) if on_partial is not None else None
    if prompt is not None and on_partial is not None:
        return _streamed(engine, prompt, on_partial), sources
    if summary.story_id is not None:
        return engine.brief(documents, summary.since), sources
    if summary.task == "answer":
        return engine.answer(documents[0], summary.question), sources
    return engine.summarize(documents[0], summary.task), sources  # type: ignore[arg-type]


def _prompt(engine: Engine, summary: Summary, documents: list[Document]) -> object | None:
    """The model prompt for a task that streams (a translation is sent in batches instead)."""
    if not isinstance(engine, LlmEngine) or summary.task == "translation":
        return None
    if summary.story_id is not None:
        return engine.brief_prompt(documents, summary.since)
    if summary.task == "answer":
        return engine.answer_prompt(documents[0], summary.question)
    return engine.summary_prompt(documents[0], summary.task)  # type: ignore[arg-type]


def _streamed(engine: Engine, prompt: Any, on_partial: Callable[[str], None]) -> AiText:
    """The model's answer as it streams, the text so far handed to ``on_partial``."""
    assert isinstance(engine, LlmEngine)
    text = ""
    for delta in engine.stream(prompt):
        text += delta
        on_partial(text)
    result = parse_output(prompt, text, engine.name)
    if result.answered and not result.sentences:
        raise SummarizeError(f"the model answered no usable text: {text[:200]!r}")
    return result


def _documents(summary: Summary) -> list[Document]:
    if summary.story_id is not None:
        story = Story.objects.get(pk=summary.story_id)
        return [article_document(article) for article in story_articles(story)]
    article = Article.objects.select_related("source").get(pk=summary.article_id or 0)
    return [article_document(article)]


def _partial_writer(summary_id: int) -> Callable[[str], None]:
    """A callback storing the text so far, at most every ``PARTIAL_EVERY`` seconds."""
    last = 0.0

    def write(text: str) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PARTIAL_EVERY:
            last = now
            Summary.objects.filter(pk=summary_id).update(result={"partial": text})

    return write


def _store(summary: Summary, text: AiText, sources: Mapping[str, str]) -> Summary:
    faithful = check_text(text, sources)
    checked, dropped = faithful, []
    if summary.task == "answer":
        # The cited sentences must answer the question too, or the answer is "not in the article".
        checked = finish_answer(faithful, summary.question, sources)
        if not checked.sentences:  # withheld whole: its supported sentences too
            dropped = [s for s in faithful.sentences if s.supported and s.cites]
    engine = text.engine or summary.engine
    record_verdicts(engine, summary.task, faithful.sentences, timezone.now(), dropped)
    # The cited sentences' text, as the engine read it: footnotes need no re-reading.
    cited = {i: sources[i] for i in checked.cited_ids() if i in sources}
    summary.result = {**checked.to_json(), "cited": cited}
    summary.status = SummaryStatus.READY
    summary.error = ""
    summary.save(update_fields=["result", "status", "error", "updated_at"])
    return summary


def _fail(summary: Summary, error: str, final: bool = False) -> Summary:
    summary.status = SummaryStatus.FAILED
    summary.error = error[:2000]
    if final:
        summary.attempts = MAX_ATTEMPTS
    summary.save(update_fields=["status", "error", "attempts", "updated_at"])
    return summary


def fallback_for(article: Article, request: Request) -> Summary:
    """The extractive answer to a request whose model summary failed for good."""
    engine = extractive_engine()
    version = article_version(article)
    key = _key("article", article.pk, request, engine.name, version)
    summary, created = _stored_or_new(key, engine, request, version, article=article)
    return _write_now(summary, engine) if created else summary

"""The AI panel: summaries, key points, answers, translations and story briefs, as fragments.

Every control is a plain GET form or link to the article (or story) page with ``?ai=TASK``, so the
panel works without JavaScript: the page renders the result in place. With htmx the same forms
ask ``…/ai/`` for the fragment alone and swap it into the panel. A result the model is still
writing comes back as a fragment that polls ``/ai/summary/<id>/`` every second, showing the text
written so far, until it is ready.

A reader is counted for the model's hourly limit by a digest of their address; nothing is kept
about them beyond the call records (see ``newsdesk.desk.ai.limits``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from newsdesk.articles.models import Article
from newsdesk.desk import ai, reading
from newsdesk.desk.stories import reading as story_reading
from newsdesk.pipeline.summarize.translate import NATIVE_NAMES
from newsdesk.stories.models import Story
from newsdesk.summaries.models import Summary, SummaryStatus
from newsdesk.web import translation

#: The languages an article can be translated into, each named in itself.
LANGUAGES = tuple(NATIVE_NAMES.items())
TASK_TITLES = {
    "line": gettext_lazy("In one line"),
    "paragraph": gettext_lazy("Summary"),
    "key_points": gettext_lazy("Key points"),
    "answer": gettext_lazy("Answer"),
    "translation": gettext_lazy("Translation"),
    "brief": gettext_lazy("Story brief"),
}


def reader_of(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return "ip:" + hashlib.blake2b(address.encode(), digest_size=8).hexdigest()


def panel_context(request: HttpRequest, article: Article) -> dict[str, object]:
    """The AI panel's context for the article page; with ``?ai=TASK`` the result too."""
    context: dict[str, object] = {
        "ai_allowed": article.source.ai_allowed,
        "translation": ai.translation_available(),
        "translation_language": translation.reader_language(request),
        "languages": LANGUAGES,
        "question": request.GET.get("question", "")[: ai.service.MAX_QUESTION_CHARS],
    }
    task = request.GET.get("ai", "")
    if task and article.source.ai_allowed:
        context.update(_article_result(request, article, task))
    return context


@never_cache
def article_fragment(request: HttpRequest, article_id: int) -> HttpResponse:
    article = reading.article_with_source(article_id)
    if article is None:
        raise Http404("No such article")
    context = _article_result(request, article, request.GET.get("ai", "paragraph"))
    status = 400 if context.get("refused") else 200
    template = translation.TEMPLATE if context.get("translated") else "web/_ai_result.html"
    return render(request, template, context, status=status)


@never_cache
@require_GET
def summary_translation_fragment(request: HttpRequest, summary_id: int) -> HttpResponse:
    """A finished AI result (a story brief) translated into ``?language=``."""
    summary = Summary.objects.filter(pk=summary_id).select_related("article__source").first()
    if summary is None:
        raise Http404("No such summary")
    context = translation.summary_context(request, summary, reader_of(request))
    status = 400 if context.get("refused") else 200
    template = translation.TEMPLATE if context.get("translated") else "web/_ai_result.html"
    return render(request, template, context, status=status)


def _article_result(request: HttpRequest, article: Article, task: str) -> dict[str, object]:
    if task == "translation":
        return translation.article_context(request, article, reader_of(request))
    wanted = ai.Request(
        task=task,
        question=request.GET.get("question", "").strip()[: ai.service.MAX_QUESTION_CHARS],
        language=request.GET.get("language", "")[:16],
        reader=reader_of(request),
    )
    try:
        summary = ai.request_article(article, wanted)
    except ai.AiRefused as e:
        return {"refused": str(e), "task_title": TASK_TITLES.get(task, "AI")}
    return _result_context(summary, article=article, request=wanted)


@never_cache
def story_fragment(request: HttpRequest, story_id: int) -> HttpResponse:
    story = story_reading.resolve_story(story_id)
    if story is None:
        raise Http404("No such story")
    return render(request, "web/_ai_result.html", story_brief_context(request, story))


def story_brief_context(request: HttpRequest, story: Story) -> dict[str, object]:
    since = _since(request.GET.get("since", ""))
    wanted = ai.Request(task="brief", since=since, reader=reader_of(request))
    summary = ai.request_story(story, wanted)
    if summary is None:
        return {"refused": "A brief needs at least two sources that allow AI."}
    return _result_context(summary, since=since)


@never_cache
def summary_fragment(request: HttpRequest, summary_id: int) -> HttpResponse:
    """The fragment a pending result polls until the model has finished."""
    summary = Summary.objects.filter(pk=summary_id).first()
    if summary is None:
        raise Http404("No such summary")
    if summary.task == "translation":
        return render(request, translation.TEMPLATE, translation.translation_context(summary))
    return render(request, "web/_ai_result.html", _result_context(summary))


def _result_context(
    summary: Summary,
    article: Article | None = None,
    request: ai.Request | None = None,
    since: datetime | None = None,
) -> dict[str, object]:
    shown = ai.show(summary)
    fallback = None
    if shown.error and article is not None and request is not None:
        fallback = ai.show(ai.fallback_for(article, request))
    return {
        "shown": shown,
        "fallback": fallback,
        "task_title": TASK_TITLES.get(summary.task, "AI"),
        "since": since,
        "translate_form": summary.story_id is not None
        and summary.status == SummaryStatus.READY
        and ai.translation_available(),
        "languages": LANGUAGES,
        "translation_language": translation.reader_language(),
    }


def _since(value: str) -> datetime | None:
    try:
        parsed = parse_datetime(value) if value else None
    except ValueError:
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None

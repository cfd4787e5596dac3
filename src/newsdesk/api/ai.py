"""API routes: the AI features of the article page's panel and the story brief.

``POST /ai/articles/{id}`` asks for one of ``line``, ``summary``, ``points``, ``answer`` (with a
``question``) or ``translate`` (with a ``language``); ``POST /ai/stories/{id}/brief`` for a story
brief. ``POST /ai/articles/{id}/translation`` and ``POST /ai/summaries/{id}/translation`` (a
story brief) translate ``to`` a language, every source sentence accounted for (polled at
``GET /ai/translations/{id}``); translation needs a language model (503 without one). Both
answer with the summary's state: ready at once with the extractive engine; with a
language model ``pending`` until written, to be polled at ``poll_url``. A result the model failed
to write comes with the extractive ``fallback``, as the panel shows it.

Callers are counted for the model's hourly limit as the web panel counts them: a signed-in reader
(token or session) by account, anyone else by a digest of their address. A source that does not
allow AI gets a 403.
"""

import hashlib
from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import private
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import ROW_ID, ErrorBody, article_web_url, story_web_url
from newsdesk.desk import ai, api_reading, reading
from newsdesk.desk.reading import web_url
from newsdesk.desk.stories import reading as story_reading
from newsdesk.summaries.models import Summary

router = Router()

TASKS = {
    "line": "line",
    "summary": "paragraph",
    "points": "key_points",
    "answer": "answer",
    "translate": "translation",
}
API_TASKS = {desk: api for api, desk in TASKS.items()}


class ArticleAsk(Schema):
    task: Literal["line", "summary", "points", "answer", "translate"]
    question: str = Field("", max_length=ai.service.MAX_QUESTION_CHARS)
    language: str = Field("", max_length=16, description="for translate: a language code")
    to: str = Field("", max_length=16, description="for translate: the same as language")


class BriefAsk(Schema):
    since: datetime | None = Field(None, description="the reader's last visit: what is new since")


class Citation(Schema):
    number: int
    sentence_id: str  # "<article id>:<n>"
    text: str
    article_id: int | None
    article_title: str
    source: str
    web_url: str


class SentenceOut(Schema):
    text: str
    part: str  # briefs: summary | new | adds; empty otherwise
    citations: list[int]  # numbers of the citations it rests on
    one_source: bool  # briefs: every cited sentence states a fact no other source reports


class SummaryState(Schema):
    id: int
    task: str  # line | summary | points | answer | translate | brief
    status: str  # pending | ready | failed
    engine: str
    answered: bool  # False when the text does not answer the question
    sentences: list[SentenceOut]
    citations: list[Citation]
    left_out: int  # sentences the faithfulness check did not support
    partial: str  # what the model has written so far, while pending
    notes: list[str]
    error: str
    poll_url: str


class SummaryOut(SummaryState):
    fallback: SummaryState | None  # the extractive answer when the model failed


def reader_of(request: HttpRequest) -> str:
    """Who is counted for the model's hourly limit (the same names the web panel uses)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return "ip:" + hashlib.blake2b(address.encode(), digest_size=8).hexdigest()


def _state(request: HttpRequest, summary: Summary) -> SummaryState:
    shown = ai.show(summary)
    citations = [
        Citation(
            number=note.number,
            sentence_id=note.sentence_id,
            text=note.text,
            article_id=note.article.pk if note.article else None,
            article_title=note.article.title if note.article else "",
            source=note.article.source.name if note.article else "",
            web_url=article_web_url(request, note.article) if note.article else "",
        )
        for note in shown.footnotes
    ]
    return SummaryState(
        id=summary.pk,
        task=API_TASKS.get(summary.task, summary.task),
        status=shown.status,
        engine=shown.engine,
        answered=shown.answered,
        sentences=[
            SentenceOut(
                text=s.text,
                part=s.part,
                citations=[n.number for n in s.footnotes],
                one_source=s.one_source,
            )
            for s in shown.sentences
        ],
        citations=citations,
        left_out=shown.left_out,
        partial=shown.partial,
        notes=shown.notes,
        error=shown.error,
        poll_url=request.build_absolute_uri(
            reverse("api-v1:poll_summary", kwargs={"summary_id": summary.pk})
        ),
    )


def _out(request: HttpRequest, summary: Summary, fallback: Summary | None = None) -> SummaryOut:
    state = _state(request, summary)
    return SummaryOut(
        **state.model_dump(), fallback=_state(request, fallback) if fallback else None
    )


@router.post(
    "/articles/{article_id}",
    response={
        200: SummaryOut,
        403: ErrorBody,
        404: ErrorBody,
        422: ErrorBody,
        429: ErrorBody,
        503: ErrorBody,
    },
    auth=optional_auth,
    summary="AI on an article",
)
@private
def ask_article(request: HttpRequest, ask: ArticleAsk, article_id: int = ROW_ID) -> SummaryOut:
    """A one-line summary, a summary, key points, an answer or a translation, with citations."""
    article = reading.article_with_source(article_id)
    if article is None:
        raise ApiError(404, "No such article")
    if not article.source.ai_allowed:
        raise ApiError(
            403,
            f"{article.source.name} does not allow AI features on its articles",
            code="ai_not_allowed",
        )
    wanted = ai.Request(
        task=TASKS[ask.task],
        question=ask.question.strip(),
        language=(ask.to or ask.language).strip(),
        reader=reader_of(request),
    )
    try:
        summary = ai.request_article(article, wanted)
    except ai.AiRefused as e:
        raise _refusal(e) from e
    failed = summary.status == "failed" and summary.task != "translation"
    fallback = ai.fallback_for(article, wanted) if failed else None
    return _out(request, summary, fallback)


@router.post(
    "/stories/{story_id}/brief",
    response={200: SummaryOut, 403: ErrorBody, 404: ErrorBody},
    auth=optional_auth,
    summary="AI brief of a story",
)
@private
def ask_brief(request: HttpRequest, ask: BriefAsk, story_id: int = ROW_ID) -> SummaryOut:
    """What happened, what is new since ``since``, and what each source adds, with citations."""
    story = story_reading.resolve_story(story_id)
    if story is None:
        raise ApiError(404, "No such story")
    since = ask.since.replace(minute=0, second=0, microsecond=0) if ask.since else None
    if since is not None and since.tzinfo is None:
        raise ApiError(422, "since needs a time zone, e.g. 2026-01-31T08:00:00Z")
    summary = ai.request_story(
        story, ai.Request(task="brief", since=since, reader=reader_of(request))
    )
    if summary is None:
        raise ApiError(
            403, "A brief needs at least two sources that allow AI features", code="ai_not_allowed"
        )
    return _out(request, summary)


@router.get(
    "/summaries/{summary_id}",
    response={200: SummaryOut, 404: ErrorBody},
    auth=optional_auth,
    url_name="poll_summary",
    summary="Poll an AI result",
)
@private
def poll_summary(request: HttpRequest, summary_id: int = ROW_ID) -> SummaryOut:
    """The summary's state now: poll while it is ``pending``."""
    summary = api_reading.summary_by_id(summary_id)
    if summary is None:
        raise ApiError(404, "No such summary")
    return _out(request, summary)


# --- translations ------------------------------------------------------------------------------

MACHINE_TRANSLATION = gettext_lazy("Machine translation — may contain errors")


class TranslateAsk(Schema):
    to: str = Field(
        "", max_length=16, description="a language code (de, fr, ar…); default: Accept-Language"
    )


class TranslatedSentenceOut(Schema):
    text: str  # the translation, or the original when ``translated`` is false
    translated: bool  # false: the translation was missing or failed the checks
    original: str  # the source sentence(s) it renders
    sentence_ids: list[str]  # their ids, "<article id>:<n>" (or "s<summary id>:<n>")
    problems: list[str]  # why it is shown in the original ("number 390", "language en")
    lang: str
    dir: str  # ltr | rtl


class TranslationOut(Schema):
    id: int
    status: str  # pending | ready | failed
    label: str
    engine: str
    model: str
    to: str
    dir: str
    source_language: str
    excerpt_only: bool  # the source allows an excerpt only: only that was translated
    original_url: str
    sentences: list[TranslatedSentenceOut]
    untranslated: int
    partial: str
    notes: list[str]
    error: str
    poll_url: str


# What a translation request can answer: the translation, or why not (see ``_refusal``).
TRANSLATION_RESPONSES = {
    200: TranslationOut,
    403: ErrorBody,
    404: ErrorBody,
    422: ErrorBody,
    429: ErrorBody,
    503: ErrorBody,
}


def _refusal(error: ai.AiRefused) -> ApiError:
    if isinstance(error, ai.TranslationUnavailable):
        return ApiError(503, str(error), code="no_language_model")
    if isinstance(error, ai.TranslationLimited):
        return ApiError(429, str(error))
    if isinstance(error, ai.RightsRefused):
        return ApiError(403, str(error), code="ai_not_allowed")
    return ApiError(422, str(error))


def _translation_out(request: HttpRequest, summary: Summary) -> TranslationOut:
    shown = ai.show_translation(summary)
    source_lang, source_dir = shown.source_language, shown.source_direction
    return TranslationOut(
        id=summary.pk,
        status=shown.status,
        label=str(MACHINE_TRANSLATION),
        engine=shown.engine,
        model=shown.model,
        to=shown.language,
        dir=shown.direction,
        source_language=source_lang,
        excerpt_only=shown.excerpt_only,
        original_url=_original_url(request, summary),
        sentences=[
            TranslatedSentenceOut(
                text=s.text,
                translated=s.translated,
                original=s.original_text,
                sentence_ids=[o.sentence_id for o in s.originals],
                problems=s.problems,
                lang=shown.language if s.translated else source_lang,
                dir=shown.direction if s.translated else source_dir,
            )
            for s in shown.sentences
        ],
        untranslated=shown.untranslated,
        partial=shown.partial,
        notes=shown.notes,
        error=shown.error,
        poll_url=request.build_absolute_uri(
            reverse("api-v1:poll_translation", kwargs={"summary_id": summary.pk})
        ),
    )


def _original_url(request: HttpRequest, summary: Summary) -> str:
    if summary.story_id is not None and summary.story is not None:
        return story_web_url(request, summary.story) + "#brief"
    article = summary.article
    if article is None:
        return ""
    return web_url(article.url) or article_web_url(request, article)


def _language(request: HttpRequest, ask: TranslateAsk) -> str:
    """``to``, else the first language of ``Accept-Language`` that can be translated into."""
    if ask.to.strip():
        return ask.to.strip()
    for tag in request.headers.get("Accept-Language", "").split(","):
        code = ai.language_code(tag.partition(";")[0])
        if code:
            return code
    return getattr(request, "LANGUAGE_CODE", "") or "en"


@router.post(
    "/articles/{article_id}/translation",
    response=TRANSLATION_RESPONSES,
    auth=optional_auth,
    summary="Translate an article",
)
@private
def translate_article(
    request: HttpRequest, ask: TranslateAsk, article_id: int = ROW_ID
) -> TranslationOut:
    """The article (or the excerpt its source allows) translated sentence by sentence."""
    article = reading.article_with_source(article_id)
    if article is None:
        raise ApiError(404, "No such article")
    try:
        summary = ai.request_translation(article, _language(request, ask), reader_of(request))
    except ai.AiRefused as e:
        raise _refusal(e) from e
    return _translation_out(request, summary)


@router.post(
    "/summaries/{summary_id}/translation",
    response=TRANSLATION_RESPONSES,
    auth=optional_auth,
    summary="Translate a story brief",
)
@private
def translate_summary(
    request: HttpRequest, ask: TranslateAsk, summary_id: int = ROW_ID
) -> TranslationOut:
    """A finished story brief (or other AI result) translated sentence by sentence."""
    summary = api_reading.summary_by_id(summary_id)
    if summary is None:
        raise ApiError(404, "No such summary")
    try:
        translated = ai.request_translation(summary, _language(request, ask), reader_of(request))
    except ai.AiRefused as e:
        raise _refusal(e) from e
    return _translation_out(request, translated)


@router.get(
    "/translations/{summary_id}",
    response={200: TranslationOut, 404: ErrorBody},
    auth=optional_auth,
    url_name="poll_translation",
    summary="Poll a translation",
)
@private
def poll_translation(request: HttpRequest, summary_id: int = ROW_ID) -> TranslationOut:
    """The translation's state now: poll while it is ``pending``."""
    summary = api_reading.summary_by_id(summary_id)
    if summary is None or summary.task != "translation":
        raise ApiError(404, "No such translation")
    return _translation_out(request, summary)

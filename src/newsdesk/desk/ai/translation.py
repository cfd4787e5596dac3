"""Machine translation of an article, or of a ready AI result such as a story brief.

Translation needs a language model: without one, ``request_translation`` refuses with
``TranslationUnavailable`` and nothing pretends to translate. With one, the translation is a
``Summary`` row (task "translation", keyed by target, language, engine and the version of the
text read), so each article is translated once per language; a job (the "ai" queue, the same
job as every model summary) writes it batch by batch, the text so far readable while it runs.

Rights: a source that does not allow AI gets none; a link-only source has nothing to translate;
an excerpt-only source has its excerpt translated, never its body.

Each translated sentence cites the source sentence(s) it renders. Before it is stored, each is
checked (``pipeline.summarize.translation_checks``) with the language detected in it;
a sentence that fails, or that the model left out, is kept with its problems, and the page
shows the original in its place.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article
from newsdesk.desk.ai import limits
from newsdesk.desk.ai.accuracy import record_verdicts
from newsdesk.desk.ai.documents import article_version
from newsdesk.desk.ai.service import (
    MAX_ATTEMPTS,
    PARTIAL_EVERY,
    AiRefused,
    Enqueue,
)
from newsdesk.desk.ai.service import _retry_wanted as retry_wanted
from newsdesk.desk.runtime import get_ai_engine
from newsdesk.pipeline.lang import detect_language
from newsdesk.pipeline.summarize import (
    CitedSentence,
    EngineUnavailable,
    SourceSentence,
    SummarizeError,
    make_document,
)
from newsdesk.pipeline.summarize.llm import LlmEngine
from newsdesk.pipeline.summarize.translate import (
    LANGUAGE_NAMES,
    batches,
    build_prompt,
    parse_translation,
)
from newsdesk.pipeline.summarize.translation_checks import check_translation, fill_gaps
from newsdesk.sources.models import RightsPolicy
from newsdesk.summaries.models import Summary, SummaryStatus

TASK = "translation"


class TranslationUnavailable(AiRefused):
    """No language model is configured, so nothing can be translated."""


class TranslationLimited(AiRefused):
    """Today's model calls, or this reader's for the hour, are used up."""


class RightsRefused(AiRefused):
    """The source's rights policy rules the translation out (no AI, or a link only)."""


@dataclass(frozen=True)
class Original:
    """The text a translation reads: numbered sentences, their language, and its version."""

    sentences: tuple[SourceSentence, ...]
    language: str
    version: str
    excerpt_only: bool = False


def translation_available() -> bool:
    """True when a language model is configured (the extractive engine cannot translate)."""
    return isinstance(get_ai_engine(), LlmEngine)


def language_code(value: str) -> str:
    """A language tag as a code of ``LANGUAGE_NAMES`` ("de-AT" is "de"), or ""."""
    code = value.strip().lower().replace("_", "-").partition("-")[0]
    return code if code in LANGUAGE_NAMES else ""


def article_original(article: Article) -> Original:
    """What of the article may be translated under its source's rights policy."""
    source = article.source
    if not source.ai_allowed:
        raise RightsRefused(
            _("%(source)s does not allow AI features on its articles") % _named(source)
        )
    if source.rights == RightsPolicy.LINK_ONLY:
        raise RightsRefused(
            _("%(source)s allows only a link to its articles, so there is nothing to translate")
            % _named(source)
        )
    excerpt_only = source.rights == RightsPolicy.EXCERPT
    text = article.description if excerpt_only else (article.text or article.description)
    document = make_document(article.pk, article.title, text, keep_all=True)
    version = _digest(article_version(article), "excerpt" if excerpt_only else "full", size=16)
    language = article.language or detect_language(text)
    return Original(document.sentences, language, version, excerpt_only)


def summary_original(summary: Summary) -> Original:
    """A ready AI result's shown sentences (a story brief, a summary), numbered for citing."""
    from newsdesk.desk.ai.shown import show

    if summary.task == TASK or summary.status != SummaryStatus.READY:
        raise AiRefused(_("Only a finished summary or brief can be translated."))
    shown = show(summary)
    sentences = tuple(
        SourceSentence(f"s{summary.pk}:{n}", sentence.text)
        for n, sentence in enumerate(shown.sentences)
    )
    if not sentences:
        raise AiRefused(_("This result has no sentences to translate."))
    language = detect_language(" ".join(s.text for s in sentences))
    return Original(sentences, language, _digest(summary.key, size=16))


def request_translation(
    target: Article | Summary, language: str, reader: str, enqueue: Enqueue | None = None
) -> Summary:
    """The stored or queued translation of an article (or of a ready AI result)."""
    engine = get_ai_engine()
    if not isinstance(engine, LlmEngine):
        raise TranslationUnavailable(
            _("Translation needs a language model, and none is configured on this site.")
        )
    code = language_code(language)
    if not code:
        raise AiRefused(_("Choose a language to translate into."))
    original = article_original(target) if isinstance(target, Article) else summary_original(target)
    if original.language == code:
        raise AiRefused(_("This text is already in that language."))
    kind = "article" if isinstance(target, Article) else "summary"
    key = _digest(TASK, kind, str(target.pk), code, engine.name, original.version)
    stored = Summary.objects.filter(key=key).first()
    if stored is not None and not retry_wanted(stored):
        return stored
    if limits.budget_left() <= 0 or limits.reader_calls_left(reader) <= 0:
        raise TranslationLimited(_("The language model has answered enough for now; try later."))
    if stored is not None:
        summary = stored  # failed with attempts left, or its job was lost: once more
    else:
        summary, created = _new(key, target, code, engine.name, original)
        if not created:
            return summary  # another request stored it first
    limits.record_call(reader, summary)
    Summary.objects.filter(pk=summary.pk).update(
        status=SummaryStatus.PENDING, error="", updated_at=timezone.now()
    )
    summary.refresh_from_db()
    if enqueue is None:
        from newsdesk.desk.ai.jobs import enqueue_summary

        enqueue = enqueue_summary
    enqueue(summary.pk)
    return summary


def run_translation(summary: Summary) -> str:
    """The job: translate batch by batch, check each sentence, store. Returns the status."""
    engine = get_ai_engine()
    summary.attempts += 1
    Summary.objects.filter(pk=summary.pk).update(attempts=summary.attempts)
    try:
        original = _original_of(summary)
    except (AiRefused, Article.DoesNotExist, Summary.DoesNotExist) as e:
        return _fail(summary, str(e) or "the original is gone", final=True)
    if not isinstance(engine, LlmEngine):
        return _fail(summary, "no language model is configured", final=True)
    write = _partial_writer(summary)
    translated: list[CitedSentence] = []
    notes: list[str] = []
    done = ""
    parts = batches(original.sentences)
    for number, batch in enumerate(parts, start=1):
        prompt = build_prompt(batch, summary.language, original.language)
        text = ""
        try:
            for delta in engine.stream(prompt):
                text += delta
                write(f"{done}\n{text}".strip(), number, len(parts))
        except EngineUnavailable as e:
            return _fail(summary, f"the language model is unavailable: {e}", final=True)
        except SummarizeError as e:
            notes.append(f"part {number} of {len(parts)} failed: {e}")
            continue
        sentences, found = parse_translation(prompt, text)
        translated += sentences
        notes += found
        done = f"{done}\n{text}".strip()
    if not translated and notes:
        return _fail(summary, "; ".join(notes))
    detected = [detect_language(sentence.text) for sentence in translated]
    texts = {sentence.id: sentence.text for sentence in original.sentences}
    checked = check_translation(translated, texts, detected, summary.language, original.language)
    sentences = fill_gaps(checked, original.sentences)
    _store(summary, engine.name, original, sentences, notes)
    record_verdicts(engine.name, TASK, sentences, timezone.now())
    return SummaryStatus.READY


def _original_of(summary: Summary) -> Original:
    translated = (summary.result or {}).get("of_summary")
    if translated:
        return summary_original(Summary.objects.get(pk=int(translated)))
    article = Article.objects.select_related("source").get(pk=summary.article_id or 0)
    return article_original(article)


def _new(
    key: str, target: Article | Summary, language: str, engine: str, original: Original
) -> tuple[Summary, bool]:
    """A new pending row, or the one another request stored first (and False)."""
    if isinstance(target, Article):
        fields: dict[str, object] = {"article": target, "result": {}}
    else:
        fields = {
            "article_id": target.article_id,
            "story_id": target.story_id,
            "result": {"of_summary": target.pk},
        }
    try:
        with transaction.atomic():
            created = Summary.objects.create(
                key=key,
                task=TASK,
                language=language,
                engine=engine,
                version=original.version,
                **fields,
            )
            return created, True
    except IntegrityError:  # another request stored it first
        return Summary.objects.get(key=key), False


def _partial_writer(summary: Summary) -> Callable[[str, int, int], None]:
    """A callback storing the text so far, at most every ``PARTIAL_EVERY`` seconds."""
    last = 0.0
    kept = _kept(summary)

    def write(text: str, part: int, parts: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PARTIAL_EVERY:
            last = now
            result = {**kept, "partial": text, "part": part, "parts": parts}
            # A fresh updated_at tells requests the job is alive (not lost, not to be queued again).
            Summary.objects.filter(pk=summary.pk).update(result=result, updated_at=timezone.now())

    return write


def _store(
    summary: Summary,
    engine: str,
    original: Original,
    sentences: list[CitedSentence],
    notes: list[str],
) -> None:
    summary.result = {
        **_kept(summary),
        "task": TASK,
        "engine": engine,
        "language": summary.language,
        "source_language": original.language,
        "excerpt_only": original.excerpt_only,
        "notes": notes,
        "sentences": [
            {
                "text": sentence.text,
                "cites": list(sentence.cites),
                "supported": sentence.supported,
                "problems": list(sentence.problems),
            }
            for sentence in sentences
        ],
        "cited": {sentence.id: sentence.text for sentence in original.sentences},
    }
    summary.status = SummaryStatus.READY
    summary.error = ""
    summary.save(update_fields=["result", "status", "error", "updated_at"])


def _fail(summary: Summary, error: str, final: bool = False) -> str:
    summary.status = SummaryStatus.FAILED
    summary.error = error[:2000]
    summary.result = _kept(summary)
    if final:
        summary.attempts = MAX_ATTEMPTS
    summary.save(update_fields=["status", "error", "attempts", "result", "updated_at"])
    return SummaryStatus.FAILED


def _kept(summary: Summary) -> dict[str, object]:
    """What of ``result`` survives every write: which AI result is translated."""
    translated = (summary.result or {}).get("of_summary")
    return {"of_summary": translated} if translated else {}


def _named(source: object) -> dict[str, str]:
    return {"source": str(getattr(source, "name", ""))}


def _digest(*parts: str, size: int = 32) -> str:
    """A hex digest of ``size`` bytes: 32 for a ``Summary.key``, 16 for its ``version``."""
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=size).hexdigest()

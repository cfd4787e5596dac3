"""The AI panel's machine translations: of an article, or of a story brief, as fragments.

The target is the language the reader picked, else their interface language. A translation is
labelled as machine translation, names the model that wrote it, links to the original, and
carries ``lang``/``dir`` so Arabic reads right to left. Without a language model the panel says
that translation needs one; nothing pretends to translate.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article
from newsdesk.desk import ai
from newsdesk.desk.reading import web_url
from newsdesk.stories.models import Story
from newsdesk.summaries.models import Summary
from newsdesk.web.links import article_path, story_path

TEMPLATE = "web/_translation.html"


def reader_language(request: HttpRequest | None = None) -> str:
    """The language asked for (``?language=``), else the reader's interface language."""
    asked = request.GET.get("language", "") if request is not None else ""
    return ai.language_code(asked[:16]) or ai.language_code(get_language() or "") or "en"


def article_context(request: HttpRequest, article: Article, reader: str) -> dict[str, object]:
    """The article's translation into the reader's language, or why there is none."""
    try:
        summary = ai.request_translation(article, reader_language(request), reader)
    except ai.AiRefused as e:
        return {"refused": str(e), "task_title": _("Translation")}
    return translation_context(summary)


def summary_context(request: HttpRequest, summary: Summary, reader: str) -> dict[str, object]:
    """The translation of a finished AI result (a story brief), or why there is none."""
    article = summary.article if summary.article_id else None
    if article is not None and not article.source.ai_allowed:
        return {"refused": _("This source does not allow AI features on its articles.")}
    try:
        translated = ai.request_translation(summary, reader_language(request), reader)
    except ai.AiRefused as e:
        return {"refused": str(e), "task_title": _("Translation")}
    return translation_context(translated)


def translation_context(summary: Summary) -> dict[str, object]:
    """What ``_translation.html`` renders for a stored translation."""
    return {"translated": ai.show_translation(summary), "original_url": original_url(summary)}


def original_url(summary: Summary) -> str:
    """Where the original is: the publisher's page, or the story's brief."""
    if summary.story_id is not None:
        story = Story.objects.filter(pk=summary.story_id).first()
        return story_path(story) + "#brief" if story is not None else ""
    article = Article.objects.filter(pk=summary.article_id or 0).only("url", "title").first()
    if article is None:
        return ""
    return web_url(article.url) or article_path(article)

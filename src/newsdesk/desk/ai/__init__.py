"""AI on the desk: summaries, answers, story briefs and translations, stored, queued, limited and
shown.

The names below are loaded on first use: a page that imports this package (or shows a stored
summary) does not load the summarizers, the language detector and numpy with it (decision 65).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.desk.ai.service import (
        ARTICLE_TASKS,
        AiRefused,
        Request,
        fallback_for,
        request_article,
        request_story,
        run_summary,
        translation_available,
    )
    from newsdesk.desk.ai.shown import (
        Footnote,
        ShownSummary,
        show,
    )
    from newsdesk.desk.ai.translated import (
        ShownTranslation,
        show_translation,
    )
    from newsdesk.desk.ai.translation import (
        RightsRefused,
        TranslationLimited,
        TranslationUnavailable,
        language_code,
        request_translation,
    )

_MODULES = {
    "ARTICLE_TASKS": "service",
    "AiRefused": "service",
    "Request": "service",
    "fallback_for": "service",
    "request_article": "service",
    "request_story": "service",
    "run_summary": "service",
    "translation_available": "service",
    "Footnote": "shown",
    "ShownSummary": "shown",
    "show": "shown",
    "ShownTranslation": "translated",
    "show_translation": "translated",
    "RightsRefused": "translation",
    "TranslationLimited": "translation",
    "TranslationUnavailable": "translation",
    "language_code": "translation",
    "request_translation": "translation",
}

__all__ = [
    "ARTICLE_TASKS",
    "AiRefused",
    "Footnote",
    "Request",
    "RightsRefused",
    "ShownSummary",
    "ShownTranslation",
    "TranslationLimited",
    "TranslationUnavailable",
    "fallback_for",
    "language_code",
    "request_article",
    "request_story",
    "request_translation",
    "run_summary",
    "show",
    "show_translation",
    "translation_available",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        try:  # a module of the package, named as such
            return import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value

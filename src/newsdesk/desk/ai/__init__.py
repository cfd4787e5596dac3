"""AI on the desk: summaries, answers, story briefs and translations, stored, queued, limited and
shown."""

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
from newsdesk.desk.ai.shown import Footnote, ShownSummary, show
from newsdesk.desk.ai.translated import ShownTranslation, show_translation
from newsdesk.desk.ai.translation import (
    RightsRefused,
    TranslationLimited,
    TranslationUnavailable,
    language_code,
    request_translation,
)

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

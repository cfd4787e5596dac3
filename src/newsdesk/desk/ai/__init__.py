"""AI on the desk: summaries, answers and story briefs, stored, queued, limited and shown."""

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

__all__ = [
    "ARTICLE_TASKS",
    "AiRefused",
    "Footnote",
    "Request",
    "ShownSummary",
    "fallback_for",
    "request_article",
    "request_story",
    "run_summary",
    "show",
    "translation_available",
]

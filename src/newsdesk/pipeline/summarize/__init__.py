"""AI text that cites its sources: summaries, key points, answers and story briefs.

Engines follow the ``Engine`` interface of ``base``; every output sentence carries the ids of the
source sentences it rests on, and the faithfulness check marks what those sentences do not
support.
"""

from __future__ import annotations

from newsdesk.pipeline.summarize.base import (
    AiText,
    CitedSentence,
    Document,
    Engine,
    EngineUnavailable,
    SourceSentence,
    SummarizeError,
    Task,
)
from newsdesk.pipeline.summarize.sentences import make_document, split_sentences

__all__ = [
    "AiText",
    "CitedSentence",
    "Document",
    "Engine",
    "EngineUnavailable",
    "SourceSentence",
    "SummarizeError",
    "Task",
    "make_document",
    "split_sentences",
]

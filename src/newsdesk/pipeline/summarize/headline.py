"""A neutral headline for an article, written by a language model from the article's sentences.

The request is the one-line summary's (``LlmEngine.summary_prompt(document, "line")``: numbered
sentences, answers citing them) with the instruction of a headline in place of its first
paragraph. ``checked_headline`` returns the first answered sentence as the headline, checked
against the sentences it cites by the faithfulness check (None when the model wrote nothing
usable or nothing the article supports), with the gate's verdict on the sentence, which the desk
counts in the public accuracy record. Model errors are the engine's (``EngineUnavailable``,
``SummarizeError``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from newsdesk.pipeline.summarize.base import CitedSentence, Document
from newsdesk.pipeline.summarize.faithfulness import check_text
from newsdesk.pipeline.summarize.llm import LlmEngine, Prompt

INSTRUCTION = (
    "Write one neutral, factual news headline for the article, at most 14 words: say what "
    "happened, with no question, no teaser, no 'you' and no exaggeration."
)
MAX_TOKENS = 60
MAX_WORDS = 20


@dataclass(frozen=True)
class NeutralHeadline:
    text: str
    cites: tuple[str, ...]


def headline_prompt(engine: LlmEngine, document: Document) -> Prompt:
    """The one-line summary's prompt, asking for a headline."""
    prompt = engine.summary_prompt(document, "line")
    messages = tuple(
        _asking_headline(message) if message["role"] == "user" else message
        for message in prompt.messages
    )
    return replace(prompt, messages=messages, max_tokens=MAX_TOKENS)


@dataclass(frozen=True)
class HeadlineVerdict:
    """The headline offered (None when refused) and the gate's verdict on the sentence the
    model wrote (None when it wrote none), for the public accuracy record."""

    headline: NeutralHeadline | None
    checked: CitedSentence | None


def checked_headline(engine: LlmEngine, document: Document) -> HeadlineVerdict:
    """The model's headline for ``document`` with the gate's verdict on it: a supported
    sentence that is no headline (empty, or longer than ``MAX_WORDS``) counts as withheld."""
    answer = engine.complete(headline_prompt(engine, document))
    sources = {sentence.id: sentence.text for sentence in document.sentences}
    checked = check_text(answer, sources)
    if not checked.sentences:
        return HeadlineVerdict(None, None)
    first = checked.sentences[0]
    text = " ".join(first.text.split()).strip().rstrip(".").strip("\"'“”")
    if not first.cites or not first.supported:
        return HeadlineVerdict(None, first)
    if not text or len(text.split()) > MAX_WORDS:
        return HeadlineVerdict(None, first.checked(False, ()))
    return HeadlineVerdict(NeutralHeadline(text, tuple(first.cites)), first)


def _asking_headline(message: Mapping[str, str]) -> Mapping[str, str]:
    """The user message with its first paragraph (the instruction) replaced by ours."""
    _, _, sentences = message["content"].partition("\n\n")
    return MappingProxyType({**message, "content": f"{INSTRUCTION}\n\n{sentences}"})

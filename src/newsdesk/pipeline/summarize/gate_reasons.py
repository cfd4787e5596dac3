"""The reasons the faithfulness gate withholds a sentence, as a few kinds readers can be told.

The checks write each problem as a short phrase with a detail: ``"number 12"``, ``"name
Kyiv"``, ``"words: tariff, rose"`` (``faithfulness``), ``"length ratio 2.10"``, ``"not
translated"`` (``translation_checks``). ``reason_kinds`` maps them to their kinds, in the order
of ``KINDS``, each once; the detail (the words themselves) is dropped, so the public record
keeps no text of any article.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.pipeline.summarize.base import CitedSentence

#: Problem phrases and their kinds, longest phrase first where one begins another.
_PREFIXES = (
    ("words apart", "words_apart"),
    ("words", "words"),
    ("wording", "wording"),
    ("number", "number"),
    ("date", "date"),
    ("name", "name"),
    ("negation", "negation"),
    ("no citation", "no_citation"),
    ("unknown citation", "unknown_citation"),
    ("no support", "no_support"),
    ("address", "address"),
    ("length ratio", "length"),
    ("language", "language"),
    ("not translated", "untranslated"),
)
#: Every kind; ``not_an_answer``: an answer whose cited sentences do not answer the question.
KINDS = (*dict.fromkeys(kind for _, kind in _PREFIXES), "not_an_answer", "other")


def reason_kind(problem: str) -> str:
    """The kind of one problem phrase ("other" for a phrase no check writes)."""
    text = problem.strip().lower()
    for prefix, kind in _PREFIXES:
        if text == prefix or text.startswith((prefix + " ", prefix + ":")):
            return kind
    return "other"


def reason_kinds(problems: Iterable[str]) -> tuple[str, ...]:
    """The kinds of a sentence's problems, each once, in the order of ``KINDS`` ("other"
    when it has none: withheld for a reason the check did not name)."""
    found = {reason_kind(problem) for problem in problems}
    return tuple(kind for kind in KINDS if kind in found) or ("other",)


def withheld(sentences: Iterable[CitedSentence]) -> list[CitedSentence]:
    """The sentences the gate did not let through: judged unsupported, or citing nothing (as
    pages leave them out, ``desk.ai.shown``)."""
    return [s for s in sentences if s.supported is False or not s.cites]

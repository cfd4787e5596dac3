"""The shapes every AI engine speaks: sentences numbered for citing, and cited output.

An engine never returns bare text. It returns an ``AiText``: a list of ``CitedSentence``, each
naming the ids of the source sentences it rests on. The faithfulness check then marks every
sentence as supported or not, and the page shows only what it can point to.

Sentence ids are ``"<document id>:<index>"`` strings, so a citation stays valid when the same
article appears in a story brief beside others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal, Protocol, runtime_checkable

from newsdesk.errors import NewsdeskError

#: What an engine can be asked for.
Task = Literal["line", "paragraph", "key_points", "answer", "brief", "translation"]


class SummarizeError(NewsdeskError):
    """An engine failed to produce text (endpoint error, timeout, malformed answer)."""


class EngineUnavailable(SummarizeError):  # noqa: N818
    """The engine cannot run here: no endpoint configured, or the server does not answer."""


@dataclass(frozen=True)
class SourceSentence:
    """One sentence of a source document, with the id citations use."""

    id: str
    text: str


@dataclass(frozen=True)
class Document:
    """An article as the engines see it: headline, source, time, and its numbered sentences."""

    id: str
    title: str
    sentences: tuple[SourceSentence, ...]
    source: str = ""
    published_at: datetime | None = None
    language: str = ""

    def sentence(self, sentence_id: str) -> SourceSentence | None:
        """The sentence with this id, or None."""
        for candidate in self.sentences:
            if candidate.id == sentence_id:
                return candidate
        return None


@dataclass(frozen=True)
class CitedSentence:
    """One output sentence and the ids of the source sentences it rests on.

    ``supported`` is None until the faithfulness check has run; then True or False, with
    ``problems`` naming what was not found in the cited sentences (a number, a name, a date).
    """

    text: str
    cites: tuple[str, ...]
    supported: bool | None = None
    problems: tuple[str, ...] = ()

    def checked(self, supported: bool, problems: Sequence[str] = ()) -> CitedSentence:
        """A copy carrying the check's verdict."""
        return replace(self, supported=supported, problems=tuple(problems))


@dataclass(frozen=True)
class AiText:
    """What an engine produced for one task: cited sentences, and which engine made them.

    ``answered`` is False when an answer engine found nothing in the sources ("the article does
    not say"); ``sentences`` is then empty.
    """

    task: Task
    engine: str
    sentences: tuple[CitedSentence, ...]
    answered: bool = True
    language: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The sentences joined as one paragraph."""
        return " ".join(sentence.text for sentence in self.sentences)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (stored with the summary, sent by the API)."""
        return {
            "task": self.task,
            "engine": self.engine,
            "answered": self.answered,
            "language": self.language,
            "notes": list(self.notes),
            "sentences": [
                {
                    "text": sentence.text,
                    "cites": list(sentence.cites),
                    "supported": sentence.supported,
                    "problems": list(sentence.problems),
                }
                for sentence in self.sentences
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AiText:
        """The ``AiText`` that ``to_json`` gave."""
        return cls(
            task=data["task"],
            engine=str(data["engine"]),
            answered=bool(data.get("answered", True)),
            language=str(data.get("language", "")),
            notes=tuple(str(note) for note in data.get("notes", ())),
            sentences=tuple(
                CitedSentence(
                    text=str(item["text"]),
                    cites=tuple(str(c) for c in item.get("cites", ())),
                    supported=item.get("supported"),
                    problems=tuple(str(p) for p in item.get("problems", ())),
                )
                for item in data.get("sentences", ())
            ),
        )

    def cited_ids(self) -> list[str]:
        """Every cited sentence id, in first-cited order, once each."""
        seen: dict[str, None] = {}
        for sentence in self.sentences:
            for sentence_id in sentence.cites:
                seen.setdefault(sentence_id, None)
        return list(seen)


@runtime_checkable
class Engine(Protocol):
    """Writes summaries, key points, answers and story briefs that cite their source sentences.

    ``name`` is shown to readers ("extractive", "llm:qwen2.5-0.5b-instruct"). Every method
    returns an ``AiText`` whose citations name sentence ids of the documents it was given and
    nothing else; it raises ``EngineUnavailable`` when it cannot run and ``SummarizeError``
    when a run fails.
    """

    name: str

    def summarize(self, document: Document, task: Task = "paragraph") -> AiText:
        """A one-line ("line") or one-paragraph ("paragraph") summary, or "key_points"."""
        ...

    def answer(self, document: Document, question: str) -> AiText:
        """An answer to the reader's question from the document, or ``answered=False``."""
        ...

    def brief(self, documents: Sequence[Document], since: datetime | None = None) -> AiText:
        """A story brief over several sources: what happened, what each adds, what is new."""
        ...

"""A stored translation as a page (or the API) shows it, sentence by sentence.

Every source sentence is accounted for: a translated sentence that passed the checks is shown
with the number(s) of the original sentence(s) it renders; one that failed, or that the model
left out, is shown as the original, in the original's language, with a note saying why. The
originals are listed once each, numbered in order, so a reader can see what each translated
sentence renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.pipeline.lang import text_direction
from newsdesk.pipeline.summarize.translate import NATIVE_NAMES
from newsdesk.summaries.models import Summary, SummaryStatus


@dataclass(frozen=True)
class OriginalSentence:
    number: int
    sentence_id: str
    text: str

    @property
    def anchor(self) -> str:
        return "cite-" + self.sentence_id.replace(":", "-")


@dataclass(frozen=True)
class ShownSentence:
    """One sentence of the translation, or the original in its place (``translated`` False)."""

    text: str
    translated: bool
    originals: list[OriginalSentence]
    problems: list[str] = field(default_factory=list)

    @property
    def original_text(self) -> str:
        return " ".join(original.text for original in self.originals)


@dataclass
class ShownTranslation:
    summary: Summary
    status: str
    engine: str
    language: str
    source_language: str = ""
    excerpt_only: bool = False
    sentences: list[ShownSentence] = field(default_factory=list)
    originals: list[OriginalSentence] = field(default_factory=list)
    partial: str = ""
    part: int = 0
    parts: int = 0
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def pending(self) -> bool:
        return self.status == SummaryStatus.PENDING

    @property
    def model(self) -> str:
        """The model's name as readers see it ("llm:smollm2" is "smollm2")."""
        return self.engine.partition(":")[2] or self.engine

    @property
    def direction(self) -> str:
        return text_direction(self.language) or "ltr"

    @property
    def source_direction(self) -> str:
        return text_direction(self.source_language) or "ltr"

    @property
    def language_name(self) -> str:
        """The target language's name in itself ("Deutsch", "العربية")."""
        return NATIVE_NAMES.get(self.language, self.language)

    @property
    def untranslated(self) -> int:
        """Sentences shown as the original because their translation failed or was missing."""
        return sum(1 for sentence in self.sentences if not sentence.translated)

    @property
    def of_summary(self) -> int | None:
        translated = (self.summary.result or {}).get("of_summary")
        return int(translated) if translated else None


def show_translation(summary: Summary) -> ShownTranslation:
    """The translation ready to render (a pending one carries the text written so far)."""
    result = summary.result or {}
    shown = ShownTranslation(
        summary=summary,
        status=summary.status,
        engine=summary.engine,
        language=summary.language,
        source_language=str(result.get("source_language", "")),
        excerpt_only=bool(result.get("excerpt_only", False)),
    )
    if summary.status == SummaryStatus.PENDING:
        shown.partial = str(result.get("partial", ""))
        shown.part, shown.parts = int(result.get("part", 0)), int(result.get("parts", 0))
        return shown
    if summary.status == SummaryStatus.FAILED:
        shown.error = summary.error
        return shown
    cited = {str(k): str(v) for k, v in result.get("cited", {}).items()}
    numbers = {sentence_id: n for n, sentence_id in enumerate(cited, start=1)}
    shown.originals = [OriginalSentence(numbers[i], i, text) for i, text in cited.items()]
    shown.notes = [str(note) for note in result.get("notes", ())]
    for item in result.get("sentences", ()):
        ids = [str(i) for i in item.get("cites", ()) if str(i) in cited]
        originals = [OriginalSentence(numbers[i], i, cited[i]) for i in ids]
        if not originals:
            continue  # cites nothing of the original: nothing to show it as
        translated = item.get("supported") is True and bool(str(item.get("text", "")).strip())
        text = str(item["text"]) if translated else " ".join(o.text for o in originals)
        problems = [str(p) for p in item.get("problems", ())]
        shown.sentences.append(ShownSentence(text, translated, originals, problems))
    return shown

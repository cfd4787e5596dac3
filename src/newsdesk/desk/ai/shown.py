"""A stored summary as a page shows it: supported sentences with numbered footnotes.

Each footnote is one cited source sentence: its text as the engine read it (stored with the
result, so rendering reads no article text), and its article and source for the link. Footnotes
are numbered in order of first citation, so "[1]" means the same sentence wherever it is cited.
Sentences the faithfulness check did not support are left out and counted; a page says how
many. A story brief's sentence is marked ``one_source`` when every sentence it cites states a
number, date or quote that the story's claim map (``desk.stories.claims``) found in no other
source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.articles.models import Article
from newsdesk.pipeline.summarize import AiText
from newsdesk.summaries.models import Summary, SummaryStatus


@dataclass(frozen=True)
class Footnote:
    number: int
    sentence_id: str
    text: str
    article: Article | None

    @property
    def anchor(self) -> str:
        return "cite-" + self.sentence_id.replace(":", "-")


#: The parts of a story brief, as its engine names them in ``AiText.notes`` ("summary:3").
PART_TITLES = {
    "summary": "What happened",
    "new": "New since your last visit",
    "adds": "What each source adds",
}


@dataclass(frozen=True)
class ShownSentence:
    text: str
    footnotes: list[Footnote]
    part: str = ""
    one_source: bool = False


@dataclass
class ShownSummary:
    """What the AI panel renders for one summary."""

    summary: Summary
    status: str
    engine: str
    answered: bool = True
    sentences: list[ShownSentence] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    left_out: int = 0
    partial: str = ""
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def pending(self) -> bool:
        return self.status == SummaryStatus.PENDING

    @property
    def bullets(self) -> bool:
        return self.summary.task == "key_points"

    @property
    def parts(self) -> list[tuple[str, list[ShownSentence]]]:
        """A brief's sentences under the titles of its parts; empty for other tasks."""
        grouped: list[tuple[str, list[ShownSentence]]] = []
        for sentence in self.sentences:
            if not sentence.part:
                return []
            title = PART_TITLES[sentence.part]
            if not grouped or grouped[-1][0] != title:
                grouped.append((title, []))
            grouped[-1][1].append(sentence)
        return grouped


def show(summary: Summary) -> ShownSummary:
    """The summary ready to render (pending ones carry the partial text written so far)."""
    shown = ShownSummary(summary=summary, status=summary.status, engine=summary.engine)
    if summary.status == SummaryStatus.PENDING:
        shown.partial = str(summary.result.get("partial", "")) if summary.result else ""
        return shown
    if summary.status == SummaryStatus.FAILED:
        shown.error = summary.error
        return shown
    text = AiText.from_json(summary.result)
    shown.answered = text.answered
    shown.notes = list(text.notes)
    cited = {str(k): str(v) for k, v in summary.result.get("cited", {}).items()}
    articles = _cited_articles(cited)
    numbers: dict[str, Footnote] = {}
    single = _single_source(summary)
    for sentence, part in zip(text.sentences, _parts(text), strict=True):
        if sentence.supported is False or not sentence.cites:
            shown.left_out += 1
            continue
        notes = [_footnote(numbers, shown, cite, cited, articles) for cite in sentence.cites]
        found = [n for n in notes if n is not None]
        one_source = bool(found) and all(
            _index(n.sentence_id) in single.get(_article_id(n.sentence_id), ()) for n in found
        )
        shown.sentences.append(ShownSentence(sentence.text, found, part, one_source))
    return shown


def _single_source(summary: Summary) -> dict[int, frozenset[int]]:
    """For a story brief, the sentences of each article that rest on its source alone."""
    story = summary.story if summary.story_id is not None else None
    if story is None:
        return {}
    from newsdesk.desk.stories.claims import story_claims

    found = story_claims(story)
    return found.single_sentences if found is not None else {}


def _index(sentence_id: str) -> int:
    _, _, index = sentence_id.partition(":")
    return int(index) if index.isdigit() else -2


def _parts(text: AiText) -> list[str]:
    """The part of the brief each sentence belongs to ("" when the text has no parts)."""
    parts = [""] * len(text.sentences)
    start = 0
    for note in text.notes:
        name, _, count = note.partition(":")
        if name in PART_TITLES and count.isdigit():
            for index in range(start, min(start + int(count), len(parts))):
                parts[index] = name
            start += int(count)
    return parts


def _footnote(
    numbers: dict[str, Footnote],
    shown: ShownSummary,
    sentence_id: str,
    cited: dict[str, str],
    articles: dict[int, Article],
) -> Footnote | None:
    if sentence_id in numbers:
        return numbers[sentence_id]
    article = articles.get(_article_id(sentence_id))
    if article is None or sentence_id not in cited:
        return None
    note = Footnote(len(numbers) + 1, sentence_id, cited[sentence_id], article)
    numbers[sentence_id] = note
    shown.footnotes.append(note)
    return note


def _cited_articles(cited: dict[str, str]) -> dict[int, Article]:
    """The cited articles with their sources, for the footnotes' links (not their text)."""
    ids = {_article_id(sentence_id) for sentence_id in cited}
    articles = Article.objects.filter(pk__in=ids).select_related("source").defer("text", "html")
    return {article.pk: article for article in articles}


def _article_id(sentence_id: str) -> int:
    article, _, _ = sentence_id.partition(":")
    return int(article) if article.isdigit() else 0

"""The extractive engine: summaries, key points and answers made of the article's own sentences.

No model and no download: every output sentence is a source sentence, at most trimmed of a
byline or dateline, citing its own id, so it is supported by construction.

A sentence's score adds three signals (``Tuning`` holds the weights, fitted on the validation
split of the FRANK CNN/DM articles, see ``newsdesk.eval.summaries``):

- position: news puts the facts first, so the score decays with the sentence's index;
- centrality: TF-IDF cosine to the centroid of the article's sentences;
- the headline: TF-IDF cosine to the title.

Junk (captions, calls to action, fragments) is never picked; questions and unattributed quotes
lose points; very long sentences are scaled down. Picks go through maximal marginal relevance,
so two sentences saying the same thing are not both chosen. Answers rank sentences by the
question's terms, weighted by rarity, with a boost when the sentence holds the kind of thing
asked for (a number for "how many", a date for "when", a name for "who").

Story briefs over several documents are made by ``newsdesk.pipeline.summarize.briefs``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsdesk.pipeline.summarize import ranking
from newsdesk.pipeline.summarize.base import AiText, CitedSentence, Document, Task
from newsdesk.pipeline.summarize.briefs import make_brief
from newsdesk.pipeline.summarize.ranking import Candidate, prepare

ENGINE_NAME = "extractive"


@dataclass(frozen=True)
class Tuning:
    """Weights of the sentence score and the size of each output."""

    position: float = 1.0
    decay: float = 2.0
    centrality: float = 0.3
    title: float = 0.3  # FRANK has no headlines: this one is set by hand, not fitted
    weak_penalty: float = 0.3
    long_words: int = 25
    redundancy: float = 0.3
    paragraph_sentences: int = 3
    line_max_words: int = 40
    key_points_min: int = 3
    key_points_max: int = 5
    answer_threshold: float = 0.4


def score_sentences(
    candidates: Sequence[Candidate], title: str, tuning: Tuning
) -> tuple[list[float], ranking.Matrix]:
    """Each candidate's score (``-inf`` for junk) and the candidates' similarity matrix."""
    matrix = ranking.tfidf([candidate.terms for candidate in candidates], [ranking.terms(title)])
    rows, title_row = matrix[:-1], matrix[-1]
    central = ranking.centrality(rows)
    to_title = rows @ title_row
    scores = []
    for row, candidate in enumerate(candidates):
        if candidate.junk:
            scores.append(-math.inf)
            continue
        score = (
            tuning.position / (1.0 + candidate.index / tuning.decay)
            + tuning.centrality * float(central[row])
            + tuning.title * float(to_title[row])
        )
        if candidate.weak:
            score -= tuning.weak_penalty
        if candidate.word_count > tuning.long_words:
            score *= tuning.long_words / candidate.word_count
        scores.append(score)
    return scores, rows @ rows.T


def cite(candidates: Sequence[Candidate], picks: Sequence[int]) -> tuple[CitedSentence, ...]:
    """The picked candidates as output sentences citing themselves."""
    return tuple(
        CitedSentence(text=candidates[pick].text, cites=(candidates[pick].id,)) for pick in picks
    )


def summary_picks(
    candidates: Sequence[Candidate], title: str, task: Task, tuning: Tuning
) -> list[int]:
    """Indexes of the sentences for ``task``: one for "line", about three, or 3 to 5 points."""
    scores, similarity = score_sentences(candidates, title, tuning)
    if all(math.isinf(score) for score in scores):
        # Nothing but junk: fall back to the first sentences rather than say nothing.
        scores = [-float(candidate.index) for candidate in candidates]
    if task == "line":
        return line_pick(candidates, scores, tuning)
    if task == "key_points":
        wanted = min(tuning.key_points_max, max(tuning.key_points_min, len(candidates) // 8))
        picks = ranking.mmr(scores, similarity, wanted, redundancy=1.0, ceiling=0.5)
    else:
        picks = ranking.mmr(
            scores, similarity, tuning.paragraph_sentences, redundancy=tuning.redundancy
        )
    return sorted(picks)


def line_pick(
    candidates: Sequence[Candidate], scores: Sequence[float], tuning: Tuning
) -> list[int]:
    """The best sentence that is not too long, or the best sentence if all are long."""
    order = sorted(range(len(scores)), key=lambda index: scores[index], reverse=True)
    for index in order[:5]:
        if candidates[index].word_count <= tuning.line_max_words:
            return [index]
    return order[:1]


_QUESTION_WORD_LIST = """what which who whom whose when where why how many much long often did
    does do is are was were will would can could has have had"""
_QUESTION_WORDS = frozenset(_QUESTION_WORD_LIST.split())
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTHS})|(?:1[89]|20)\d\d"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow"
    r"|tonight|last\s+(?:week|month|year)|next\s+(?:week|month|year))\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<=\w\s)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
_PLACE = re.compile(r"\b(?:in|at|from|near)\s+[A-Z][a-z]+")
_AMOUNT = re.compile(
    r"\d|[$€£¥%]|\b(?:hundred|thousand|million|billion|trillion|dozen|percent|per cent)s?\b",
    re.IGNORECASE,
)


def question_kind(question: str) -> str:
    """What the question asks for: "number", "date", "name", "place" or "" (anything)."""
    lowered = question.lower()
    if re.search(r"\bhow\s+(?:many|much|long|old|far|big|large|often)\b", lowered):
        return "number"
    if re.search(r"\b(?:when|what\s+(?:time|date|day|year))\b", lowered):
        return "date"
    if re.search(r"\b(?:who|whom|whose)\b", lowered):
        return "name"
    if re.search(r"\bwhere\b", lowered):
        return "place"
    return ""


def kind_bonus(text: str, kind: str) -> float:
    """How much ``text`` holds the kind of thing a question asks for (0 to 0.25)."""
    if kind == "number":
        if _AMOUNT.search(text):
            return 0.25
        return 0.1 if ranking.has_number(text) else 0.0
    if kind == "date":
        return 0.25 if _DATE.search(text) else 0.0
    if kind == "name":
        return 0.25 if _NAME.search(text) else 0.0
    if kind == "place":
        return 0.25 if _PLACE.search(text) else 0.0
    return 0.0


def answer_picks(
    candidates: Sequence[Candidate], title: str, question: str, tuning: Tuning
) -> list[int]:
    """Indexes of the one or two sentences that answer ``question``, best first, or none."""
    asked = [term for term in ranking.terms(question) if term not in _QUESTION_WORDS]
    if not asked or not candidates:
        return []
    frequency = {term: 0 for term in asked}
    for candidate in candidates:
        for term in set(candidate.terms).intersection(frequency):
            frequency[term] += 1
    weight = {
        term: math.log((1 + len(candidates)) / (1 + count)) + 1.0
        for term, count in frequency.items()
    }
    total = sum(weight[term] for term in set(asked))
    title_terms = set(ranking.terms(title))
    kind = question_kind(question)
    scores = []
    for candidate in candidates:
        present = set(candidate.terms)
        covered = sum(weight[term] for term in set(asked) if term in present)
        # A term the headline holds is implied by every sentence of the article, at half weight.
        implied = sum(
            weight[term] / 2 for term in set(asked) if term in title_terms and term not in present
        )
        score = (covered + implied) / total if covered else 0.0
        if score:
            score += kind_bonus(candidate.text, kind)
        if candidate.junk and candidate.word_count < 4:
            score = 0.0
        scores.append(score - 0.002 * candidate.index)
    best = int(np.argmax(scores))
    if scores[best] < tuning.answer_threshold:
        return []
    picks = [best]
    runner_up = max(
        (index for index in range(len(scores)) if index != best),
        key=lambda index: scores[index],
        default=None,
    )
    if runner_up is not None and scores[runner_up] >= max(
        tuning.answer_threshold, 0.85 * scores[best]
    ):
        picks.append(runner_up)
    return picks


class ExtractiveEngine:
    """Summaries, key points, answers and story briefs made of the sources' own sentences."""

    name = ENGINE_NAME

    def __init__(self, tuning: Tuning | None = None) -> None:
        self.tuning = tuning or Tuning()

    def summarize(self, document: Document, task: Task = "paragraph") -> AiText:
        """A one-sentence "line", a three-sentence "paragraph", or 3 to 5 "key_points"."""
        if task not in ("line", "paragraph", "key_points"):
            raise ValueError(f"summarize does not do {task!r}")
        candidates = prepare(document)
        if not candidates:
            return AiText(task=task, engine=self.name, sentences=(), language=document.language)
        picks = summary_picks(candidates, document.title, task, self.tuning)
        return AiText(
            task=task,
            engine=self.name,
            sentences=cite(candidates, picks),
            language=document.language,
        )

    def answer(self, document: Document, question: str) -> AiText:
        """The sentences that answer ``question``, or ``answered=False`` if none does."""
        candidates = prepare(document)
        picks = answer_picks(candidates, document.title, question, self.tuning)
        return AiText(
            task="answer",
            engine=self.name,
            sentences=cite(candidates, picks),
            answered=bool(picks),
            language=document.language,
        )

    def brief(self, documents: Sequence[Document], since: datetime | None = None) -> AiText:
        """A story brief: what happened, what is new since ``since``, what each source adds."""
        return make_brief(documents, since, decay=self.tuning.decay, engine=self.name)

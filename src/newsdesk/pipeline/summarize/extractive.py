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
so two sentences saying the same thing are not both chosen. Answers are the one or two
sentences that ``newsdesk.pipeline.summarize.answers`` finds answer the question (about what it
names, covering its words, holding the kind of thing asked for), or none: then the answer says
the article does not tell.

Story briefs over several documents are made by ``newsdesk.pipeline.summarize.briefs``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsdesk.pipeline.summarize import ranking
from newsdesk.pipeline.summarize.answers import answer_picks
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


def _fragment(candidate: Candidate) -> bool:
    """A piece too short to answer anything on its own ("He said:")."""
    return candidate.junk and candidate.word_count < 4


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
        usable = [candidate for candidate in candidates if not _fragment(candidate)]
        picks = [
            candidates.index(usable[pick])
            for pick in answer_picks([c.text for c in usable], document.title, question)
        ]
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

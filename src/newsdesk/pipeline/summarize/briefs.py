"""Extractive story briefs: what several sources agree on, what is new, what each one adds.

``make_brief`` drops junk and weak sentences (questions, quotes nobody says), then ranks every
remaining sentence of every document by cross-document support: for each other
source, its most similar sentence's TF-IDF cosine (when above ``SUPPORT_FLOOR``) is added, so a
fact reported by five sources outranks one reported once (short sentences get less credit,
as a few common words make them look alike). The lead-position prior of the single
article engine breaks ties inside a source.

The output ``AiText`` lists its sentences in up to three parts, named with their sizes in
``notes`` as ``"<part>:<count>"`` in output order (read them back with ``brief_parts``):

- ``summary``: the best-supported facts, best first; with several sources, only facts that
  another source reports too (or the single best sentence when none is). Near-identical
  sentences from different sources (cosine at least ``DUPLICATE``) collapse into one output
  sentence that cites every source's sentence id.
- ``new``: only when ``since`` is given: up to two sentences from documents published after it
  that say something the older documents and the summary do not.
- ``adds``: for each source in turn, at most one sentence that is novel (cosine below
  ``NOVEL``) against everything already chosen, so a reader sees what each source brings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsdesk.pipeline.summarize import ranking
from newsdesk.pipeline.summarize.base import AiText, CitedSentence, Document

#: Similarity at or above which two sentences from different sources say the same thing.
DUPLICATE = 0.55
#: Similarity below which a sentence adds something to what is chosen.
NOVEL = 0.35
#: Similarity under which another source is not counted as reporting a sentence at all.
SUPPORT_FLOOR = 0.2
#: Sentences with fewer content terms than this get proportionally less credit for support.
FULL_TERMS = 8
SUMMARY_SENTENCES = 3
NEW_SENTENCES = 2


@dataclass(frozen=True)
class Pool:
    """Every usable sentence of every document, with its source and similarities."""

    candidates: list[ranking.Candidate]
    document: np.ndarray  # index of each sentence's document
    similarity: ranking.Matrix
    support: np.ndarray  # soft count of other sources reporting each sentence
    scores: list[float]


def make_brief(
    documents: Sequence[Document],
    since: datetime | None = None,
    *,
    decay: float = 2.0,
    engine: str = "extractive",
) -> AiText:
    """A brief over ``documents`` in parts ``summary``, ``new`` (with ``since``), ``adds``."""
    pool = build_pool(documents, decay)
    if not pool.candidates:
        return AiText(task="brief", engine=engine, sentences=(), notes=())
    covered: list[int] = []
    summary = [collapse(pool, pick, covered) for pick in summary_picks(pool, len(documents))]
    parts: list[tuple[str, list[CitedSentence]]] = [("summary", summary)]
    if since is not None:
        parts.append(("new", new_since(pool, documents, since, covered)))
    parts.append(("adds", source_additions(pool, documents, covered)))
    return AiText(
        task="brief",
        engine=engine,
        sentences=tuple(sentence for _, sentences in parts for sentence in sentences),
        notes=tuple(f"{name}:{len(sentences)}" for name, sentences in parts if sentences),
    )


def brief_parts(brief: AiText) -> dict[str, tuple[CitedSentence, ...]]:
    """The sentences of a brief by part name, read from its ``notes``."""
    parts: dict[str, tuple[CitedSentence, ...]] = {}
    start = 0
    for note in brief.notes:
        name, _, count = note.partition(":")
        if not count.isdigit():
            continue
        parts[name] = brief.sentences[start : start + int(count)]
        start += int(count)
    return parts


def build_pool(documents: Sequence[Document], decay: float) -> Pool:
    """The non-junk sentences of all documents, scored by support across sources."""
    candidates: list[ranking.Candidate] = []
    owners: list[int] = []
    for number, document in enumerate(documents):
        for candidate in ranking.prepare(document):
            if not candidate.junk and not candidate.weak:
                candidates.append(candidate)
                owners.append(number)
    owner = np.array(owners, dtype=np.int64)
    matrix = ranking.tfidf([candidate.terms for candidate in candidates])
    similarity = matrix @ matrix.T
    support = np.zeros(len(candidates))
    for number in range(len(documents)):
        members = owner == number
        if not members.any():
            continue
        best = similarity[:, members].max(axis=1)
        best[members] = 0.0
        support += np.where(best >= SUPPORT_FLOOR, best, 0.0)
    central = ranking.centrality(matrix) if candidates else np.zeros(0)
    scores = [
        float(support[row]) * min(1.0, len(candidate.terms) / FULL_TERMS)
        + 1.0 / (1.0 + candidate.index / decay)
        + 0.5 * float(central[row])
        for row, candidate in enumerate(candidates)
    ]
    return Pool(candidates, owner, similarity, support, scores)


def summary_picks(pool: Pool, documents: int) -> list[int]:
    """The best-supported sentences; over several sources, only those another one reports.

    When no sentence is reported twice, the single best one stands for the story.
    """
    scores = [
        score if documents == 1 or pool.support[row] > 0 else -math.inf
        for row, score in enumerate(pool.scores)
    ]
    picks = ranking.mmr(scores, pool.similarity, SUMMARY_SENTENCES, ceiling=NOVEL)
    return picks or ranking.mmr(pool.scores, pool.similarity, 1)


def collapse(pool: Pool, pick: int, covered: list[int]) -> CitedSentence:
    """``pick`` as an output sentence citing it and its near-duplicate in each other source."""
    cites = [pick]
    for number in np.unique(pool.document):
        if number == pool.document[pick]:
            continue
        members = np.flatnonzero(pool.document == number)
        closest = int(members[np.argmax(pool.similarity[pick, members])])
        if pool.similarity[pick, closest] >= DUPLICATE:
            cites.append(closest)
    covered.extend(cites)
    return CitedSentence(
        text=pool.candidates[pick].text,
        cites=tuple(pool.candidates[row].id for row in cites),
    )


def novelty(pool: Pool, row: int, against: Sequence[int]) -> float:
    """The highest similarity of ``row`` to any of ``against`` (0 when empty)."""
    if not against:
        return 0.0
    return float(pool.similarity[row, list(against)].max())


def new_since(
    pool: Pool, documents: Sequence[Document], since: datetime, covered: list[int]
) -> list[CitedSentence]:
    """Up to two sentences from documents published after ``since`` that older ones lack."""
    fresh = {
        number
        for number, document in enumerate(documents)
        if document.published_at is not None and document.published_at > since
    }
    older = [row for row in range(len(pool.candidates)) if int(pool.document[row]) not in fresh]
    scores = [
        score
        if int(pool.document[row]) in fresh and novelty(pool, row, [*older, *covered]) < DUPLICATE
        else -math.inf
        for row, score in enumerate(pool.scores)
    ]
    picks = ranking.mmr(scores, pool.similarity, NEW_SENTENCES, ceiling=NOVEL)
    return [collapse(pool, pick, covered) for pick in picks]


def source_additions(
    pool: Pool, documents: Sequence[Document], covered: list[int]
) -> list[CitedSentence]:
    """For each source, its best sentence that is novel against everything chosen so far."""
    additions: list[CitedSentence] = []
    seen_sources: set[str] = set()
    for number, document in enumerate(documents):
        source = document.source or document.id
        if source in seen_sources:
            continue
        rows = np.flatnonzero(pool.document == number)
        ranked = sorted(rows, key=lambda row: pool.scores[row], reverse=True)
        for row in ranked:
            if novelty(pool, int(row), covered) < NOVEL:
                seen_sources.add(source)
                covered.append(int(row))
                additions.append(
                    CitedSentence(text=pool.candidates[row].text, cites=(pool.candidates[row].id,))
                )
                break
    return additions

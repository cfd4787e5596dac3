"""``classify_topics``: the topics of an article from weighted words, best first.

Each word of the title (up to ``TITLE_CHARS``) and of the first ``TEXT_CHARS`` characters of the
body is looked up in the word lists of the article's language (``lexicon``); a hit adds its
weight to its topic, and a finer topic's hits also count for its parent. Title words count
``TITLE_WEIGHT`` times, and a word said again adds less each time (square root of its count), so
a long article does not drown its headline. The evidence of each top-level topic is its share
of all the evidence, scaled down when there is little of it: one strong word is a hint, a
paragraph of them is sure.

An article about places abroad (``foreign_places``) moves part of its politics evidence to
"world": a vote in another country's parliament is world news to the reader at home.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from newsdesk.pipeline.topics.lexicon import Hit, Lexicon, lexicon_for, words
from newsdesk.pipeline.topics.taxonomy import TOP_LEVEL, TOPICS

TEXT_CHARS = 3000
TITLE_CHARS = 500  # a longer "title" is a body pasted into the wrong field
TITLE_WEIGHT = 2.0
# Evidence at which the best topic's score reaches half of its share (a strong word or two).
HALF_EVIDENCE = 2.0
FOREIGN_SHIFT = 0.8
# A second top-level topic is listed when it has this share of the best one's evidence.
RUNNER_UP = 0.35
# A finer topic is listed when its own evidence reaches this.
MIN_FINE_EVIDENCE = 1.5
NO_EVIDENCE = "world"

_PARENT = {topic.slug: topic.parent for topic in TOPICS}
_CHILDREN: dict[str, list[str]] = defaultdict(list)
for _topic in TOPICS:
    if _topic.parent:
        _CHILDREN[_topic.parent].append(_topic.slug)


@dataclass(frozen=True)
class TopicScore:
    """A topic of an article and how sure the classifier is of it, from 0 to 1."""

    slug: str
    score: float


def classify_topics(
    title: str, text: str, *, language: str = "", foreign_places: bool = False
) -> list[TopicScore]:
    """Top-level topics best first, each followed by its finer topics; [] for blank input.

    Every non-blank article gets at least one top-level topic: with no evidence at all, "world"
    with score 0 (unknown).
    """
    evidence = topic_evidence(title, text, language=language, foreign_places=foreign_places)
    if not evidence:
        return [TopicScore(NO_EVIDENCE, 0.0)] if (title.strip() or text.strip()) else []
    top = {slug: evidence.get(slug, 0.0) for slug in TOP_LEVEL}
    total = sum(top.values())
    if total <= 0:
        return [TopicScore(NO_EVIDENCE, 0.0)]
    confidence = total / (total + HALF_EVIDENCE)
    best = max(top.values())
    ranked = sorted((slug for slug in TOP_LEVEL if top[slug] > 0), key=lambda s: -top[s])
    result: list[TopicScore] = []
    for slug in ranked:
        if top[slug] < RUNNER_UP * best:
            break
        score = confidence * top[slug] / total
        result.append(TopicScore(slug, round(score, 3)))
        result.extend(_finer(slug, score, top[slug], evidence))
    return result


def _finer(
    parent: str, score: float, parent_evidence: float, evidence: dict[str, float]
) -> list[TopicScore]:
    found = [
        (evidence[child], child)
        for child in _CHILDREN[parent]
        if evidence.get(child, 0.0) >= MIN_FINE_EVIDENCE
    ]
    if not found:
        return []
    found.sort(key=lambda item: (-item[0], item[1]))
    strongest = found[0][0]
    return [
        TopicScore(child, round(score * min(1.0, value / parent_evidence), 3))
        for value, child in found
        if value >= RUNNER_UP * strongest
    ]


def topic_evidence(
    title: str, text: str, *, language: str = "", foreign_places: bool = False
) -> dict[str, float]:
    """Raw evidence per topic (finer topics' included in their parents'); empty when none."""
    if not isinstance(title, str) or not isinstance(text, str):
        raise TypeError("classify_topics takes the title and text as strings")
    lexicon = lexicon_for(_language(language))
    counts: dict[tuple[str, Hit], float] = defaultdict(float)
    title_weight = TITLE_WEIGHT if text.strip() else 1.0
    _count(lexicon, words(title[:TITLE_CHARS]), title_weight, counts)
    _count(lexicon, words(text[:TEXT_CHARS]), 1.0, counts)
    evidence: dict[str, float] = defaultdict(float)
    for (_, (slug, weight)), seen in counts.items():
        value = weight * math.sqrt(seen)
        evidence[slug] += value
        parent = _PARENT[slug]
        if parent is not None:
            evidence[parent] += value
    if foreign_places and evidence.get("politics"):
        evidence["world"] += FOREIGN_SHIFT * evidence["politics"]
    return {slug: value for slug, value in evidence.items() if value > 0}


def _count(
    lexicon: Lexicon, found: list[str], weight: float, counts: dict[tuple[str, Hit], float]
) -> None:
    """Add ``weight`` for each hit of each word and phrase, counted apart per word."""
    for index, word in enumerate(found):
        for hit in lexicon.hits(word):
            counts[word, hit] += weight
        for phrase, hit in lexicon.phrase_hits(found, index):
            counts[phrase, hit] += weight


def _language(language: str) -> str:
    code = (language or "").strip().lower()
    return code.split("-")[0].split("_")[0]

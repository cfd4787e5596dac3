"""CI floor for the faithfulness check against FRANK's human judgements, on a slice.

Measured on the first 600 judged summaries (all CNN/DM; ``run_faithfulness(..., limit=600)``):
balanced accuracy 0.688 on their test summaries with thresholds tuned on their valid ones. On
the whole set (2,246 summaries, about 12 s of CPU), with thresholds tuned on each dataset's valid
summaries: CNN/DM 0.680 and XSum 0.615 on test (decision 45). Each floor sits about 0.03 under.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.eval.faithfulness import format_faithfulness, restore_summary, run_faithfulness

SLICE = 600
FLOOR = 0.66
#: Per dataset, on the whole set: test balanced accuracy under thresholds tuned on its valid.
DATASET_FLOORS = {"cnndm": 0.65, "xsum": 0.585}


def test_restore_summary_rejoins_tokens_and_takes_case_from_the_article() -> None:
    article = "Gary Locke will be confirmed as Kilmarnock's manager. The club met on Friday."
    summary = "gary locke will be confirmed as kilmarnock 's manager . UNK met on friday ."
    assert restore_summary(summary, article) == (
        "Gary Locke will be confirmed as Kilmarnock's manager. Met on Friday."
    )


@pytest.mark.slow
def test_balanced_accuracy_floor_on_slice(datasets: Path) -> None:
    report = run_faithfulness(datasets / "summaries" / "frank", limit=SLICE)
    print(format_faithfulness(report))
    assert report.summaries == SLICE
    test = report.score("test")
    assert test.summaries > 300
    assert test.balanced_accuracy >= FLOOR, format_faithfulness(report)
    assert report.ms_per_summary < 100


@pytest.mark.slow
def test_balanced_accuracy_floor_in_each_dataset(datasets: Path) -> None:
    report = run_faithfulness(datasets / "summaries" / "frank")
    print(format_faithfulness(report))
    scores = {score.dataset: score for score in report.per_dataset}
    assert set(scores) == set(DATASET_FLOORS)
    for dataset, floor in DATASET_FLOORS.items():
        assert scores[dataset].summaries > 600
        assert scores[dataset].balanced_accuracy >= floor, format_faithfulness(report)

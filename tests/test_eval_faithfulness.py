"""CI floor for the faithfulness check against FRANK's human judgements, on a slice.

Measured on the first 600 judged summaries (all CNN/DM; ``run_faithfulness(..., limit=600)``):
balanced accuracy 0.68 on their test summaries with thresholds tuned on their valid ones; the
full set (both datasets) is a benchmark, not a test. The floor sits about 0.03 under.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.eval.faithfulness import format_faithfulness, restore_summary, run_faithfulness

SLICE = 600
FLOOR = 0.65


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

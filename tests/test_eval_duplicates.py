"""CI floor for near-duplicate detection: the eval on a fixed slice of the article sets.

The slice is the first ``SLICE`` long-enough articles of zyte (by id) and of ECB+ (file order:
topics 1 to 3, so it holds hard negatives), each with its six edited copies (about 2 s). On it
``newsdesk.pipeline.dedup`` measured (see docs/benchmarks/duplicates.md for the full run):

    precision 1.000, recall 0.992 (combined edits 0.958), LSH candidate recall 0.996

The floors sit under those figures so that noise does not fail CI while a real regression does.
To move them: run ``.venv/bin/python -m newsdesk.eval.duplicates ../shared/datasets --limit 60``,
check the full run (no ``--limit``), update the figures here and in the benchmark document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.eval.duplicates import Article, load_articles, make_copies, run

SLICE = 60
PRECISION_FLOOR = 0.995
RECALL_FLOOR = 0.97
EDIT_RECALL_FLOOR = 0.9
LSH_RECALL_FLOOR = 0.96


@pytest.mark.slow
def test_duplicates_floor_on_slice(datasets: Path) -> None:
    report = run(datasets, limit=SLICE)

    assert report.articles == 2 * SLICE
    assert report.hard_negative_pairs > 100
    assert report.precision >= PRECISION_FLOOR, report.false_positives[:3]
    assert report.recall >= RECALL_FLOOR
    assert report.lsh_candidate_recall >= LSH_RECALL_FLOOR
    for edit in report.edits:
        assert edit.recall >= EDIT_RECALL_FLOOR, edit
    assert report.wikinews.flagged_within_articles >= 1
    assert report.titles.exact_pairs >= 1


def test_copies_are_fixed_by_the_seed_and_differ_from_the_article() -> None:
    text = "\n".join(f"Paragraph {i} says something about the event number {i}." for i in range(8))
    article = Article("x/1", text)

    copies = make_copies(article)

    assert copies == make_copies(article)
    assert set(copies) == {
        "headline",
        "boilerplate",
        "shuffle",
        "truncate",
        "word_edits",
        "combined",
    }
    assert all(copy != text for copy in copies.values())
    kept = len(copies["truncate"].split()) / len(text.split())
    assert 0.6 <= kept <= 0.95


def test_articles_are_long_enough_and_limited_per_set(datasets: Path) -> None:
    articles = load_articles(datasets, limit=5)

    assert [a.id.split("/")[0] for a in articles] == ["zyte"] * 5 + ["ecb"] * 5
    assert all(a.story for a in articles if a.id.startswith("ecb/"))

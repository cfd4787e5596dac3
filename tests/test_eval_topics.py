"""CI floor for topic accuracy on the UCI headlines, and the rules of the evaluation.

The set is small (6,366 headlines, a fraction of a second to classify), so the floor runs on all
of it. Measured with ``newsdesk eval topics`` on
../shared/datasets/stories/uci-news-aggregator-sample.csv: dev half 0.873, test half 0.794;
stories by majority: dev 0.917 (36 stories), test 0.882 (51).
The floors sit about 0.03 under: a lost word list or a broken tokenizer fails, a changed weight
passes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.cli.main import main
from newsdesk.eval.topics import (
    FALLBACK,
    Headline,
    format_report,
    load_headlines,
    predict_class,
    run,
)

SET = Path("stories") / "uci-news-aggregator-sample.csv"
FLOOR_DEV = 0.84
FLOOR_TEST = 0.76
FLOOR_STORIES = 0.84  # of 51 test stories: two more wrong fail


def test_accuracy_floor(datasets: Path) -> None:
    report = run(datasets / SET)

    assert report.headlines == 6366
    assert report.dev.headlines + report.test.headlines == report.headlines
    assert report.dev.accuracy >= FLOOR_DEV, format_report(report)
    assert report.test.accuracy >= FLOOR_TEST, format_report(report)
    assert report.test.story_accuracy >= FLOOR_STORIES, format_report(report)
    assert report.test.headline_accuracy_by_story >= report.test.story_accuracy - 0.1
    assert report.dev_errors == []  # errors are shown only when asked for
    for half in (report.dev, report.test):
        assert {score.label for score in half.classes} == {"b", "t", "e", "m"}
        assert all(score.support > 0 for score in half.classes)


def test_halves_split_whole_stories(datasets: Path) -> None:
    headlines = load_headlines(datasets / SET)
    halves: dict[str, set[str]] = {"dev": set(), "test": set()}
    for headline in headlines:
        halves[headline.half].add(headline.story)

    assert halves["dev"] and halves["test"]
    assert not halves["dev"] & halves["test"]


def test_only_dev_errors_are_shown(datasets: Path) -> None:
    report = run(datasets / SET, errors=5)
    dev_titles = {h.title for h in load_headlines(datasets / SET) if h.half == "dev"}

    assert len(report.dev_errors) == 5
    assert all(title in dev_titles for _, _, title in report.dev_errors)


def test_the_split_rule_is_fixed() -> None:
    assert Headline("1", "t", "b", "story-a").half == Headline("2", "u", "e", "story-a").half
    halves = {Headline(str(i), "t", "b", f"story-{i}").half for i in range(20)}
    assert halves == {"dev", "test"}


def test_prediction_maps_topics_to_the_four_classes() -> None:
    assert predict_class("Astronomers find a new planet with a telescope") == ("t", True)
    assert predict_class("Stocks rally as the central bank holds interest rates") == ("b", True)
    assert predict_class("Flu vaccine cuts hospital visits, doctors say") == ("m", True)
    assert predict_class("Singer announces world tour and new album") == ("e", True)
    assert predict_class("Ceasefire talks resume") == ("b", True)  # world: half to business
    assert predict_class("Hello there") == (FALLBACK, False)


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "headlines.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")

    with pytest.raises(ValueError, match="UCI"):
        load_headlines(path)


def test_command_line(datasets: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "topics", str(datasets / SET), "--limit", "300", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)

    assert report["headlines"] == 300
    assert {"dev", "test", "ms_per_headline"} <= set(report)


def test_command_line_refuses_another_data_set(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("pair_id,text1\n1,a\n", encoding="utf-8")

    with pytest.raises(SystemExit, match="lacks the columns"):
        main(["eval", "topics", str(path)])

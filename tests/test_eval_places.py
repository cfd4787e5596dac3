"""Place tagging: the scoring rules of ``newsdesk eval places``, and the CI floors on the labels.

The labels (``src/newsdesk/eval/labels/places-ecbplus.json``, ``places-wcxb.json``) are
hand-checked countries and cities of 100 ECB+ news articles and 50 WCXB web articles.
``newsdesk eval places ../shared/datasets`` (both sets, a few seconds) measured:

- ECB+: countries F1 0.961; cities precision 0.906, recall 0.906 (0.929 and 0.774 / 0.890 before
  the tagger read the words around names);
- WCXB: countries F1 0.936; cities precision 0.694, recall 0.949 (0.813 and 0.401 / 0.806).

The floors sit a little under, so a dependency's drift passes and a regression fails. Both sets
were used to tune the tagger: they guard against regressions, they are no held-out estimate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.cli.main import main
from newsdesk.eval.places import (
    LABELS,
    WCXB_LABELS,
    Counts,
    format_report,
    format_suite,
    load_articles,
    run_sets,
    score_cities,
    score_countries,
    wcxb_picks,
)
from newsdesk.pipeline.geo import Gazetteer, load_gazetteer

# set: (countries F1, cities precision, cities recall)
FLOORS = {"ecbplus-dev.jsonl": (0.95, 0.89, 0.87), "wcxb-dev": (0.92, 0.67, 0.92)}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_counts_micro_average() -> None:
    total = Counts()
    total.add(Counts(true_positives=3, false_positives=1, misses=0))
    total.add(Counts(true_positives=1, false_positives=0, misses=3))
    assert total.precision == pytest.approx(4 / 5)
    assert total.recall == pytest.approx(4 / 7)
    assert total.f1 == pytest.approx(2 * (4 / 5) * (4 / 7) / (4 / 5 + 4 / 7))
    assert Counts().f1 == 1.0  # nothing to find and nothing found


def test_a_city_counts_its_country(gazetteer: Gazetteer) -> None:
    kharkiv = gazetteer.find("Kharkiv")[0]
    counts, wrong, missed = score_countries([kharkiv], ["UA", "RU"])
    assert (counts.true_positives, counts.false_positives, counts.misses) == (1, 0, 1)
    assert wrong == [] and missed == ["RU"]


def test_cities_match_by_alternate_name_and_country(gazetteer: Gazetteer) -> None:
    kyiv = gazetteer.find("Kyiv")[0]
    munich = gazetteer.find("Munich")[0]
    labels = [
        {"name": "Kiev", "country": "UA"},
        {"name": "München", "country": "DE"},
        {"name": "Paris", "country": "FR"},
    ]
    counts, wrong, missed = score_cities(gazetteer, [kyiv, munich, kyiv], labels)
    assert counts.true_positives == 2 and missed == ["Paris (FR)"]
    assert wrong == []  # a place tagged twice is one city
    paris_texas = next(p for p in gazetteer.find("Paris", limit=50) if p.country_code == "US")
    counts, wrong, missed = score_cities(gazetteer, [paris_texas], [labels[2]])
    assert counts.true_positives == 0 and wrong == ["Paris (US)"]


@pytest.mark.slow
def test_places_floors_on_both_labelled_sets(datasets: Path, gazetteer: Gazetteer) -> None:
    if not LABELS.exists() or not WCXB_LABELS.exists():
        pytest.skip("no place labels")
    suite = run_sets(datasets, gazetteer=gazetteer)
    print(format_suite(suite))
    for report in suite.reports:
        countries_f1, cities_precision, cities_recall = FLOORS[report.dataset]
        assert report.articles == (100 if report.dataset.startswith("ecbplus") else 50)
        assert report.countries_f1 >= countries_f1, format_report(report)
        assert report.cities_precision >= cities_precision, format_report(report)
        assert report.cities_recall >= cities_recall, format_report(report)


def test_wcxb_articles_are_title_and_main_text(tmp_path: Path) -> None:
    truth = tmp_path / "ground-truth"
    truth.mkdir()
    page = {"ground_truth": {"title": "Floods in Kharkiv", "main_content": "Rain fell."}}
    (truth / "0007.json").write_text(json.dumps(page), encoding="utf-8")
    (truth / "0008.json").write_text(json.dumps({"ground_truth": {}}), encoding="utf-8")
    articles = load_articles(tmp_path, {"0007", "0008"})
    assert articles["0007"].title == "Floods in Kharkiv"
    assert articles["0007"].text == "Rain fell."
    assert articles["0008"].title == articles["0008"].text == ""
    with pytest.raises(ValueError):
        load_articles(truth, {"0007"})


@pytest.mark.slow
def test_wcxb_labels_are_the_pages_the_rule_picks(datasets: Path, gazetteer: Gazetteer) -> None:
    labelled = json.loads(WCXB_LABELS.read_text(encoding="utf-8"))
    picks = wcxb_picks(datasets / "extraction" / "wcxb-dev", gazetteer)
    assert len(picks) == 50 and sorted(labelled["articles"]) == picks
    assert "selection" in labelled and "method" in labelled


@pytest.mark.slow
def test_both_sets_are_reported(datasets: Path, gazetteer: Gazetteer) -> None:
    suite = run_sets(datasets, limit=5, gazetteer=gazetteer)
    assert [r.dataset for r in suite.reports] == ["ecbplus-dev.jsonl", "wcxb-dev"]
    assert all(r.articles == 5 for r in suite.reports)
    text = format_suite(suite)
    assert "wcxb-dev (5)" in text and "ecbplus-dev.jsonl (5)" in text


@pytest.mark.slow
def test_command_line_reports_both_sets(datasets: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "places", str(datasets), "--limit", "3", "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)["reports"]
    assert [r["dataset"] for r in reports] == ["ecbplus-dev.jsonl", "wcxb-dev"]
    for report in reports:
        assert report["articles"] == 3
        assert {"countries_f1", "cities_precision", "cities_recall", "cities_f1"} <= set(report)
    assert main(["eval", "places", str(datasets / "extraction" / "wcxb-dev"), "--limit", "2"]) == 0
    assert "Places on 2 articles of wcxb-dev" in capsys.readouterr().out


def test_command_line_refuses_a_folder_without_pages(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="ground-truth"):
        main(["eval", "places", str(tmp_path)])

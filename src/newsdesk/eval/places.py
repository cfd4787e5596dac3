"""Place tagging quality on hand-checked labels: 100 ECB+ news articles and 50 WCXB web articles.

``labels/places-ecbplus.json`` holds, per ECB+ ``doc_id``, the countries (ISO codes) and the
cities (name and country) a reader finds named in the article; ``labels/places-wcxb.json`` does
the same, with the same written method, for 50 pages of the WCXB dev set (title and main text),
picked by the rule in its ``selection`` (``wcxb_picks``). Each labelled article goes through
``tag_places`` (ECB+ has no titles; no home country) and is compared with its labels,
micro-averaged over articles (true and false positives and misses summed first):

- countries by ISO code. The tagger's countries are the countries it tagged plus the countries
  of the cities and US states it tagged ("Kharkiv" counts as Ukraine named), as a reader of the
  tags would take them. Continents are not scored.
- cities by (name, country): a tagged city matches a label of the same country when the label's
  name is its name or one of its alternate names in the gazetteer. Each label matches once.

    newsdesk eval places ../shared/datasets                          (both sets)
    newsdesk eval places ../shared/datasets/stories/ecbplus-dev.jsonl
    newsdesk eval places ../shared/datasets/extraction/wcxb-dev
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.pipeline.geo import Gazetteer, Place, load_gazetteer, tag_places
from newsdesk.pipeline.geo.places import COUNTRY, REGION

Progress = Callable[[int, int], None]
LABELS = Path(__file__).resolve().parent / "labels" / "places-ecbplus.json"
WCXB_LABELS = LABELS.with_name("places-wcxb.json")
ECBPLUS_FILE = Path("stories") / "ecbplus-dev.jsonl"
WCXB_FOLDER = Path("extraction") / "wcxb-dev"
WCXB_PICKS = 50


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    misses: int = 0

    def add(self, other: Counts) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.misses += other.misses

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.misses
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Article:
    title: str
    text: str


@dataclass
class PlacesReport:
    dataset: str
    labels: str
    method: str
    articles: int
    countries_precision: float
    countries_recall: float
    countries_f1: float
    cities_precision: float
    cities_recall: float
    cities_f1: float
    ms_per_article: float
    load_seconds: float
    false_positives: list[tuple[str, int]] = field(default_factory=list)
    misses: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class PlacesSuite:
    """One report per labelled set."""

    reports: list[PlacesReport]


def run_sets(
    root: Path,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    gazetteer: Gazetteer | None = None,
) -> PlacesSuite:
    """Both labelled sets, read from the datasets folder ``root``."""
    gazetteer = gazetteer or load_gazetteer()
    sets = ((root / ECBPLUS_FILE, LABELS), (root / WCXB_FOLDER, WCXB_LABELS))
    return PlacesSuite(
        [
            run(path, labels, limit=limit, progress=progress, gazetteer=gazetteer)
            for path, labels in sets
        ]
    )


def run(
    dataset: Path,
    labels: Path | None = None,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    gazetteer: Gazetteer | None = None,
) -> PlacesReport:
    """Tags the labelled articles of ``dataset`` (with ``gazetteer``, default the product's).

    ``dataset`` is the ECB+ ``.jsonl`` file or the ``wcxb-dev`` folder; ``labels`` defaults to
    the shipped labels of that set."""
    labels = labels or (WCXB_LABELS if dataset.is_dir() else LABELS)
    truth = json.loads(labels.read_text(encoding="utf-8"))
    wanted: dict[str, Any] = truth["articles"]
    texts = load_articles(dataset, set(wanted))
    ids = [doc_id for doc_id in wanted if doc_id in texts][:limit]

    started = time.perf_counter()
    gazetteer = gazetteer or load_gazetteer()
    load_seconds = time.perf_counter() - started

    countries, cities = Counts(), Counts()
    wrong: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    tagging = 0.0
    for done, doc_id in enumerate(ids, 1):
        article = texts[doc_id]
        started = time.perf_counter()
        mentions = tag_places(gazetteer, article.title, article.text)
        tagging += time.perf_counter() - started
        places = [mention.place for mention in mentions]
        country_counts = score_countries(places, wanted[doc_id].get("countries", []))
        city_counts = score_cities(gazetteer, places, wanted[doc_id].get("cities", []))
        countries.add(country_counts[0])
        cities.add(city_counts[0])
        wrong.update(country_counts[1] + city_counts[1])
        missed.update(country_counts[2] + city_counts[2])
        if progress:
            progress(done, len(ids))
    return PlacesReport(
        dataset=dataset.name,
        labels=labels.name,
        method=str(truth.get("method", "")),
        articles=len(ids),
        countries_precision=countries.precision,
        countries_recall=countries.recall,
        countries_f1=countries.f1,
        cities_precision=cities.precision,
        cities_recall=cities.recall,
        cities_f1=cities.f1,
        ms_per_article=1000 * tagging / max(1, len(ids)),
        load_seconds=load_seconds,
        false_positives=wrong.most_common(15),
        misses=missed.most_common(15),
    )


def load_articles(dataset: Path, ids: set[str]) -> dict[str, Article]:
    """The articles of ``ids`` in the ECB+ ``.jsonl`` file (no titles) or a WCXB folder."""
    if dataset.is_dir():
        return _wcxb_articles(dataset, ids)
    found = {}
    with dataset.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                if str(row["doc_id"]) in ids:
                    found[str(row["doc_id"])] = Article("", row["text"])
    return found


def _wcxb_articles(folder: Path, ids: set[str] | None = None) -> dict[str, Article]:
    truth_folder = folder / "ground-truth"
    if not truth_folder.is_dir():
        raise ValueError(f"{folder} holds no ground-truth/ folder (wcxb-dev)")
    found = {}
    for path in sorted(truth_folder.glob("*.json")):
        if ids is None or path.stem in ids:
            truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
            found[path.stem] = Article(truth.get("title") or "", truth.get("main_content") or "")
    return found


def wcxb_picks(folder: Path, gazetteer: Gazetteer, count: int = WCXB_PICKS) -> list[str]:
    """The rule that chose the WCXB pages (see ``selection`` in the label file).

    Pages sorted by file name; kept when the title or main text holds the name of a country or
    a US state as a whole word, capitals as written; then every (kept / count)-th page."""
    names = sorted(
        {place.name for place in _countries_and_states(gazetteer)}, key=len, reverse=True
    )
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    kept = [
        page_id
        for page_id, article in _wcxb_articles(folder).items()
        if pattern.search(f"{article.title}\n{article.text}")
    ]
    return [kept[i * len(kept) // count] for i in range(min(count, len(kept)))]


def _countries_and_states(gazetteer: Gazetteer) -> list[Place]:
    return gazetteer.of_kind(COUNTRY) + gazetteer.of_kind(REGION)


def score_countries(places: list[Place], labels: list[str]) -> tuple[Counts, list[str], list[str]]:
    """Counts for one article, with the wrong and the missed country codes."""
    tagged = {place.country_code for place in places if place.country_code}
    wanted = {code.upper() for code in labels}
    wrong, missed = sorted(tagged - wanted), sorted(wanted - tagged)
    return Counts(len(tagged & wanted), len(wrong), len(missed)), wrong, missed


def score_cities(
    gazetteer: Gazetteer, places: list[Place], labels: list[dict[str, str]]
) -> tuple[Counts, list[str], list[str]]:
    """Counts for one article, with the wrong and the missed cities as "Name (CC)"."""
    tagged = list({place.id: place for place in places if place.kind == "city"}.values())
    missed = []
    for label in labels:
        name, code = label["name"], label.get("country", "").upper()
        known = {place.id for place in gazetteer.find(name, limit=100_000)}
        match = next(
            (p for p in tagged if p.country_code == code and (p.id in known or _same(p, name))),
            None,
        )
        if match is None:
            missed.append(f"{name} ({code})")
        else:
            tagged.remove(match)
    wrong = [f"{place.name} ({place.country_code})" for place in tagged]
    return Counts(len(labels) - len(missed), len(wrong), len(missed)), wrong, missed


def _same(place: Place, name: str) -> bool:
    return place.name.casefold() == name.strip().casefold()


def format_report(report: PlacesReport) -> str:
    lines = [
        f"Places on {report.articles} articles of {report.dataset} ({report.labels})",
        f"labels: {report.method}",
        "",
        *_table([report]),
        "",
        f"tagging: {report.ms_per_article:.2f} ms/article;"
        f" gazetteer load {report.load_seconds:.2f} s",
        "(a tagged city's or state's country counts as a tagged country)",
        *_errors(report),
    ]
    return "\n".join(lines)


def format_suite(suite: PlacesSuite) -> str:
    """Both sets in one table, then each set's most frequent errors."""
    lines = ["Places on the labelled sets (methods: the label files' method fields)", ""]
    lines += _table(suite.reports)
    lines += ["", "(a tagged city's or state's country counts as a tagged country)"]
    for report in suite.reports:
        lines += ["", f"{report.dataset}: {report.ms_per_article:.2f} ms/article", *_errors(report)]
    return "\n".join(lines)


def _table(reports: list[PlacesReport]) -> list[str]:
    lines = [f"{'set':22} {'':10} {'precision':>10} {'recall':>8} {'F1':>6}"]
    for r in reports:
        name = f"{r.dataset} ({r.articles})"
        lines.append(
            f"{name:22} {'countries':10} {r.countries_precision:10.3f}"
            f" {r.countries_recall:8.3f} {r.countries_f1:6.3f}"
        )
        lines.append(
            f"{'':22} {'cities':10} {r.cities_precision:10.3f}"
            f" {r.cities_recall:8.3f} {r.cities_f1:6.3f}"
        )
    return lines


def _errors(report: PlacesReport) -> list[str]:
    lines = []
    if report.false_positives:
        wrong = ", ".join(f"{name} x{count}" for name, count in report.false_positives)
        lines.append(f"most frequent wrong: {wrong}")
    if report.misses:
        lines.append("most frequent missed: " + ", ".join(f"{n} x{c}" for n, c in report.misses))
    return lines

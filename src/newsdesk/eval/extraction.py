"""Extraction quality and cost on a published data set, ours against plain trafilatura.

``run(DIR)`` recognises the set in DIR (``zyte``: ``html/<id>.html.gz`` and ``ground-truth.json``;
``wcxb-dev``: ``html/NNNN.html.gz`` and ``ground-truth/NNNN.json``), extracts every page, sorted by
id, with ``newsdesk.pipeline.extract.extract_article`` and with ``trafilatura.extract(html)`` at
its defaults (the reference), and scores both with the set's own metric (``scoring``). Cost is CPU
time per page, so other work on the machine does not inflate it. Both extractors get the same
decoded text (the sets are UTF-8). trafilatura's metadata (``extract_metadata``) is run apart,
untimed by the reference figure, to compare title, author and date accuracy; its time is reported
separately so the ratio can be read both ways.

    python -m newsdesk.eval.extraction /path/to/extraction/zyte [--json] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import trafilatura

from newsdesk.errors import ExtractionError
from newsdesk.eval import scoring
from newsdesk.pipeline.extract import extract_article

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html_path: Path
    text: str
    title: str = ""
    author: str = ""
    date: str = ""


@dataclass
class ExtractorScore:
    """One extractor's figures on one set; accuracies are None where the set has no truth."""

    name: str
    precision: float
    recall: float
    f1: float
    ms_per_page: float
    failures: int
    title_accuracy: float | None = None
    author_accuracy: float | None = None
    date_accuracy: float | None = None


@dataclass
class ExtractionReport:
    dataset: str
    path: str
    pages: int
    metric: str
    ours: ExtractorScore
    reference: ExtractorScore
    reference_metadata_ms_per_page: float

    @property
    def cost_ratio(self) -> float:
        """Our CPU time per page over trafilatura.extract()'s."""
        return self.ours.ms_per_page / self.reference.ms_per_page

    @property
    def cost_ratio_with_metadata(self) -> float:
        """Ours over trafilatura.extract() plus its metadata extraction (both give metadata)."""
        reference = self.reference.ms_per_page + self.reference_metadata_ms_per_page
        return self.ours.ms_per_page / reference


@dataclass
class _Outputs:
    texts: list[str]
    titles: list[str]
    authors: list[str]
    dates: list[Any]
    seconds: float = 0.0
    failures: int = 0


def run(
    path: Path, *, limit: int | None = None, progress: Progress | None = None
) -> ExtractionReport:
    """Evaluate both extractors on the set in ``path`` (its first ``limit`` pages by id)."""
    dataset, pages = load_pages(path)
    if limit is not None:
        pages = pages[:limit]
    ours = _Outputs([], [], [], [])
    reference = _Outputs([], [], [], [])
    metadata_seconds = 0.0
    trafilatura_log = logging.getLogger("trafilatura")
    level = trafilatura_log.level
    trafilatura_log.setLevel(logging.CRITICAL)  # it warns on every page it discards
    try:
        for done, page in enumerate(pages, start=1):
            html = gzip.decompress(page.html_path.read_bytes()).decode("utf-8", errors="replace")
            _run_ours(html, page.url, ours)
            _run_reference(html, reference)
            metadata_seconds += _run_reference_metadata(html, page.url, reference)
            if progress is not None:
                progress(done, len(pages))
    finally:
        trafilatura_log.setLevel(level)
    count = max(len(pages), 1)
    return ExtractionReport(
        dataset=dataset,
        path=str(path),
        pages=len(pages),
        metric=_METRICS[dataset],
        ours=_score("newsdesk extract_article", dataset, pages, ours),
        reference=_score("trafilatura.extract() defaults", dataset, pages, reference),
        reference_metadata_ms_per_page=1000 * metadata_seconds / count,
    )


_METRICS = {
    "zyte": (
        "precision/recall over word 4-gram shingle multisets, averaged over pages;"
        " F1 of the two averages"
    ),
    "wcxb-dev": "word-level precision/recall/F1 per page, each averaged over pages",
}


def load_pages(path: Path) -> tuple[str, list[Page]]:
    """Recognise the set in ``path`` and list its pages sorted by id."""
    if (path / "ground-truth.json").is_file():
        return "zyte", list(_zyte_pages(path))
    if (path / "ground-truth").is_dir():
        return "wcxb-dev", list(_wcxb_pages(path))
    raise ValueError(f"{path} holds neither ground-truth.json (zyte) nor ground-truth/ (wcxb)")


def _zyte_pages(path: Path) -> Iterator[Page]:
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        item = truth[page_id]
        yield Page(
            page_id, item.get("url", ""), path / "html" / f"{page_id}.html.gz", item["articleBody"]
        )


def _wcxb_pages(path: Path) -> Iterator[Page]:
    for truth_path in sorted((path / "ground-truth").glob("*.json")):
        data = json.loads(truth_path.read_text(encoding="utf-8"))
        truth = data.get("ground_truth") or {}
        yield Page(
            id=truth_path.stem,
            url=data.get("url", ""),
            html_path=path / "html" / f"{truth_path.stem}.html.gz",
            text=truth.get("main_content") or "",
            title=truth.get("title") or "",
            author=truth.get("author") or "",
            date=truth.get("publish_date") or "",
        )


def _run_ours(html: str, url: str, into: _Outputs) -> None:
    started = time.process_time()
    try:
        article = extract_article(html, url)
    except ExtractionError:
        into.seconds += time.process_time() - started
        into.failures += 1
        for outputs in (into.texts, into.titles, into.authors):
            outputs.append("")
        into.dates.append(None)
        return
    into.seconds += time.process_time() - started
    into.texts.append(article.text)
    into.titles.append(article.title)
    into.authors.append(article.byline)
    into.dates.append(article.published)


def _run_reference(html: str, into: _Outputs) -> None:
    started = time.process_time()
    text = trafilatura.extract(html)
    into.seconds += time.process_time() - started
    into.failures += text is None
    into.texts.append(text or "")


def _run_reference_metadata(html: str, url: str, into: _Outputs) -> float:
    started = time.process_time()
    meta = trafilatura.extract_metadata(html, default_url=url or None, extensive=False)
    elapsed = time.process_time() - started
    into.titles.append(meta.title or "")
    into.authors.append(meta.author or "")
    into.dates.append(meta.date)
    return elapsed


def _score(name: str, dataset: str, pages: list[Page], outputs: _Outputs) -> ExtractorScore:
    ms = 1000 * outputs.seconds / max(len(pages), 1)
    if dataset == "zyte":
        counts = [scoring.zyte_counts(p.text, t) for p, t in zip(pages, outputs.texts, strict=True)]
        precision, recall, f1 = scoring.zyte_scores(counts)
        return ExtractorScore(name, precision, recall, f1, ms, outputs.failures)
    words = [scoring.word_scores(p.text, t) for p, t in zip(pages, outputs.texts, strict=True)]
    precision, recall, f1 = scoring.mean_scores(words)
    return ExtractorScore(
        name,
        precision,
        recall,
        f1,
        ms,
        outputs.failures,
        title_accuracy=_accuracy(pages, "title", outputs.titles, scoring.same_title),
        author_accuracy=_accuracy(pages, "author", outputs.authors, scoring.same_author),
        date_accuracy=_accuracy(pages, "date", outputs.dates, scoring.same_date),
    )


def _accuracy(
    pages: list[Page], field: str, predicted: list[Any], same: Callable[[str, Any], bool]
) -> float | None:
    pairs = [(getattr(p, field), guess) for p, guess in zip(pages, predicted, strict=True)]
    judged = [same(truth, guess) for truth, guess in pairs if truth]
    return sum(judged) / len(judged) if judged else None


def format_report(report: ExtractionReport) -> str:
    """A plain-text table of the report."""
    lines = [
        f"{report.dataset}: {report.pages} pages ({report.path})",
        f"metric: {report.metric}",
        "",
        f"{'extractor':32} {'P':>6} {'R':>6} {'F1':>6} {'title':>6} {'author':>6} {'date':>6}"
        f" {'ms/page':>8} {'failed':>6}",
    ]
    for score in (report.ours, report.reference):
        lines.append(
            f"{score.name:32} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}"
            f" {_percent(score.title_accuracy)} {_percent(score.author_accuracy)}"
            f" {_percent(score.date_accuracy)} {score.ms_per_page:8.1f} {score.failures:6d}"
        )
    lines += [
        "",
        "reference title/author/date: trafilatura.extract_metadata(), timed apart "
        f"({report.reference_metadata_ms_per_page:.1f} ms/page)",
        f"cost ratio (CPU): {report.cost_ratio:.2f}x trafilatura.extract(), "
        f"{report.cost_ratio_with_metadata:.2f}x extract() + extract_metadata()",
    ]
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return f"{value:6.3f}" if value is not None else f"{'-':>6}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.eval.extraction")
    parser.add_argument("path", type=Path, help="a data set directory (zyte or wcxb-dev)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages by id")
    args = parser.parse_args(argv)
    report = run(args.path, limit=args.limit)
    if args.json:
        payload = asdict(report) | {
            "cost_ratio": report.cost_ratio,
            "cost_ratio_with_metadata": report.cost_ratio_with_metadata,
        }
        print(json.dumps(payload, indent=2))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

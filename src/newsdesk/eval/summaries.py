"""Summary quality on the FRANK articles: ROUGE of the extractive engine against Lead-3.

FRANK (``articles_summaries.jsonl``) holds CNN/DailyMail and XSum test articles with their
reference summaries and several systems' outputs; one line per article (``hash``), with a
``split`` field ("validation" or "test"). ``run_rouge(PATH)`` summarises every article of the
chosen split with the extractive engine's "paragraph" task, computes Lead-3 (the first three
sentences of the same split text) in the same run, and scores both against the reference with
ROUGE-1, ROUGE-2 and ROUGE-Lsum F-measure (``rouge_score``, Porter stemmer, sentences joined with
newlines for Lsum). CNN/DM is the headline figure; XSum (one-sentence, highly abstractive
references, where Lead-3 is weak by design) is reported for information.

The engine's weights were fitted on the validation split; report on the test split. To tune
anew, use the halves (``--split half-a`` / ``half-b``: all articles cut in two by the parity of
their hash): tune on one, report on the other (decision 46 lists what was tried).
FRANK has no headlines, so the documents have an empty title. XSum pages have a share widget
and full stops glued to the next sentence ("community.Dr Venter"): both are repaired before
splitting, for both systems alike.

Measured on the test split (175 CNN/DM, 175 XSum articles), ROUGE-1/2/Lsum F:
CNN/DM extractive 41.79/19.34/37.90, Lead-3 41.60/19.25/37.77 (published Lead-3 on this subset
41.0/18.8/37.2); XSum extractive 18.40/2.55/14.19, Lead-3 17.85/2.52/13.62. About 2.3 CPU ms
an article for the extractive summary, document building included. On the halves, CNN/DM over
Lead-3: half-a +0.49/+0.35/+0.45, half-b +0.65/+0.54/+0.55.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from newsdesk.eval.faithfulness import FaithfulnessReport, format_faithfulness
from newsdesk.pipeline.summarize.base import Document
from newsdesk.pipeline.summarize.extractive import ExtractiveEngine
from newsdesk.pipeline.summarize.sentences import make_document

Progress = Callable[[int, int], None]
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")

#: The share widget text the XSum pages start with, and full stops glued to the next sentence.
_SHARE_WIDGET = re.compile(r"^Share this with.*?Copy this link", re.DOTALL)
_GLUED_STOP = re.compile(r"(?<=[a-z0-9][.!?])(?=[A-Z])")


@dataclass(frozen=True)
class RougeArticle:
    hash: str
    dataset: str
    split: str
    article: str
    reference: str


@dataclass
class RougeScores:
    """Mean F-measures (0-100) of one system on one data set."""

    rouge1: float
    rouge2: float
    rougeLsum: float  # noqa: N815

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.rouge1, self.rouge2, self.rougeLsum)


@dataclass
class RougeDataset:
    dataset: str
    articles: int
    extractive: RougeScores
    lead3: RougeScores
    ms_per_article: float
    cpu_ms_per_article: float
    words_extractive: float
    words_lead3: float
    words_reference: float


@dataclass
class RougeReport:
    split: str
    datasets: dict[str, RougeDataset] = field(default_factory=dict)

    @property
    def cnndm(self) -> RougeDataset:
        return self.datasets["cnndm"]


#: FRANK's own splits, and two halves of all its articles by the parity of their hash: tune on
#: one half, report on the other.
SPLITS = ("test", "validation", "all", "half-a", "half-b")


def half_of(article_hash: str) -> str:
    """ "half-a" or "half-b": the half an article belongs to, by its hash's parity."""
    return "half-a" if int(article_hash, 16) % 2 == 0 else "half-b"


def in_split(row: dict[str, str], split: str) -> bool:
    """Whether a FRANK row belongs to ``split`` (one of ``SPLITS``)."""
    if split == "all":
        return True
    if split.startswith("half-"):
        return half_of(row["hash"]) == split
    return row.get("split") == split


def load_rouge_articles(path: Path, split: str = "test") -> list[RougeArticle]:
    """The articles of ``split`` (one of ``SPLITS``), once each, in file order."""
    if split not in SPLITS:
        raise ValueError(f"no split {split!r} in FRANK; one of {', '.join(SPLITS)}")
    articles: dict[str, RougeArticle] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if not in_split(row, split):
            continue
        articles.setdefault(
            row["hash"],
            RougeArticle(
                hash=row["hash"],
                dataset=row["dataset"],
                split=row.get("split", ""),
                article=row["article"],
                reference=row["reference"],
            ),
        )
    return list(articles.values())


def rouge_document(article: RougeArticle) -> Document:
    """The article as the engine sees it, its raw text lightly repaired first."""
    text = _SHARE_WIDGET.sub("", article.article)
    text = _GLUED_STOP.sub(" ", text)
    return make_document(article.hash, "", text)


def lead3(document: Document) -> list[str]:
    """The first three sentences, as they are."""
    return [sentence.text for sentence in document.sentences[:3]]


def run_rouge(
    path: Path,
    limit: int | None = None,
    progress: Progress | None = None,
    *,
    split: str = "test",
    engine: ExtractiveEngine | None = None,
) -> RougeReport:
    """ROUGE F of the extractive paragraph and Lead-3 on ``split``, per data set.

    ``limit`` keeps the first N articles of each data set.
    """
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    engine = engine or ExtractiveEngine()
    articles = load_rouge_articles(path, split)
    by_dataset: dict[str, list[RougeArticle]] = {}
    for article in articles:
        by_dataset.setdefault(article.dataset, []).append(article)
    report = RougeReport(split=split)
    total = sum(len(items[:limit] if limit else items) for items in by_dataset.values())
    done = 0
    for dataset in sorted(by_dataset):
        items = by_dataset[dataset][:limit] if limit else by_dataset[dataset]
        ours: list[dict[str, float]] = []
        lead: list[dict[str, float]] = []
        seconds = 0.0
        cpu_seconds = 0.0
        lengths: dict[str, list[int]] = {"ours": [], "lead": [], "reference": []}
        for article in items:
            started, cpu_started = time.perf_counter(), time.process_time()
            document = rouge_document(article)
            summary = [sentence.text for sentence in engine.summarize(document).sentences]
            seconds += time.perf_counter() - started
            cpu_seconds += time.process_time() - cpu_started
            baseline = lead3(document)
            reference = reference_sentences(article.reference)
            ours.append(rouge_f(scorer, reference, summary))
            lead.append(rouge_f(scorer, reference, baseline))
            lengths["ours"].append(word_count(summary))
            lengths["lead"].append(word_count(baseline))
            lengths["reference"].append(word_count(reference))
            done += 1
            if progress:
                progress(done, total)
        report.datasets[dataset] = RougeDataset(
            dataset=dataset,
            articles=len(items),
            extractive=mean_rouge(ours),
            lead3=mean_rouge(lead),
            ms_per_article=1000 * seconds / max(1, len(items)),
            cpu_ms_per_article=1000 * cpu_seconds / max(1, len(items)),
            words_extractive=fmean(lengths["ours"]) if items else 0.0,
            words_lead3=fmean(lengths["lead"]) if items else 0.0,
            words_reference=fmean(lengths["reference"]) if items else 0.0,
        )
    return report


def reference_sentences(reference: str) -> list[str]:
    """The reference split on its tokenised full stops (" . "), as the CNN/DM highlights are."""
    parts = [part.strip() for part in re.split(r"\s+\.\s+|\s+\.$", reference.strip())]
    return [part for part in parts if part] or [reference]


def rouge_f(scorer: object, reference: Sequence[str], summary: Sequence[str]) -> dict[str, float]:
    """ROUGE F-measures (0-100) of ``summary`` against ``reference``; Lsum per line."""
    scores = scorer.score("\n".join(reference), "\n".join(summary))  # type: ignore[attr-defined]
    return {name: 100 * scores[name].fmeasure for name in ROUGE_TYPES}


def mean_rouge(rows: Iterable[dict[str, float]]) -> RougeScores:
    items = list(rows)
    if not items:
        return RougeScores(0.0, 0.0, 0.0)
    return RougeScores(*(fmean(row[name] for row in items) for name in ROUGE_TYPES))


def word_count(sentences: Sequence[str]) -> int:
    return sum(len(sentence.split()) for sentence in sentences)


def format_rouge_report(report: RougeReport) -> str:
    """A small table: ROUGE-1/2/Lsum of the extractive engine and Lead-3 per data set."""
    lines = [f"ROUGE F (split: {report.split})"]
    lines.append(
        f"{'dataset':8} {'system':11} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'words':>6} "
        f"{'articles':>8} {'ms/article':>10} {'CPU ms':>7}"
    )
    for name, result in report.datasets.items():
        rows = (
            ("extractive", result.extractive, result.words_extractive, True),
            ("lead-3", result.lead3, result.words_lead3, False),
        )
        for system, scores, words, timed in rows:
            timing = (
                f"{result.ms_per_article:10.1f} {result.cpu_ms_per_article:7.1f}" if timed else ""
            )
            lines.append(
                f"{name:8} {system:11} {scores.rouge1:6.2f} {scores.rouge2:6.2f} "
                f"{scores.rougeLsum:7.2f} {words:6.1f} {result.articles:8d} {timing}"
            )
        lines.append(
            f"{name:8} {'reference':11} {'':6} {'':6} {'':7} {result.words_reference:6.1f}"
        )
    return "\n".join(lines)


def format_report(report: RougeReport) -> str:
    """The ROUGE report as text."""
    return format_rouge_report(report)


@dataclass
class SummariesReport:
    """``newsdesk eval summaries``: ROUGE of the extractive engine, and the faithfulness check."""

    rouge: RougeReport
    faithfulness: FaithfulnessReport


def format_summaries_report(report: SummariesReport) -> str:
    return "\n\n".join(
        [format_rouge_report(report.rouge), format_faithfulness(report.faithfulness)]
    )

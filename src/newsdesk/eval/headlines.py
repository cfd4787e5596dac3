"""Clickbait detection on the headlines of Chakraborty et al. (2016): accuracy, precision and
recall of the shipped model on a held-out part, and its cost per headline.

The set is two files of one headline a line, ``clickbait.txt.gz`` (BuzzFeed, Upworthy,
ViralNova...) and ``not-clickbait.txt.gz`` (WikiNews, the New York Times, the Guardian, the
Hindu). Each headline's part is fixed by a rule, before any training: the first four bytes of
the SHA-256 of its UTF-8 text, as a number, modulo 10: 0 is the held-out test part (about a
tenth), 1 the development part the training script tunes on, the rest the training part. A
headline found twice is always in one part. The shipped model is trained on the training and
development parts only (``bench/train_headlines.py``).

    newsdesk eval headlines ../shared/datasets/headlines --json

Precision and recall are those of the "clickbait" answer. The cost is the wall and CPU time of
``HeadlineModel.is_clickbait`` (features and score) per headline, the model already loaded.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsdesk.pipeline.headlines import HeadlineModel, load_model
from newsdesk.pipeline.headlines.classify import MODEL_FILE

Progress = Callable[[int, int], None]
Part = Literal["train", "dev", "test"]
FILES = (("clickbait.txt.gz", True), ("not-clickbait.txt.gz", False))


@dataclass(frozen=True)
class Headline:
    text: str
    clickbait: bool


@dataclass
class HeadlinesReport:
    path: str
    part: str
    headlines: int
    clickbait: int
    accuracy: float
    precision: float
    recall: float
    f1: float
    ms_per_headline: float
    cpu_ms_per_headline: float
    model_bits: int
    model_file_bytes: int


def part_of(text: str) -> Part:
    """The part a headline belongs to, by the hash rule of the module docstring."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:4], "big") % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def load_headlines(folder: Path) -> list[Headline]:
    """Every headline of the two files (blank lines skipped), clickbait first, in file order."""
    found = []
    for name, clickbait in FILES:
        path = folder / name
        if not path.is_file():
            raise ValueError(f"{folder} is not the headlines set: {name} is missing")
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            found += [Headline(line.strip(), clickbait) for line in lines if line.strip()]
    return found


def headlines_of(folder: Path, part: Part, limit: int | None = None) -> list[Headline]:
    """The headlines of one part; with ``limit``, the first ``limit`` of it, taken alternately
    from the two classes so a slice keeps both."""
    chosen = [headline for headline in load_headlines(folder) if part_of(headline.text) == part]
    if limit is None:
        return chosen
    bait = [h for h in chosen if h.clickbait]
    plain = [h for h in chosen if not h.clickbait]
    mixed = [h for pair in zip(bait, plain, strict=False) for h in pair]
    return mixed[:limit]


def run(
    folder: Path,
    part: Part = "test",
    limit: int | None = None,
    model: HeadlineModel | None = None,
    progress: Progress | None = None,
) -> HeadlinesReport:
    model = model or load_model()
    headlines = headlines_of(folder, part, limit)
    answers = []
    wall, cpu = time.perf_counter(), time.process_time()
    for done, headline in enumerate(headlines, start=1):
        answers.append(model.is_clickbait(headline.text))
        if progress is not None and (done % 500 == 0 or done == len(headlines)):
            progress(done, len(headlines))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    truths = [headline.clickbait for headline in headlines]
    tp = sum(1 for truth, answer in zip(truths, answers, strict=True) if truth and answer)
    right = sum(1 for truth, answer in zip(truths, answers, strict=True) if truth == answer)
    precision = tp / sum(answers) if any(answers) else 0.0
    recall = tp / sum(truths) if any(truths) else 0.0
    count = max(1, len(headlines))
    return HeadlinesReport(
        path=str(folder),
        part=part,
        headlines=len(headlines),
        clickbait=sum(truths),
        accuracy=right / count,
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        ms_per_headline=1000 * wall / count,
        cpu_ms_per_headline=1000 * cpu / count,
        model_bits=model.bits,
        model_file_bytes=MODEL_FILE.stat().st_size,
    )


def format_report(report: HeadlinesReport) -> str:
    return "\n".join(
        [
            f"headlines ({report.part} part): {report.headlines}, {report.clickbait} clickbait "
            f"({report.path})",
            f"accuracy {report.accuracy:.4f}  precision {report.precision:.4f}  "
            f"recall {report.recall:.4f}  F1 {report.f1:.4f}",
            f"{report.ms_per_headline:.3f} ms per headline ({report.cpu_ms_per_headline:.3f} ms "
            f"CPU); model 2^{report.model_bits} buckets, file {report.model_file_bytes:,} bytes",
        ]
    )

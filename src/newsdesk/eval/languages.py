"""Language detection accuracy on SemEval-2022 Task 8 (news articles in ten languages).

Every text of every pair (``text1``/``text2``) is given to ``newsdesk.pipeline.lang.
detect_language`` and compared with its label (``lang1``/``lang2``). A text the detector is
unsure of ("") counts as wrong. The report gives accuracy over all texts, per language, the
confusions (label -> detected, with counts) and the cost in milliseconds per text.

    newsdesk eval languages ../shared/datasets/similarity/semeval2022-task8-train.csv
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.eval.similarity import load_pairs
from newsdesk.pipeline.lang import detect_language

Progress = Callable[[int, int], None]


@dataclass
class LanguageScore:
    language: str
    texts: int
    accuracy: float


@dataclass
class LanguagesReport:
    path: str
    texts: int
    accuracy: float
    unsure: int
    ms_per_text: float
    languages: list[LanguageScore] = field(default_factory=list)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)


def labelled_texts(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(label, text) of both texts of the first ``limit`` pairs, in file order."""
    pairs = load_pairs(path)[:limit]
    return [
        (language, text)
        for pair in pairs
        for language, text in ((pair.lang1, pair.text1), (pair.lang2, pair.text2))
    ]


def run(path: Path, limit: int | None = None, progress: Progress | None = None) -> LanguagesReport:
    texts = labelled_texts(path, limit)
    outcomes: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for done, (label, text) in enumerate(texts, start=1):
        outcomes[label, detect_language(text)] += 1
        if progress is not None and (done % 200 == 0 or done == len(texts)):
            progress(done, len(texts))
    elapsed = time.perf_counter() - started
    per_label: Counter[str] = Counter()
    for (label, _), count in outcomes.items():
        per_label[label] += count
    right = sum(count for (label, found), count in outcomes.items() if label == found)
    return LanguagesReport(
        path=str(path),
        texts=len(texts),
        accuracy=right / len(texts) if texts else 0.0,
        unsure=sum(count for (_, found), count in outcomes.items() if not found),
        ms_per_text=1000 * elapsed / max(1, len(texts)),
        languages=[
            LanguageScore(label, total, outcomes[label, label] / total)
            for label, total in sorted(per_label.items(), key=lambda item: -item[1])
        ],
        confusions=sorted(
            ((label, found, count) for (label, found), count in outcomes.items() if label != found),
            key=lambda item: (-item[2], item[0], item[1]),
        ),
    )


def format_report(report: LanguagesReport) -> str:
    lines = [
        f"SemEval-2022 Task 8 texts: {report.texts} ({report.path})",
        f'detect_language accuracy {report.accuracy:.4f}; unsure ("") {report.unsure}; '
        f"{report.ms_per_text:.3f} ms per text",
        "",
        f"{'language':10} {'texts':>6} {'accuracy':>9}",
    ]
    lines += [f"{s.language:10} {s.texts:6d} {s.accuracy:9.4f}" for s in report.languages]
    if report.confusions:
        lines += ["", "confusions (label -> detected: texts)"]
        lines += [
            f"  {label} -> {found or 'unsure'}: {count}"
            for label, found, count in report.confusions
        ]
    return "\n".join(lines)

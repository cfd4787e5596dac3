"""The faithfulness check against human judgements: FRANK (Pagnoni et al., 2021).

FRANK holds 2,246 summaries of CNN/DailyMail and XSum (BBC) articles written by nine systems,
each judged sentence by sentence by annotators; ``Factuality`` is the share of its sentences
found without a factual error, and a summary is faithful when it is 1.0. ``run_faithfulness``
reads ``articles_summaries.jsonl`` (an article, its reference and every system's summary) and
``human_annotations.json``, joined on (hash, system), and for each summary:

1. restores what FRANK's preprocessing took away: its summaries are lower-cased and tokenised
   ("kilmarnock 's"), so tokens are re-joined and given the case they have inside the article
   ("Kilmarnock's"), the unknown-word marker ("UNK": annotators did not count it as an error)
   is dropped, and XSum articles lost the space after full stops;
2. splits the article and the summary into sentences (``split_sentences``);
3. for each summary sentence, picks its support among the article's sentences
   (``find_support``) and checks it (``check_sentence``);
4. predicts the summary faithful when every sentence is supported.

The coverage, "together" and "phrases" thresholds are chosen on FRANK's ``valid`` split (the
values with the best balanced accuracy) and the scores that count are those on ``test`` with
them. Balanced
accuracy is the mean of the recall on faithful and on unfaithful summaries, so the 92% of
unfaithful XSum summaries cannot be matched by saying "unfaithful" to everything. FRANK's
release here has no per-sentence labels, so there is no sentence-level score.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.pipeline.summarize import SourceSentence, split_sentences
from newsdesk.pipeline.summarize.faithfulness import (
    MIN_COVERAGE,
    MIN_PHRASES,
    MIN_TOGETHER,
    Assessment,
    assess,
    find_support,
)

Progress = Callable[[int, int], None]
Thresholds = tuple[float, float, float]  # (min_coverage, min_together, min_phrases)

SUPPORT_SENTENCES = 3
COVERAGES = tuple(round(0.40 + 0.05 * step, 2) for step in range(13))
TOGETHERS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
PHRASES = (0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
DATASETS = {"cnndm": "cnndm", "bbc": "xsum", "xsum": "xsum"}


@dataclass(frozen=True)
class Judged:
    """One summary: the human verdict, and what the check found in each of its sentences."""

    hash: str
    system: str
    dataset: str
    split: str
    faithful: bool
    sentences: tuple[Assessment, ...]

    def predicted(self, thresholds: Thresholds) -> bool:
        """Faithful by the check: no sentence with a problem under these thresholds (what
        ``Assessment.problems`` finds, without writing the problems out: tuning calls this
        for every point of its grid)."""
        coverage, together, phrases = thresholds
        return all(
            not found.facts
            and found.coverage >= coverage
            and found.together >= together
            and found.phrases >= phrases
            for found in self.sentences
        )


@dataclass(frozen=True)
class Score:
    """Balanced accuracy of the check on one group of summaries, under some thresholds."""

    split: str
    dataset: str
    thresholds: Thresholds
    summaries: int
    faithful: int
    recall_faithful: float
    recall_unfaithful: float

    @property
    def balanced_accuracy(self) -> float:
        return (self.recall_faithful + self.recall_unfaithful) / 2


@dataclass
class FaithfulnessReport:
    """Scores under the thresholds best on valid for all summaries (``scores``), and under
    thresholds tuned on each dataset's valid summaries alone (``per_dataset``)."""

    path: str
    summaries: int
    thresholds: Thresholds
    support_sentences: int
    scores: list[Score]
    per_dataset: list[Score]
    ms_per_summary: float
    prior_baseline: float
    problems: Counter[str] = field(default_factory=Counter)

    def score(self, split: str, dataset: str = "all") -> Score:
        return next(s for s in self.scores if s.split == split and s.dataset == dataset)


def run_faithfulness(
    frank_dir: Path,
    limit: int | None = None,
    progress: Progress | None = None,
    *,
    support_sentences: int = SUPPORT_SENTENCES,
) -> FaithfulnessReport:
    """Check the first ``limit`` judged summaries of FRANK in ``frank_dir`` and score them."""
    items = load_frank(Path(frank_dir), limit)
    started = time.perf_counter()
    judged = []
    for done, item in enumerate(items, 1):
        judged.append(judge(item, support_sentences))
        if progress:
            progress(done, len(items))
    ms = 1000 * (time.perf_counter() - started) / max(len(items), 1)
    best = tune(judged, "all")
    groups = [(split, data) for split in ("valid", "test") for data in ("all", "cnndm", "xsum")]
    return FaithfulnessReport(
        path=str(frank_dir),
        summaries=len(judged),
        thresholds=best,
        support_sentences=support_sentences,
        scores=[s for s in (score(judged, *group, best) for group in groups) if s.summaries],
        per_dataset=[
            score(judged, "test", data, tune(judged, data))
            for data in ("cnndm", "xsum")
            if any(j.dataset == data and j.split == "valid" for j in judged)
        ],
        ms_per_summary=ms,
        prior_baseline=_prior_baseline(judged),
        problems=_problem_kinds(judged, best),
    )


def tune(judged: Sequence[Judged], dataset: str) -> Thresholds:
    """The thresholds with the best balanced accuracy on the valid summaries of ``dataset``."""
    grid = [
        (coverage, together, phrases)
        for coverage in COVERAGES
        for together in TOGETHERS
        for phrases in PHRASES
    ]
    if not any(j.split == "valid" for j in judged):
        return (MIN_COVERAGE, MIN_TOGETHER, MIN_PHRASES)
    return max(grid, key=lambda t: score(judged, "valid", dataset, t).balanced_accuracy)


def score(judged: Sequence[Judged], split: str, dataset: str, thresholds: Thresholds) -> Score:
    """How the check under ``thresholds`` agrees with people on one split of one dataset."""
    group = [j for j in judged if j.split == split and dataset in ("all", j.dataset)]
    faithful = [j.predicted(thresholds) for j in group if j.faithful]
    unfaithful = [not j.predicted(thresholds) for j in group if not j.faithful]
    return Score(
        split=split,
        dataset=dataset,
        thresholds=thresholds,
        summaries=len(group),
        faithful=len(faithful),
        recall_faithful=sum(faithful) / len(faithful) if faithful else 0.0,
        recall_unfaithful=sum(unfaithful) / len(unfaithful) if unfaithful else 0.0,
    )


@dataclass(frozen=True)
class Item:
    hash: str
    system: str
    dataset: str
    split: str
    factuality: float
    article: str
    summary: str


def load_frank(frank_dir: Path, limit: int | None = None) -> list[Item]:
    """The judged summaries, in the order of the annotation file, joined to their articles."""
    rows = (json.loads(line) for line in (frank_dir / "articles_summaries.jsonl").open())
    articles = {row["hash"]: row for row in rows}
    annotations = json.loads((frank_dir / "human_annotations.json").read_text(encoding="utf-8"))
    items = []
    for note in annotations[:limit] if limit else annotations:
        row = articles.get(note["hash"])
        summary = row and row["system_summaries"].get(note["model_name"])
        if row is None or summary is None:
            continue
        items.append(
            Item(
                hash=note["hash"],
                system=note["model_name"],
                dataset=DATASETS.get(note["dataset"], note["dataset"]),
                split=note["split"],
                factuality=float(note["Factuality"]),
                article=row["article"],
                summary=summary,
            )
        )
    return items


def judge(item: Item, support_sentences: int = SUPPORT_SENTENCES) -> Judged:
    """Check every sentence of one summary against the article's sentences it finds."""
    article = [
        SourceSentence(id=str(index), text=text)
        for index, text in enumerate(split_sentences(repair_article(item.article)))
    ]
    texts = {sentence.id: sentence.text for sentence in article}
    found = []
    for claim in split_sentences(restore_summary(item.summary, item.article)):
        cites = find_support(claim, article, k=support_sentences)
        found.append(assess(claim, [texts[cited] for cited in cites]) if cites else UNSUPPORTED)
    return Judged(
        hash=item.hash,
        system=item.system,
        dataset=item.dataset,
        split=item.split,
        faithful=item.factuality == 1.0,
        sentences=tuple(found),
    )


#: A claim no article sentence shares a word with.
UNSUPPORTED = Assessment(facts=("no support",), coverage=0.0, missing=(), together=0.0, apart=())


_GLUED = re.compile(r"""([a-z0-9][.!?]["'\u201d\u2019]?)([A-Z"\u201c])""")


def repair_article(article: str) -> str:
    """Put back the space XSum's extraction dropped between sentences ("community.Dr Venter")."""
    return _GLUED.sub(r"\1 \2", article)


_DETOKENIZE = (
    (r"\\'", "'"),
    (r"-lrb-", "("),
    (r"-rrb-", ")"),
    (r"``\s*|\s*''", '"'),
    (r"\s+([.,;:!?%)'](?:\s|$))", r"\1"),
    (r"\s+('s|'re|'ve|'ll|'d|n't)\b", r"\1"),
    (r"\(\s+", "("),
    (r"\s+(?=[.,;:!?](?:\s|$))", ""),
    (r"\s*(?:\[unk\]|<unk>|\bunk\b)", ""),
)
_TOKEN = re.compile(r"[^\W_]+(?:[-'\u2019.][^\W_]+)*")


def restore_summary(summary: str, article: str) -> str:
    """A FRANK summary re-joined, with each word in the case the article gives it."""
    text = summary
    for pattern, replacement in _DETOKENIZE:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    cased = _article_case(article)
    text = _TOKEN.sub(lambda m: cased.get(m.group(0).lower(), m.group(0)), text)
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text.strip())


def _article_case(article: str) -> dict[str, str]:
    """Each word's usual form inside the article's sentences (first words left out)."""
    forms: dict[str, Counter[str]] = {}
    for sentence in split_sentences(repair_article(article)):
        for word in _TOKEN.findall(sentence)[1:]:
            forms.setdefault(word.lower(), Counter())[word] += 1
    return {lower: counts.most_common(1)[0][0] for lower, counts in forms.items()}


def _prior_baseline(judged: Sequence[Judged]) -> float:
    """Balanced accuracy on test of "faithful if from CNN/DM": what the mix of datasets alone
    gives, to compare the "all" rows with."""
    test = [j for j in judged if j.split == "test"]
    faithful = [j.dataset == "cnndm" for j in test if j.faithful]
    unfaithful = [j.dataset != "cnndm" for j in test if not j.faithful]
    if not faithful or not unfaithful:
        return 0.0
    return (sum(faithful) / len(faithful) + sum(unfaithful) / len(unfaithful)) / 2


def _problem_kinds(judged: Sequence[Judged], thresholds: Thresholds) -> Counter[str]:
    """How often each kind of problem ("number", "name", "words"...) was found."""
    kinds: Counter[str] = Counter()
    for item in judged:
        for found in item.sentences:
            kinds.update(
                {problem.split(":")[0].split()[0] for problem in found.problems(*thresholds)}
            )
    return kinds


def format_faithfulness(report: FaithfulnessReport) -> str:
    """A plain-text account of the report."""
    coverage, together, phrases = report.thresholds
    lines = [
        f"faithfulness on FRANK: {report.summaries} judged summaries ({report.path})",
        f"thresholds best on valid: coverage {coverage:.2f}, together {together:.2f},"
        f" phrases {phrases:.2f};"
        f" {report.support_sentences} support sentences per claim;"
        f" {report.ms_per_summary:.1f} ms per summary",
        "",
        f"{'split':6} {'dataset':8} {'cov':>5} {'tog':>5} {'phr':>5} {'summaries':>9}"
        f" {'faithful':>8}"
        f" {'bal.acc':>8} {'R faithful':>10} {'R unfaithful':>12}",
    ]
    for s in [*report.scores, *report.per_dataset]:
        lines.append(
            f"{s.split:6} {s.dataset:8} {s.thresholds[0]:5.2f} {s.thresholds[1]:5.2f}"
            f" {s.thresholds[2]:5.2f} {s.summaries:9d} {s.faithful:8d} {s.balanced_accuracy:8.3f}"
            f" {s.recall_faithful:10.3f} {s.recall_unfaithful:12.3f}"
        )
    lines.append("(the last rows: thresholds tuned on that dataset's valid summaries alone)")
    lines.append(
        f"baseline 'faithful iff CNN/DM' on test: {report.prior_baseline:.3f}"
        " (the 'all' rows gain little over the mix of datasets; per-dataset rows are the signal)"
    )
    kinds = ", ".join(f"{kind} {count}" for kind, count in report.problems.most_common())
    lines += ["", f"sentences with each kind of problem: {kinds}"]
    return "\n".join(lines)

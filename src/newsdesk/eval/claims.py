"""The claim map: precision and recall per status on hand-labelled multi-source stories.

``labels/claims.json`` holds 32 ECB+ stories (its ``method`` says how they were chosen and
labelled), a second batch of 20 (ECB+ topics 22 to 30 and WikiNewsSum stories, its
``method-held-out-2``), a third of 20 (WikiNewsSum stories, its ``method-held-out-3``) and a
fourth of 21 (ECB+ subtopics left out before and WikiNewsSum stories, ``method-held-out-4``) and a
fifth of 23 (pairs of English reports of one event from the SemEval-2022 task 8 training set,
Apache 2.0, ``similarity/semeval2022-task8.LICENSE``; ``method-held-out-5``): per
story its articles and its claims, each corroborated, contradicted or single-source, with the
short verbatim pieces of the sentences it rests on. Each story's articles go through
``pipeline.claims.claim_map`` (each article its own publisher), and every claim found is
scored against the labels:

- a found corroborated or contradicted claim is *right* when, in two or more of its articles,
  its sentence holds a piece of one labelled claim of that status (a contradiction: on both
  sides); a found contradiction that is not right is *wrong*; a found corroboration that is not
  right is wrong when its sentences hold labelled pieces in two or more articles, *unlabelled*
  otherwise (the labels need not list every statement several articles repeat);
- a found single-source claim is right when its sentence holds a labelled single-source piece,
  wrong when it holds a piece of a labelled corroborated or contradicted claim;
- precision is right / (right + wrong); strict precision counts unlabelled claims as wrong;
  both are none ("–", null) when nothing of the status was found;
  recall is the share of labelled claims of a status that a right claim of that status matches.

Figures are given for the ``dev`` stories (tuned on), the ``held-out`` ones (looked at while
tuning the contradiction rules of decision 78, not the others), ``held-out-2`` (written before
those rules, measured once after them), ``held-out-3`` (written before the date, weekday and
place rules of decision 84, measured once after them), ``held-out-4`` (written before the rules
of decision 92, measured once with the rules before them), ``held-out-5`` (written before the
rules of decision 95, measured once with the rules before them) and all, with the CPU time per
story. A WikiNewsSum article is named ``wns<line>-<source>``: the line of the story in the set
(from 0) and the place of the article among its sources; a SemEval article ``se<number>``, its
half of the pair's ``pair_id``.

    newsdesk eval claims src/newsdesk/eval/labels/claims.json [--split held-out] [--json]
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.pipeline.claims import (
    CONTRADICTED,
    CORROBORATED,
    SINGLE_SOURCE,
    STATUSES,
    Claim,
    ClaimArticle,
    claim_map,
)

Progress = Callable[[int, int], None]
LABELS = Path(__file__).resolve().parent / "labels" / "claims.json"
SPLITS = ("dev", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5")


@dataclass(frozen=True)
class LabelledClaim:
    id: str
    status: str
    claim: str
    pieces: Mapping[str, tuple[tuple[str, str], ...]]  # doc id -> ((piece, side), ...)


@dataclass(frozen=True)
class Story:
    story: str
    split: str
    dataset: str
    doc_ids: tuple[str, ...]
    claims: tuple[LabelledClaim, ...]


@dataclass
class Counts:
    """Found and labelled claims of one status."""

    found: int = 0
    right: int = 0
    wrong: int = 0
    unlabelled: int = 0
    labelled: int = 0
    recalled: int = 0

    def add(self, other: Counts) -> None:
        for name in ("found", "right", "wrong", "unlabelled", "labelled", "recalled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        """None when no claim of the status was judged: nothing found is no precision."""
        judged = self.right + self.wrong
        return self.right / judged if judged else None

    @property
    def strict_precision(self) -> float | None:
        return self.right / self.found if self.found else None

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else 1.0


@dataclass
class SplitScores:
    stories: int = 0
    cpu_ms: float = 0.0
    statuses: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in STATUSES})

    def add(self, other: SplitScores) -> None:
        self.stories += other.stories
        self.cpu_ms += other.cpu_ms
        for status, counts in other.statuses.items():
            self.statuses[status].add(counts)

    @property
    def cpu_ms_per_story(self) -> float:
        return self.cpu_ms / self.stories if self.stories else 0.0


@dataclass
class Outcome:
    """One found claim and how it was judged (for listing errors)."""

    story: str
    split: str
    status: str
    verdict: str
    sentences: tuple[str, ...]


@dataclass
class ClaimsReport:
    labels: str
    splits: dict[str, SplitScores]
    outcomes: list[Outcome]


def load_stories(path: Path) -> list[Story]:
    data = json.loads(path.read_text(encoding="utf-8"))
    stories = []
    for row in data["stories"]:
        claims = []
        for claim in row["claims"]:
            pieces: dict[str, list[tuple[str, str]]] = {}
            for mention in claim["mentions"]:
                pieces.setdefault(mention["doc_id"], []).append(
                    (mention["piece"], mention.get("side", ""))
                )
            claims.append(
                LabelledClaim(
                    claim["id"],
                    claim["status"],
                    claim["claim"],
                    {doc: tuple(p) for doc, p in pieces.items()},
                )
            )
        stories.append(
            Story(row["story"], row["split"], row["dataset"], tuple(row["doc_ids"]), tuple(claims))
        )
    return stories


def load_texts(datasets: Path, stories: Iterable[Story]) -> dict[str, str]:
    """The text of every article the stories name, from the shared data sets."""
    wanted: dict[str, set[str]] = {}
    for story in stories:
        wanted.setdefault(story.dataset, set()).update(story.doc_ids)
    texts: dict[str, str] = {}
    for dataset, ids in wanted.items():
        if dataset.endswith(".csv"):
            texts.update(_pair_articles(datasets / dataset, ids))
            continue
        with (datasets / dataset).open(encoding="utf-8") as rows:
            for number, line in enumerate(rows):
                texts.update(_articles(number, json.loads(line), ids))
    return texts


def _pair_articles(path: Path, ids: set[str]) -> dict[str, str]:
    """The wanted articles of the SemEval-2022 task 8 pairs: ``pair_id`` is the two articles'
    numbers joined by "_", ``text1`` and ``text2`` their texts; an article is ``se<number>``."""
    csv.field_size_limit(1 << 24)
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            first, _, second = row["pair_id"].partition("_")
            for number, text in ((first, row["text1"]), (second, row["text2"])):
                if f"se{number}" in ids:
                    texts[f"se{number}"] = text
    return texts


def _articles(number: int, row: Mapping[str, object], ids: set[str]) -> dict[str, str]:
    """The wanted articles of one row: an ECB+ record, or a WikiNewsSum story's sources."""
    if "doc_id" in row:
        return {str(row["doc_id"]): str(row["text"])} if row["doc_id"] in ids else {}
    sources = row.get("sources")
    if not isinstance(sources, list):
        return {}
    named = {f"wns{number}-{place}": source for place, source in enumerate(sources)}
    return {doc: str(source["maintext"]) for doc, source in named.items() if doc in ids}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def holds(sentence: str, piece: str) -> bool:
    """Whether a sentence holds a labelled piece (case and runs of spaces aside)."""
    return _norm(piece) in _norm(sentence)


def _matched(claim: Claim, label: LabelledClaim) -> dict[str, set[str]]:
    """The articles (with the sides of the pieces) where the claim's sentence holds a piece of
    the label."""
    found: dict[str, set[str]] = {}
    for mention in claim.mentions:
        for piece, side in label.pieces.get(mention.article, ()):
            if holds(mention.sentence, piece):
                found.setdefault(mention.article, set()).add(side)
    return found


def judge(claim: Claim, labels: Sequence[LabelledClaim]) -> str:
    """``right``, ``wrong`` or ``unlabelled`` (see the module docstring)."""
    if claim.status == SINGLE_SOURCE:
        verdicts = set()
        for label in labels:
            if _matched(claim, label):
                verdicts.add("right" if label.status == SINGLE_SOURCE else "wrong")
        return "right" if "right" in verdicts else ("wrong" if verdicts else "unlabelled")
    touched: set[str] = set()
    for label in labels:
        matched = _matched(claim, label)
        touched |= set(matched)
        if label.status != claim.status or len(matched) < 2:
            continue
        if claim.status == CONTRADICTED:
            sides = set().union(*matched.values())
            if not {"a", "b"} <= sides:
                continue
        return "right"
    if claim.status == CONTRADICTED or len(touched) >= 2:
        return "wrong"
    return "unlabelled"


def recalled(label: LabelledClaim, claims: Sequence[Claim]) -> bool:
    """Whether a found claim of the label's status matches it."""
    for claim in claims:
        if claim.status != label.status:
            continue
        if judge(claim, [label]) == "right":
            return True
    return False


def score_story(story: Story, texts: Mapping[str, str]) -> tuple[SplitScores, list[Outcome]]:
    articles = [ClaimArticle(id=doc, source=doc, text=texts[doc]) for doc in story.doc_ids]
    started = time.process_time()
    found = claim_map(articles)
    scores = SplitScores(stories=1, cpu_ms=(time.process_time() - started) * 1000)
    outcomes = []
    for claim in found.claims:
        verdict = judge(claim, story.claims)
        counts = scores.statuses[claim.status]
        counts.found += 1
        setattr(counts, verdict, getattr(counts, verdict) + 1)
        outcomes.append(
            Outcome(
                story.story,
                story.split,
                claim.status,
                verdict,
                tuple(
                    f"{m.article}{'/' + m.side if m.side else ''}: {m.sentence}"
                    for m in claim.mentions
                ),
            )
        )
    for label in story.claims:
        counts = scores.statuses[label.status]
        counts.labelled += 1
        counts.recalled += recalled(label, found.claims)
    return scores, outcomes


def run(
    labels: Path,
    datasets: Path,
    *,
    split: str = "all",
    limit: int | None = None,
    progress: Progress | None = None,
) -> ClaimsReport:
    stories = [s for s in load_stories(labels) if split == "all" or s.split == split]
    stories = stories[:limit] if limit else stories
    texts = load_texts(datasets, stories)
    splits = {name: SplitScores() for name in (*SPLITS, "all")}
    outcomes: list[Outcome] = []
    for done, story in enumerate(stories, 1):
        scores, found = score_story(story, texts)
        splits[story.split].add(scores)
        splits["all"].add(scores)
        outcomes += found
        if progress:
            progress(done, len(stories))
    if split != "all":
        splits = {split: splits[split]}
    return ClaimsReport(str(labels), splits, outcomes)


def scores_json(splits: Mapping[str, SplitScores]) -> dict[str, object]:
    """The figures per split and status, ratios included."""
    return {
        name: {
            "stories": scores.stories,
            "cpu_ms_per_story": round(scores.cpu_ms_per_story, 2),
            **{
                status: {
                    "found": c.found,
                    "right": c.right,
                    "wrong": c.wrong,
                    "unlabelled": c.unlabelled,
                    "labelled": c.labelled,
                    "recalled": c.recalled,
                    "precision": _rounded(c.precision),
                    "strict_precision": _rounded(c.strict_precision),
                    "recall": round(c.recall, 3),
                }
                for status, c in scores.statuses.items()
            },
        }
        for name, scores in splits.items()
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _shown(value: float | None) -> str:
    return "  –  " if value is None else f"{value:.3f}"


def format_report(report: ClaimsReport, *, errors: bool = False) -> str:
    lines = [f"claim map on {report.labels}"]
    for name, scores in report.splits.items():
        lines.append(
            f"{name}: {scores.stories} stories, {scores.cpu_ms_per_story:.1f} ms CPU a story"
        )
        for status in (CORROBORATED, CONTRADICTED, SINGLE_SOURCE):
            c = scores.statuses[status]
            lines.append(
                f"  {status:<14} precision {_shown(c.precision)} ({c.right}/{c.right + c.wrong}),"
                f" strict {_shown(c.strict_precision)} ({c.right}/{c.found}),"
                f" recall {c.recall:.3f} ({c.recalled}/{c.labelled})"
            )
    if errors:
        for outcome in report.outcomes:
            if outcome.verdict == "right":
                continue
            lines.append(f"[{outcome.split} {outcome.story}] {outcome.status} {outcome.verdict}")
            lines += [f"    {s}" for s in outcome.sentences]
    return "\n".join(lines)

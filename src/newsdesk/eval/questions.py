"""Answers to readers' questions: refusals, answers and their citations on hand-labelled questions.

``labels/questions.json`` holds questions about FRANK CNN/DM and ECB+ articles (its ``method``
says how they were chosen and labelled): half can be answered from the article, with short
verbatim pieces of the answering sentences; half ask for a fact the article does not hold.
Each question goes through an engine's ``answer`` and then the check the site applies before a
reader sees anything, and the shown answer is scored:

- answered anyway: the share of unanswerable questions given a cited answer (goal <= 5%);
- answered: the share of answerable questions given a cited answer (goal >= 90%);
- precision: the share of answered answerable questions citing at least one sentence that holds
  a labelled piece; cited precision: the share of all sentences they cite that do;
- correct: answered with such a sentence, as a share of the answerable questions;
- cost: milliseconds and model calls per question.

Every figure is given for the ``dev`` questions (tuned on), the ``held-out`` ones (meant never
to be tuned on, but read while tuning), the ``held-out-2`` ones (written afterwards, blind; their
failures were read with the rule change of decision 73), the ``held-out-3`` ones (written before
that change, blind; read with the change of decision 81), the ``held-out-4`` ones (written before
that change, blind; read with the change of decision 86), the ``held-out-5`` ones (written before
that change, blind, never tuned on) and all. The articles are read from the shared data sets
folder (``--datasets``, default ``../shared/datasets``); they have no title (neither set has
headlines).

    newsdesk eval questions src/newsdesk/eval/labels/questions.json
    newsdesk eval questions src/newsdesk/eval/labels/questions.json --engine openai:URL#MODEL
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.pipeline.summarize.answers import finish_answer
from newsdesk.pipeline.summarize.base import AiText, Document, Engine
from newsdesk.pipeline.summarize.faithfulness import check_text
from newsdesk.pipeline.summarize.sentences import make_document

Progress = Callable[[int, int], None]
LABELS = Path(__file__).resolve().parent / "labels" / "questions.json"
SPLITS = ("dev", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5")
#: Where the articles of a data set keep their id and their text.
_ID_FIELDS = ("doc_id", "hash", "id")
_TEXT_FIELDS = ("text", "article")


@dataclass(frozen=True)
class Question:
    id: str
    split: str
    dataset: str
    doc_id: str
    question: str
    answerable: bool
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What one question got: whether a cited answer was shown, and what it cited."""

    id: str
    split: str
    answerable: bool
    question: str
    answered: bool
    cited: tuple[str, ...]
    right: tuple[bool, ...]
    labels_found: bool
    ms: float
    calls: int

    @property
    def correct(self) -> bool:
        return self.answered and any(self.right)


@dataclass
class Scores:
    """The figures for one group of questions."""

    questions: int = 0
    unanswerable: int = 0
    answered_anyway: int = 0
    answerable: int = 0
    answered: int = 0
    correct: int = 0
    cited: int = 0
    cited_right: int = 0
    ms: float = 0.0
    calls: int = 0

    def add(self, outcome: Outcome) -> None:
        self.questions += 1
        self.ms += outcome.ms
        self.calls += outcome.calls
        if not outcome.answerable:
            self.unanswerable += 1
            self.answered_anyway += outcome.answered
            return
        self.answerable += 1
        if outcome.answered:
            self.answered += 1
            self.correct += outcome.correct
            self.cited += len(outcome.right)
            self.cited_right += sum(outcome.right)

    @property
    def answered_anyway_share(self) -> float:
        return self.answered_anyway / self.unanswerable if self.unanswerable else 0.0

    @property
    def answered_share(self) -> float:
        return self.answered / self.answerable if self.answerable else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.answered if self.answered else 1.0

    @property
    def cited_precision(self) -> float:
        return self.cited_right / self.cited if self.cited else 1.0

    @property
    def correct_share(self) -> float:
        return self.correct / self.answerable if self.answerable else 0.0

    @property
    def ms_per_question(self) -> float:
        return self.ms / self.questions if self.questions else 0.0

    @property
    def calls_per_question(self) -> float:
        return self.calls / self.questions if self.questions else 0.0


@dataclass
class QuestionsReport:
    labels: str
    method: str
    engine: str
    splits: dict[str, Scores]
    outcomes: list[Outcome] = field(default_factory=list)
    missing_articles: list[str] = field(default_factory=list)
    labels_not_found: list[str] = field(default_factory=list)


def load_questions(path: Path) -> tuple[str, list[Question]]:
    """The label file's method text and its questions."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise ValueError(f"{path} is not a question set (no 'questions' list)")
    questions = [
        Question(
            id=str(item["id"]),
            split=str(item.get("split", "dev")),
            dataset=str(item["dataset"]),
            doc_id=str(item["doc_id"]),
            question=str(item["question"]),
            answerable=bool(item["answerable"]),
            answers=tuple(str(piece) for piece in item.get("answers", ())),
        )
        for item in data["questions"]
    ]
    return str(data.get("method", "")), questions


def load_documents(
    datasets: Path, questions: Iterable[Question]
) -> dict[tuple[str, str], Document]:
    """The articles the questions are about, as the engines read them, by (dataset, doc_id)."""
    wanted: dict[str, set[str]] = {}
    for question in questions:
        wanted.setdefault(question.dataset, set()).add(question.doc_id)
    documents: dict[tuple[str, str], Document] = {}
    for dataset, ids in wanted.items():
        path = datasets / dataset
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            doc_id = str(next((row[key] for key in _ID_FIELDS if key in row), ""))
            if doc_id in ids and (dataset, doc_id) not in documents:
                text = next((row[key] for key in _TEXT_FIELDS if key in row), "")
                documents[(dataset, doc_id)] = make_document(doc_id, "", text, language="en")
    return documents


def holds_answer(sentence: str, pieces: Sequence[str]) -> bool:
    """Whether ``sentence`` holds one of the labelled pieces (spacing and case aside)."""
    text = " ".join(sentence.split()).casefold()
    return any(" ".join(piece.split()).casefold() in text for piece in pieces)


def ask(
    engine: Engine, document: Document, question: Question, *, answer_check: bool = True
) -> Outcome:
    """One question through ``engine`` and the site's check, scored against its labels.

    ``answer_check=False`` runs only the faithfulness check, as the site did before answers
    had to answer the question: it measures what the answer check adds.
    """
    sources = {sentence.id: sentence.text for sentence in document.sentences}
    calls_before = _calls(engine)
    started = time.perf_counter()
    answer = engine.answer(document, question.question)
    if answer_check:
        result = finish_answer(answer, question.question, sources)
    else:
        result = check_text(answer, sources)
    ms = 1000 * (time.perf_counter() - started)
    shown = shown_citations(result)
    right = tuple(holds_answer(sources.get(cited, ""), question.answers) for cited in shown)
    labels_found = not question.answerable or any(
        holds_answer(sentence.text, question.answers) for sentence in document.sentences
    )
    return Outcome(
        id=question.id,
        split=question.split,
        answerable=question.answerable,
        question=question.question,
        answered=bool(shown),
        cited=shown,
        right=right,
        labels_found=labels_found,
        ms=ms,
        calls=_calls(engine) - calls_before,
    )


def shown_citations(result: AiText) -> tuple[str, ...]:
    """The sentence ids a reader sees cited: those of supported sentences of an answer given."""
    if not result.answered:
        return ()
    seen: dict[str, None] = {}
    for sentence in result.sentences:
        if sentence.supported is not False:
            for cited in sentence.cites:
                seen.setdefault(cited, None)
    return tuple(seen)


def _calls(engine: Engine) -> int:
    """Model requests the engine has made so far (0 for engines that make none)."""
    return int(getattr(engine, "requests", 0))


def run(
    labels: Path,
    datasets: Path,
    engine: Engine,
    *,
    split: str = "all",
    limit: int | None = None,
    progress: Progress | None = None,
    answer_check: bool = True,
) -> QuestionsReport:
    """Every question of ``split`` (one of ``SPLITS`` or "all"; the first ``limit``) asked."""
    method, questions = load_questions(labels)
    if split != "all":
        questions = [question for question in questions if question.split == split]
    questions = questions[:limit] if limit else questions
    documents = load_documents(datasets, questions)
    report = QuestionsReport(
        labels=labels.name,
        method=method,
        engine=engine.name if answer_check else f"{engine.name} (faithfulness check only)",
        splits={name: Scores() for name in (*SPLITS, "all")},
    )
    for done, question in enumerate(questions, 1):
        document = documents.get((question.dataset, question.doc_id))
        if document is None:
            report.missing_articles.append(f"{question.dataset}:{question.doc_id}")
        else:
            outcome = ask(engine, document, question, answer_check=answer_check)
            report.outcomes.append(outcome)
            report.splits.setdefault(outcome.split, Scores()).add(outcome)
            report.splits["all"].add(outcome)
            if not outcome.labels_found:
                report.labels_not_found.append(outcome.id)
        if progress:
            progress(done, len(questions))
    report.missing_articles = sorted(set(report.missing_articles))
    return report


def format_report(report: QuestionsReport, *, errors: bool = False) -> str:
    """The report as a table, with the wrong outcomes listed when ``errors``."""
    header = f"{'':10} {'asked':>5} {'answered anyway':>16} {'answered':>9} {'precision':>9}"
    header += f" {'cited prec.':>11} {'correct':>8} {'ms/q':>7} {'calls/q':>7}"
    lines = [
        f"Answers by {report.engine} on {report.labels}",
        "goals: answered anyway <= 5% of the unanswerable; answered >= 90% of the answerable",
        "",
        header,
    ]
    for name, scores in report.splits.items():
        if not scores.questions:
            continue
        lines.append(
            f"{name:10} {scores.questions:5d}"
            f" {_share(scores.answered_anyway, scores.unanswerable):>16}"
            f" {_share(scores.answered, scores.answerable):>9}"
            f" {scores.precision:9.3f} {scores.cited_precision:11.3f}"
            f" {scores.correct_share:8.3f} {scores.ms_per_question:7.2f}"
            f" {scores.calls_per_question:7.2f}"
        )
    if report.missing_articles:
        lines.append("articles not found: " + ", ".join(report.missing_articles))
    if report.labels_not_found:
        lines.append("labels in no sentence: " + ", ".join(report.labels_not_found))
    if errors:
        lines.extend(["", *_errors(report.outcomes)])
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} {part / whole:.1%}" if whole else "-"


def _errors(outcomes: Iterable[Outcome]) -> list[str]:
    lines = []
    for outcome in outcomes:
        if (outcome.answerable and outcome.correct) or (
            not outcome.answerable and not outcome.answered
        ):
            continue
        if not outcome.answerable:
            kind = "answered anyway"
        elif not outcome.answered:
            kind = "refused"
        else:
            kind = "wrong citation"
        cited = ", ".join(outcome.cited)
        lines.append(f"{outcome.id} [{outcome.split}] {kind}: {outcome.question} {cited}")
    return lines


def scores_json(scores: Mapping[str, Scores]) -> dict[str, dict[str, float]]:
    """The figures per split, ratios included (``as_json`` keeps only stored fields)."""
    return {
        name: {
            "questions": item.questions,
            "answered_anyway": item.answered_anyway_share,
            "answered": item.answered_share,
            "precision": item.precision,
            "cited_precision": item.cited_precision,
            "correct": item.correct_share,
            "ms_per_question": item.ms_per_question,
            "calls_per_question": item.calls_per_question,
        }
        for name, item in scores.items()
    }

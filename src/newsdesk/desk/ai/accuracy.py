"""The public accuracy record: how many AI sentences the faithfulness gate withheld, and why.

Writing: ``record_verdicts`` is called wherever checked AI text is stored (``service._store``
for summaries, key points, answers and briefs; ``translation._store`` for translations). It
adds the day's counts for the engine and task: sentences checked, sentences withheld, and
withheld sentences by kind of reason (``pipeline.summarize.gate_reasons``). Counts only; no
text. An answer whose cited sentences do not answer the question is withheld whole: its
supported sentences count as withheld for ``not_an_answer``.

Reading: ``accuracy_record`` sums the last ``weeks`` weeks per engine (its name split into the
engine and the model: "llm:qwen2.5-7b" is engine "llm", model "qwen2.5-7b") with the reasons and
a series of weeks (Monday first). A few hundred rows at most; two queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils.translation import gettext_lazy

from newsdesk.pipeline.summarize.base import CitedSentence
from newsdesk.pipeline.summarize.gate_reasons import reason_kinds, withheld
from newsdesk.summaries.models import GateReason, GateTally

WEEKS = 12


def record_verdicts(
    engine: str,
    task: str,
    sentences: Sequence[CitedSentence],
    when: datetime,
    dropped: Sequence[CitedSentence] = (),
) -> None:
    """Count the gate's verdicts on ``sentences``; ``dropped``: those of them it supported but
    withheld with the whole answer, which does not answer its question."""
    if not sentences:
        return
    held = withheld(sentences)
    reasons: Counter[str] = Counter(k for s in held for k in reason_kinds(s.problems))
    if dropped:
        reasons["not_an_answer"] += len(dropped)
    day = when.date()
    with transaction.atomic():
        key = {"day": day, "engine": engine[:120], "task": task[:16]}
        _add(GateTally, key, checked=len(sentences), withheld=len(held) + len(dropped))
        for reason, count in reasons.items():
            key = {"day": day, "engine": engine[:120], "task": task[:16], "reason": reason}
            _add(GateReason, key, sentences=count)


def _add(model: type[GateTally] | type[GateReason], key: dict[str, object], **counts: int) -> None:
    """Add ``counts`` to the row of ``key``, made when missing (two writers may race to make
    it: the loser adds to the winner's row)."""
    rows = model.objects.filter(**key)
    if rows.update(**{name: F(name) + n for name, n in counts.items()}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **counts)
    except IntegrityError:
        rows.update(**{name: F(name) + n for name, n in counts.items()})


@dataclass(frozen=True)
class Week:
    start: date
    checked: int
    withheld: int

    @property
    def share(self) -> float:
        return self.withheld / self.checked if self.checked else 0.0


@dataclass
class EngineRecord:
    """One engine and model's record over the period."""

    name: str  # as stored: "llm:qwen2.5-7b-instruct", "extractive"
    checked: int = 0
    withheld: int = 0
    reasons: list[tuple[str, int]] = field(default_factory=list)  # most first
    weeks: list[Week] = field(default_factory=list)  # oldest first, every week of the period

    @property
    def engine(self) -> str:
        return self.name.partition(":")[0]

    @property
    def model(self) -> str:
        return self.name.partition(":")[2]

    @property
    def share(self) -> float:
        return self.withheld / self.checked if self.checked else 0.0


@dataclass(frozen=True)
class Record:
    since: date
    weeks: int
    engines: list[EngineRecord]  # most sentences checked first


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def accuracy_record(today: date, weeks: int = WEEKS) -> Record:
    """Every engine's record over the last ``weeks`` weeks, this one included."""
    since = week_of(today) - timedelta(weeks=weeks - 1)
    starts = [since + timedelta(weeks=n) for n in range(weeks)]
    tallies = GateTally.objects.filter(day__gte=since).values_list(
        "engine", "day", "checked", "withheld"
    )
    by_week: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for engine, day, checked, held in tallies:
        counts = by_week[engine][week_of(day)]
        counts[0] += checked
        counts[1] += held
    reasons = (
        GateReason.objects.filter(day__gte=since)
        .values("engine", "reason")
        .annotate(total=Sum("sentences"))
    )
    by_reason: dict[str, Counter[str]] = defaultdict(Counter)
    for row in reasons:
        by_reason[row["engine"]][row["reason"]] += row["total"]
    engines = [_engine(name, by_week[name], by_reason[name], starts) for name in by_week]
    engines.sort(key=lambda e: (-e.checked, e.name))
    return Record(since, weeks, engines)


def _engine(
    name: str, weeks: dict[date, list[int]], reasons: Counter[str], starts: Iterable[date]
) -> EngineRecord:
    series = [Week(start, *weeks.get(start, [0, 0])) for start in starts]
    return EngineRecord(
        name=name,
        checked=sum(week.checked for week in series),
        withheld=sum(week.withheld for week in series),
        reasons=sorted(reasons.items(), key=lambda row: (-row[1], row[0])),
        weeks=series,
    )


#: The reasons' names, as readers read them (``gate_reasons.KINDS``).
REASON_NAMES = {
    "number": gettext_lazy("A number its sources do not give"),
    "date": gettext_lazy("A date its sources do not give"),
    "name": gettext_lazy("A name its sources do not give"),
    "negation": gettext_lazy("Denies what its sources say, or the reverse"),
    "words": gettext_lazy("Says more than its sources"),
    "words_apart": gettext_lazy("Joins what its sources say apart"),
    "wording": gettext_lazy("Wording far from its sources"),
    "no_citation": gettext_lazy("Cites no sentence"),
    "unknown_citation": gettext_lazy("Cites a sentence that does not exist"),
    "no_support": gettext_lazy("Nothing in the article supports it"),
    "address": gettext_lazy("Loses a web or mail address"),
    "length": gettext_lazy("Far longer or shorter than the original"),
    "language": gettext_lazy("Not in the language asked for"),
    "untranslated": gettext_lazy("Left untranslated"),
    "not_an_answer": gettext_lazy("Does not answer the question"),
    "other": gettext_lazy("Another reason"),
}


def reason_name(kind: str) -> str:
    return str(REASON_NAMES.get(kind, REASON_NAMES["other"]))

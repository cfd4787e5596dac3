"""API route: the public accuracy record of the AI (``desk.ai.accuracy``): per engine and model,
the sentences the faithfulness gate checked and withheld over the last weeks, by reason and by
week."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import public
from newsdesk.desk.ai.accuracy import accuracy_record, reason_name

router = Router()


class ReasonOut(Schema):
    reason: str  # a kind of pipeline.summarize.gate_reasons.KINDS
    name: str  # in the request's language
    sentences: int  # withheld sentences given this reason (one may have two)


class WeekOut(Schema):
    week: date  # its Monday
    checked: int
    withheld: int


class EngineAccuracyOut(Schema):
    engine: str  # "llm", "extractive"
    model: str  # "" for an engine without a model
    checked: int
    withheld: int
    reasons: list[ReasonOut]  # most first
    weeks: list[WeekOut]  # oldest first, every week of the period


class AccuracyOut(Schema):
    since: date
    weeks: int
    engines: list[EngineAccuracyOut]  # most sentences checked first


@router.get("", response={200: AccuracyOut}, auth=optional_auth, summary="AI accuracy record")
@public
def get_accuracy(request: HttpRequest) -> AccuracyOut:
    """How many AI sentences the faithfulness gate checked and withheld, and why, per engine
    and model, over the last twelve weeks."""
    record = accuracy_record(timezone.localdate())
    return AccuracyOut(
        since=record.since,
        weeks=record.weeks,
        engines=[
            EngineAccuracyOut(
                engine=engine.engine,
                model=engine.model,
                checked=engine.checked,
                withheld=engine.withheld,
                reasons=[
                    ReasonOut(reason=kind, name=reason_name(kind), sentences=count)
                    for kind, count in engine.reasons
                ],
                weeks=[
                    WeekOut(week=week.start, checked=week.checked, withheld=week.withheld)
                    for week in engine.weeks
                ],
            )
            for engine in record.engines
        ],
    )

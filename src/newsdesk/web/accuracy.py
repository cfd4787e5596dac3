"""The public accuracy record (/accuracy/): per engine and model, how many AI sentences the
faithfulness gate withheld from readers and why, week by week (``desk.ai.accuracy``).

The weekly chart is an SVG drawn here, bars as ``rect`` elements with their sizes as
attributes (the CSP allows no inline style); a table under it gives the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from newsdesk.desk.ai.accuracy import EngineRecord, Week, accuracy_record, reason_name

#: The chart's drawing box: a bar a week, its gap, the height of the tallest.
BAR, GAP, HEIGHT = 18, 6, 80


@dataclass(frozen=True)
class Bar:
    week: Week
    x: int
    y: float
    height: float


@dataclass(frozen=True)
class EngineView:
    record: EngineRecord
    title: str
    reasons: list[tuple[str, int]]
    bars: list[Bar]
    top_percent: int  # the share the chart's full height stands for
    width: int


def engine_title(record: EngineRecord) -> str:
    """ "Language model qwen2.5-7b", "Extractive (no model)", or the stored name."""
    if record.engine == "extractive":
        return gettext("Extractive (no model)")
    if record.engine == "llm" and record.model:
        return gettext("Language model %(model)s") % {"model": record.model}
    return record.name


def engine_view(record: EngineRecord) -> EngineView:
    top = max((week.share for week in record.weeks), default=0.0)
    # The chart's top: the largest week, rounded up to a whole ten percent (at least 10%).
    top_percent = max(10, -(-int(round(top * 100, 6)) // 10) * 10)
    bars = []
    for index, week in enumerate(record.weeks):
        height = round(HEIGHT * week.share * 100 / top_percent, 1)
        bars.append(Bar(week, index * (BAR + GAP), round(HEIGHT - height, 1), height))
    return EngineView(
        record=record,
        title=engine_title(record),
        reasons=[(reason_name(kind), count) for kind, count in record.reasons],
        bars=bars,
        top_percent=top_percent,
        width=len(bars) * (BAR + GAP) - GAP,
    )


@require_safe
def accuracy_page(request: HttpRequest) -> HttpResponse:
    record = accuracy_record(timezone.localdate())
    context = {
        "record": record,
        "engines": [engine_view(engine) for engine in record.engines],
        "bar_width": BAR,
        "chart_height": HEIGHT,
    }
    return render(request, "web/accuracy.html", context)

"""The reader's reading diet under /me/diet/: where the last 30 days of their reading came from
(sources, countries, languages, kinds of ownership) and coverage of the stories they follow
from outside their usual sources. Private: only the reader sees it, and it is never cached."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_info, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsdesk.desk.readers.diet import PERIOD, Share, reading_diet
from newsdesk.sources.models import Ownership


@require_safe
@never_cache
@login_required
def diet_page(request: HttpRequest) -> HttpResponse:
    diet = reading_diet(request.user, timezone.now())  # type: ignore[arg-type]
    return render(
        request,
        "web/diet.html",
        {
            "diet": diet,
            "days": PERIOD.days,
            "spreads": [
                (gettext("Sources"), "sources", _named(diet.sources, str)),
                (gettext("Countries"), "countries", _named(diet.countries, str)),
                (gettext("Languages"), "languages", _named(diet.languages, _language)),
                (gettext("Ownership"), "ownership", _named(diet.ownership, _ownership)),
            ],
        },
    )


def _named(rows: list[Share], name: Callable[[str], str]) -> list[tuple[str, Share]]:
    """Each row with the name a reader reads: "Others" for the rest, "Unknown" for no value."""
    return [(_name_of(row.key, name), row) for row in rows]


def _name_of(key: str, name: Callable[[str], str]) -> str:
    if key == "…":
        return gettext("Others")
    return name(key) if key else gettext("Unknown")


def _language(tag: str) -> str:
    try:
        return str(get_language_info(tag)["name_translated"])
    except KeyError:
        return tag


def _ownership(kind: str) -> str:
    try:
        return str(Ownership(kind).label)
    except ValueError:
        return kind

"""API route: blindspots, the stories covered widely in one language or world region and not
at all in another the site reads (``desk.stories.blindspots``, decision 70), newest first.

``lang`` (repeatable) and ``region`` keep the blindspots missing from one of those languages
or from that region; without them, every blindspot. Paged with an opaque ``cursor``.
"""

from __future__ import annotations

import base64
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import public
from newsdesk.api.errors import ApiError
from newsdesk.api.origins import OriginsOut, origins_out
from newsdesk.api.schemas import ErrorBody, StoryCard, story_card
from newsdesk.desk import api_reading
from newsdesk.desk.countries import language_name, region_name, regions
from newsdesk.desk.readers.rules import screen_for
from newsdesk.desk.stories import blindspots as desk

router = Router()
PAGE_SIZE = 20


class GapOut(Schema):
    kind: Literal["language", "region"]
    covered: str  # the language or region code that covers the story
    covered_name: str
    sources: int  # its sources on the story
    missing: list[str]  # codes of languages (regions) the site reads with no source on it
    missing_names: list[str]


class BlindspotOut(Schema):
    story: StoryCard
    gaps: list[GapOut]
    origins: OriginsOut


class BlindspotList(Schema):
    results: list[BlindspotOut]
    next: str | None  # the cursor of the next page


class BlindspotQuery(Schema):
    lang: list[str] = Field(default_factory=list, description="languages it is missing in")
    region: str = Field("", max_length=20, description="a world region it is missing from")
    cursor: str = Field("", max_length=40)


def _offset(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        return max(int(base64.urlsafe_b64decode(cursor.encode()).decode().removeprefix("o")), 0)
    except ValueError as e:
        raise ApiError(422, "Not a cursor of this list") from e


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode()


def _name(kind: str, code: str) -> str:
    return language_name(code) if kind == desk.LANGUAGE else region_name(code)


@router.get(
    "",
    response={200: BlindspotList, 422: ErrorBody},
    auth=optional_auth,
    summary="Blindspots",
)
@public
def list_blindspots(request: HttpRequest, query: Query[BlindspotQuery]) -> BlindspotList:
    """Stories covered widely in one language or region and by no source of another the site
    reads, newest first; ``lang`` and ``region`` keep those missing there."""
    if query.region and query.region not in regions():
        raise ApiError(422, f"Unknown region; one of {', '.join(regions())}")
    start = _offset(query.cursor)
    spots = desk.blindspots_for(timezone.now(), query.lang, query.region)
    window = spots[start : start + PAGE_SIZE]
    stories = desk.stories_of(window)
    kept = screen_for(None).stories(list(stories.values()), lambda story: story.lead_article_id)
    shown = {story.pk: story for story in kept}
    api_reading.complete_cards([s.lead_article for s in kept if s.lead_article is not None])
    results = [
        BlindspotOut(
            story=story_card(request, shown[spot.story_id], shown[spot.story_id].lead_article),
            gaps=[
                GapOut(
                    kind=gap.kind,  # type: ignore[arg-type]
                    covered=gap.covered,
                    covered_name=_name(gap.kind, gap.covered),
                    sources=gap.sources,
                    missing=list(gap.missing),
                    missing_names=[_name(gap.kind, code) for code in gap.missing],
                )
                for gap in spot.gaps
            ],
            origins=origins_out(spot.spread),
        )
        for spot in window
        if spot.story_id in shown
    ]
    more = start + PAGE_SIZE < len(spots)
    return BlindspotList(results=results, next=_cursor(start + PAGE_SIZE) if more else None)

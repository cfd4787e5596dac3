"""Stories on the desk: placing articles, keeping stories right, and the story job.

The names below are loaded on first use: a page that imports ``desk.stories.reading`` does not
load the placer and its models (numpy, the gazetteer's code, extraction) with this package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.desk.stories.placing import Placed, place_article, place_pending
    from newsdesk.desk.stories.upkeep import (
        merge_stories,
        refine_stories,
        refresh_story,
        split_article,
    )
    from newsdesk.desk.stories.work import (
        StoryWork,
        claim_story_work,
        has_pending_articles,
        place_and_refine,
        run_story_work,
    )

_MODULES = {
    "Placed": "placing",
    "place_article": "placing",
    "place_pending": "placing",
    "merge_stories": "upkeep",
    "refine_stories": "upkeep",
    "refresh_story": "upkeep",
    "split_article": "upkeep",
    "StoryWork": "work",
    "claim_story_work": "work",
    "has_pending_articles": "work",
    "place_and_refine": "work",
    "run_story_work": "work",
}

__all__ = [
    "Placed",
    "StoryWork",
    "claim_story_work",
    "has_pending_articles",
    "merge_stories",
    "place_and_refine",
    "place_article",
    "place_pending",
    "refine_stories",
    "refresh_story",
    "run_story_work",
    "split_article",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value

"""Stories on the desk: placing articles, keeping stories right, and the story job."""

from newsdesk.desk.stories.placing import Placed, place_article, place_pending
from newsdesk.desk.stories.upkeep import merge_stories, refine_stories, refresh_story, split_article
from newsdesk.desk.stories.work import (
    StoryWork,
    claim_story_work,
    has_pending_articles,
    place_and_refine,
    run_story_work,
)

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

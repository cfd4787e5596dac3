"""Grouping articles into stories: features, weights, story profiles, deciders, blocking keys.

No database here: the desk stores features, profiles and keys, asks ``choose_story`` where a new
article goes and ``plan_merges`` which stories to join, and keeps what the operator corrected.
"""

from newsdesk.pipeline.cluster.decide import (
    JOIN_THRESHOLD,
    MERGE_THRESHOLD,
    Decision,
    Merge,
    choose_story,
    plan_merges,
)
from newsdesk.pipeline.cluster.features import ArticleFeatures, article_features
from newsdesk.pipeline.cluster.keys import anchor_keys, block_keys, term_key
from newsdesk.pipeline.cluster.profile import (
    Match,
    Profile,
    foreign_share,
    match_article,
    match_profiles,
)
from newsdesk.pipeline.cluster.vectors import TermStats, Vectors, weigh

__all__ = [
    "JOIN_THRESHOLD",
    "MERGE_THRESHOLD",
    "ArticleFeatures",
    "Decision",
    "Match",
    "Merge",
    "Profile",
    "TermStats",
    "Vectors",
    "anchor_keys",
    "article_features",
    "block_keys",
    "choose_story",
    "foreign_share",
    "match_article",
    "match_profiles",
    "plan_merges",
    "term_key",
    "weigh",
]

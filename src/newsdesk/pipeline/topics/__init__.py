"""Topics of an article: a fixed tree of topics and an offline classifier of weighted words.

``classify_topics(title, text, language=..., foreign_places=...)`` returns ``TopicScore`` items
best first: the top-level topics the article is about (world, politics, business, technology,
science, health, sports, entertainment), each followed by its finer topics ("business-markets",
"sports-football"...). Word lists are written by hand for English, German, French, Spanish,
Italian, Portuguese, Russian and Arabic; nothing is downloaded or trained at run time.
"""

from newsdesk.pipeline.topics.classify import TopicScore, classify_topics, topic_evidence
from newsdesk.pipeline.topics.taxonomy import TOP_LEVEL, TOPICS, Topic, topic_by_slug

__all__ = [
    "TOPICS",
    "TOP_LEVEL",
    "Topic",
    "TopicScore",
    "classify_topics",
    "topic_by_slug",
    "topic_evidence",
]

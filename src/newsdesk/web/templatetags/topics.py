"""Topic chips of the story page: ``{% load topics %}{% story_topics story.pk %}`` lists the
story's topics as links to their pages. The article page's chips come with its places from one
query (``places.article_topic_and_place_links``)."""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.desk import topics as topic_desk
from newsdesk.web.topics import topic_links

register = template.Library()


@register.inclusion_tag("web/_topic_chips.html")
def story_topics(story_id: int) -> dict[str, Any]:
    return {"topic_links": topic_links(topic_desk.story_topics(story_id))}

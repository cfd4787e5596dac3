"""The places a story or an article is about, as links to their region pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from newsdesk.desk import article_tags
from newsdesk.desk.places import reading as places
from newsdesk.stories.models import Story
from newsdesk.web.topics import topic_links

register = template.Library()


@register.inclusion_tag("web/_places.html")
def story_place_links(story: Story) -> dict[str, Any]:
    return {"places": places.story_places(story)}


def article_topic_and_place_links(article_id: int) -> tuple[str, str]:
    """The article header's topic chips and place links (each nothing, without a template,
    when there are none: most pages), read by one query (``desk.article_tags``)."""
    topics, found = article_tags.article_topics_and_places(article_id)
    links = topic_links(topics)
    return (
        render_to_string("web/_topic_chips.html", {"topic_links": links}) if links else "",
        render_to_string("web/_places.html", {"places": found}) if found else "",
    )

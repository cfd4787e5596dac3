"""Topic chips of the story and article pages: ``{% load topics %}{% story_topics story.pk %}``
and ``{% article_topics article.pk %}`` list the topics as links to their pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from newsdesk.desk import topics as topic_desk
from newsdesk.web.topics import topic_links

register = template.Library()


@register.inclusion_tag("web/_topic_chips.html")
def story_topics(story_id: int) -> dict[str, Any]:
    return {"topic_links": topic_links(topic_desk.story_topics(story_id))}


@register.simple_tag
def article_topics(article_id: int) -> str:
    """The chips, or nothing without a template when the article has no topic (most pages)."""
    links = topic_links(topic_desk.article_topics(article_id))
    return render_to_string("web/_topic_chips.html", {"topic_links": links}) if links else ""

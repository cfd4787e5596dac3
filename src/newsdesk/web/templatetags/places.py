"""The places a story or an article is about, as links to their region pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from newsdesk.articles.models import Article
from newsdesk.desk.places import reading as places
from newsdesk.stories.models import Story

register = template.Library()


@register.inclusion_tag("web/_places.html")
def story_place_links(story: Story) -> dict[str, Any]:
    return {"places": places.story_places(story)}


@register.simple_tag
def article_place_links(article: Article) -> str:
    """The links, or nothing without a template when the article names no place."""
    found = places.article_places(article)
    return render_to_string("web/_places.html", {"places": found}) if found else ""

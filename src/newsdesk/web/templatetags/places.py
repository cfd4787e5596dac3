"""The places a story or an article is about, as links to their region pages."""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.articles.models import Article
from newsdesk.desk.places import reading as places
from newsdesk.stories.models import Story

register = template.Library()


@register.inclusion_tag("web/_places.html")
def story_place_links(story: Story) -> dict[str, Any]:
    return {"places": places.story_places(story)}


@register.inclusion_tag("web/_places.html")
def article_place_links(article: Article) -> dict[str, Any]:
    return {"places": places.article_places(article)}

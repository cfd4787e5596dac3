"""Addresses of the reader pages, built in one place so every link and canonical URL agree."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import slugify

from newsdesk.articles.models import Article
from newsdesk.stories.models import Story

SLUG_LENGTH = 80


def article_slug(article: Article) -> str:
    return slugify(article.title)[:SLUG_LENGTH].strip("-") or "article"


def article_path(article: Article) -> str:
    return reverse("web:article", args=[article.pk, article_slug(article)])


def story_slug(story: Story) -> str:
    return slugify(story.headline)[:SLUG_LENGTH].strip("-") or "story"


def story_path(story: Story) -> str:
    return reverse("web:story", args=[story.pk, story_slug(story)])

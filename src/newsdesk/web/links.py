"""Addresses of the reader pages, built in one place so every link and canonical URL agree."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import slugify

from newsdesk.articles.models import Article

SLUG_LENGTH = 80


def article_slug(article: Article) -> str:
    return slugify(article.title)[:SLUG_LENGTH].strip("-") or "article"


def article_path(article: Article) -> str:
    return reverse("web:article", args=[article.pk, article_slug(article)])

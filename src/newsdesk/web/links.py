"""Addresses of the reader pages, built in one place so every link and canonical URL agree.

A page links to dozens of articles and stories; their addresses are the route reversed once
(per URL configuration and script prefix) with marker values, then filled in: an id and a slug
need no quoting, so the text is what ``reverse`` gives, at a fraction of its cost.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify

from newsdesk.articles.models import Article
from newsdesk.stories.models import Story

SLUG_LENGTH = 80


def article_slug(article: Article) -> str:
    return _slug(article.title) or "article"


@lru_cache(maxsize=8192)
def _slug(title: str) -> str:
    """A title's slug, kept: a page writes the same article's address several times (its
    canonical address, its structured data, the coverage lists of its story's pages), and
    ``slugify`` normalises and searches the whole title each time."""
    return slugify(title)[:SLUG_LENGTH].strip("-")


_ID_MARKER, _SLUG_MARKER = 9_876_543_210, "slug-marker-0"


@lru_cache(maxsize=64)
def _route(name: str, prefix: str, urlconf: str | None, root: str) -> tuple[str, str, str]:
    """The route's address around its id and its slug."""
    address = reverse(name, args=[_ID_MARKER, _SLUG_MARKER])
    head, _, rest = address.partition(str(_ID_MARKER))
    middle, _, tail = rest.partition(_SLUG_MARKER)
    return head, middle, tail


def _path(name: str, pk: int, slug: str) -> str:
    head, middle, tail = _route(name, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    return f"{head}{int(pk)}{middle}{slug}{tail}"


def article_path(article: Article) -> str:
    return _path("web:article", article.pk, article_slug(article))


def story_slug(story: Story) -> str:
    return _slug(story.headline) or "story"


def story_path(story: Story) -> str:
    return _path("web:story", story.pk, story_slug(story))

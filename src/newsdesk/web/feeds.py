"""RSS out: the newest articles of the site and of each source (Django syndication).

Items link to the article pages here; their descriptions are the plain-text excerpts, which the
syndication framework escapes.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.desk import reading
from newsdesk.sources.models import Source
from newsdesk.web.links import article_path

FEED_SIZE = 50


class ArticleItems:
    """The items of an article feed: title, "source: excerpt", the article page, the time."""

    def item_title(self, item: Article) -> str:
        return item.title or item.url

    def item_description(self, item: Article) -> str:
        return f"{item.source.name}: {item.description}"

    def item_link(self, item: Article) -> str:
        return article_path(item)

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at


class LatestArticlesFeed(ArticleItems, Feed[Article, None]):
    title = "newsdesk: latest"
    description = "The newest articles gathered by this newsdesk."

    def link(self) -> str:
        return reverse("web:home")

    def items(self) -> list[Article]:
        return reading.newest_articles(1, FEED_SIZE).articles


class SourceArticlesFeed(ArticleItems, Feed[Article, Source]):
    description = "The newest articles of one source."

    def get_object(self, request: HttpRequest, slug: str) -> Source:
        source = reading.source_by_slug(slug)
        if source is None:
            raise Http404("No such source")
        return source

    def title(self, obj: Source) -> str:
        return f"newsdesk: {obj.name}"

    def link(self, obj: Source) -> str:
        return reverse("web:source", args=[obj.slug])

    def items(self, obj: Source) -> list[Article]:
        return reading.source_articles(obj, 1, FEED_SIZE).articles

    def item_description(self, item: Article) -> str:
        return item.description  # one source: its name would repeat on every item

"""RSS out: the newest articles of the site and of each source (Django syndication).

Items link to the article pages here; their descriptions are the plain-text excerpts, which the
syndication framework escapes. Each item names its author (the byline, or the source when there
is none, as ``dc:creator``: RSS's own ``<author>`` is an e-mail address), its topics as
categories, and its lead image (see :mod:`newsdesk.web.syndication`). Feeds answer conditional
GETs. Every article feed (here, regions' and "For you") lists its items through
:func:`with_topics`, which loads the topics of all items in one query, and their audio and video
files in another: an episode's enclosure is its first file, at the publisher's address, so
podcast apps can play it (decision 68); its image stays as Media RSS content.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import feedgenerator

from newsdesk.articles.models import Article
from newsdesk.desk import episodes, reading
from newsdesk.desk import topics as topic_desk
from newsdesk.desk.readers.rules import screen_articles
from newsdesk.sources.models import Source
from newsdesk.web.links import article_path
from newsdesk.web.syndication import ConditionalFeed, image_enclosures, image_fields
from newsdesk.web.topics import topic_name

FEED_SIZE = 50


def topic_names(slugs: Sequence[str]) -> list[str]:
    """The names readers see for topic slugs, in the order given (unknown slugs left out)."""
    return [topic_name(found) for slug in slugs if (found := topic_desk.topic(slug)) is not None]


def with_topics(articles: list[Article]) -> list[Article]:
    """The articles, each with ``feed_topics``: its topics' names, best first (one query).
    Public feeds pass them through the site-wide rules first (``public_items``)."""
    ranked = topic_desk.ranked_topics_of_articles([a.pk for a in articles])
    files = episodes.enclosures_of([a.pk for a in articles])
    for article in articles:
        article.feed_topics = topic_names(ranked.get(article.pk, []))  # type: ignore[attr-defined]
        article.feed_files = files.get(article.pk, [])  # type: ignore[attr-defined]
    return articles


def public_items(articles: list[Article]) -> list[Article]:
    """The articles of a public feed as the site-wide rules let them through."""
    return screen_articles(None, articles)


def article_author(article: Article) -> str:
    return article.byline or article.source.name


class ArticleItems:
    """The items of an article feed: title, "source: excerpt", the article page, the time, the
    author, the topics and the lead image."""

    def item_title(self, item: Article) -> str:
        return item.title or item.url

    def item_description(self, item: Article) -> str:
        return f"{item.source.name}: {item.description}"

    def item_link(self, item: Article) -> str:
        return article_path(item)

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return article_author(item)

    def item_categories(self, item: Article) -> list[str]:
        return list(getattr(item, "feed_topics", []))

    def item_enclosures(self, item: Article) -> list[feedgenerator.Enclosure]:
        files = getattr(item, "feed_files", [])
        if files and episodes.files_shown(item):  # RSS allows one enclosure: the episode's
            first = files[0]
            return [feedgenerator.Enclosure(first.url, str(first.length or 0), first.media_type)]
        return image_enclosures(item)

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        return image_fields(item)


class LatestArticlesFeed(ArticleItems, ConditionalFeed[Article, None]):
    names_hub = True
    title = "newsdesk: latest"
    description = "The newest articles gathered by this newsdesk."

    def link(self) -> str:
        return reverse("web:home")

    def items(self) -> list[Article]:
        return with_topics(public_items(reading.newest_articles(1, FEED_SIZE).articles))


class SourceArticlesFeed(ArticleItems, ConditionalFeed[Article, Source]):
    names_hub = True
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
        return with_topics(public_items(reading.source_articles(obj, 1, FEED_SIZE).articles))

    def item_description(self, item: Article) -> str:
        return item.description  # one source: its name would repeat on every item

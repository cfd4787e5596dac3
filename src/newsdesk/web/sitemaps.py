"""sitemap.xml: every ready article page and every source page with articles; and
news-sitemap.xml, the Google News sitemap of the last two days.

The news sitemap lists the original (not copied) articles published in the last
``NEWS_WINDOW``, at most ``NEWS_LIMIT`` (Google's cap for one file), each with
``<news:publication>`` (the source's name, as the article page's structured data names its
publisher, and the article's language, or else its source's), ``<news:publication_date>`` and
``<news:title>``. An article whose language is unknown either way, or without a title, is left
out: Google requires both. Titles lose the control characters XML 1.0 cannot carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk import reading
from newsdesk.sources.models import Source
from newsdesk.web.links import article_path

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ISO_639 = re.compile("[a-z]{2,3}")
_TRADITIONAL = {"tw", "hk", "mo", "hant"}


class ArticleSitemap(Sitemap[Article]):
    changefreq = "daily"

    def items(self) -> list[Article]:
        return reading.sitemap_articles()

    def location(self, item: Article) -> str:
        return article_path(item)

    def lastmod(self, item: Article) -> datetime:
        return item.updated_at


class SourceSitemap(Sitemap[Source]):
    changefreq = "hourly"

    def items(self) -> list[Source]:
        return reading.sitemap_sources()

    def location(self, item: Source) -> str:
        return reverse("web:source", args=[item.slug])


SITEMAPS = {"articles": ArticleSitemap, "sources": SourceSitemap}


@dataclass(frozen=True)
class NewsEntry:
    """One article as the news sitemap names it."""

    article: Article
    title: str
    publication: str
    language: str
    published: str  # W3C date and time


def news_language(code: str) -> str:
    """Google News' code for a language tag: ISO 639 (two or three letters), ``zh-cn`` or
    ``zh-tw`` for Chinese; "" for none."""
    parts = code.strip().lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        return "zh-tw" if _TRADITIONAL & set(parts[1:]) else "zh-cn"
    return parts[0] if _ISO_639.fullmatch(parts[0]) else ""


def news_entry(article: Article) -> NewsEntry | None:
    title = _NOT_XML.sub("", article.title).strip()
    language = news_language(article.language) or news_language(article.source.language)
    if not title or not language or article.published_at is None:
        return None
    published = article.published_at.replace(microsecond=0).isoformat()
    return NewsEntry(article, title, _NOT_XML.sub("", article.source.name), language, published)


class NewsSitemap(Sitemap[NewsEntry]):
    limit = NEWS_LIMIT

    def items(self) -> list[NewsEntry]:
        now = timezone.now()
        articles = reading.news_sitemap_articles(now - NEWS_WINDOW, now, NEWS_LIMIT)
        return [entry for article in articles if (entry := news_entry(article))]

    def location(self, item: NewsEntry) -> str:
        return article_path(item.article)


NEWS_SITEMAPS = {"news": NewsSitemap}

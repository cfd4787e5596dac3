"""sitemap.xml: every ready article page and every source page with articles."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.desk import reading
from newsdesk.sources.models import Source
from newsdesk.web.links import article_path


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

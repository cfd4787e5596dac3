"""Read-side queries for the reader pages: the newest articles, one article with its source,
related articles, a source with its articles and feed health, and what the sitemaps list.

Pages only see ready articles, and lists leave out copies (an article placed as the
``duplicate_of`` another): the story page shows them once, under their original. Story pages
have their own queries in ``newsdesk.desk.stories.reading``.

Every list is paged by number and fetched one row beyond the page, so "is there more?" costs no
COUNT. The source's rights policy is applied here, once, so no page can show more of an article
than its publisher allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from django.db.models import Exists, OuterRef, Q, QuerySet

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.body_images import shown_html
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.sources.models import Feed, RightsPolicy, Source
from newsdesk.stories.models import Placement

PAGE_SIZE = 20
RELATED_COUNT = 5
SITEMAP_LIMIT = 50_000
# Columns a card needs: lists never load article bodies.
CARD_FIELDS = (
    "id",
    "url",
    "title",
    "byline",
    "published_at",
    "description",
    "image_url",
    "updated_at",
    "language",
    "source__id",
    "source__rights",
    "source__name",
    "source__slug",
    # The kept copy of the lead image (desk.media): cards show it or the placeholder.
    "image__status",
    "image__variants",
    "source__logo_version",
    # The labels of cards: a clickbait headline, a state-controlled source.
    "clickbait",
    "source__ownership",
)
# The API's cards add what an app needs to honour the source's rights.
API_CARD_FIELDS = (*CARD_FIELDS, "language", "source__rights", "source__ai_allowed")


@dataclass(frozen=True)
class ArticlePage:
    articles: list[Article]
    number: int
    next_number: int | None


class BodyMode(StrEnum):
    FULL = "full"  # the sanitized body
    EXCERPT = "excerpt"  # the description only
    LINK = "link"  # nothing but the link to the original


@dataclass(frozen=True)
class ReadableBody:
    """What of an article a page may show under its source's rights policy."""

    mode: BodyMode
    html: str  # sanitized at ingestion, images made ours; empty unless mode is FULL
    excerpt: str


def web_url(url: str) -> str:
    """The URL if it is http(s), else empty: feed data never becomes a ``javascript:`` link."""
    return url if urlsplit(url).scheme in {"http", "https"} else ""


def in_languages(codes: Sequence[str], field: str = "language", *, unknown: bool = False) -> Q:
    """Rows whose ``field`` is one of the language codes ("en" also takes "en-GB"), and with
    ``unknown`` those whose language is not known either (a reader's choice hides only what is
    known to be in another language); every row when ``codes`` is empty (a reader who chose no
    languages reads them all)."""
    query = Q(**{field: ""}) if codes and unknown else Q()
    for code in (code.lower() for code in codes):
        # Exact comparisons (codes are stored lowercase): a database estimates them from its
        # statistics, where a case-folded one looks rare and leads to scanning every article.
        query |= Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}-"})
    return query


def _ready() -> QuerySet[Article]:
    return Article.objects.filter(status=ArticleStatus.READY)


def _originals() -> QuerySet[Article]:
    """Ready articles that are not copies of another (a copy is shown once, under its original)."""
    copies = Placement.objects.filter(article_id=OuterRef("pk"), duplicate_of__isnull=False)
    return _ready().filter(~Exists(copies))


def _cards(articles: QuerySet[Article]) -> QuerySet[Article]:
    return (
        articles.select_related("source", "image")
        .only(*CARD_FIELDS)
        .order_by("-published_at", "-id")
    )


def _page(articles: QuerySet[Article], number: int, size: int) -> ArticlePage:
    number = max(number, 1)
    start = (number - 1) * size
    rows = list(articles[start : start + size + 1])
    next_number = number + 1 if len(rows) > size else None
    return ArticlePage(rows[:size], number, next_number)


def newest_articles(
    number: int = 1, size: int = PAGE_SIZE, languages: Sequence[str] = ()
) -> ArticlePage:
    """Page ``number`` of the newest ready articles, copies left out, as cards (only those in
    ``languages`` when given)."""
    articles = _originals().filter(in_languages(languages, unknown=True))
    return _page(_cards(articles), number, size)


# What the article page and the API's article never show: the extracted text (the body is shown
# from its HTML) and the pipeline's bookkeeping. Left out of the query, not loaded and converted.
UNSHOWN_FIELDS = (
    "text",
    "url_hash",
    "guid",
    "entry_hash",
    "content_hash",
    "attempts",
    "last_error",
    "claim",
    "claimed_until",
    "fetched_at",
    "created_at",
)


def _article_query(article_id: int) -> QuerySet[Article]:
    feed_fields = (f"feed__{f.name}" for f in Feed._meta.concrete_fields if f.name != "source")
    return (
        _ready()
        .select_related("source", "image", "feed")
        .defer(*UNSHOWN_FIELDS, *(name for name in feed_fields if name != "feed__id"))
        .filter(pk=article_id)
    )


_ARTICLE = PreparedQuery[Article](_article_query, article_id=int)


def article_with_source(article_id: int) -> Article | None:
    """One ready article with its source, or None. Of the feed it came through only the source
    is read (``came_via``), and that source is fetched only when it is not the publisher."""
    found = _ARTICLE.run(article_id=article_id)
    return found[0] if found else None


def came_via(article: Article) -> Source | None:
    """The source of the feed an article came through, when that is not its publisher (a digest
    or aggregator feed); None for a publisher's own feed or an imported article."""
    feed = article.feed
    if feed is None or feed.source_id == article.source_id:
        return None
    return feed.source


def readable_body(article: Article, absolute: Callable[[str], str] | None = None) -> ReadableBody:
    """What of the article may be shown; a full body's images are the site's copies (paths, or
    full addresses made by ``absolute``), the others left out (``desk.body_images``)."""
    rights = article.source.rights
    if rights == RightsPolicy.LINK_ONLY:
        return ReadableBody(BodyMode.LINK, "", "")
    if rights == RightsPolicy.EXCERPT or not article.html:
        return ReadableBody(BodyMode.EXCERPT, "", article.description)
    return ReadableBody(BodyMode.FULL, shown_html(article, absolute), article.description)


def _related_query(source_id: int, article_id: int) -> QuerySet[Article]:
    others = _ready().filter(source_id=source_id).exclude(pk=article_id)
    return _cards(others)[:RELATED_COUNT]


_RELATED = PreparedQuery[Article](_related_query, source_id=int, article_id=int)


def related_articles(article: Article, count: int = RELATED_COUNT) -> list[Article]:
    """The newest other articles of the same source (when the article has no related stories)."""
    if count != RELATED_COUNT:
        others = _ready().filter(source_id=article.source_id).exclude(pk=article.pk)
        return list(_cards(others)[:count])
    return _RELATED.run(source_id=article.source_id, article_id=article.pk)


def source_by_slug(slug: str) -> Source | None:
    return Source.objects.filter(slug=slug).first()


def of_sources(sources: Source | QuerySet[Source] | Sequence[int]) -> Q:
    """Articles of these sources (a Source, ids or a queryset of sources), as publisher or as
    the source of the feed they came through: a digest's page and its followers see the
    articles its feed brought, each credited to its own publisher."""
    if isinstance(sources, Source):
        return Q(source=sources) | Q(feed__source=sources)
    return Q(source__in=sources) | Q(feed__source__in=sources)


def source_articles(source: Source, number: int = 1, size: int = PAGE_SIZE) -> ArticlePage:
    return _page(_cards(_originals().filter(of_sources(source))), number, size)


def source_feed_health(source: Source) -> list[Feed]:
    """The source's feeds, failing ones first (for operators)."""
    return list(source.feeds.order_by("-consecutive_failures", "status", "url"))


def sitemap_articles(limit: int = SITEMAP_LIMIT) -> list[Article]:
    return list(_ready().only("id", "title", "updated_at").order_by("-published_at")[:limit])


def news_sitemap_articles(since: datetime, until: datetime, limit: int) -> list[Article]:
    """Ready original articles published between ``since`` and ``until``, newest first, with
    what a news sitemap names: title, time, language, and the source's name and language."""
    fields = ("id", "title", "published_at", "updated_at", "language")
    return list(
        _originals()
        .filter(published_at__gte=since, published_at__lte=until)
        .select_related("source")
        .only(*fields, "source__id", "source__name", "source__language")
        .order_by("-published_at", "-id")[:limit]
    )


def sitemap_sources() -> list[Source]:
    return list(Source.objects.filter(articles__status=ArticleStatus.READY).distinct())


def all_sources() -> list[Source]:
    """Every source, by name (the search page's filter)."""
    return list(Source.objects.only("id", "name", "slug").order_by("name"))

"""Counts for ``newsdesk stats`` and the feed health list of ``newsdesk feeds``."""

from __future__ import annotations

from django.db.models import Count, Q

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin, CachedImage, ImageStatus
from newsdesk.sources.models import Feed, FeedStatus, Source


def counts() -> dict[str, int]:
    articles = Article.objects.aggregate(
        total=Count("id"),
        pending=Count("id", filter=Q(status=ArticleStatus.PENDING)),
        ready=Count("id", filter=Q(status=ArticleStatus.READY)),
        failed=Count("id", filter=Q(status=ArticleStatus.FAILED)),
        from_page=Count("id", filter=Q(body_origin=BodyOrigin.PAGE)),
        from_feed=Count("id", filter=Q(body_origin=BodyOrigin.FEED)),
        page_errors=Count("id", filter=~Q(last_error="")),
    )
    feeds = Feed.objects.aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(status=FeedStatus.ACTIVE)),
        retired=Count("id", filter=Q(status=FeedStatus.RETIRED)),
        failing=Count("id", filter=Q(consecutive_failures__gt=0)),
    )
    images = CachedImage.objects.aggregate(
        total=Count("id"),
        ready=Count("id", filter=Q(status=ImageStatus.READY)),
        failed=Count("id", filter=Q(status=ImageStatus.FAILED)),
    )
    return {
        "sources": Source.objects.count(),
        "feeds": feeds["total"],
        "feeds_active": feeds["active"],
        "feeds_failing": feeds["failing"],
        "feeds_retired": feeds["retired"],
        "articles": articles["total"],
        "articles_ready": articles["ready"],
        "articles_pending": articles["pending"],
        "articles_failed": articles["failed"],
        "articles_body_from_page": articles["from_page"],
        "articles_body_from_feed": articles["from_feed"],
        "images": images["total"],
        "images_ready": images["ready"],
        "images_failed": images["failed"],
        "failures": feeds["failing"] + feeds["retired"] + articles["page_errors"],
    }


def feed_health() -> list[Feed]:
    """Every feed with its source, failing and retired ones first."""
    return list(
        Feed.objects.select_related("source", "websub").order_by(
            "-consecutive_failures", "status", "source__name", "url"
        )
    )

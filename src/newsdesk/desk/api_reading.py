"""Read-side queries the JSON API pages through: lists as query sets, for cursor pagination.

The reader pages page by number (``newsdesk.desk.reading``); apps page with a cursor over the
same rows, so these functions hand back ordered-later query sets with the same filters: ready
articles only, copies (an article placed as the ``duplicate_of`` another) left out, live stories
only. Rows without a publication time are left out of the lists, because a cursor is a position
in time. Cards carry the source's rights policy, so a card never shows more than it allows.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.reading import API_CARD_FIELDS
from newsdesk.desk.stories.reading import STORY_FIELDS
from newsdesk.sources.models import RightsPolicy, Source
from newsdesk.stories.models import Placement, Story
from newsdesk.summaries.models import Summary


def _article_cards() -> QuerySet[Article]:
    copies = Placement.objects.filter(article_id=OuterRef("pk"), duplicate_of__isnull=False)
    return (
        Article.objects.filter(status=ArticleStatus.READY, published_at__isnull=False)
        .filter(~Exists(copies))
        .select_related("source", "image")
        .only(*API_CARD_FIELDS)
    )


def article_cards(source: Source | None = None, language: str = "") -> QuerySet[Article]:
    """Ready original articles as cards, of one source and one language ("en" takes "en-GB")."""
    articles = _article_cards()
    if source is not None:
        articles = articles.filter(source=source)
    if language:
        articles = articles.filter(Q(language=language) | Q(language__startswith=f"{language}-"))
    return articles


def live_stories() -> QuerySet[Story]:
    """Live stories (not merged into another) with a ready lead article, as cards."""
    lead = (f"lead_article__{name}" for name in API_CARD_FIELDS)
    return (
        Story.objects.filter(
            merged_into__isnull=True,
            last_published_at__isnull=False,
            lead_article__status=ArticleStatus.READY,
        )
        .select_related("lead_article", "lead_article__source", "lead_article__image")
        .only(*STORY_FIELDS, "lead_article_id", *lead)
    )


def complete_cards(articles: list[Article]) -> None:
    """Load the card fields the story queries leave out (language, the source's rights) for
    ``articles`` in two queries, instead of one per article."""
    languages = dict(
        Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("id", "language")
    )
    rights = dict(
        Source.objects.filter(pk__in={a.source_id for a in articles}).values_list("id", "rights")
    )
    for article in articles:
        article.language = languages.get(article.pk, "")
        article.source.rights = rights.get(article.source_id, RightsPolicy.LINK_ONLY)


def sources() -> list[Source]:
    """Every source, by name."""
    return list(Source.objects.order_by("name", "id"))


def summary_by_id(summary_id: int) -> Summary | None:
    return Summary.objects.filter(pk=summary_id).first()

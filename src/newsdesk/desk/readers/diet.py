"""A reader's reading diet: where the last 30 days of their reading came from, and what else
covers the stories they follow.

Reading is what the reader opened (``ReadMark``). The spread is counted by source, by the
source's country, by the article's language and by the source's kind of ownership (the source
facts of decision 59); an unknown country or ownership is counted as unknown, not dropped, so
the shares add up. The suggestions are articles of the stories the reader follows (and of the
stories of what they read) from sources they did not read in the period, those from a country
and an ownership the reader reads least first: coverage from outside their usual sources.
Nothing here is shown to anyone but the reader.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.readers.models import Follow, FollowKind, ReadMark
from newsdesk.stories.models import Placement

PERIOD = timedelta(days=30)
# Rows of each spread shown; the rest are summed as "others".
TOP = 8
SUGGESTIONS = 6
# Stories looked at for suggestions: the followed ones and those of the latest reads.
STORIES_LOOKED_AT = 40


@dataclass(frozen=True)
class Share:
    """One row of a spread: what (a source's name, a country code, a language tag, an
    ownership kind; "" for unknown), how many reads, and the share of all reads (0-1)."""

    key: str
    count: int
    share: float


@dataclass
class Diet:
    reads: int = 0
    sources: list[Share] = field(default_factory=list)
    countries: list[Share] = field(default_factory=list)
    languages: list[Share] = field(default_factory=list)
    ownership: list[Share] = field(default_factory=list)
    suggestions: list[Article] = field(default_factory=list)


def reading_diet(user: User, now: datetime) -> Diet:
    """The reader's diet over the last ``PERIOD``, with suggestions from outside it."""
    marks = (
        ReadMark.objects.filter(user=user, read_at__gt=now - PERIOD)
        .select_related("article__source")
        .only(
            "article__id",
            "article__language",
            "article__source__id",
            "article__source__name",
            "article__source__country",
            "article__source__ownership",
        )
        .order_by("-read_at")
    )
    read = [mark.article for mark in marks]
    diet = Diet(reads=len(read))
    if not read:
        return diet
    diet.sources = _spread(Counter(a.source.name for a in read), len(read))
    countries = Counter(a.source.country.upper() for a in read)
    diet.countries = _spread(countries, len(read))
    diet.languages = _spread(Counter(a.language for a in read), len(read))
    ownership = Counter(a.source.ownership for a in read)
    diet.ownership = _spread(ownership, len(read))
    diet.suggestions = _suggestions(user, read, countries, ownership)
    return diet


def _spread(counts: Counter[str], total: int) -> list[Share]:
    """The largest ``TOP`` rows, then one row for the rest ("…"), each with its share."""
    rows = [Share(key, n, n / total) for key, n in counts.most_common(TOP)]
    rest = total - sum(row.count for row in rows)
    if rest:
        rows.append(Share("…", rest, rest / total))
    return rows


def _suggestions(
    user: User, read: list[Article], countries: Counter[str], ownership: Counter[str]
) -> list[Article]:
    followed = Follow.objects.filter(user=user, kind=FollowKind.STORY).values_list(
        "value", flat=True
    )
    story_ids = [int(value) for value in followed if value.isdigit()]
    recent = Placement.objects.filter(article__in=[a.pk for a in read[:STORIES_LOOKED_AT]])
    story_ids += list(recent.values_list("story_id", flat=True))
    story_ids = list(dict.fromkeys(story_ids))[:STORIES_LOOKED_AT]
    if not story_ids:
        return []
    usual = {a.source_id for a in read}
    seen = {a.pk for a in read}
    candidates = (
        Article.objects.filter(status=ArticleStatus.READY, placement__story_id__in=story_ids)
        .exclude(source_id__in=usual)
        .exclude(pk__in=seen)
        .select_related("source")
        .only(
            "id",
            "title",
            "published_at",
            "source__id",
            "source__name",
            "source__slug",
            "source__country",
            "source__ownership",
        )
        .order_by("-published_at")[:200]
    )
    # Least-read country and ownership first; then the newest. One article a source.
    ranked = sorted(
        candidates,
        key=lambda a: (
            countries.get(a.source.country.upper(), 0),
            ownership.get(a.source.ownership, 0),
        ),
    )
    chosen: list[Article] = []
    sources: set[int] = set()
    for article in ranked:
        if article.source_id not in sources:
            chosen.append(article)
            sources.add(article.source_id)
        if len(chosen) == SUGGESTIONS:
            break
    return chosen

"""The "For you" feed: recent articles ranked by what the reader follows and reads.

Candidates are the ready articles of the last ``WINDOW`` (3 days), copies left out (an article
placed as the ``duplicate_of`` another) and muted sources never included. They are gathered by
index-friendly queries, each capped at ``CANDIDATES`` rows, newest first: the newest articles,
the articles of followed sources, of followed stories, of the sources the reader reads most,
of today's top stories, and those whose title or description contains a followed topic or
region. The reader's rules (and the site-wide ones) then leave out what they hide, before any
ranking, so pages stay consistent.

Each candidate scores ``interest * recency * seen``:

- ``interest = 0.2 (base) + 3 * [followed source] + 4 * [in a followed story]
  + 2 * min(topics matched, 2) + 2 * [a followed region matched] + 3 * affinity(source)
  + 1 * [in a top story]``, where a followed source counts for the articles it publishes and
  for those its feeds brought from other publishers (a digest's items, credited to their own
  publisher: decision 35), and ``affinity(source)`` is the share of the reader's last 200 reads
  that came from the article's source (0 to 1). A followed topic matches an article tagged
  with that topic's slug (``ArticleTopic``) or, for a free-text topic, whole words of the title
  or description, case ignored. A followed region matches an article tagged with that place or
  a place inside it (``ArticlePlace``); an article not tagged yet falls back to whole words of
  its title or description. The region of the reader's profile counts as a followed region.
- ``recency = 1 / (1 + age_hours / 24)``: half the weight after a day, a third after two.
- ``seen = 0.25`` for an article the reader has already read, else 1.

A reader who chose languages (``Reader.languages``) gets only articles in those languages.

Ties go to the newer article, then the higher id, so the order is deterministic. A reader with
no follows and no history thus gets today's top stories first, then the newest articles.

Paging: the first page fixes an anchor time (``now``); later pages rank the same candidates
(published up to the anchor) with the same clock and continue at an offset, so a page never
repeats or skips an article because the clock moved or new articles arrived.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.editions import reader_languages
from newsdesk.desk.places.reading import (
    region_article_ids,
    region_ids_for_names,
    tagged_article_ids,
)
from newsdesk.desk.readers.following import followed_values, muted_source_ids
from newsdesk.desk.readers.rules import screen_articles
from newsdesk.desk.reading import CARD_FIELDS, in_languages
from newsdesk.desk.stories.reading import top_stories
from newsdesk.desk.topics import topics_of_articles
from newsdesk.places.models import ArticlePlace
from newsdesk.readers.models import FollowKind, Reader, ReadMark
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement

WINDOW = timedelta(days=3)
CANDIDATES = 300
MAX_OFFSET = 1000
AFFINITY_READS = 200
AFFINITY_SOURCES = 5
TOP_STORY_COUNT = 10

BASE = 0.2
FOLLOWED_SOURCE = 3.0
FOLLOWED_STORY = 4.0
TOPIC = 2.0
TOPICS_COUNTED = 2
REGION = 2.0
AFFINITY = 3.0
TOP_STORY = 1.0
RECENCY_HOURS = 24.0
SEEN = 0.25


@dataclass(frozen=True)
class Position:
    """Where a page of "For you" starts: the anchor time of the first page and an offset."""

    anchor: datetime
    offset: int

    def token(self) -> str:
        return f"{int(self.anchor.timestamp())}.{self.offset}"

    @classmethod
    def parse(cls, token: str) -> Position | None:
        """The position a ``token()`` wrote, or None for anything else."""
        match = re.fullmatch(r"(\d{1,11})\.(\d{1,6})", token or "")
        if match is None:
            return None
        anchor = datetime.fromtimestamp(int(match.group(1)), tz=UTC)
        return cls(anchor, min(int(match.group(2)), MAX_OFFSET))


@dataclass(frozen=True)
class Pick:
    """One ranked article and why it is there."""

    article: Article
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ForYouPage:
    picks: list[Pick]
    next: Position | None

    @property
    def articles(self) -> list[Article]:
        return [pick.article for pick in self.picks]


@dataclass(frozen=True)
class Interests:
    sources: set[int]
    stories: set[int]
    topics: list[re.Pattern[str]]
    topic_terms: list[str]
    regions: list[re.Pattern[str]]
    region_terms: list[str]
    affinity: dict[int, float]
    muted: set[int]
    region_places: tuple[int, ...] = ()  # the places of the followed regions


def for_you(
    user: User, now: datetime, limit: int = 20, before: Position | None = None
) -> ForYouPage:
    """One page of the reader's "For you" feed (see the module docstring for the formula)."""
    limit = max(1, min(limit, 100))
    position = before or Position(now, 0)
    clock = position.anchor
    interests = _interests(user)
    languages = reader_languages(user)
    recent = _recent(clock, interests.muted).filter(in_languages(languages, unknown=True))
    top_story_ids = {card.story.pk for card in top_stories(clock, TOP_STORY_COUNT, languages)}
    candidates = _candidates(recent, interests, top_story_ids)
    kept = screen_articles(user, [article for article, _ in candidates.values()])
    candidates = {article.pk: candidates[article.pk] for article in kept}
    tagged = topics_of_articles(candidates, interests.topic_terms)
    regional = _regional(list(candidates), interests)
    read = set(
        ReadMark.objects.filter(user=user, article_id__in=list(candidates)).values_list(
            "article_id", flat=True
        )
    )
    picks = [
        _score(
            article,
            story_id,
            interests,
            top_story_ids,
            article.pk in read,
            clock,
            tagged.get(article.pk, set()),
            regional.get(article.pk),
        )
        for article, story_id in candidates.values()
    ]
    picks.sort(key=_rank, reverse=True)
    page = picks[position.offset : position.offset + limit]
    following = position.offset + limit
    more = following < len(picks) and following <= MAX_OFFSET
    return ForYouPage(page, Position(clock, following) if more else None)


def _followed_source(article: Article, interests: Interests) -> bool:
    """Whether the reader follows the article's publisher, or the source whose feed brought it
    (a digest or aggregator feed credits each article to its own publisher: decision 35)."""
    via = getattr(article, "via_source_id", None)
    return article.source_id in interests.sources or via in interests.sources


def _rank(pick: Pick) -> tuple[float, datetime, int]:
    published = pick.article.published_at or datetime.min.replace(tzinfo=UTC)
    return (round(pick.score, 9), published, pick.article.pk)


def _words(terms: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE) for term in terms]


def _interests(user: User) -> Interests:
    slugs = followed_values(user, FollowKind.SOURCE)
    source_ids = set(Source.objects.filter(slug__in=slugs).values_list("id", flat=True))
    stories = {int(v) for v in followed_values(user, FollowKind.STORY) if v.isdigit()}
    topics = followed_values(user, FollowKind.TOPIC)
    regions = followed_values(user, FollowKind.REGION)
    home = Reader.objects.filter(user=user).values_list("region", flat=True).first()
    if home and home.strip() and home.strip().lower() not in {r.lower() for r in regions}:
        regions.append(home.strip())
    recent_reads = ReadMark.objects.filter(user=user).order_by("-read_at", "-id")
    sources_read = Counter(
        recent_reads.values_list("article__source_id", flat=True)[:AFFINITY_READS]
    )
    total = sum(sources_read.values())
    affinity = {
        source_id: count / total for source_id, count in sources_read.most_common(AFFINITY_SOURCES)
    }
    return Interests(
        sources=source_ids,
        stories=stories,
        topics=_words(topics),
        topic_terms=topics,
        regions=_words(regions),
        region_terms=regions,
        region_places=tuple(region_ids_for_names(regions)),
        affinity=affinity,
        muted=muted_source_ids(user),
    )


def _recent(clock: datetime, muted: set[int]) -> QuerySet[Article]:
    copies = Placement.objects.filter(article_id=OuterRef("pk"), duplicate_of__isnull=False)
    return (
        Article.objects.filter(
            status=ArticleStatus.READY,
            published_at__gte=clock - WINDOW,
            published_at__lte=clock,
        )
        .exclude(source_id__in=muted)
        .filter(~Exists(copies))
        .select_related("source", "image")
        .only(*CARD_FIELDS)
        .annotate(via_source_id=F("feed__source_id"))
        .order_by("-published_at", "-id")
    )


def _term_filter(terms: list[str]) -> Q:
    query = Q()
    for term in terms:
        query |= Q(title__icontains=term) | Q(description__icontains=term)
    return query


def _candidates(
    recent: QuerySet[Article], interests: Interests, top_story_ids: set[int]
) -> dict[int, tuple[Article, int | None]]:
    """Each candidate article by id, with the story it is placed in."""
    queries = [recent]
    if interests.sources:
        followed = list(interests.sources)
        queries.append(recent.filter(Q(source_id__in=followed) | Q(feed__source_id__in=followed)))
    if interests.affinity:
        queries.append(recent.filter(source_id__in=list(interests.affinity)))
    stories = interests.stories | top_story_ids
    if stories:
        queries.append(recent.filter(placement__story_id__in=stories))
    terms = interests.topic_terms + interests.region_terms
    if terms:
        queries.append(recent.filter(_term_filter(terms)))
    if interests.region_places:
        queries.append(recent.filter(pk__in=tagged_article_ids(interests.region_places)))
    if interests.topic_terms:  # a followed topic's slug names the articles tagged with it
        queries.append(recent.filter(topics__slug__in=interests.topic_terms).distinct())
    found: dict[int, Article] = {}
    for query in queries:
        for article in query[:CANDIDATES]:
            found.setdefault(article.pk, article)
    placed = dict(
        Placement.objects.filter(article_id__in=list(found)).values_list("article_id", "story_id")
    )
    return {pk: (article, placed.get(pk)) for pk, article in found.items()}


def _regional(article_ids: list[int], interests: Interests) -> dict[int, bool]:
    """For each candidate tagged with places: whether one is a followed region (or inside one)."""
    tagged = ArticlePlace.objects.filter(article_id__in=article_ids).values_list(
        "article_id", flat=True
    )
    hits = region_article_ids(article_ids, interests.region_places)
    return {article_id: article_id in hits for article_id in set(tagged)}


def _score(
    article: Article,
    story_id: int | None,
    interests: Interests,
    top_story_ids: set[int],
    seen: bool,
    clock: datetime,
    topic_slugs: set[str] | None = None,
    regional: bool | None = None,
) -> Pick:
    reasons: list[str] = []
    interest = BASE
    if _followed_source(article, interests):
        interest += FOLLOWED_SOURCE
        reasons.append("source")
    if story_id is not None and story_id in interests.stories:
        interest += FOLLOWED_STORY
        reasons.append("story")
    text = f"{article.title}\n{article.description}"
    slugs = topic_slugs or set()
    topics = sum(
        1
        for term, pattern in zip(interests.topic_terms, interests.topics, strict=True)
        if term in slugs or pattern.search(text)
    )
    if topics:
        interest += TOPIC * min(topics, TOPICS_COUNTED)
        reasons.append("topic")
    if regional is None:  # not tagged with places yet: the region's name in the text
        regional = any(pattern.search(text) for pattern in interests.regions)
    if regional:
        interest += REGION
        reasons.append("region")
    share = interests.affinity.get(article.source_id, 0.0)
    if share:
        interest += AFFINITY * share
        reasons.append("reading")
    if story_id is not None and story_id in top_story_ids:
        interest += TOP_STORY
        reasons.append("top")
    published = article.published_at or clock
    age_hours = max((clock - published).total_seconds() / 3600, 0.0)
    score = interest / (1 + age_hours / RECENCY_HOURS) * (SEEN if seen else 1.0)
    return Pick(article, score, tuple(reasons))

"""Read-side queries for the story pages and the story parts of other pages.

- ``story_page``: a story with every ready article, as a timeline and grouped by source, each
  with how well it fitted the story and the names it shared; copies sit under their original.
- ``article_story``: the live story of an article, looked up once for everything a page shows
  of it (coverage, related stories, the comment thread).
- ``article_coverage``: the other articles of an article's story, for the article page.
- ``related_stories``: recent stories like an article's story, for the article page.
- ``top_stories``: the broad, recent stories at the top of the home page.

Pages only see ready articles and live stories; a merged story is answered with the address of
the story it joined (``resolve_story``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.desk.reading import CARD_FIELDS, RELATED_COUNT, in_languages
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement, Story, StoryKey

STORY_ARTICLE_LIMIT = 300
MAX_MERGE_HOPS = 10
TOP_WINDOW = timedelta(hours=48)
TOP_COUNT = 6
TOP_CANDIDATES = 200
RELATED_WINDOW = timedelta(days=3)
RELATED_CANDIDATES = 40
RELATED_MIN_SCORE = 0.05
# Scores this close are a tie, broken by source diversity and then recency.
RELATED_SCORE_STEP = 0.02
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)
STORY_FIELDS = (
    "id",
    "headline",
    "article_count",
    "source_count",
    "first_published_at",
    "last_published_at",
    "merged_into_id",
)


# Fit (percent) from which an article "closely" or "well" matches its story, as readers are told.
CLOSE_MATCH, GOOD_MATCH = 50, 25
MAX_NAMES = 5


@dataclass
class StoryArticle:
    """One article of a story, with the copies of it that other sources published."""

    article: Article
    score: float | None
    shared_entities: list[str]
    copies: list[Article] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return None if self.score is None else round(min(max(self.score, 0.0), 1.0) * 100)

    @property
    def match(self) -> str:
        """How well the article fitted the story when it joined, in a reader's words: "close"
        (half or more), "good" (a quarter or more), "loose", or "" for the article that
        started the story."""
        percent = self.percent
        if percent is None:
            return ""
        return "close" if percent >= CLOSE_MATCH else "good" if percent >= GOOD_MATCH else "loose"

    @property
    def names(self) -> list[str]:
        """The names it shared with the story, as the article writes them (in its title or
        summary); shared terms it does not write that way (stems, key phrases) are left out."""
        text = f"{self.article.title}\n{self.article.description}"
        found: list[str] = []
        for name in self.shared_entities:
            written = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
            if written and written.group(0).casefold() not in {f.casefold() for f in found}:
                found.append(written.group(0))
        return found[:MAX_NAMES]


@dataclass(frozen=True)
class SourceGroup:
    source: Source
    articles: list[StoryArticle]


@dataclass(frozen=True)
class StoryPage:
    story: Story
    lead: StoryArticle | None
    timeline: list[StoryArticle]  # originals, oldest first
    groups: list[SourceGroup]  # by source, the source with most articles first
    article_count: int
    source_count: int
    truncated: bool


@dataclass(frozen=True)
class Coverage:
    """The other articles of an article's story, for that article's page."""

    story: Story
    groups: list[SourceGroup]
    article_count: int
    source_count: int
    copies: list[Article]  # the same text as the article, published again by others


@dataclass(frozen=True)
class StoryCard:
    story: Story
    lead: Article
    score: float


def resolve_story(story_id: int) -> Story | None:
    """The story, or the live story a merged one joined (following merges), or None."""
    story = Story.objects.only(*STORY_FIELDS).filter(pk=story_id).first()
    hops = 0
    while story is not None and story.merged_into_id is not None and hops < MAX_MERGE_HOPS:
        story = Story.objects.only(*STORY_FIELDS).filter(pk=story.merged_into_id).first()
        hops += 1
    return story


def is_live_story(story_id: int) -> bool:
    return Story.objects.filter(pk=story_id, merged_into__isnull=True).exists()


def story_of_article(article_id: int) -> int | None:
    """The story an article is placed in, or None."""
    return (
        Placement.objects.filter(article_id=article_id).values_list("story_id", flat=True).first()
    )


_ARTICLE_STORY = PreparedQuery[Story](
    lambda article_id: (
        Story.objects.only(*STORY_FIELDS, "profile", "embedding")
        .filter(placements__article_id=article_id)
        .order_by("pk")[:1]
    ),
    article_id=int,
)


def article_story(article_id: int) -> Story | None:
    """The live story the article is placed in (following merges), or None. One query in the
    usual case, and the story comes with its profile, which ``related_stories`` reads."""
    found = _ARTICLE_STORY.run(article_id=article_id)
    story = found[0] if found else None
    if story is not None and story.merged_into_id is not None:
        return resolve_story(story.merged_into_id)
    return story


def _story_placements(story_id: int, limit: int = STORY_ARTICLE_LIMIT) -> QuerySet[Placement]:
    """A story's placements of ready articles with their cards, by time, one beyond ``limit``."""
    return (
        Placement.objects.filter(story_id=story_id, article__status=ArticleStatus.READY)
        .select_related("article", "article__source", "article__image")
        .only(
            "article_id",
            "story_id",
            "score",
            "shared_entities",
            "duplicate_of_id",
            "published_at",
            *(f"article__{name}" for name in CARD_FIELDS),
        )
        .order_by("published_at", "article_id")[: limit + 1]
    )


_STORY_PLACEMENTS = PreparedQuery[Placement](_story_placements, story_id=int)


def _story_articles(story: Story, limit: int) -> tuple[list[StoryArticle], bool]:
    """Originals of a story, oldest first, each with its copies; and whether any were left out."""
    if limit == STORY_ARTICLE_LIMIT:
        placements = _STORY_PLACEMENTS.run(story_id=story.pk)
    else:
        placements = list(_story_placements(story.pk, limit))
    truncated = len(placements) > limit
    placements = placements[:limit]
    originals: dict[int, StoryArticle] = {}
    copies: list[Placement] = []
    for placement in placements:
        if placement.duplicate_of_id is None:
            originals[placement.article_id] = StoryArticle(
                placement.article, placement.score, list(placement.shared_entities or [])
            )
        else:
            copies.append(placement)
    for placement in copies:
        original = originals.get(placement.duplicate_of_id or 0)
        if original is not None:
            original.copies.append(placement.article)
        else:  # its original is not ready or not in this story: show the copy itself
            originals[placement.article_id] = StoryArticle(
                placement.article, placement.score, list(placement.shared_entities or [])
            )
    timeline = sorted(originals.values(), key=_when)
    return timeline, truncated


def _when(entry: StoryArticle) -> tuple[datetime, int]:
    return entry.article.published_at or _NEVER, entry.article.pk


def _by_source(entries: list[StoryArticle]) -> list[SourceGroup]:
    groups: dict[int, list[StoryArticle]] = defaultdict(list)
    sources: dict[int, Source] = {}
    for entry in entries:
        source = entry.article.source
        sources[source.pk] = source
        groups[source.pk].append(entry)
    ordered = sorted(groups, key=lambda pk: (-len(groups[pk]), sources[pk].name.lower()))
    return [SourceGroup(sources[pk], sorted(groups[pk], key=_when, reverse=True)) for pk in ordered]


def _counts(entries: list[StoryArticle]) -> tuple[int, int]:
    sources = {e.article.source_id for e in entries}
    sources.update(copy.source_id for e in entries for copy in e.copies)
    return len(entries), len(sources)


def story_page(story: Story, limit: int = STORY_ARTICLE_LIMIT) -> StoryPage:
    timeline, truncated = _story_articles(story, limit)
    lead_id = Story.objects.filter(pk=story.pk).values_list("lead_article_id", flat=True).first()
    lead = next((e for e in timeline if e.article.pk == lead_id), None)
    if lead is None and timeline:
        lead = timeline[0]
    articles, sources = _counts(timeline)
    if truncated:
        articles, sources = max(articles, story.article_count), max(sources, story.source_count)
    return StoryPage(story, lead, timeline, _by_source(timeline), articles, sources, truncated)


def story_page_showing(page: StoryPage, shown: set[int]) -> StoryPage:
    """The page with only the timeline entries whose article is in ``shown`` (what the reader's
    rules let through); the story's counts stay those of the whole story."""
    timeline = [entry for entry in page.timeline if entry.article.pk in shown]
    lead = page.lead if page.lead is not None and page.lead.article.pk in shown else None
    if lead is None and timeline:
        lead = timeline[0]
    return replace(page, lead=lead, timeline=timeline, groups=_by_source(timeline))


def article_coverage(
    article: Article, story: Story | None, limit: int = STORY_ARTICLE_LIMIT
) -> Coverage | None:
    """The other articles of the article's story (``article_story``) by source; None unless
    there are others."""
    if story is None:
        return None
    timeline, _ = _story_articles(story, limit)
    if len(timeline) + sum(len(e.copies) for e in timeline) < 2:
        return None
    articles, sources = _counts(timeline)
    others: list[StoryArticle] = []
    own_copies: list[Article] = []
    for entry in timeline:
        if entry.article.pk == article.pk:
            own_copies = entry.copies
            continue
        copies = [copy for copy in entry.copies if copy.pk != article.pk]
        others.append(StoryArticle(entry.article, entry.score, entry.shared_entities, copies))
    if not others and not own_copies:
        return None
    return Coverage(story, _by_source(others), articles, sources, own_copies)


def top_stories(
    now: datetime, count: int = TOP_COUNT, languages: Sequence[str] = ()
) -> list[StoryCard]:
    """Live stories of the last 48 hours with at least two articles, broadest and newest first
    (only stories with an article in one of ``languages``, when given).

    Each story scores ``source_count / (hours_since_last + 2) ** 1.5``: the number of sources
    covering it, decayed by the hours since its newest article (the ``+ 2`` keeps a story that
    broke minutes ago from outranking everything). Ties go to the newer story.
    """
    # Scored on three columns of each candidate; only the winners are read as cards.
    candidates = (
        Story.objects.filter(
            merged_into__isnull=True,
            last_published_at__gte=now - TOP_WINDOW,
            article_count__gte=2,
            lead_article__status=ArticleStatus.READY,
        )
        .filter(_in_languages(languages))
        .order_by("-last_published_at", "-id")
        .values_list("id", "source_count", "last_published_at")[:TOP_CANDIDATES]
    )
    scores: dict[int, tuple[float, datetime]] = {}
    for story_id, source_count, last_published_at in candidates:
        if last_published_at is None:
            continue
        hours = max((now - last_published_at).total_seconds() / 3600, 0.0)
        scores[story_id] = (source_count / (hours + 2) ** 1.5, last_published_at)
    best = sorted(scores, key=lambda story_id: scores[story_id], reverse=True)[:count]
    stories = (
        Story.objects.filter(pk__in=best)
        .select_related("lead_article", "lead_article__source", "lead_article__image")
        .only(*STORY_FIELDS, *(f"lead_article__{name}" for name in CARD_FIELDS))
    )
    cards = [
        StoryCard(story, story.lead_article, scores[story.pk][0])
        for story in stories
        if story.lead_article is not None
    ]
    cards.sort(key=lambda card: scores[card.story.pk], reverse=True)
    return cards


def _in_languages(languages: Sequence[str]) -> Q:
    """Stories with a ready article in one of the languages; every story when none are given."""
    if not languages:
        return Q()
    articles = Placement.objects.filter(
        in_languages(languages, "article__language", unknown=True),
        story_id=OuterRef("pk"),
        article__status=ArticleStatus.READY,
    )
    return Q(Exists(articles))


def _sharing_keys(story_id: int, window: Q) -> QuerySet[Any, int]:
    """Ids of the live stories sharing most blocking keys with the story, seen in ``window``."""
    keys = StoryKey.objects.filter(story_id=story_id).values("key")
    return (
        StoryKey.objects.filter(window, key__in=keys, story__merged_into__isnull=True)
        .exclude(story_id=story_id)
        .values("story_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "-story_id")
        .values_list("story_id", flat=True)[:RELATED_CANDIDATES]
    )


_SHARING_KEYS = PreparedQuery[int](
    lambda story_id, since, until: _sharing_keys(
        story_id, Q(seen_at__gte=since, seen_at__lte=until)
    ),
    story_id=int,
    since=datetime,
    until=datetime,
)


def related_stories(
    article: Article, story: Story | None, count: int = RELATED_COUNT
) -> list[StoryCard]:
    """Recent live stories most like the article's story (``article_story``; none when it has
    no story).

    Candidates share a blocking key with the story within ``RELATED_WINDOW`` of its newest
    article; they are scored by ``match_profiles`` on the stories' profiles. Scores within
    ``RELATED_SCORE_STEP`` count as equal, and then a source not yet listed comes first, then the
    newer story.
    """
    if story is None:
        return []
    anchor = story.last_published_at or article.published_at
    ids: list[int]
    if anchor is None:
        ids = list(_sharing_keys(story.pk, Q()))
    else:
        ids = _SHARING_KEYS.run(
            story_id=story.pk, since=anchor - RELATED_WINDOW, until=anchor + RELATED_WINDOW
        )
    if not ids:
        return []
    # Here, not at the top: they load numpy, which a page without related stories does not need.
    from newsdesk.desk.stories.upkeep import load_profile
    from newsdesk.pipeline.cluster import match_profiles

    own = story
    if {"profile", "embedding"} & story.get_deferred_fields():
        own = Story.objects.only("id", "profile", "embedding").get(pk=story.pk)
    profile = load_profile(own)
    candidates = (
        Story.objects.filter(pk__in=ids, lead_article__status=ArticleStatus.READY)
        .select_related("lead_article", "lead_article__source", "lead_article__image")
        .only(
            *STORY_FIELDS,
            "profile",
            "embedding",
            *(f"lead_article__{name}" for name in CARD_FIELDS),
        )
    )
    scored = []
    for candidate in candidates:
        if candidate.lead_article is None:
            continue
        score = match_profiles(profile, load_profile(candidate)).score
        if score >= RELATED_MIN_SCORE:
            scored.append(StoryCard(candidate, candidate.lead_article, score))
    return _diverse(scored, count)


def _diverse(cards: list[StoryCard], count: int) -> list[StoryCard]:
    """Best first; near-equal scores prefer a source not listed yet, then the newer story."""
    chosen: list[StoryCard] = []
    used: dict[int, int] = defaultdict(int)
    remaining = list(cards)
    while remaining and len(chosen) < count:

        def rank(card: StoryCard) -> tuple[int, int, float]:
            newest = card.story.last_published_at
            return (
                round(card.score / RELATED_SCORE_STEP),
                -used[card.lead.source_id],
                newest.timestamp() if newest else 0.0,
            )

        best = max(remaining, key=rank)
        remaining.remove(best)
        chosen.append(best)
        used[best.lead.source_id] += 1
    return chosen

"""Topics on the desk: tagging articles with topics, a story's topics, and the topic lists.

- ``tag_article_topics``: classify one article (``newsdesk.pipeline.topics.classify_topics``,
  with the article's language) and replace its ``ArticleTopic`` rows in one transaction, so
  tagging again is harmless. ``foreign_places`` tells the classifier the article is about places
  outside its source's home country, from the places it was tagged with. ``topic_scores`` and
  ``store_topics`` are its two halves, for a batch that stores many articles' topics together.
- ``story_topics``: the topics most of a story's articles share.
- ``topic_stories``: live stories with an article about a topic (or one of its finer topics),
  newest or broadest first, as a query set the pages and the API page through.

An article keeps its best top-level topic, the other top-level ones scoring at least
``KEEP_SHARE`` of it, and the finer topics under those that score at least ``FINER_MIN``, at
most ``MAX_TOPICS`` in all, so a passing mention does not put an article under a topic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, QuerySet

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.desk.reading import API_CARD_FIELDS
from newsdesk.pipeline.lang import primary_subtag
from newsdesk.pipeline.topics import TOPICS, Topic, TopicScore, classify_topics, topic_by_slug
from newsdesk.places.models import ArticlePlace
from newsdesk.stories.models import Placement, Story
from newsdesk.topics.models import ArticleTopic

MAX_TOPICS = 5
KEEP_SHARE = 0.5
FINER_MIN = 0.25
# The text a topic is read from: the title and the start of the body (the lead says it all).
TEXT_CHARS = 4000
STORY_SAMPLE = 200
TOP_POOL = 500
LEAD_FIELDS = tuple(f"lead_article__{name}" for name in API_CARD_FIELDS)
STORY_TOPICS = 3
NEWEST, BROADEST = "newest", "top"
ORDERINGS = {
    NEWEST: ("-last_published_at", "-id"),
    BROADEST: ("-source_count", "-last_published_at", "-id"),
}


def topic(slug: str) -> Topic | None:
    return topic_by_slug(slug)


def top_level() -> list[Topic]:
    return [t for t in TOPICS if t.parent is None]


def finer(slug: str) -> list[Topic]:
    """The topics directly under ``slug``."""
    return [t for t in TOPICS if t.parent == slug]


def with_finer(slug: str) -> list[str]:
    """The slug and every topic below it (a page of "business" lists "business-markets" too)."""
    found = [slug]
    for child in finer(slug):
        found.extend(with_finer(child.slug))
    return found


def kept(scores: list[TopicScore]) -> list[TopicScore]:
    """The scores an article keeps, in the classifier's order: the top-level topics scoring at
    least ``KEEP_SHARE`` of the best one, and under each of them the finer topics scoring at
    least ``FINER_MIN``; ``MAX_TOPICS`` at most."""
    known = [s for s in scores if s.score > 0 and topic_by_slug(s.slug) is not None]
    tops = [s for s in known if _parent(s.slug) is None]
    if not tops:
        return []
    best = max(s.score for s in tops)
    chosen = {s.slug for s in tops if s.score >= best * KEEP_SHARE}
    result = [
        s for s in known if s.slug in chosen or (_parent(s.slug) in chosen and s.score >= FINER_MIN)
    ]
    return list({s.slug: s for s in result}.values())[:MAX_TOPICS]


def _parent(slug: str) -> str | None:
    found = topic_by_slug(slug)
    return found.parent if found is not None else None


def tag_article_topics(article: Article, foreign_places: bool | None = None) -> list[TopicScore]:
    """Classify the article and store its topics (replacing earlier ones); returns them.

    ``foreign_places`` is ``about_foreign_places(article)`` when the caller knows it already
    (it has just tagged the article's places); read from the place rows when None."""
    if foreign_places is None:
        foreign_places = about_foreign_places(article)
    scores = topic_scores(article, foreign_places)
    rows = _topic_rows(article.pk, scores)
    stored = ArticleTopic.objects.filter(article_id=article.pk).order_by("rank")
    before = list(stored.values_list("slug", "score"))
    if before == [(row.slug, row.score) for row in rows]:
        return scores  # tagged the same before: nothing to write
    # No savepoint of its own: inside a caller's transaction a failure undoes the caller's work
    # too (tag_articles gives each article one savepoint); alone, this is the transaction.
    with transaction.atomic(savepoint=False):
        if before:
            ArticleTopic.objects.filter(article_id=article.pk).delete()
        ArticleTopic.objects.bulk_create(rows)
    return scores


def topic_scores(article: Article, foreign_places: bool) -> list[TopicScore]:
    """The topics the article keeps, best first (what ``tag_article_topics`` stores)."""
    text = (article.text or article.description or "")[:TEXT_CHARS]
    return kept(
        classify_topics(
            article.title or "",
            text,
            language=primary_subtag(article.language),
            foreign_places=foreign_places,
        )
    )


def store_topics(scored: list[tuple[int, list[TopicScore]]]) -> None:
    """``tag_article_topics``'s writes for many articles (id, kept scores) at once: their rows
    read in one query, and only the articles whose topics changed deleted and written, in one
    statement each. Inside the caller's transaction."""
    ids = [article_id for article_id, _ in scored]
    rows = ArticleTopic.objects.filter(article_id__in=ids).order_by("article_id", "rank")
    before: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for article_id, slug, score in rows.values_list("article_id", "slug", "score"):
        before[article_id].append((slug, score))
    changed: dict[int, list[ArticleTopic]] = {}
    for article_id, scores in scored:
        fresh = _topic_rows(article_id, scores)
        if before.get(article_id, []) != [(row.slug, row.score) for row in fresh]:
            changed[article_id] = fresh
    stale = [article_id for article_id in changed if article_id in before]
    if stale:
        ArticleTopic.objects.filter(article_id__in=stale).delete()
    ArticleTopic.objects.bulk_create([row for fresh in changed.values() for row in fresh])


def _topic_rows(article_id: int, scores: list[TopicScore]) -> list[ArticleTopic]:
    return [
        ArticleTopic(article_id=article_id, slug=s.slug, score=round(s.score, 4), rank=rank)
        for rank, s in enumerate(scores)
    ]


def about_foreign_places(article: Article) -> bool:
    """Whether the places named in the article lie outside its source's home country.

    Read from its ``ArticlePlace`` rows named in the text, with their ``Place.country_code``;
    False without a home country.
    """
    home = (article.source.country or "").upper()
    if not home:
        return False
    named = ArticlePlace.objects.filter(article_id=article.pk, direct=True, origin="text")
    countries = {code.upper() for code in named.values_list("place__country_code", flat=True)}
    countries.discard("")
    return bool(countries - {home})


def article_topics(article_id: int) -> list[str]:
    """The article's topic slugs, best first."""
    return _ARTICLE_TOPICS.run(article_id=article_id)


_ARTICLE_TOPICS = PreparedQuery[str](
    lambda article_id: (
        ArticleTopic.objects.filter(article_id=article_id)
        .order_by("rank")
        .values_list("slug", flat=True)
    ),
    article_id=int,
)


def topics_of_articles(
    article_ids: Iterable[int], slugs: Iterable[str] = ()
) -> dict[int, set[str]]:
    """The topic slugs of each article (only ``slugs`` when given), in one query."""
    rows = ArticleTopic.objects.filter(article_id__in=list(article_ids))
    wanted = list(slugs)
    if wanted:
        rows = rows.filter(slug__in=wanted)
    found: dict[int, set[str]] = defaultdict(set)
    for article_id, slug in rows.values_list("article_id", "slug"):
        found[article_id].add(slug)
    return dict(found)


def ranked_topics_of_articles(article_ids: Iterable[int]) -> dict[int, list[str]]:
    """The topic slugs of each article, best first, in one query."""
    rows = ArticleTopic.objects.filter(article_id__in=list(article_ids)).order_by("rank", "slug")
    found: dict[int, list[str]] = defaultdict(list)
    for article_id, slug in rows.values_list("article_id", "slug"):
        found[article_id].append(slug)
    return dict(found)


def story_topics(story_id: int, count: int = STORY_TOPICS) -> list[str]:
    """The topics at least half of the story's tagged articles share, most shared first.

    When no topic reaches half (a story its articles disagree about), the most shared top-level
    topic stands for it. Read from the newest ``STORY_SAMPLE`` articles of the story.
    """
    placed = (
        Placement.objects.filter(story_id=story_id, article__status=ArticleStatus.READY)
        .order_by("-published_at")
        .values_list("article_id", flat=True)[:STORY_SAMPLE]
    )
    per_article = topics_of_articles(list(placed))
    if not per_article:
        return []
    shared = Counter(slug for slugs in per_article.values() for slug in slugs)
    ordered = sorted(shared, key=lambda slug: (-shared[slug], slug))
    most = [slug for slug in ordered if shared[slug] * 2 >= len(per_article)]
    if most:
        return most[:count]
    tops = [slug for slug in ordered if (t := topic_by_slug(slug)) and t.parent is None]
    return tops[:1]


def topic_stories(slug: str, order: str = NEWEST) -> QuerySet[Story]:
    """Live stories with a ready lead and an article about the topic or a finer one: the most
    recently updated first, or (``BROADEST``) those of its ``TOP_POOL`` most recently updated
    with the most sources first.

    The stories are found from the topic's rows (the (slug, article) index) through their
    placements, as a set the ordered scan of stories checks; testing each story for the topic
    instead lets a database walk the whole topic for every story it looks at.
    """
    # Here, not at the top: desk.stories places articles, which tags them with topics here.
    from newsdesk.desk.stories.reading import STORY_FIELDS

    tagged = ArticleTopic.objects.filter(slug__in=with_finer(slug)).values("article_id")
    story_ids = Placement.objects.filter(article_id__in=tagged).values("story_id")
    stories = (
        Story.objects.filter(
            merged_into__isnull=True,
            last_published_at__isnull=False,
            lead_article__status=ArticleStatus.READY,
            pk__in=story_ids,
        )
        .select_related("lead_article", "lead_article__source", "lead_article__image")
        .only(*STORY_FIELDS, "lead_article_id", *LEAD_FIELDS)
    )
    newest = stories.order_by(*ORDERINGS[NEWEST])
    if order != BROADEST:
        return newest
    pool = list(newest.values_list("pk", flat=True)[:TOP_POOL])
    return stories.filter(pk__in=pool).order_by(*ORDERINGS[BROADEST])


def topic_counts() -> dict[str, int]:
    """How many articles each topic has (topics with none are left out)."""
    rows = (
        ArticleTopic.objects.order_by()
        .values("slug")
        .annotate(n=Count("id"))
        .values_list("slug", "n")
    )
    return {slug: n for slug, n in rows if n}

"""Tagging articles after they are ready: their places (and the other tags articles carry).

``tag_articles`` tags each article on its own: a failure (an article gone, a tagger error, a
database error) is recorded with the article's id and the batch carries on. The articles of a
chunk are read in one query and their rows written together (a statement for each kind of row,
not several for each article); only if that write fails is each article written on its own.
Story placement calls it for the articles it is about to place; ``newsdesk tag`` runs it over
stored articles.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.places.tagging import (
    TaggedPlaces,
    about_foreign_places,
    place_rows,
    store_place_rows,
    tag_article_places,
)
from newsdesk.desk.runtime import get_gazetteer
from newsdesk.desk.topics import store_topics, tag_article_topics, topic_scores
from newsdesk.errors import NewsdeskError
from newsdesk.pipeline.geo import Gazetteer
from newsdesk.pipeline.topics import TopicScore
from newsdesk.places.models import ArticlePlace
from newsdesk.topics.models import ArticleTopic

ARTICLE_FIELDS = (
    "id",
    "title",
    "text",
    "description",
    "language",
    "published_at",
    "created_at",
    "source__id",
    "source__country",
)
CHUNK = 50


@dataclass
class TaggingReport:
    tagged: int = 0
    place_rows: int = 0
    topic_rows: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ms_per_article(self) -> float:
        return 1000 * self.seconds / self.tagged if self.tagged else 0.0


def articles_to_tag(*, missing: bool = False, limit: int = 0) -> list[int]:
    """Ready articles, newest first; with ``missing`` only those with no places or no topics
    yet."""
    articles = Article.objects.filter(status=ArticleStatus.READY)
    if missing:
        places = ArticlePlace.objects.filter(article_id=OuterRef("pk"))
        topics = ArticleTopic.objects.filter(article_id=OuterRef("pk"))
        articles = articles.filter(~Exists(places) | ~Exists(topics))
    ids = articles.order_by("-published_at", "-id").values_list("id", flat=True)
    return list(ids[:limit] if limit > 0 else ids)


def tag_articles(
    article_ids: Iterable[int], progress: Callable[[], None] | None = None
) -> TaggingReport:
    """Tag each article's places and topics; per-article failures are recorded, the batch
    carries on."""
    report = TaggingReport()
    ids = list(article_ids)
    if not ids:
        return report  # a story job with nothing to place need not load the gazetteer
    gazetteer = get_gazetteer()  # loaded once per process; not counted in the report's time
    started = time.perf_counter()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # One commit per chunk, one query for its articles and one statement for each kind of
        # row it writes; if those fail, each article again in a savepoint of its own, so a
        # failure rolls back that article only.
        with transaction.atomic():
            articles = _articles(chunk, report)
            if articles is not None:
                _tag_chunk(chunk, articles, gazetteer, report)
        if progress is not None:
            for _ in chunk:
                progress()
    report.seconds = time.perf_counter() - started
    return report


def _articles(ids: list[int], report: TaggingReport) -> dict[int, Article] | None:
    """The chunk's articles by id; None (every article's failure recorded) if the read fails."""
    try:
        with transaction.atomic():  # a savepoint: the chunk's transaction stays usable
            query = Article.objects.select_related("source").only(*ARTICLE_FIELDS)
            return dict(query.in_bulk(ids))
    except DatabaseError as error:
        report.failures.extend((pk, f"{type(error).__name__}: {error}") for pk in ids)
        return None


@dataclass
class _Tagged:
    """One article's tags, made and not yet stored."""

    places: TaggedPlaces
    topics: list[TopicScore]


def _tag_chunk(
    chunk: list[int], articles: dict[int, Article], gazetteer: Gazetteer, report: TaggingReport
) -> None:
    """Make every article's tags, then store them all together; a failure to store them is
    retried article by article, as ``_tag_one`` does it."""
    failures: dict[int, str] = {}
    tagged: dict[int, _Tagged] = {}
    for article_id in chunk:
        article = articles.get(article_id)
        if article is None:
            failures[article_id] = "no such article"
            continue
        try:
            tagged[article_id] = _tags_of(article, gazetteer)
        except (NewsdeskError, ValueError) as error:
            failures[article_id] = f"{type(error).__name__}: {error}"
    if len(set(chunk)) < len(chunk) or not _store_all(tagged, gazetteer):
        for article_id in chunk:  # one by one, each in a savepoint of its own
            if article_id not in failures:
                _tag_one(article_id, articles[article_id], gazetteer, report)
            else:
                report.failures.append((article_id, failures[article_id]))
        return
    for article_id in chunk:
        if article_id in failures:
            report.failures.append((article_id, failures[article_id]))
            continue
        report.tagged += 1
        report.place_rows += len(tagged[article_id].places.rows)
        report.topic_rows += len(tagged[article_id].topics)


def _tags_of(article: Article, gazetteer: Gazetteer) -> _Tagged:
    places = place_rows(gazetteer, article)
    foreign = about_foreign_places(gazetteer, article, places.rows)
    return _Tagged(places, topic_scores(article, foreign_places=foreign))


def _store_all(tagged: dict[int, _Tagged], gazetteer: Gazetteer) -> bool:
    """Store every article's places and topics in one savepoint; False if that failed."""
    try:
        with transaction.atomic():
            store_place_rows(gazetteer, [t.places for t in tagged.values()])
            store_topics([(pk, t.topics) for pk, t in tagged.items()])
    except DatabaseError:
        return False
    return True


def _tag_one(
    article_id: int, article: Article, gazetteer: Gazetteer, report: TaggingReport
) -> None:
    try:
        with transaction.atomic():
            places = tag_article_places(article, gazetteer)
            foreign = about_foreign_places(gazetteer, article, places)
            report.place_rows += len(places)
            report.topic_rows += len(tag_article_topics(article, foreign_places=foreign))
            report.tagged += 1
    except (NewsdeskError, DatabaseError, ValueError) as error:
        report.failures.append((article_id, f"{type(error).__name__}: {error}"))

"""Placing an article: recognise a copy of an earlier article, else find or start its story.

``place_article`` is the online path every ready article takes once:

1. Near-duplicate: its MinHash band keys look up earlier articles of the last
   ``DUPLICATE_WINDOW``; a copy (the same wire text, a re-post under a new headline) is recorded
   as ``duplicate_of`` the first one and joins that article's story, shown once.
2. Otherwise its features are weighed (TF-IDF with this process's document frequencies; for a
   headline-only article also an embedding of the headline, if the embedder reads its
   language), its blocking keys find the stories active in the last ``STORY_WINDOW`` that share
   a strong term (or, for a story with articles in another language, a name or number of its
   anchors), and ``choose_story`` picks one of them or none. With a multilingual embedder
   every article is embedded, and the few live stories nearest its vector are candidates too
   (``nearest.nearest_stories``, ``NEAREST_CANDIDATES``), so reports of one event in two
   languages meet even when they share no key (decision 42). Across two languages the decider
   weighs the embedding, names and numbers, and the days between the article and the story's
   span of publication times (``pipeline.cluster.evidence``, decision 56).

Work per article is bounded by the candidates those indexes return, never by the number of
stored articles. ``place_pending`` places ready articles that have no placement yet, oldest first.
It embeds the pass's articles in one call before placing any (``embed_leads``): USE costs about
half as much an article in a batch of 32 as one at a time (decision 42), and each article's
vector, and so its story, is the one it gets alone. An article that then turns out to be a copy
does not use its vector.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.desk.prepared_writes import insert_rows
from newsdesk.desk.runtime import get_embedder, recheck_embedder
from newsdesk.desk.stories import nearest, terms
from newsdesk.desk.stories.embedded import embedder_name
from newsdesk.desk.stories.upkeep import add_to_story, load_profile, open_story, save_profile
from newsdesk.desk.tagging import tag_articles
from newsdesk.pipeline import dedup
from newsdesk.pipeline.cluster import (
    ArticleFeatures,
    Decision,
    Profile,
    Vectors,
    anchor_keys,
    article_features,
    block_keys,
    choose_story,
    foreign_share,
    weigh,
)
from newsdesk.pipeline.cluster.features import is_short
from newsdesk.pipeline.cluster.keys import NEAREST_CANDIDATES, NEAREST_FLOOR
from newsdesk.pipeline.embed import STORY_LEAD_CHARS, article_text, links_languages
from newsdesk.stories.models import DuplicateKey, Placement, Story, StoryKey

STORY_WINDOW = timedelta(days=3)
DUPLICATE_WINDOW = timedelta(days=7)
MAX_CANDIDATES = 40
ANCHOR_CANDIDATES = 10  # stories found only by names and numbers: kept if in another language


@dataclass(frozen=True)
class Placed:
    article_id: int
    story_id: int
    new_story: bool
    duplicate_of: int | None
    score: float | None


def place_pending(limit: int = 500, now: datetime | None = None) -> list[Placed]:
    """Place up to ``limit`` ready articles without a placement, oldest first."""
    pending = (
        Article.objects.filter(status=ArticleStatus.READY, placement__isnull=True)
        .order_by("published_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    ids = list(pending)
    recheck_embedder()  # a site that began to read another language changes embedder here
    tag_articles(ids)  # places first, so they are there when the story pages are read
    embedded = embed_leads(Article.objects.filter(pk__in=ids))
    return [place_article(article_id, now=now, embedded=embedded) for article_id in ids]


def embed_leads(articles: Iterable[Article]) -> dict[int, np.ndarray | None]:
    """The embedding placement would give each article (None: not embedded), all in one call."""
    leads = {article.pk: _lead(article, is_short(article.text)) for article in articles}
    texts = {pk: text for pk, text in leads.items() if text is not None}
    found: dict[int, np.ndarray | None] = dict.fromkeys(leads)
    if texts:
        vectors = get_embedder().embed(list(texts.values()))
        found.update(
            (pk, vector if float(np.linalg.norm(vector)) > 0 else None)
            for pk, vector in zip(texts, vectors, strict=True)
        )
    return found


def place_article(
    article_id: int,
    now: datetime | None = None,
    embedded: Mapping[int, np.ndarray | None] | None = None,
) -> Placed:
    """Place one article; ``embedded`` may hold its embedding made already (``embed_leads``)."""
    now = now or timezone.now()
    if embedded is None:
        recheck_embedder()
    found = _ARTICLE.run(article_id=article_id)  # the text is what it reads
    if not found:
        raise Article.DoesNotExist("Article matching query does not exist.")
    article = found[0]
    when = article.published_at or article.created_at or now
    signature = dedup.judged_signature(article.text)
    features = article_features(article.title, article.text, language=article.language)
    with transaction.atomic():
        existing = _PLACED.run(article_id=article_id)
        if existing:
            story_id, duplicate_of = existing[0]
            return Placed(article_id, story_id, False, duplicate_of, None)
        original = _earlier_copy(article, signature, when) if signature else None
        if original is not None and signature is not None:
            return _place_copy(article, original, features, signature, when, now)
        if embedded is not None and article_id in embedded:
            embedding = embedded[article_id]
        else:
            embedding = embed_leads([article])[article_id]
        return _place_original(article, features, embedding, signature, when, now)


# Run for every article placed: their SQL is built once (desk.prepared).
_ARTICLE = PreparedQuery[Article](
    lambda article_id: Article.objects.defer("html").filter(pk=article_id), article_id=int
)
_PLACED = PreparedQuery[tuple[int, int | None]](
    lambda article_id: Placement.objects.filter(article_id=article_id).values_list(
        "story_id", "duplicate_of_id"
    ),
    article_id=int,
)


def copy_candidates(keys: list[int], when: datetime, article_id: int) -> QuerySet[Any, Any]:
    """Earlier articles of the window sharing a band key, most shared first (an index search)."""
    return (
        DuplicateKey.objects.filter(key__in=keys, published_at__gte=when - DUPLICATE_WINDOW)
        .exclude(article_id=article_id)
        .values("article_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "article_id")[:MAX_CANDIDATES]
    )


def story_candidates(keys: list[int], when: datetime) -> QuerySet[Any, Any]:
    """Live stories of the window sharing a blocking key, most shared first (an index search)."""
    return (
        StoryKey.objects.filter(
            key__in=keys,
            seen_at__gte=when - STORY_WINDOW,
            seen_at__lte=when + STORY_WINDOW,
            story__merged_into__isnull=True,
        )
        .values("story_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "-story_id")[:MAX_CANDIDATES]
    )


def _earlier_copy(article: Article, signature: tuple[int, ...], when: datetime) -> int | None:
    candidates = copy_candidates(dedup.band_keys(signature), when, article.pk)
    ids = [row["article_id"] for row in candidates]
    stored = dict(
        Placement.objects.filter(article_id__in=ids, signature__isnull=False).values_list(
            "article_id", "signature"
        )
    )
    for candidate in ids:
        blob = stored.get(candidate)
        if blob and dedup.is_near_duplicate(signature, dedup.signature_from_bytes(bytes(blob))):
            return candidate
    return None


def _place_copy(
    article: Article,
    original: int,
    features: ArticleFeatures,
    signature: tuple[int, ...],
    when: datetime,
    now: datetime,
) -> Placed:
    story_id = Placement.objects.values_list("story_id", flat=True).get(article_id=original)
    story = Story.objects.select_for_update().get(pk=story_id)
    Placement.objects.create(
        article=article,
        story=story,
        score=1.0,
        duplicate_of_id=original,
        features=features.to_json(),
        signature=dedup.signature_bytes(signature),
        published_at=when,
        placed_at=now,
    )
    add_to_story(story, article, copy=True, when=when, now=now)
    return Placed(article.pk, story.pk, False, original, 1.0)


def _place_original(
    article: Article,
    features: ArticleFeatures,
    embedding: np.ndarray | None,
    signature: tuple[int, ...] | None,
    when: datetime,
    now: datetime,
) -> Placed:
    embedder = embedder_name() if embedding is not None else ""
    stats = terms.term_stats()
    terms.count(features)
    vectors = weigh(features, stats, embedding, embedder, published=when.timestamp())
    keys = block_keys(vectors)
    decision = _decide(vectors, keys, when)
    story, created = _story_for(decision, now)
    profile = load_profile(story)
    profile.add(vectors)
    save_profile(story, profile)
    # A new story is stored once, with what adding the article to it would write after.
    opened = created and open_story(story, article, when=when, now=now)
    if created and not opened:
        story.save()
    if links_languages(profile.embedder):
        nearest.remember(story.pk, profile.embedding, max(when, story.last_published_at or when))
    insert_rows(
        Placement,
        [
            {
                "article": article.pk,
                "story": story.pk,
                "score": decision.match.score if decision.match and not created else None,
                "shared_entities": (
                    decision.match.shared_entities if decision.match and not created else []
                ),
                "duplicate_of": None,
                "features": features.to_json() | ({"embedder": embedder} if embedder else {}),
                "embedding": (
                    embedding.astype(np.float32).tobytes() if embedding is not None else None
                ),
                "signature": dedup.signature_bytes(signature) if signature else None,
                "pinned": False,
                "published_at": when,
                "placed_at": now,
            }
        ],
    )
    _remember_keys(story, keys, when, new=created)
    if signature:
        insert_rows(
            DuplicateKey,
            [
                {"key": key, "article": article.pk, "published_at": when}
                for key in dedup.band_keys(signature)
            ],
        )
    if not opened:
        add_to_story(story, article, copy=False, when=when, now=now)
    score = decision.match.score if decision.match else None
    return Placed(article.pk, story.pk, created, None, score)


def _decide(vectors: Vectors, keys: list[int], when: datetime) -> Decision:
    """Candidates share a key, or an anchor and have an article in another language, or are
    among the nearest by a multilingual embedding."""
    ids = [row["story_id"] for row in story_candidates(keys, when)]
    anchors = anchor_keys(vectors) if vectors.language else []  # unknown: no other language
    found = [row["story_id"] for row in story_candidates(anchors, when)] if anchors else []
    by_anchors = [story for story in found if story not in ids][:ANCHOR_CANDIDATES]
    near = _nearest(vectors, when)
    wanted = {*ids, *by_anchors, *near}
    stories = Story.objects.filter(pk__in=wanted, merged_into__isnull=True).only(
        "id", "profile", "embedding", "first_published_at", "last_published_at"
    )
    profiles = {story.pk: load_profile(story) for story in stories}
    for gone in set(near) - set(profiles):
        nearest.forget(gone)
    article = Profile.of(vectors)
    candidates = {
        story: profile
        for story, profile in profiles.items()
        if story in ids or story in near or foreign_share(article, profile) > 0
    }
    return choose_story(vectors, candidates)


def _nearest(vectors: Vectors, when: datetime) -> list[int]:
    if vectors.embedding is None or not links_languages(vectors.embedder):
        return []
    return nearest.nearest_stories(
        vectors.embedding, when, STORY_WINDOW, NEAREST_CANDIDATES, NEAREST_FLOOR
    )


def _story_for(decision: Decision, now: datetime) -> tuple[Story, bool]:
    """The chosen story, locked; or a new one, not stored yet."""
    if decision.story is not None:
        return Story.objects.select_for_update().get(pk=decision.story), False
    return Story(changed_at=now), True


def _remember_keys(story: Story, keys: list[int], when: datetime, new: bool) -> None:
    """The story's blocking keys seen at ``when``: the known ones moved on, the others added (all
    of them for a ``new`` story, which has none yet)."""
    known: set[int] = set()
    if not new:
        rows = StoryKey.objects.filter(story=story, key__in=keys).values_list("key", flat=True)
        known = set(rows)
        StoryKey.objects.filter(story=story, key__in=known, seen_at__lt=when).update(seen_at=when)
    insert_rows(
        StoryKey,
        [{"key": key, "story": story.pk, "seen_at": when} for key in keys if key not in known],
    )


def _lead(article: Article, short: bool) -> str | None:
    """The text to embed, title and lead: for headline-only articles (see decision 14), and for
    every article when the embedder links languages (reports in two languages share few terms)."""
    name = embedder_name()
    if not short and not links_languages(name):
        return None  # full text: weighed terms and names group better than the embedding
    if name.startswith("wordllama") and article.language not in ("", "en"):
        return None  # the packaged model reads English only
    text = article_text(article.title, article.text, lead_chars=STORY_LEAD_CHARS)
    return text if text.strip() else None

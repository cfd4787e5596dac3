"""Keeping stories right: their summary fields, the periodic merge pass, and operator corrections.

- ``refresh_story`` recomputes what pages show of a story from its placements: counts, first and
  last times, the lead article (fullest text from a page, then earliest) and the headline;
  ``add_to_story`` brings the same fields up to date for one new placement without recounting,
  and ``open_story`` writes them with a new story's first article in its insert.
- ``refine_stories`` is the periodic pass: it re-weighs the articles of recently changed stories
  and of the stories they share keys with (document frequencies have grown since they were
  placed), then lets ``plan_merges`` join stories that turn out to be one event.
- ``merge_stories`` and ``split_article`` are the operator's corrections; each is kept as a
  ``Correction``: a split article is pinned (no pass moves it) and the two stories it separated
  are never merged again by the pass.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np
from django.db import transaction
from django.db.models import Case, Max, Min, Value, When
from django.db.models.functions import Length

from newsdesk.articles.models import Article, BodyOrigin
from newsdesk.comments.models import Comment
from newsdesk.desk.stories import terms
from newsdesk.desk.stories.embedded import embedder_name, recorded_embedder, stored_vector
from newsdesk.desk.stories.list_version import story_list_changed
from newsdesk.pipeline.cluster import (
    ArticleFeatures,
    Merge,
    Profile,
    block_keys,
    plan_merges,
    weigh,
)
from newsdesk.stories.models import Correction, CorrectionKind, Placement, Story, StoryKey

REFINE_WINDOW = timedelta(days=3)
REFINE_MAX_STORIES = 2000
RECOMPUTE_MAX_ARTICLES = 200


def load_profile(story: Story) -> Profile:
    """The story's profile; its embedding only if the configured embedder made it. A profile
    stored before it kept its articles' times takes the story's first and last."""
    embedding = stored_vector(story.embedding, recorded_embedder(story.profile))
    profile = Profile.from_json(story.profile or {}, embedding)
    times = {"first_published_at", "last_published_at"}
    if profile.first_seen is None and not times & story.get_deferred_fields():
        _take_span(profile, story)
    return profile


def _take_span(profile: Profile, story: Story) -> None:
    if story.first_published_at and story.last_published_at:
        profile.first_seen = story.first_published_at.timestamp()
        profile.last_seen = story.last_published_at.timestamp()


def save_profile(story: Story, profile: Profile) -> None:
    story.profile = profile.to_json()
    story.embedding = (
        profile.embedding.astype(np.float32).tobytes() if profile.embedding is not None else None
    )


def refresh_story(story: Story, now: datetime) -> None:
    placements = Placement.objects.filter(story=story)
    span = placements.aggregate(first=Min("published_at"), last=Max("published_at"))
    lead = _lead_article(story)
    story.article_count = placements.filter(duplicate_of__isnull=True).count()
    story.source_count = placements.values("article__source_id").distinct().count()
    story.first_published_at = span["first"]
    story.last_published_at = span["last"]
    story.lead_article = lead
    story.headline = lead.title if lead is not None else ""
    story.changed_at = now
    story.save()
    story_list_changed()


def add_to_story(
    story: Story, article: Article, *, copy: bool, when: datetime, now: datetime
) -> None:
    """What ``refresh_story`` recomputes, brought up to date for one placement just made (of
    ``article`` at ``when``; ``copy`` for a near-duplicate) from the story's own fields: one
    query for the source count, one for the current lead, one write, instead of counting every
    placement of the story again. Where times are missing (the databases order them apart),
    the story is counted in full."""
    lead = _lead_key(story.lead_article_id) if story.lead_article_id else None
    if article.published_at is None or (story.lead_article_id and lead is None):
        refresh_story(story, now)
        return
    same_source = Placement.objects.filter(story=story, article__source_id=article.source_id)
    if story.source_count == 0 or not same_source.exclude(article_id=article.pk).exists():
        story.source_count += 1  # (a story without sources is new: no placement but this one)
    first, last = story.first_published_at, story.last_published_at
    story.first_published_at = when if first is None else min(first, when)
    story.last_published_at = when if last is None else max(last, when)
    if not copy:
        story.article_count += 1
        if lead is None or _key(article) < lead:
            story.lead_article = article
            story.headline = article.title
    story.changed_at = now
    story.save()
    story_list_changed()


def open_story(story: Story, article: Article, *, when: datetime, now: datetime) -> bool:
    """Store a new ``story`` (not saved yet) with ``article`` as its one article: the fields
    ``add_to_story`` would write once the article is placed, in the insert itself. False (the
    story not stored) for an article without a time, which ``add_to_story`` counts in full."""
    if article.published_at is None:
        return False
    story.source_count = 1
    story.article_count = 1
    story.first_published_at = story.last_published_at = when
    story.lead_article = article
    story.headline = article.title
    story.changed_at = now
    story.save()
    story_list_changed()
    return True


LeadKey = tuple[bool, int, datetime, int]


def _key(article: Article) -> LeadKey:
    """``_lead_article``'s order as a sort key: text from a page, longest, earliest, first made."""
    assert article.published_at is not None
    from_page = article.body_origin == BodyOrigin.PAGE
    return (not from_page, -len(article.text), article.published_at, article.pk)


def _lead_key(lead_id: int) -> LeadKey | None:
    """The current lead's ``_key``, read without its text; None if it has no time (or is gone)."""
    row = (
        Article.objects.filter(pk=lead_id)
        .annotate(length=Length("text"))
        .values_list("body_origin", "length", "published_at")
        .first()
    )
    if row is None:
        return None
    origin, length, published = row
    return None if published is None else (origin != BodyOrigin.PAGE, -length, published, lead_id)


def _lead_article(story: Story) -> Article | None:
    from_page = Case(When(body_origin=BodyOrigin.PAGE, then=Value(1)), default=Value(0))
    return (
        Article.objects.filter(placement__story=story, placement__duplicate_of__isnull=True)
        .annotate(from_page=from_page, length=Length("text"))
        .order_by("-from_page", "-length", "published_at", "id")
        .only("id", "title")
        .first()
    )


def refine_stories(since: datetime, now: datetime) -> list[Merge]:
    """Join recently changed stories with the neighbours they turn out to be the same event as."""
    changed = list(
        Story.objects.filter(merged_into__isnull=True, changed_at__gte=since)
        .order_by("-changed_at")
        .values_list("id", flat=True)[:REFINE_MAX_STORIES]
    )
    if not changed:
        return []
    pairs = _neighbour_pairs(changed, now)
    involved = {story for pair in pairs for story in pair}
    profiles = _fresh_profiles(involved)
    merges = plan_merges(profiles, pairs, kept_apart=_kept_apart(involved))
    for merge in merges:
        _apply_merge(merge.absorbed, merge.into, now)
    return merges


def _neighbour_pairs(stories: list[int], now: datetime) -> set[tuple[int, int]]:
    rows = StoryKey.objects.filter(
        key__in=StoryKey.objects.filter(story_id__in=stories).values("key"),
        seen_at__gte=now - REFINE_WINDOW,
        story__merged_into__isnull=True,
    ).values_list("key", "story_id")
    by_key: dict[int, set[int]] = defaultdict(set)
    for key, story in rows:
        by_key[key].add(story)
    wanted = set(stories)
    pairs: set[tuple[int, int]] = set()
    for group in by_key.values():
        for a in group & wanted:
            pairs.update((min(a, b), max(a, b)) for b in group if b != a)
    return pairs


def _fresh_profiles(stories: set[int]) -> dict[int, Profile]:
    stats = terms.term_stats()
    profiles: dict[int, Profile] = {}
    large = set()
    counts = dict(Story.objects.filter(pk__in=stories).values_list("id", "article_count"))
    for story, count in counts.items():
        if count > RECOMPUTE_MAX_ARTICLES:
            large.add(story)
    rows = Placement.objects.filter(
        story_id__in=stories - large, duplicate_of__isnull=True
    ).values_list("story_id", "features", "embedding", "published_at")
    embedder = embedder_name()
    for story, features, blob, published in rows:
        embedding = stored_vector(blob, recorded_embedder(features))
        when = published.timestamp() if published else None
        vectors = weigh(ArticleFeatures.from_json(features), stats, embedding, embedder, when)
        profiles.setdefault(story, Profile()).add(vectors)
    for big in Story.objects.filter(pk__in=large):
        profiles[big.pk] = load_profile(big)
    return profiles


def _kept_apart(stories: set[int]) -> set[frozenset[int]]:
    splits = Correction.objects.filter(kind=CorrectionKind.SPLIT).filter(
        from_story_id__in=stories
    ) | Correction.objects.filter(kind=CorrectionKind.SPLIT, to_story_id__in=stories)
    return {frozenset((c.from_story_id, c.to_story_id)) for c in splits}


@transaction.atomic
def _apply_merge(absorbed_id: int, into_id: int, now: datetime) -> None:
    absorbed = Story.objects.select_for_update().get(pk=absorbed_id)
    into = Story.objects.select_for_update().get(pk=into_id)
    Placement.objects.filter(story=absorbed).update(story=into)
    Comment.objects.filter(story=absorbed).update(story=into)
    taken = set(StoryKey.objects.filter(story=into).values_list("key", flat=True))
    StoryKey.objects.filter(story=absorbed, key__in=taken).delete()
    StoryKey.objects.filter(story=absorbed).update(story=into)
    profile = load_profile(into)
    profile.absorb(load_profile(absorbed))
    save_profile(into, profile)
    absorbed.merged_into = into
    absorbed.article_count = 0
    absorbed.source_count = 0
    absorbed.changed_at = now
    absorbed.save()
    Story.objects.filter(merged_into=absorbed).update(merged_into=into)
    refresh_story(into, now)


def merge_stories(absorbed_id: int, into_id: int, now: datetime, made_by: str = "") -> Story:
    """An operator's merge: every article of one story joins the other, for good."""
    if absorbed_id == into_id:
        raise ValueError("a story cannot be merged into itself")
    _apply_merge(absorbed_id, into_id, now)
    Correction.objects.create(
        kind=CorrectionKind.MERGE, from_story_id=absorbed_id, to_story_id=into_id, made_by=made_by
    )
    return Story.objects.get(pk=into_id)


@transaction.atomic
def split_article(article_id: int, now: datetime, made_by: str = "") -> Story:
    """An operator's split: the article leaves its story for a story of its own, pinned there."""
    placement = Placement.objects.select_for_update().get(article_id=article_id)
    old = Story.objects.select_for_update().get(pk=placement.story_id)
    new = Story.objects.create(changed_at=now)
    copies = Placement.objects.filter(duplicate_of_id=article_id, story=old)
    copies.update(story=new)
    placement.story = new
    placement.pinned = True
    placement.save(update_fields=["story", "pinned"])
    _give_keys(new, placement)
    for story in (old, new):
        save_profile(story, _profile_of(story))
        refresh_story(story, now)
    Correction.objects.create(
        kind=CorrectionKind.SPLIT,
        article_id=article_id,
        from_story=old,
        to_story=new,
        made_by=made_by,
    )
    return new


def _give_keys(story: Story, placement: Placement) -> None:
    """The blocking keys of the story's one article, so later reports can find it."""
    vectors = weigh(ArticleFeatures.from_json(placement.features), terms.term_stats())
    seen_at = placement.published_at or placement.placed_at
    StoryKey.objects.bulk_create(
        StoryKey(key=key, story=story, seen_at=seen_at) for key in block_keys(vectors)
    )


def _profile_of(story: Story) -> Profile:
    return _fresh_profiles({story.pk}).get(story.pk, Profile())

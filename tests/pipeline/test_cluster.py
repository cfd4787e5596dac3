"""The story deciders on real sentences: features, weights, profiles, choices and merges."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.pipeline.cluster import (
    ArticleFeatures,
    Profile,
    TermStats,
    article_features,
    block_keys,
    choose_story,
    match_article,
    match_profiles,
    plan_merges,
    term_key,
    weigh,
)
from newsdesk.pipeline.cluster.features import entities, words

QUAKE_1 = (
    "Magnitude 6.1 earthquake strikes off Chile coast",
    "A magnitude 6.1 earthquake struck off the coast of northern Chile on Tuesday, the US "
    "Geological Survey said. The quake hit near Iquique at a depth of 20 km.\n"
    "Residents of Iquique left their homes. No damage was reported in Arica or Antofagasta.",
)
QUAKE_2 = (
    "Strong quake shakes northern Chile",
    "An earthquake of magnitude 6.1 shook northern Chile near Iquique on Tuesday. The US "
    "Geological Survey put its depth at 20 km.\nThere were no reports of damage in Iquique, "
    "and the navy said no tsunami was expected.",
)
QUAKE_OTHER = (
    "Earthquake hits Indonesia's Sumatra island",
    "A magnitude 5.8 earthquake struck Sumatra in Indonesia on Friday, the meteorology agency "
    "BMKG said. Buildings in Padang shook and people ran into the streets.",
)
ELECTION = (
    "Voters in Denmark elect a new parliament",
    "Danes voted on Wednesday in a general election in which Prime Minister Mette Frederiksen "
    "sought a second term. Polls closed at 8 pm in Copenhagen.",
)
ALL = [QUAKE_1, QUAKE_2, QUAKE_OTHER, ELECTION]


def weighed(items: list[tuple[str, str]]) -> list:
    features = [article_features(title, text) for title, text in items]
    stats = TermStats.of(features)
    return [weigh(f, stats) for f in features]


def test_features_count_words_names_and_numbers() -> None:
    features = article_features(*QUAKE_1)
    assert features.body["earthquake"] == 2  # title and body
    assert "the" not in features.body and "of" not in features.body
    assert features.entities["iquique"] == 1 and features.entities["chile"] == 2
    assert "6.1" in features.entities and "20" in features.entities
    assert "tuesday" in features.entities and "the" not in features.entities
    assert "magnitude" in features.lead and set(features.lead) <= set(features.body)
    assert features.short  # under 400 characters: treated as headline and summary
    assert not article_features(QUAKE_1[0], QUAKE_1[1] * 3).short
    assert article_features("Only a headline here", "").short


def test_names_that_start_a_line_are_not_taken_for_entities() -> None:
    text = "Residents left. The Navy said so in Santiago.\nOfficials met in Chile on 3 June."
    assert entities(text) == ["navy", "santiago", "chile", "june", "3"]
    assert "the" not in words("The quake")


def test_features_survive_a_json_round_trip() -> None:
    features = article_features(*QUAKE_2)
    assert ArticleFeatures.from_json(features.to_json()) == features


def test_same_event_scores_above_same_kind_of_event_and_above_unrelated() -> None:
    quake_1, quake_2, other_quake, election = weighed(ALL)
    same = match_article(quake_2, Profile.of(quake_1)).score
    kind = match_article(other_quake, Profile.of(quake_1)).score
    unrelated = match_article(election, Profile.of(quake_1)).score
    assert same > kind > unrelated
    assert same > 0.3 and unrelated < 0.05


def test_match_explains_itself_with_shared_names() -> None:
    quake_1, quake_2, *_ = weighed(ALL)
    found = match_article(quake_2, Profile.of(quake_1))
    assert "iquique" in found.shared_entities
    assert set(found.parts) == {"body", "lead", "entities"}


def test_profile_score_is_the_average_link() -> None:
    vectors = weighed(ALL)
    profile = Profile()
    for v in vectors[:3]:
        profile.add(v)
    direct = np.mean([match_article(vectors[3], Profile.of(v)).score for v in vectors[:3]])
    assert match_article(vectors[3], profile).score == pytest.approx(direct, abs=1e-9)


def test_profile_json_round_trip_keeps_the_score() -> None:
    quake_1, quake_2, *_ = weighed(ALL)
    profile = Profile.of(quake_1)
    again = Profile.from_json(profile.to_json())
    assert match_article(quake_2, again).score == pytest.approx(
        match_article(quake_2, profile).score, abs=1e-4
    )


def test_choose_story_joins_the_same_event_and_starts_a_story_otherwise() -> None:
    quake_1, quake_2, other_quake, election = weighed(ALL)
    stories = {7: Profile.of(quake_1), 9: Profile.of(election)}
    assert choose_story(quake_2, stories).story == 7
    assert choose_story(other_quake, stories).story is None
    assert choose_story(other_quake, {}).story is None


def test_plan_merges_joins_halves_of_one_event_and_respects_kept_apart_pairs() -> None:
    quake_1, quake_2, other_quake, _election = weighed(ALL)
    profiles = {1: Profile.of(quake_1), 2: Profile.of(quake_2), 3: Profile.of(other_quake)}
    pairs = [(1, 2), (1, 3), (2, 3)]
    merges = plan_merges(profiles, pairs, threshold=0.25)
    assert [(m.absorbed, m.into) for m in merges] == [(2, 1)]
    assert plan_merges(profiles, pairs, threshold=0.25, kept_apart={frozenset((1, 2))}) == []
    assert plan_merges(profiles, [], threshold=0.0) == []
    assert profiles[1].articles == 1  # the caller's profiles are not changed


def test_headline_only_profiles_use_the_embedding() -> None:
    a = weigh(article_features("Fed keeps rates on hold", ""), TermStats(), np.ones(4))
    b = weigh(article_features("Central bank holds interest rates", ""), TermStats(), np.ones(4))
    found = match_profiles(Profile.of(a), Profile.of(b))
    assert found.parts["embedding"] == pytest.approx(1.0)
    assert Profile.of(a).mostly_short


def test_block_keys_are_stable_bigints_shared_by_the_same_event() -> None:
    quake_1, quake_2, _, election = weighed(ALL)
    keys_1, keys_2 = set(block_keys(quake_1)), set(block_keys(quake_2))
    assert keys_1 & keys_2
    assert not keys_1 & set(block_keys(election))
    assert all(-(2**63) <= key < 2**63 for key in keys_1)
    assert term_key("iquique") == term_key("iquique") != term_key("arica")

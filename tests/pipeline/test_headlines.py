"""The shipped clickbait model: read with numpy alone, deterministic, and sensible on plain
cases; a broken model file is a clear error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsdesk.pipeline.headlines import (
    HeadlineModel,
    HeadlineModelError,
    judges,
    load_model,
    read_model,
    save_model,
)
from newsdesk.pipeline.headlines.features import buckets, pieces

BAIT = [
    "You Won't Believe What This Dog Did When Its Owner Came Home",
    "21 Things Only People Who Grew Up In The '90s Will Understand",
    "Which Disney Princess Are You Based On Your Zodiac Sign?",
    "this one weird trick will change how you cook pasta forever",
]
PLAIN = [
    "Earthquake of magnitude 6.1 strikes off the coast of northern Chile",
    "Central bank raises interest rates by a quarter point to curb inflation",
    "Senate committee approves defence spending bill after two-day debate",
    "FLOODS FORCE THOUSANDS FROM THEIR HOMES IN BANGLADESH",
]


def test_plain_cases_are_judged_right() -> None:
    model = load_model()

    assert [model.is_clickbait(h) for h in BAIT] == [True] * len(BAIT)
    assert [model.is_clickbait(h) for h in PLAIN] == [False] * len(PLAIN)


def test_case_does_not_decide() -> None:
    model = load_model()
    for headline in BAIT + PLAIN:
        assert model.score(headline.upper()) == pytest.approx(model.score(headline.lower()))


def test_empty_headline_is_not_clickbait() -> None:
    assert not load_model().is_clickbait("   ")


def test_broken_text_is_judged_without_an_error() -> None:
    model = load_model()
    assert model.is_clickbait("You Won't Believe \ud800 What Happened Next") in (True, False)
    assert not model.is_clickbait("\x00\ufffd\u200f")


def test_extreme_scores_give_probabilities() -> None:
    weights = np.full(1 << 4, -1e4, dtype=np.float32)
    assert HeadlineModel(weights, -1e4, 4).probability("anything at all") == 0.0
    assert HeadlineModel(-weights, 1e4, 4).probability("anything at all") == 1.0


def test_features_are_stable_and_distinct() -> None:
    headline = "10 Reasons Why You Should Visit Lisbon"
    assert buckets(headline, 18) == buckets(headline, 18)
    assert buckets(headline, 18) == sorted(set(buckets(headline, 18)))
    found = list(pieces(headline))
    assert "f 00" in found  # the first word, digits folded
    assert "b you should" in found
    assert "c lis" in found


def test_model_round_trips_through_its_file(tmp_path: Path) -> None:
    weights = np.zeros(1 << 4, dtype=np.float32)
    weights[buckets("hello", 4)] = 2.0
    model = HeadlineModel(weights, -1.0, 4)
    save_model(model, tmp_path / "m.npz")

    again = read_model(tmp_path / "m.npz")

    assert again.bits == 4
    assert again.score("hello") == pytest.approx(model.score("hello"), abs=1e-3)


def test_a_broken_model_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(HeadlineModelError, match="cannot read the headline model"):
        read_model(tmp_path / "bad.npz")
    np.savez(tmp_path / "short.npz", weights=np.zeros(3), bias=0.0, bits=4, threshold=0.5)
    with pytest.raises(HeadlineModelError, match="3 weights for 2\\^4 buckets"):
        read_model(tmp_path / "short.npz")


def test_only_english_is_judged() -> None:
    assert judges("en") and judges("en-GB") and judges("")
    assert not judges("de") and not judges("ar")

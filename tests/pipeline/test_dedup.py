"""Near-duplicate signatures, band keys and the decision, on plain text."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.pipeline import dedup

ARTICLE = """Four men rammed their car into an upmarket jewellery store in central Paris on Monday,
smashing the shop window and making off with a two-million-euro booty, a police source said.

The heist near the upscale Place Vendome is the latest to hit France after a spate of
high-profile robberies in the southern resort of Cannes.

The police source, who wished to remain anonymous, said the men drove a large four-wheel drive
car into the store in the early hours of the morning, and grabbed jewellery and luxury watches.

They then set fire to the car before fleeing in another vehicle, the source added. Nobody was
hurt in the raid, which took place shortly before dawn when the street was almost empty."""

OTHER = """Indian Navy patrolling the Gulf of Aden on Thursday thwarted a multi-boat attack by sea
brigands on merchant vessels, apprehending 26 Somali pirates and confiscating arms and
ammunition, in one of the largest such operations in the area this year.

The patrol vessel was escorting a group of merchant ships when the skiffs approached at speed.
Marine commandos boarded three of the boats after warning shots, a naval officer said here.

The pirates were handed over to the police in Mumbai for prosecution under Indian law, the
officer added, and the merchant vessels continued their voyage without further incident."""

KNOWN_TEXT = "The quick brown fox jumps over the lazy dog near the river bank today"
KNOWN_KEYS = [253410492590672445, 623433553024355678]

words_strategy = st.lists(
    st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8),
    min_size=0,
    max_size=80,
).map(" ".join)


def test_parameters_are_consistent() -> None:
    assert dedup.BANDS * dedup.ROWS == dedup.NUM_PERM
    assert 0.4 <= (1 / dedup.BANDS) ** (1 / dedup.ROWS) <= dedup.DUPLICATE_THRESHOLD
    assert dedup.MIN_WORDS >= 20


def test_normalisation_ignores_case_punctuation_width_and_spacing() -> None:
    assert dedup.normalize("  Didn't  STOP—“now”!\n") == "didn t stop now"
    assert dedup.normalize("didn 't stop , now") == "didn t stop now"
    assert dedup.normalize("\uff26\uff55\uff4c\uff4c width") == "full width"  # full-width letters
    assert dedup.normalize("Straße") == "strasse"
    assert dedup.words("हिन्दी समाचार") == ["हिन्दी", "समाचार"]  # marks stay inside words


def test_shingles_are_three_word_runs() -> None:
    assert dedup.shingles("One two, three four!") == {"one two three", "two three four"}
    assert dedup.shingles("Two words") == {"two words"}
    assert dedup.shingles("") == set()
    assert dedup.shingles(" ... !!! ") == set()


def test_signature_shape_and_determinism() -> None:
    sig = dedup.signature(ARTICLE)
    assert len(sig) == dedup.NUM_PERM
    assert all(0 <= v < 2**32 for v in sig)
    assert dedup.signature(ARTICLE) == sig
    assert dedup.signature(ARTICLE.upper().replace("\n", " ")) == sig


def test_empty_text_has_no_keys_and_is_never_a_duplicate() -> None:
    empty = dedup.signature("")
    assert empty == dedup.EMPTY_SIGNATURE == dedup.signature("—")
    assert dedup.band_keys(empty) == []
    assert dedup.similarity(empty, empty) == 0.0
    assert not dedup.is_near_duplicate(empty, empty)


def test_short_text_is_signed_but_not_judgeable() -> None:
    short = "Police said the fire was under control."
    assert len(dedup.signature(short)) == dedup.NUM_PERM
    assert len(dedup.band_keys(dedup.signature(short))) == dedup.BANDS
    assert not dedup.is_judgeable(short)
    assert not dedup.is_judgeable("")
    assert dedup.is_judgeable(ARTICLE)
    assert dedup.is_judgeable(" ".join(["word"] * dedup.MIN_WORDS))


def test_bytes_round_trip_is_compact_and_little_endian() -> None:
    sig = dedup.signature(ARTICLE)
    blob = dedup.signature_bytes(sig)
    assert len(blob) == 4 * dedup.NUM_PERM
    assert blob[:4] == sig[0].to_bytes(4, "little")
    assert dedup.signature_from_bytes(blob) == sig
    with pytest.raises(ValueError, match="bytes"):
        dedup.signature_from_bytes(blob[:-1])
    with pytest.raises(ValueError, match="values"):
        dedup.signature_bytes(sig[:-1])


def test_band_keys_fit_a_bigint_and_carry_their_band() -> None:
    keys = dedup.band_keys(dedup.signature(ARTICLE))
    assert len(keys) == dedup.BANDS
    assert all(-(2**63) <= k < 2**63 for k in keys)
    assert [(k % 2**64) >> 59 for k in keys] == list(range(dedup.BANDS))


def test_band_keys_are_stable_across_processes() -> None:
    code = (
        "from newsdesk.pipeline import dedup;"
        f"print(dedup.band_keys(dedup.signature({KNOWN_TEXT!r}))[:2])"
    )
    for seed in ("1", "2"):
        output = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        assert output.strip() == str(KNOWN_KEYS)
    assert dedup.band_keys(dedup.signature(KNOWN_TEXT))[:2] == KNOWN_KEYS


def test_edited_copy_is_a_duplicate_and_shares_a_band() -> None:
    paragraphs = ARTICLE.split("\n\n")
    copy = "\n".join(
        [
            "Thieves raid Paris jeweller | Evening Post",
            "Subscribe to our newsletter",
            *paragraphs[:3],
            "Share this article",
        ]
    ).replace("Monday", "Tuesday")
    a, b = dedup.signature(ARTICLE), dedup.signature(copy)
    assert dedup.is_near_duplicate(a, b)
    assert dedup.similarity(a, b) == dedup.similarity(b, a)
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))


def test_shuffled_paragraphs_are_a_duplicate() -> None:
    paragraphs = ARTICLE.split("\n\n")
    shuffled = "\n\n".join(reversed(paragraphs))
    assert dedup.is_near_duplicate(dedup.signature(ARTICLE), dedup.signature(shuffled))


def test_different_articles_are_not_duplicates() -> None:
    a, b = dedup.signature(ARTICLE), dedup.signature(OTHER)
    assert dedup.similarity(a, b) < 0.1
    assert not dedup.is_near_duplicate(a, b)
    assert not set(dedup.band_keys(a)) & set(dedup.band_keys(b))


def test_signatures_of_other_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        dedup.similarity((1, 2, 3), (1, 2, 3))
    with pytest.raises(ValueError):
        dedup.band_keys(())


@settings(max_examples=60, deadline=None)
@given(words_strategy)
def test_any_text_round_trips_and_is_its_own_duplicate(text: str) -> None:
    sig = dedup.signature(text)
    assert dedup.signature_from_bytes(dedup.signature_bytes(sig)) == sig
    keys = dedup.band_keys(sig)
    assert all(-(2**63) <= k < 2**63 for k in keys)
    if dedup.shingles(text):
        assert len(keys) == dedup.BANDS
        assert dedup.similarity(sig, sig) == 1.0
        assert dedup.is_near_duplicate(sig, sig)
    else:
        assert keys == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=dedup.NUM_PERM, max_size=dedup.NUM_PERM))
def test_any_signature_round_trips(values: list[int]) -> None:
    sig = tuple(values)
    assert dedup.signature_from_bytes(dedup.signature_bytes(sig)) == sig
    assert 0.0 <= dedup.similarity(sig, sig[::-1]) <= 1.0

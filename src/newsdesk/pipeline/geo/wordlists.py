"""The tagger's word lists, read once from ``data/wordlists.toml`` and the ``data/*.txt`` lists.

All entries are name keys (case-folded, accent-free), as ``tokens.normalise`` makes them. Each
list is described where it is defined, in the data file; this module only gives them names.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any

_DATA = files("newsdesk.pipeline.geo").joinpath("data")


def _table(name: str) -> dict[str, Any]:
    return tomllib.loads(_DATA.joinpath(name).read_text(encoding="utf-8"))


def _lines(name: str) -> frozenset[str]:
    """One entry a line; "#" starts a comment."""
    text = _DATA.joinpath(name).read_text(encoding="utf-8")
    entries = (" ".join(line.split("#", 1)[0].split()) for line in text.splitlines())
    return frozenset(entry for entry in entries if entry)


_LISTS = _table("wordlists.toml")


def _words(name: str) -> frozenset[str]:
    return frozenset(_LISTS[name].split())


def _phrases(name: str) -> frozenset[str]:
    found = (" ".join(phrase.split()) for phrase in _LISTS[name].split("|"))
    return frozenset(phrase for phrase in found if phrase)


CONNECTORS = _words("connectors")
FUNCTION_WORDS = _words("function_words")
PLACE_MODIFIERS = _words("place_modifiers")
PLACE_FOLLOWERS = _words("place_followers")
LOCATIVES = _words("locatives")
ORGANISATION_HEADS = _words("organisation_heads")
DATE_WORDS = _words("date_words")
VESSEL_PREFIXES = _words("vessel_prefixes")
OPPONENT_WORDS = _words("opponent_words")
ETHNIC_PREFIXES = _words("ethnic_prefixes")
LANGUAGE_ADJECTIVES = _words("language_adjectives")
LANGUAGE_NOUNS = _words("language_nouns")
LANDMARKS = _phrases("landmarks")
ORGANISATION_LINKS = _words("organisation_links")
RESULT_WORDS = _words("result_words")
RESULT_PREPOSITIONS = _words("result_prepositions")
TEAM_VERBS = _words("team_verbs")
TEAM_NAMES = _words("team_names")
TEAM_NOUNS = _words("team_nouns")
COMPANY_WORDS = _words("company_words")
LANGUAGE_VERBS = _words("language_verbs")
STYLE_NOUNS = _words("style_nouns")
HYPHEN_KINDS = _words("hyphen_kinds")
ADJECTIVE_HYPHEN_KINDS = _words("adjective_hyphen_kinds")
PERSON_TITLES = _words("person_titles")
LANDFORM_PREFIXES = _words("landform_prefixes")


def _following(name: str) -> dict[str, frozenset[str]]:
    """Phrases as {first words: the words that may follow them}."""
    found: dict[str, set[str]] = {}
    for phrase in _phrases(name):
        head, _, word = phrase.rpartition(" ")
        found.setdefault(head, set()).add(word)
    return {head: frozenset(words) for head, words in found.items()}


THING_PHRASES = _following("thing_phrases")
AREA_WORDS = _words("area_words")
LOWER_AREA_WORDS = _words("lower_area_words")
OF_LOCATIVES = _words("of_locatives")
SEA_WORDS = _words("sea_words")
PERSON_LIKE = _words("person_like")

COMMON_NAMES = _lines("common-names.txt")
COMMON_PHRASES = _lines("common-phrases.txt")

"""The tagger's numbers, read once from ``data/thresholds.toml`` (each is explained there)."""

from __future__ import annotations

import tomllib
from importlib.resources import files

_TABLES = tomllib.loads(
    files("newsdesk.pipeline.geo").joinpath("data/thresholds.toml").read_text(encoding="utf-8")
)
GAZETTEER, TEXT = _TABLES["gazetteer"], _TABLES["text"]
SCORE, NAMES = _TABLES["score"], _TABLES["names"]
RESOLVE, FLOORS = _TABLES["resolve"], _TABLES["floors"]

POPULATION_FLOOR: int = GAZETTEER["population_floor"]
MAX_WORDS: int = GAZETTEER["max_words"]
ALTERNATES_FROM: int = GAZETTEER["alternates_from"]
MAX_SHORT_ALTERNATE: int = GAZETTEER["max_short_alternate"]

MAX_TITLE_CHARS: int = TEXT["max_title_chars"]
MAX_TEXT_CHARS: int = TEXT["max_text_chars"]
LEAD_CHARS: int = TEXT["lead_chars"]
LIST_REACH: int = TEXT["list_reach"]
NOUN_CAPITALISING = frozenset(TEXT["noun_capitalising"])

TITLE_WEIGHT: float = SCORE["title_weight"]
LEAD_WEIGHT: float = SCORE["lead_weight"]
BODY_WEIGHT: float = SCORE["body_weight"]
ADJECTIVE_FACTOR: float = SCORE["adjective_factor"]

NAME_BIG_CITY: int = NAMES["big_city"]
PLACE_WORD_CITY: int = NAMES["place_word_city"]

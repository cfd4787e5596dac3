"""Choosing which place a name means, and whether to believe it is a place at all.

Each candidate gets a score: a prior by kind (countries first) and population, plus context:
the place written after it behind a comma ("Springfield, Ill."), the countries and US states
the article's other names point to ("Springfield" beside "Illinois"; "Georgia" beside
"Atlanta" or beside "Russia"), and the source's home country. Names are resolved twice: alone,
then with the clear winners of the first pass as context. Small cities named by a single word
without any such support are dropped: they are more often people or common words than places.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from newsdesk.pipeline.geo.gazetteer import ALTERNATE, NAME, Entry, Gazetteer
from newsdesk.pipeline.geo.places import CITY, COUNTRY, REGION, Place
from newsdesk.pipeline.geo.thresholds import FLOORS, RESOLVE

KIND_PRIOR: dict[str, float] = RESOLVE["kind_prior"]
BIG_CITY: int = RESOLVE["big_city"]
CLEAR_MARGIN: float = RESOLVE["clear_margin"]
HOME_BONUS: float = RESOLVE["home_bonus"]
UNSUPPORTED_FLOOR: int = FLOORS["unsupported"]
IN_COUNTRY_FLOOR: int = FLOORS["in_country"]
ALTERNATE_FLOOR: int = FLOORS["alternate"]
COMMON_FLOOR: int = FLOORS["common"]
COMMON_BARE_FLOOR: int = FLOORS["common_bare"]
GERMAN_BARE_FLOOR: int = FLOORS["german_bare"]


@dataclass(frozen=True)
class Context:
    home_country: str = ""
    language: str = ""


@dataclass
class Evidence:
    """What the article says around one name."""

    key: str
    entries: list[Entry]
    common: bool = False  # the name is also an everyday word
    proper: bool = False  # capitalised at least once where only a name would be (mid-sentence)
    locative: bool = False  # "in/at/from ..." stands before it at least once
    adjective_mentions: int = 0
    listed: dict[str, int] = field(default_factory=dict)  # kind -> such names listed around it
    comma_places: set[int] = field(default_factory=set)
    bracket_places: set[int] = field(default_factory=set)  # "Cava (Spain)"


@dataclass
class Support:
    """Countries and US states other names point to, each with the names pointing there."""

    countries: dict[str, set[str]] = field(default_factory=dict)
    named: dict[str, set[str]] = field(default_factory=dict)  # countries named as such
    regions: dict[int, set[str]] = field(default_factory=dict)  # US states named as such
    city_regions: dict[int, set[str]] = field(default_factory=dict)  # states of named cities

    def add(self, key: str, place: Place) -> None:
        if place.country_code:
            self.countries.setdefault(place.country_code, set()).add(key)
        if place.kind == COUNTRY:
            self.named.setdefault(place.country_code, set()).add(key)
        if place.kind == REGION:
            self.regions.setdefault(place.id, set()).add(key)
        elif place.kind == CITY and place.parent_id is not None:
            self.city_regions.setdefault(place.parent_id, set()).add(key)

    def country(self, code: str, key: str) -> bool:
        return bool(self.countries.get(code, set()) - {key})

    def strength(self, code: str, key: str) -> float:
        """The base for one other name in the country, one more for each further name, capped."""
        others = len(self.countries.get(code, set()) - {key})
        base, cap = RESOLVE["support_base"], RESOLVE["support_cap"]
        return min(cap, base + others) if others else 0.0

    def country_named(self, code: str, key: str) -> bool:
        return bool(self.named.get(code, set()) - {key})

    def region(self, region_id: int | None, key: str) -> bool:
        return region_id is not None and bool(self.regions.get(region_id, set()) - {key})

    def city_region(self, region_id: int | None, key: str) -> bool:
        """Another city of the article lies in this state ("Chicago" for Illinois)."""
        return region_id is not None and bool(self.city_regions.get(region_id, set()) - {key})


def resolve(
    gazetteer: Gazetteer, evidence: dict[str, Evidence], context: Context
) -> dict[str, tuple[Place, float]]:
    """Each name's chosen place and a confidence in 0.5..1; names judged not places are left out."""
    support = Support()
    for key, item in evidence.items():
        ranked = _ranked(gazetteer, item, context, Support())
        if ranked and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN):
            support.add(key, ranked[0][1])
    chosen = {}
    for key, item in evidence.items():
        ranked = _ranked(gazetteer, item, context, support)
        if not ranked:
            continue
        score, place, how = ranked[0]
        if not _believable(gazetteer, place, how, item, context, support):
            # A city that is no place here leaves a country or state of its name, if any
            # ("Singapore" in a list of countries); never a smaller town.
            fallback = [row for row in ranked[1:] if row[1].kind != CITY]
            if place.kind != CITY or not fallback:
                continue
            score, place, how = fallback[0]
            ranked = fallback
        margin = score - ranked[1][0] if len(ranked) > 1 else 10.0
        chosen[key] = (place, 0.5 + 0.5 * (1.0 - math.exp(-margin)))
    return chosen


def _ranked(
    gazetteer: Gazetteer, item: Evidence, context: Context, support: Support
) -> list[tuple[float, Place, str]]:
    ranked = []
    places = [(gazetteer.place(entry.place_id), entry.how) for entry in item.entries]
    own_big = any(p is not None and how == NAME and p.kind != CITY for p, how in places)
    country = any(p is not None and how == NAME and p.kind == COUNTRY for p, how in places)
    for place, how in places:
        if place is None:
            continue
        if (
            own_big
            and how == ALTERNATE
            and place.population < BIG_CITY
            and not _comma_supported(gazetteer, place, item)
        ):
            continue  # "Georgia" is the state or the country, not a town by one of its names
        score = _score(gazetteer, place, how, item, context, support)
        if country and place.kind == CITY:
            # "Jamaica" is the country, unless the text says which town ("Jamaica, N.Y.", its
            # state named): other names in the town's country are no reason for the town.
            score -= support.strength(place.country_code, item.key)
        ranked.append((score, place, how))
    ranked.sort(key=lambda row: -row[0])
    return ranked


def _score(
    gazetteer: Gazetteer,
    place: Place,
    how: str,
    item: Evidence,
    context: Context,
    support: Support,
) -> float:
    score = KIND_PRIOR[place.kind] + math.log10(place.population + 1) / 2
    if place.kind == CITY and place.population >= BIG_CITY:
        score += RESOLVE["big_city_bonus"]
        if place.population >= RESOLVE["world_city"] and how == NAME:
            score += RESOLVE["world_city_bonus"]
    if how == ALTERNATE:
        score -= RESOLVE["alternate_penalty"]
    if _comma_supported(gazetteer, place, item):
        score += RESOLVE["comma_bonus"]
    key = item.key
    if place.kind in (CITY, REGION):
        score += support.strength(place.country_code, key)
        region = place.id if place.kind == REGION else place.parent_id
        if place.country_code == "US" and support.region(region, key):
            score += RESOLVE["same_region_bonus"]
        elif place.country_code == "US" and support.city_region(region, key):
            score += RESOLVE["city_region_bonus"]
        if place.kind == REGION and item.listed.get(REGION, 0) >= 2:
            score += RESOLVE["listed_kind_bonus"]
    elif place.kind == COUNTRY:
        if item.listed.get(COUNTRY, 0) >= 2:
            score += RESOLVE["listed_kind_bonus"]
        if support.country(place.country_code, key):
            score += RESOLVE["country_bonus"]
        bordering = gazetteer.neighbours.get(place.country_code, ())
        if any(support.country(code, key) for code in bordering):
            score += RESOLVE["neighbour_bonus"]
    if context.home_country and place.country_code == context.home_country:
        score += HOME_BONUS
    return score


def _comma_supported(gazetteer: Gazetteer, place: Place, item: Evidence) -> bool:
    if not item.comma_places:
        return False
    country = gazetteer.country(place.country_code) if place.country_code else None
    return place.parent_id in item.comma_places or (
        country is not None and country.id in item.comma_places
    )


def _comma_contradicts(gazetteer: Gazetteer, place: Place, item: Evidence) -> bool:
    """Countries alone follow the name in brackets, and not the place's."""
    countries = [gazetteer.place(place_id) for place_id in item.bracket_places]
    if not countries or any(c is None or c.kind != COUNTRY for c in countries):
        return False
    return all(c is not None and c.country_code != place.country_code for c in countries)


def _believable(
    gazetteer: Gazetteer,
    place: Place,
    how: str,
    item: Evidence,
    context: Context,
    support: Support,
) -> bool:
    """Small or word-like cities need context: their state or country named, or a preposition."""
    if place.kind != CITY:
        return True
    if _comma_supported(gazetteer, place, item):
        return True
    if _comma_contradicts(gazetteer, place, item):
        return False  # "Cava (Spain)": a wine of Spain, not the Italian town of that name
    english = context.language[:2] in ("", "en")
    if english and how == ALTERNATE and not (item.proper or item.locative):
        return False  # another name, capitalised only where any word is ("Humus-rich")
    key = item.key
    if place.country_code == "US":
        backed = support.region(place.parent_id, key)
    else:
        backed = support.country_named(place.country_code, key)
    if backed:
        return True
    if item.common:
        german = context.language[:2] in ("de", "lb")
        if not item.proper or (how == ALTERNATE and not german):
            return False
        if " " in key or item.locative:
            in_country = item.locative and support.country(place.country_code, key)
            return place.population >= (IN_COUNTRY_FLOOR if in_country else COMMON_FLOOR)
        return place.population >= (GERMAN_BARE_FLOOR if german else COMMON_BARE_FLOOR)
    if " " in key and how != ALTERNATE:
        return True
    if how == ALTERNATE:
        floor = ALTERNATE_FLOOR
    elif support.country(place.country_code, key):
        floor = IN_COUNTRY_FLOOR
    else:
        floor = UNSUPPORTED_FLOOR
    if item.locative or place.country_code == context.home_country:
        floor //= 2
    return place.population >= floor

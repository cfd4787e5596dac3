"""``tag_places``: the places an article names, each resolved from its context and scored.

Steps: cap the text (``MAX_TEXT_CHARS``) and scan it (``scan``); find the surnames (a name seen
after a given name anywhere in the text); keep the mentions that can be places (``judge``: not
part of a person's or organisation's name, a team, a thing, an area...); gather per name the
context that ``resolve`` weighs (the place written after a comma or in brackets, a preposition
before it, whether it is an everyday word and was capitalised mid-sentence, whether the names
listed around it are US states); resolve; score by where and how often each place is named
(title 3, lead 2, body 1; adjectives such as "Ukrainian" count half), times the confidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from newsdesk.pipeline.geo.gazetteer import ABBREVIATION, ADJECTIVE, NAME, Gazetteer
from newsdesk.pipeline.geo.judge import common, judge, listed, locative
from newsdesk.pipeline.geo.places import COUNTRY, REGION, Place, PlaceMention
from newsdesk.pipeline.geo.reading import URL_LINE, Reading
from newsdesk.pipeline.geo.resolve import Context, Evidence, resolve
from newsdesk.pipeline.geo.scan import Mention, scan
from newsdesk.pipeline.geo.thresholds import (
    ADJECTIVE_FACTOR,
    BODY_WEIGHT,
    LEAD_CHARS,
    LEAD_WEIGHT,
    LIST_REACH,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    NOUN_CAPITALISING,
    TITLE_WEIGHT,
)
from newsdesk.pipeline.geo.tokens import tokenize
from newsdesk.pipeline.geo.wordlists import PERSON_LIKE, VESSEL_PREFIXES


def tag_places(
    gazetteer: Gazetteer, title: str, text: str, *, home_country: str = "", language: str = ""
) -> list[PlaceMention]:
    """Places named in ``title`` and ``text``, best first; direct mentions only."""
    title = unicodedata.normalize("NFKC", (title or "")[:MAX_TITLE_CHARS])
    body = unicodedata.normalize("NFKC", (text or "")[:MAX_TEXT_CHARS])
    full = URL_LINE.sub(_blank, f"{title}\n{body}")  # places in web addresses are not named
    tokens = tokenize(full)
    mentions = scan(gazetteer, full, tokens)
    if not mentions:
        return []
    reading = Reading(gazetteer, full, tokens, len(title))
    reading.nouns_capitalised = language.lower()[:2] in NOUN_CAPITALISING
    reading.people = _surnames(mentions, reading)
    kept = judge(mentions, reading)
    evidence = _evidence(kept, mentions, reading)
    chosen = resolve(gazetteer, evidence, Context(home_country.upper(), language))
    return _score(chosen, kept, len(title))


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _surnames(mentions: list[Mention], reading: Reading) -> set[str]:
    """Single-word names used after a given name or a title anywhere ("Barack Obama")."""
    people = set()
    for mention in mentions:
        if mention.first != mention.last:
            continue
        if reading.in_headline(mention):
            continue
        protected = mention.key not in PERSON_LIKE and (
            reading.only_big_places(mention) or reading.has_big_city(mention)
        )
        before = mention.before
        if before is not None and before.key in VESSEL_PREFIXES:
            people.add(mention.key)  # "INS Mysore", "USS Cole": a ship
        if (reading.name_before(mention) and not protected) or (
            mention.key in PERSON_LIKE and reading.names_follow(mention, person=True)
        ):
            people.add(mention.key)
    return people


def _evidence(
    kept: list[Mention], mentions: list[Mention], reading: Reading
) -> dict[str, Evidence]:
    """Per name: the candidates, the places written after it behind a comma, prepositions."""
    found: dict[str, Evidence] = {}
    placed: Mention | None = None  # the last mention after a preposition, or listed after one
    for mention in kept:
        evidence = found.get(mention.key)
        if evidence is None:
            entries = [e for e in mention.entries if e.how != ABBREVIATION]
            everyday = common(mention, reading, reading.only_big_places(mention))
            evidence = found[mention.key] = Evidence(mention.key, entries, common=everyday)
        if mention.comma_next is not None:
            context = {entry.place_id for entry in mentions[mention.comma_next].entries}
            evidence.comma_places.update(context)
            if mention.bracketed:
                evidence.bracket_places.update(context)
        headline = reading.in_headline(mention)
        after_place = locative(mention, reading.tokens) or (
            placed is not None and listed(placed, mention, reading)
        )
        placed = mention if after_place else placed
        evidence.locative = evidence.locative or after_place
        if (
            not reading.weak_case(mention)
            or (mention.first != mention.last and not headline)
            or (headline and after_place)
        ):
            evidence.proper = True
        if all(entry.how == ADJECTIVE for entry in mention.entries):
            evidence.adjective_mentions += 1
    for index, mention in enumerate(kept):
        evidence = found[mention.key]
        for kind in _big_kinds(mention, reading):
            around = sum(
                kind in _big_kinds(other, reading) and _near(mention, other)
                for other in kept[max(0, index - 1) : index + 2]
                if other is not mention
            )
            evidence.listed[kind] = max(evidence.listed.get(kind, 0), around)
    return found


def _big_kinds(mention: Mention, reading: Reading) -> set[str]:
    """Countries and US states the mention names by their own name."""
    kinds = {reading.kind(entry.place_id) for entry in mention.entries if entry.how == NAME}
    return kinds & {COUNTRY, REGION}


def _near(one: Mention, other: Mention) -> bool:
    return abs(one.start - other.start) <= LIST_REACH


def _score(
    chosen: dict[str, tuple[Place, float]],
    kept: list[Mention],
    title_end: int,
) -> list[PlaceMention]:
    lead_end = title_end + LEAD_CHARS
    weights: dict[int, float] = defaultdict(float)
    counts: dict[int, int] = defaultdict(int)
    places: dict[int, tuple[Place, float]] = {}
    for mention in kept:
        if mention.key not in chosen:
            continue
        place, confidence = chosen[mention.key]
        if mention.start < title_end:
            weight = TITLE_WEIGHT
        elif mention.start < lead_end:
            weight = LEAD_WEIGHT
        else:
            weight = BODY_WEIGHT
        if all(entry.how == ADJECTIVE for entry in mention.entries):
            weight *= ADJECTIVE_FACTOR
        weights[place.id] += weight
        counts[place.id] += 1
        previous = places.get(place.id)
        places[place.id] = (place, max(confidence, previous[1] if previous else 0.0))
    if not weights:
        return []
    top = max(weights.values())
    result = [
        PlaceMention(place, counts[pid], round(min(1.0, weights[pid] / top * confidence), 4))
        for pid, (place, confidence) in places.items()
    ]
    result.sort(key=lambda m: (-m.score, -m.mentions, m.place.kind != COUNTRY, m.place.name))
    return result

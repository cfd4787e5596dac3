"""The word lists of the claim map, read once from ``data/claims.txt``.

``numbers`` and ``ordinals`` map words to values ("twelve" 12, "seventh" 7), ``scales`` words
to factors ("million", "tausend"), ``currencies`` signs and words to a code ("$" and "dollars"
to "usd"); ``hedges`` are the phrases that make a number a bound or an estimate ("at least",
"about"), ``estimates`` those of them that make it an estimate, not a bound, ``age_words``
those that make it an age, ``speech_verbs`` those that introduce a quote,
``units`` the groups of unit nouns that count the same thing ("people" and "persons");
``quantities`` the kinds of quantity (the words saying what happened to what is counted:
"killed", "destroyed"), with ``rising`` the kinds that grow as a story develops (tolls);
``referring_units`` the unit words that only point back ("others"), ``negations`` the words
that deny what follows them; ``date_bounds`` the words that make a date a span's edge ("since
June 1998"), ``relative_days`` the days before publication a word means ("yesterday" 1),
``day_edges`` the words that put a weekday near midnight ("late Friday"), ``places`` the kinds
of place something happened at (phrases of each kind) with ``place_lead`` the words that may
stand before them ("a", "his"), ``clause_edges`` the
words that end a date's clause ("after") and ``not_events`` the words near a date that are no
event of their own ("said", "morning"); ``markets`` the words of a trading day ("shares"),
whose percentages are moves at one moment; ``name_particles`` the lower-case words inside a name
("da" in "Lula da Silva"), ``speaker_pronouns`` the words that credit a quote to the previous
sentence's speaker ("he") and ``numbered_names`` the words whose number names one
of a series ("Episode 7"), not a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Phrases:
    """Phrases of one or more words, with their first words for a quick look-up."""

    phrases: tuple[tuple[str, ...], ...]
    first: frozenset[str]


@dataclass(frozen=True)
class WordLists:
    numbers: dict[str, float]
    ordinals: dict[str, float]
    scales: dict[str, float]
    currencies: dict[str, str]
    hedges: tuple[tuple[str, ...], ...]
    estimates: frozenset[tuple[str, ...]]
    age_words: frozenset[str]
    speech_verbs: frozenset[str]
    units: tuple[frozenset[str], ...]
    quantities: tuple[frozenset[str], ...]
    rising: frozenset[int]
    negations: Phrases
    referring_units: frozenset[str]
    date_bounds: Phrases
    relative_days: dict[tuple[str, ...], int]
    day_edges: frozenset[str]
    places: dict[tuple[str, ...], int]
    place_words: frozenset[str]  # the first words of ``places``
    place_lead: frozenset[str]
    clause_edges: frozenset[str]
    not_events: frozenset[str]
    markets: frozenset[str]
    name_particles: frozenset[str]
    speaker_pronouns: frozenset[str]
    numbered_names: frozenset[str]


@cache
def word_lists() -> WordLists:
    """The lists of ``data/claims.txt``."""
    sections: dict[str, list[str]] = {}
    current = ""
    text = files("newsdesk.pipeline.claims").joinpath("data/claims.txt").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)

    def valued(name: str) -> dict[str, float]:
        return {
            word: float(value) for word, value in (line.rsplit(" ", 1) for line in sections[name])
        }

    return WordLists(
        numbers=valued("numbers"),
        ordinals=valued("ordinals"),
        scales=valued("scales"),
        currencies={
            word: code for word, code in (line.rsplit(" ", 1) for line in sections["currencies"])
        },
        hedges=tuple(
            sorted((tuple(line.split()) for line in sections["hedges"]), key=len, reverse=True)
        ),
        estimates=frozenset(tuple(line.split()) for line in sections["estimates"]),
        age_words=frozenset(sections["age-words"]),
        speech_verbs=frozenset(sections["speech-verbs"]),
        units=tuple(frozenset(line.split()) for line in sections["units"]),
        quantities=tuple(
            frozenset(line.removeprefix("rising ").split()) for line in sections["quantities"]
        ),
        rising=frozenset(
            n for n, line in enumerate(sections["quantities"]) if line.startswith("rising ")
        ),
        negations=_phrases(sections["negations"]),
        referring_units=frozenset(sections["referring-units"]),
        date_bounds=_phrases(sections["date-bounds"]),
        relative_days={
            tuple(words.split()): int(days)
            for words, days in (line.rsplit(" ", 1) for line in sections["relative-days"])
        },
        day_edges=frozenset(sections["day-edges"]),
        places={
            tuple(phrase.split()): kind
            for kind, line in enumerate(sections["places"])
            for phrase in (line.split("|") if "|" in line else line.split())
        },
        place_words=frozenset(
            phrase.split()[0]
            for line in sections["places"]
            for phrase in (line.split("|") if "|" in line else line.split())
        ),
        place_lead=frozenset(sections["place-lead"]),
        clause_edges=frozenset(sections["clause-edges"]),
        not_events=frozenset(sections["not-events"]),
        markets=frozenset(sections["markets"]),
        name_particles=frozenset(sections["name-particles"]),
        speaker_pronouns=frozenset(sections["speaker-pronouns"]),
        numbered_names=frozenset(sections["numbered-names"]),
    )


def _phrases(lines: list[str]) -> Phrases:
    phrases = tuple(tuple(line.split()) for line in lines)
    return Phrases(phrases, frozenset(phrase[0] for phrase in phrases))

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
that deny what follows them.
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
    )


def _phrases(lines: list[str]) -> Phrases:
    phrases = tuple(tuple(line.split()) for line in lines)
    return Phrases(phrases, frozenset(phrase[0] for phrase in phrases))

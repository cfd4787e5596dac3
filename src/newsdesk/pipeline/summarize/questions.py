"""Read a reader's question: what kind of thing it asks for, and the words and names it asks about.

``read_question`` gives an ``Asked``:

- ``kind``: "number" (how many), "amount" (how much: money, a share, a quantity with its unit),
  "age" (how old), "measure" (how long, far, big), "date" (when, what year), "person" (who),
  "place" (where), "rank" (where did it finish, which round), "name" (which horse, what is it
  called), "reason" (why, what caused), or "" (anything), decided by the first question word;
- ``terms``: the question's content words as match keys (``words.keys``);
- ``names``: the proper names it holds ("Marc Leishman", "Fall of an Empire"), each a set of
  keys: an answer must be about them; a name is one term, met by any of its words ("Maurice
  Cheeks" by "Cheeks");
- ``counted``: for "how many X", the keys of X, which the answer's number must count;
- ``focus``: for "who is the X", "what is the name of the X" and "how old is the X", the keys
  of X, which the answer's name or age must stand next to ("referee Sam Williams");
- ``units``: for "how much" and "how far/long/heavy", the units an answer may give;
- ``qualifiers``: the terms of a relative clause ("the shelter where Rademenes works"), which
  say which thing is meant, and support verbs ("who carried out the poll?"), which an answer
  says in other words: both weigh less in an answer's coverage.

What a sentence must hold to answer it is ``kinds.fills``. The word lists are in
``data/questions.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdesk.pipeline.summarize.ranking import STOPWORDS
from newsdesk.pipeline.summarize.words import (
    Keys,
    base,
    keys,
    question_stopwords,
    sections,
    stems_of,
    synonym_phrases,
    tokens,
    words_of,
)

_POSSESSED = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True)
class Asked:
    """What a question asks for and about."""

    question: str
    kind: str
    terms: tuple[Keys, ...]
    names: tuple[Keys, ...]
    counted: Keys
    literals: frozenset[str]
    focus: Keys = frozenset()
    units: frozenset[str] = frozenset()
    counts_name: bool = False
    qualifiers: frozenset[Keys] = frozenset()

    @property
    def all_keys(self) -> Keys:
        return frozenset(key for term in self.terms for key in term)


@cache
def _framing() -> re.Pattern[str]:
    phrases = sorted(sections()["framing phrases"], key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b",
        re.IGNORECASE,
    )


def read_question(question: str) -> Asked:
    """What ``question`` asks for (``kind``) and about (``terms``, ``names``, ``counted``)."""
    text = _framing().sub(" ", question)
    terms: list[Keys] = []
    for pattern, group in synonym_phrases():
        if pattern.search(text):
            terms.append(frozenset({group}))
            text = pattern.sub(" ", text)
    found = tokens(text)
    words = [token.lower() for token in found]
    asked_words = [t.lower() for t in tokens(question)]
    kind, counted, focus = _kind(question.lower(), asked_words)
    names = _names(found)
    named = {index for run in names for index in run}
    framing = words_of("question words")
    clause = _relative_clause(words)
    describing = _describing(found, names)
    qualifiers: list[Keys] = []
    for index, word in enumerate(words):
        if index in named or word in question_stopwords() or word in framing:
            continue
        if len(word) > 1 or word.isdigit():
            terms.append(keys(word))
            light = index >= clause or index in describing
            if light or word in words_of("support verbs"):
                qualifiers.append(keys(word))
    name_keys = [_run_keys([found[index] for index in run]) for run in names]
    terms.extend(name for name in name_keys if name)
    return Asked(
        question=question,
        kind=kind,
        terms=tuple(dict.fromkeys(terms)),
        names=tuple(name for name in name_keys if name),
        counted=counted,
        literals=frozenset(word for word in words if word[:1].isdigit()),
        focus=focus,
        units=_units(kind, question.lower()),
        counts_name=kind == "number" and _counts_a_name(tokens(question)),
        qualifiers=frozenset(qualifiers),
    )


def _describing(found: list[str], names: list[list[int]]) -> set[int]:
    """The indexes of the nouns that say what a name is, after it at the end of the question or
    before a possessive ("where is the Fury 325 roller coaster", "the Ham robot's head", "sell
    his Ohio mansion"): the name says which thing is meant, and an answer may give the name
    alone ("The Fury 325 can be found at ..."). Only after a determiner, and at the end of the
    question only when no auxiliary says its verb may come last ("will the Waitrose store
    reopen", "do houses near a Lidl cost")."""
    determiners = words_of("determiners")
    verb_later = words_of("auxiliaries") - words_of("copulas")
    # "do houses near a Lidl cost": after "do", "did", "will" the verb may end the question.
    may_end_in_verb = any(word.lower() in verb_later for word in found)
    describing: set[int] = set()
    for run in names:
        before = run[0] - 1
        if before < 0 or found[before].lower() not in determiners:
            continue
        if _POSSESSED.search(found[run[-1]]):
            continue
        phrase: list[int] = []
        for index in range(run[-1] + 1, len(found)):
            word = found[index]
            if word.isdigit() and not phrase:
                continue  # part of the name: "the Fury 325"
            if not word.islower() or word in question_stopwords():
                phrase = []
                break
            phrase.append(index)
            if _POSSESSED.search(word):
                break
        else:
            if may_end_in_verb:
                phrase = []
        describing.update(phrase)
    return describing


def _relative_clause(words: list[str]) -> int:
    """Where a relative clause starts ("the shelter where Rademenes works"): a second
    question word or "that" after the first question word and a word between; ``len(words)``
    when there is none."""
    markers = words_of("relative markers")
    asking = [index for index, word in enumerate(words) if word in markers]
    for index in asking[1:] if asking and asking[0] <= 1 else asking:
        if index > 2:
            return index + 1
    return len(words)


#: The units a "how long/far/..." answer may give, by the question's word.
_DIMENSIONS = {
    "far": ("length units",),
    "long": ("length units", "time units"),
    "tall": ("length units",),
    "high": ("length units",),
    "deep": ("length units",),
    "wide": ("length units",),
    "heavy": ("weight units",),
    # A speed is a distance in a time: "30 miles an hour", "70mph"; a time alone is none.
    "fast": ("length units", "other units"),
    "strong": ("length units", "time units", "weight units", "other units"),
    "hot": ("other units",),
    "cold": ("other units",),
}
ALL_UNITS = ("length units", "time units", "weight units", "other units", "multipliers")


def _units(kind: str, lowered: str) -> frozenset[str]:
    """The units an "amount" or "measure" answer may give: "how far" wants a length."""
    if kind == "amount":
        # Not a time: "two years of debate over its cost" tells no cost.
        amounts = [name for name in (*ALL_UNITS, "currencies") if name != "time units"]
        return frozenset().union(*(words_of(name) for name in amounts))
    if kind != "measure":
        return frozenset()
    how = re.search(r"\bhow\s+(\w+)", lowered)
    sections = _DIMENSIONS.get(how.group(1) if how else "", (*ALL_UNITS, "currencies"))
    return frozenset().union(*(words_of(name) for name in sections))


def _counts_a_name(found: list[str]) -> bool:
    """Whether "how many" counts a name ("how many Academy Awards"), not a common noun."""
    lowered = [token.lower() for token in found]
    start = lowered.index("many") + 1 if "many" in lowered else len(found)
    return start < len(found) and found[start][:1].isupper()


#: The question words, each with the kind of answer it asks for ("" when the nouns decide).
_ASKING = (
    (r"\bhow\s+many\b", "number"),
    (r"\bhow\s+much\b", "amount"),
    (r"\bhow\s+old\b|\bwhat\s+age\b", "age"),
    (r"\bhow\s+(?:long|far|tall|high|big|large|heavy|deep|wide|fast|strong|hot|cold)\b", "measure"),
    (r"\bhow\s+often\b", "number"),
    (r"\bwhen\b", "date"),
    (r"\b(?:who|whom|whose)\b", "person"),
    (r"\bwhere\b", "place"),
    (r"\bwhy\b|\bwhat\s+(?:caused|causes|cause|led\s+to)\b", "reason"),
    (r"\b(?:what|which)\b(?!\s+(?:caused|causes|cause|led\s+to)\b)", "noun"),
)


def _kind(lowered: str, words: list[str]) -> tuple[str, Keys, Keys]:
    """The kind asked for (by the first question word), what "how many" counts, the focus."""
    found = [
        (match.start(), kind) for pattern, kind in _ASKING if (match := re.search(pattern, lowered))
    ]
    if not found:
        return "", frozenset(), frozenset()
    kind = min(found)[1]
    if kind == "number" and "many" in words:
        return kind, _counted(words), frozenset()
    if kind == "place" and any(base(word) in stems_of("rank verbs") for word in words):
        return "rank", frozenset(), frozenset()
    if kind == "person":
        return kind, frozenset(), _focus(lowered, r"\bwho\s+(?:is|was|are|were)\s+(.*)")
    if kind == "age":
        return kind, frozenset(), _focus(lowered, r"\bhow\s+old\s+(?:is|was|are|were)\s+(.*)")
    if kind == "noun":
        kind = _noun_kind(words)
        if kind == "name":
            owner = re.search(r"([\w-]+)['\u2019]s\s+names?\b", lowered)
            if owner:
                return kind, frozenset(), keys(owner.group(1))
            return kind, frozenset(), _focus(lowered, r"\bnames?\s+of\s+(.*)")
    return kind, frozenset(), frozenset()


def _focus(lowered: str, pattern: str) -> Keys:
    """The noun a "who is the X" or "the name of the X" question asks to name: the word after
    a possessive ("Rickie Fowler's girlfriend"), or else the first content word ("the
    president of ...")."""
    match = re.search(pattern, lowered)
    if not match:
        return frozenset()
    words = tokens(match.group(1))
    for index, word in enumerate(words[:-1]):
        if _POSSESSED.search(word):
            return keys(words[index + 1])
    for word in words:
        if (
            word not in question_stopwords()
            and word not in words_of("number words")
            and word.isalpha()
        ):
            return keys(word)
    return frozenset()


_OBJECT_AUXILIARIES = frozenset({"did", "does", "do", "will", "would", "can", "could", "should"})


def _noun_kind(words: list[str]) -> str:
    """The kind a "what/which" question asks for, from the nouns it holds."""
    if "called" in words or "named" in words:
        return "name"
    start = next(index for index, word in enumerate(words) if word in ("what", "which"))
    if start + 1 < len(words) and words[start + 1] in _OBJECT_AUXILIARIES:
        # "What did the store's opening party cost?": the thing asked is the verb's object, so
        # the nouns of the subject say nothing of it; a verb of paying asks for an amount.
        verbs = stems_of("amount verbs")
        return "amount" if any(base(word) in verbs for word in words[start + 2 :]) else ""
    for word in words[start + 1 :]:
        stemmed = base(word)
        for section, kind in (
            ("rank nouns", "rank"),
            ("date nouns", "date"),
            ("number nouns", "number"),
            ("amount nouns", "amount"),
            ("name nouns", "name"),
        ):
            if stemmed in stems_of(section):
                return kind
    return ""


def _counted(words: list[str]) -> Keys:
    """The keys of what "how many" counts: the word after "many", and the last word before a
    verb such as "are" ("how many food banks are there")."""
    start = words.index("many") + 1
    found: set[str] = set()
    if start < len(words) and words[start] not in question_stopwords():
        found.update(keys(words[start]))
    for index in range(start + 1, len(words)):
        if words[index] in words_of("auxiliaries"):
            if words[index - 1] not in question_stopwords():
                found.update(keys(words[index - 1]))
            break
    return frozenset(found)


def _names(found: list[str]) -> list[list[int]]:
    """Each run of capitalised words (not the first word) as the indexes of its tokens; "of",
    "the", "de" and the like inside a name keep it one run ("Fall of an Empire")."""
    runs: list[list[int]] = []
    run: list[int] = []
    for index, token in enumerate([*found, ""]):
        if index > 0 and capitalised(token):
            run.append(index)
            continue
        if run and joins(found, index):
            continue
        if run:
            runs.append(run)
        run = []
    return runs


def capitalised(token: str) -> bool:
    """Whether ``token`` may be part of a name: capitalised and no stop word."""
    return token[:1].isupper() and token.lower() not in STOPWORDS


def joins(found: list[str], index: int) -> bool:
    """Whether ``found[index]`` is a connector inside a name: "of" in "Bank of England"."""
    connectors = words_of("name connectors")
    rest = index
    while rest < len(found) and found[rest].lower() in connectors:
        rest += 1
    return rest > index and rest < len(found) and capitalised(found[rest])


def _run_keys(run: list[str]) -> Keys:
    titles = words_of("titles")
    return frozenset(key for token in run if token.lower() not in titles for key in keys(token))

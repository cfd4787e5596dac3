"""The checkable facts of a sentence: numbers, dates, names, negations and content words.

The faithfulness check compares what a generated sentence states with what its cited source
sentences state. This module reads both sides into a ``Facts`` record:

- ``numbers``: values, so "5,000", "5k", "five thousand" and "$5,000" are one number, "$5
  million" and "5m" another; percentages and ordinals keep their value ("12%" is 12, "21st" 21);
- ``dates``: month and weekday names ("Jan." is January);
- ``names``: runs of capitalised words ("Joe Biden", "Bank of England"), possessives dropped,
  a sentence's first word only when it starts a longer name; acronyms ("UN", "U.S.") too;
- ``negated``: the content words that a "not", "no", "never", "denied"... governs;
- ``words``: content words (stop words dropped), lower-cased and stemmed by light suffix rules;
- ``phrases``: every run of three words (stop words kept, stemmed), to see how closely a
  sentence keeps to the wording of another.

Everything is rules and word lists: no model, microseconds per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple


def _words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a word list."""
    return tuple(text.split())


STOP_WORDS = frozenset(
    _words(
        """
    a an the and or but if then than so as at by for from in into of on onto to with within
    about above after against along among around before behind below beneath beside between
    beyond during except inside near off out outside over past since through throughout till
    toward towards under until up upon via per amid across also too very just only even still
    yet already again ever here there where when while why how what which who whom whose that
    this these those it its itself he him his himself she her hers herself they them their
    theirs themselves we us our ours ourselves you your yours i me my mine myself one ones
    is am are was were be been being have has had having do does did doing done will would
    shall should can could may might must ought 's s t d ll m re ve
    said says say saying told tell tells according added adding
    all any both each either every few many more most much other some such own same
    mr mrs ms dr
    """
    )
)

NEGATIONS = frozenset(
    _words(
        """
    not no never none nobody nothing neither nor without cannot n't deny denies denied denying
    refuse refuses refused refusing fail fails failed failing reject rejects rejected unable
    """
    )
)

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_NAMES = ("", *_words("January February March April May June July"))
MONTH_NAMES += _words("August September October November December")
WEEKDAYS = {
    day[:3]: day for day in _words("monday tuesday wednesday thursday friday saturday sunday")
}

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_UNITS += " fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
NUMBER_WORDS = {word: float(value) for value, word in enumerate(_words(_UNITS))}
NUMBER_WORDS.update({word: float(20 + 10 * index) for index, word in enumerate(_words(_TENS))})
NUMBER_WORDS["dozen"] = 12.0
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}

#: Name-internal lower-case words: "Bank of England", "Vincent van Gogh".
_CONNECTORS = frozenset(_words("of de da del der di du van von al bin el la le y"))

_DIGITS = re.compile(
    r"(?<![\w.])[$£€]?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(hundred|thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?"
    r"(?:st|nd|rd|th|s)?(?!\d)"
)
_WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*\.?|n't|[\u201c\u201d\"]")
_SENTENCE_START = frozenset({"", ".", "!", "?", ":", ";", '"', "\u201c", "\u201d", "-"})
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "won": "win",
    "lost": "lose",
    "left": "leave",
    "made": "make",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "found": "find",
    "went": "go",
    "gone": "go",
    "came": "come",
    "held": "hold",
    "met": "meet",
    "paid": "pay",
    "sold": "sell",
    "bought": "buy",
    "brought": "bring",
    "thought": "think",
    "began": "begin",
    "begun": "begin",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "wrote": "write",
    "written": "write",
    "got": "get",
    "kept": "keep",
    "fell": "fall",
    "fallen": "fall",
    "led": "lead",
    "built": "build",
    "sent": "send",
    "spent": "spend",
    "felt": "feel",
    "struck": "strike",
    "stole": "steal",
    "stolen": "steal",
    "chose": "choose",
    "chosen": "choose",
    "became": "become",
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "person",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
}


class Name(NamedTuple):
    """A run of capitalised words; ``leading`` when it opens a sentence (its first word may
    be capitalised only for that: "New Swansea boss...")."""

    words: tuple[str, ...]
    leading: bool


@dataclass(frozen=True)
class Facts:
    """What one text states, in comparable form (see the module docstring)."""

    numbers: dict[float, str]
    dates: dict[str, str]
    names: tuple[Name, ...]
    acronyms: frozenset[str]
    initials: frozenset[str]
    negated: frozenset[str]
    asserted: frozenset[str]
    words: tuple[str, ...]
    vocabulary: frozenset[str]
    phrases: tuple[tuple[str, str, str], ...]


@lru_cache(maxsize=20_000)
def read_facts(text: str) -> Facts:
    """The ``Facts`` of ``text`` (cached: source sentences are read once per claim otherwise)."""
    tokens = _tokens(text)
    names = _names(tokens)
    words = tuple(stem(part) for part in _parts(tokens) if is_content(part))
    negated, asserted = _negated(tokens)
    vocabulary = {t.lower().rstrip(".") for t in tokens} | set(words)
    every = [stem(part) for part in _parts(tokens)]
    return Facts(
        numbers=_numbers(text),
        dates=_dates(tokens),
        names=names,
        acronyms=frozenset(
            n.words[0] for n in names if n.words[1:] == () and _is_acronym(n.words[0])
        ),
        initials=frozenset(_initials(names)),
        negated=frozenset(negated),
        asserted=frozenset(asserted),
        words=words,
        vocabulary=frozenset(vocabulary),
        phrases=tuple(zip(every, every[1:], every[2:], strict=False)),
    )


def _tokens(text: str) -> list[str]:
    """Words with possessives dropped and acronym dots removed; quotes kept as boundaries."""
    tokens: list[str] = []
    for raw in _WORD.findall(text.replace("\u2019", "'")):
        if raw.endswith(".") and raw.count(".") == 1:
            raw = raw[:-1]  # a full stop, not part of the word
        if raw.lower().endswith("n't") and raw.lower() != "n't":
            tokens.extend([raw[:-3], "n't"])
            continue
        if raw.lower().endswith("'s"):
            raw = raw[:-2]
        raw = raw.rstrip("'")
        if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", raw):
            raw = raw.replace(".", "").upper()  # "U.S." -> "US"
        if raw:
            tokens.append(raw)
    return tokens


def _parts(tokens: list[str]) -> list[str]:
    """Lower-cased words, hyphenated ones split: "39-year-old" -> "39", "year", "old"."""
    return [part for token in tokens for part in token.lower().split("-") if part]


def is_content(word: str) -> bool:
    """Whether a word counts toward coverage: not a stop word, a number or a negation."""
    lower = word.lower()
    return (
        lower not in STOP_WORDS
        and lower not in NEGATIONS
        and lower not in NUMBER_WORDS
        and lower not in SCALES
        and lower.isalpha()
    )


def stem(word: str) -> str:
    """A light stem: "reports", "reported", "reporting" -> "report"; "cities" -> "city"."""
    word = _IRREGULAR.get(word, word)
    if "-" in word:
        return "-".join(stem(part) for part in word.split("-"))
    for suffix, replacement, minimum in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "stopp(ed)" -> "stop"
    return word


_SUFFIXES = (
    ("ational", "ate", 3),
    ("ization", "ize", 3),
    ("isation", "ize", 3),
    ("ations", "ate", 3),
    ("ation", "ate", 3),
    ("ments", "", 4),
    ("ment", "", 4),
    ("ness", "", 4),
    ("ingly", "", 3),
    ("edly", "", 3),
    ("ings", "", 3),
    ("ing", "", 3),
    ("ies", "y", 2),
    ("ied", "y", 2),
    ("ers", "", 4),
    ("er", "", 4),
    ("ed", "", 3),
    ("ly", "", 4),
    ("es", "", 4),
    ("s", "", 3),
    ("e", "", 3),
)


def _numbers(text: str) -> dict[float, str]:
    """Every number's value, mapped to how the text wrote it."""
    found: dict[float, str] = {}
    for match in _DIGITS.finditer(text):
        value = float(match.group(1).replace(",", ""))
        if match.group(2):
            value *= SCALES[match.group(2).lower()]
        found.setdefault(round(value, 6), match.group(0).strip())
    for value, written in _word_numbers(text):
        found.setdefault(round(value, 6), written)
    return found


def _word_numbers(text: str) -> list[tuple[float, str]]:
    """Numbers written in words: "five", "twenty-one", "two million", "a dozen"."""
    out: list[tuple[float, str]] = []
    words = re.findall(r"[a-z]+", text.lower())
    index = 0
    while index < len(words):
        word = words[index]
        if word not in NUMBER_WORDS or word in ("one", "zero"):
            index += 1
            continue
        start, value = index, NUMBER_WORDS[word]
        index += 1
        if word in _words(_TENS) and index < len(words) and words[index] in NUMBER_WORDS:
            value += NUMBER_WORDS[words[index]] if NUMBER_WORDS[words[index]] < 10 else 0
            index += 1
        while index < len(words) and words[index] in SCALES and len(words[index]) > 2:
            value *= SCALES[words[index]]
            index += 1
        out.append((value, " ".join(words[start:index])))
    return out


def _dates(tokens: list[str]) -> dict[str, str]:
    """Months and weekdays named, as their full lower-case names."""
    dates: dict[str, str] = {}
    for token in tokens:
        lower = token.lower()
        if token[:1].isupper() and lower in MONTHS:
            dates[MONTH_NAMES[MONTHS[lower]].lower()] = token
        elif lower[:3] in WEEKDAYS and lower in (WEEKDAYS[lower[:3]], lower[:3]):
            dates[WEEKDAYS[lower[:3]]] = token
    return dates


def _names(tokens: list[str]) -> tuple[Name, ...]:
    """Runs of capitalised words; a sentence's first word only as part of a longer run."""
    names: list[Name] = []
    run: list[str] = []
    starts_sentence = at_start = True
    for token in [*tokens, "."]:
        capital = _is_acronym(token) or (
            token[:1].isupper()
            and token.lower() not in STOP_WORDS | NEGATIONS
            and not _is_date_or_number(token)
        )
        if capital or (run and token in _CONNECTORS):
            if not run:
                at_start = starts_sentence
            run.append(token)
        else:
            names.extend(_close_name(run, at_start))
            run = []
        starts_sentence = token in _SENTENCE_START
    return tuple(names)


def _close_name(run: list[str], at_start: bool) -> list[Name]:
    while run and run[-1] in _CONNECTORS:
        run = run[:-1]
    if not run or run == ["I"]:
        return []
    if at_start and len(run) == 1 and not _is_acronym(run[0]):
        return []  # "Police said ...": a capital only because the sentence starts there
    return [Name(tuple(run), at_start)]


def _is_date_or_number(token: str) -> bool:
    lower = token.lower()
    return lower in MONTHS or (lower[:3] in WEEKDAYS and lower in WEEKDAYS.values())


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _initials(names: tuple[Name, ...]) -> set[str]:
    """The initials of multi-word names: "United Nations" -> "UN"."""
    initials = ("".join(w[0] for w in name.words if w not in _CONNECTORS) for name in names)
    return {letters.upper() for letters in initials if len(letters) > 1}


def _negated(tokens: list[str]) -> tuple[set[str], set[str]]:
    """The stems a negation governs (the first content word within three words after it),
    and those that also occur without one."""
    negated: set[str] = set()
    asserted: set[str] = set()
    governed = 0
    for token in tokens:
        lower = token.lower()
        if lower in NEGATIONS:
            governed = 3
            continue
        for part in _parts([token]):
            if not is_content(part):
                continue
            if governed:
                negated.add(stem(part))
                governed = 0
            else:
                asserted.add(stem(part))
        governed = max(governed - 1, 0)
    return negated, asserted

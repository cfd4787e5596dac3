"""What a sentence holds of the kind of thing a question asks for.

``fills(asked, text)`` says whether a sentence holds a thing of the kind asked for that the
question does not already hold: "How old is Comeaux?" is answered by "Comeaux, 49, was ..."
and not by a sentence naming Comeaux with no age; "How many people took part?" by a number
next to "people"; "Who is the zoo's executive director?" by a name next to "director"; "How far
did he fall?" by a length, not by "a two-year-old". The word lists are in
``data/questions.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.pipeline.summarize.questions import ALL_UNITS, Asked, capitalised, joins
from newsdesk.pipeline.summarize.words import keys, question_stopwords, text_keys, tokens, words_of

_PLACE_COMPOUND = re.compile(r"\b([A-Z][\w'\u2019]+)-(?:born|based|raised|bred|native)\b")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_CALENDAR = frozenset((_MONTHS + "|" + _DAYS).split("|"))
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})"
    rf"|(?:{_MONTHS})\.?\s+(?:1[89]|20)\d\d|(?:in|since|until|by|from|of)\s+(?:{_MONTHS})"
    rf"|(?:1[89]|20)\d\d|{_DAYS}|yesterday|today|tomorrow|tonight"
    r"|(?:last|next|this)\s+(?:week|month|year|season|spring|summer|autumn|fall|winter)"
    r"|\d{1,2}(?:[:.]\s?\d\d)?\s*(?:[ap]\.?\s?m\b\.?))",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b\d{1,3}\s*-\s*(?:year|month|week)s?\s*-\s*old\b|\baged?\s+(?:of\s+)?\d{1,3}\b"
    r"|\bage\s+of\s+\d{1,3}\b|[^\d\s]\s*,\s*\d{1,3}\s*,|\bat\s+\d{1,3}\b"
    r"|\b[a-z]+-(?:year|month)-old\b"
    r"|\b(?:will\s+be|turns|turned|turning)\s+\d{1,3}(?=\s*(?:[.,;!]|$|\s+(?:in|on|next|this|when)\b))",
    re.IGNORECASE,
)
#: "Michelle Obama is 51 years old": an age of the word before the verb (a name, "he", "she").
_AGE_PREDICATE = re.compile(
    r"\b(?:is|was|are|were|be|been|turns|turned)\s+(?:now\s+)?\d{1,3}\s+years?\s+old\b",
    re.IGNORECASE,
)
#: "will be 29 in April", "turned 40": an age of the word just before (a name or "he"/"she").
_AGE_VERB = re.compile(r"^(?:will|turn)", re.IGNORECASE)
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "that"})
_NAME_BREAKS = re.compile(r"[:;()\[\]|]|\s[-\u2013\u2014]\s")
_QUOTED = re.compile(
    r"['\u2018\"\u201c`]{1,2}\s*([A-Z][^'\u2019\"\u201d]{0,40}?)\s*['\u2019\"\u201d]"
)


def fills(asked: Asked, text: str) -> bool:
    """Whether ``text`` holds a thing of the kind asked for, other than what the question holds."""
    kind = asked.kind
    found = tokens(text)
    if kind == "number":
        return _counts(asked, found)
    if kind in ("amount", "measure"):
        return _has_amount(asked, found)
    if kind == "age":
        return _has_age(asked, text)
    if kind == "date":
        return any(not _asked(asked, match.group()) for match in _DATE.finditer(text))
    if kind in ("person", "name"):
        shortest = 2 if kind == "person" else 1
        named = any(
            len(run) >= shortest and _by_focus(asked, text, found, start, run)
            for start, run in _new_names(asked, text)
        )
        if kind == "person" and not asked.focus:
            return named or _has_agent(asked, found)
        return named or (kind == "name" and not asked.focus and _new_quote(asked, text))
    if kind == "place":
        return _has_place(asked, found) or any(
            not keys(match.group(1).lower()) & asked.all_keys
            for match in _PLACE_COMPOUND.finditer(text)
        )
    if kind == "rank":
        ordinals = words_of("ordinals")
        return any(
            (token.lower() in ordinals or re.fullmatch(r"\d+(?:st|nd|rd|th)", token.lower()))
            and token.lower() not in asked.literals
            for token in found
        )
    if kind == "reason":
        return _has_reason(asked, text, found)
    return True


def _asked(asked: Asked, found: str) -> bool:
    """Whether a found number or date is one the question holds already ("the 2015 race")."""
    digits = re.findall(r"\d+", found)
    return bool(digits) and all(digit in asked.literals for digit in digits)


def _is_number(token: str, asked: Asked) -> bool:
    lowered = token.lower()
    if lowered in asked.literals:
        return False
    return lowered[:1].isdigit() or lowered in words_of("number words")


def _counts(asked: Asked, found: list[str]) -> bool:
    """A number counting what the question counts: "7,687 people", "a crowd of 17,430"; not a
    number of something else ("three decades") nor the noun inside a name the question holds
    ("the Endangered Species Act")."""
    numbers = [index for index, token in enumerate(found) if _is_number(token, asked)]
    if not asked.counted:
        return bool(numbers)
    units = frozenset().union(*(words_of(name) for name in ALL_UNITS[:-1]))
    in_names = frozenset(key for name in asked.names for key in name)
    counted = [
        index
        for index, token in enumerate(found)
        if keys(token.lower()) & asked.counted
        and (asked.counts_name or not (token[:1].isupper() and keys(token.lower()) & in_names))
    ]
    for number in numbers:
        after = found[number + 1].lower() if number + 1 < len(found) else ""
        if after in units and not keys(after) & asked.counted:
            continue
        for noun in counted:
            if 0 < noun - number <= 6 and not _new_phrase(found[number + 1 : noun]):
                return True
            between = {token.lower() for token in found[noun + 1 : number]}
            if noun < number and "of" in between and between <= words_of("count links"):
                return True
    return False


def _new_phrase(between: list[str]) -> bool:
    """Whether a determiner between a number and a noun starts a new phrase, so the number
    counts something else: "the first 100 customers the doll" counts customers, not dolls;
    "three of the dolls" is one phrase."""
    lowered = [token.lower() for token in between]
    return any(
        word in _DETERMINERS and (index == 0 or lowered[index - 1] != "of")
        for index, word in enumerate(lowered)
    )


def _has_amount(asked: Asked, found: list[str]) -> bool:
    """A number with a unit of the asked kind next to it: "£5million", "7.2 billion euros",
    "200 kilograms"; "how far" wants a length, so "a two-year-old" is no answer to it."""
    lowered = [token.lower() for token in found]
    multipliers = words_of("multipliers")
    for index, token in enumerate(lowered):
        if not _is_number(token, asked) or token in asked.units:
            continue
        around = [*lowered[max(0, index - 1) : index], *lowered[index + 1 : index + 3]]
        after = lowered[index + 1 : index + 4]
        if "old" in after:
            continue  # "two-year-old": an age
        if any(word in asked.units and word not in multipliers for word in around):
            return True
        if asked.kind == "amount" and any(word in multipliers for word in around):
            return True
    return False


def _has_age(asked: Asked, text: str) -> bool:
    """An age of what the question asks about: "Comeaux, 49," and "a 55-year-old neighbour"
    only next to it, "Teixeira will be 29" and "he turned 40" only after it (or after "he",
    "she"); "aged 91" and "at the age of 91" anywhere (they tell the subject's)."""
    about = asked.focus.union(*asked.names)
    for match in _AGE_PREDICATE.finditer(text):
        preceding = [t.lower() for t in tokens(text[: match.start()])[-1:]]
        if preceding and (preceding[0] in _SUBJECT_PRONOUNS or keys(preceding[0]) & about):
            return True
    for match in _AGE.finditer(text):
        if _asked(asked, match.group()):
            continue
        if about and match.group().rstrip().endswith("old"):
            following = tokens(text[match.end() :])[:1]
            if not following or not (
                keys(following[0].lower()) & about or _stands_for_name(asked, text, match)
            ):
                continue
        if _AGE_VERB.match(match.group()):
            preceding = [t.lower() for t in tokens(text[: match.start()])[-1:]]
            if not preceding or not (
                preceding[0] in _SUBJECT_PRONOUNS or keys(preceding[0]) & about
            ):
                continue
        if about and match.group().rstrip().endswith(","):
            preceding = tokens(text[: match.start() + 1])[-1:]
            if not preceding or not keys(preceding[0].lower()) & about:
                continue
        return True
    return False


def _stands_for_name(asked: Asked, text: str, match: re.Match[str]) -> bool:
    """Whether an "N-year-old" stands for the person a "how old is NAME" question names: after
    "the", "a", "an" and before a common word ("The 26-year-old has been", "an 86-year-old
    nun"), where the sentence or the one before names them (``answers`` sees to that). Not for
    "how old is the X" (its focus must follow), nor after a possessive ("his 2-year-old son"),
    nor after "as" ("fell sick as a two-month-old kitten" tells an age they had)."""
    if not any(asked.focus <= name for name in asked.names):
        return False
    preceding = [token.lower() for token in tokens(text[: match.start()])[-2:]]
    following = tokens(text[match.end() :])[:1]
    return (
        bool(preceding)
        and preceding[-1] in ("the", "a", "an")
        and preceding[0] != "as"
        and bool(following)
        and following[0][:1].islower()
    )


def _new_names(asked: Asked, text: str) -> list[tuple[int, list[str]]]:
    """Runs of capitalised words (with "of", "de" inside) that share no word with the question,
    with where each starts among ``tokens(text)``; a single word only when it does not start
    the sentence. A run ends at a colon, a semicolon, a bracket or a dash set off by spaces:
    "Referee: Martin Atkinson Managers: Tony Pulis (West Brom)" holds three runs, not one."""
    runs: list[tuple[int, list[str]]] = []
    offset = 0
    for part in _NAME_BREAKS.split(text):
        found = tokens(part)
        run: list[str] = []
        for index, token in enumerate([*found, ""]):
            if capitalised(token) and token.lower() not in _CALENDAR:
                run.append(token)
                continue
            if run and joins(found, index):
                run.append(token)
                continue
            start = index - len(run)
            if run and (len(run) > 1 or start + offset > 0):
                runs.append((start + offset, run))
            run = []
        offset += len(found)
    new = []
    titles = words_of("titles") | words_of("name connectors")
    for start, run in runs:
        words = [token for token in run if token.lower() not in titles]
        if words and not any(keys(token.lower()) & asked.all_keys for token in words):
            new.append((start, run))
    return new


def _by_focus(asked: Asked, text: str, found: list[str], start: int, run: list[str]) -> bool:
    """Whether the name stands next to the question's focus: after it, with at most three
    words and no preposition between ("lawyer Mark Heller", "girlfriend, bikini model Alexis
    Randock"), or before it as an apposition ("Kuhar, the zoo's executive director", not
    "according to the Associated Press, the guard"); always, for a question without a focus."""
    if not asked.focus:
        return True
    end = start + len(run)
    links = words_of("place prepositions") | words_of("prepositions")
    for noun, token in enumerate(found):
        if not keys(token.lower()) & asked.focus or start <= noun < end:
            continue
        between = found[end:noun] if noun >= end else found[noun + 1 : start]
        if len(between) > 3 or {word.lower() for word in between} & links:
            continue
        if noun >= end and not _apposition(text, found, start, run, links):
            continue
        return True
    return False


def _apposition(
    text: str, found: list[str], start: int, run: list[str], links: frozenset[str]
) -> bool:
    """Whether the name is set off by a comma before what describes it, and is not the object
    of a preposition ("according to the Associated Press, the guard ...")."""
    if not re.search(re.escape(run[-1]) + r"\s*,", text):
        return False
    index = start - 1
    while index >= 0 and found[index].lower() in ("the", "a", "an"):
        index -= 1
    return index < 0 or found[index].lower() not in links | {"according"}


def _new_quote(asked: Asked, text: str) -> bool:
    asked_keys = asked.all_keys
    return any(not text_keys(match.group(1)) <= asked_keys for match in _QUOTED.finditer(text))


def _has_place(asked: Asked, found: list[str]) -> bool:
    """A preposition, then a capitalised place the question does not name: "in Bydgoszcz",
    "in northeast Houston", "a native of Tbilisi"."""
    fillers = words_of("place words")
    for index, token in enumerate(found[:-1]):
        lowered = token.lower()
        previous = found[index - 1].lower() if index else ""
        after_word = lowered == "of" and previous in words_of("place nouns")
        if lowered not in words_of("place prepositions") and not after_word:
            continue
        rest = _skip(found[index + 1 :], fillers)
        if rest and rest[0][:1].isupper() and not keys(rest[0].lower()) & asked.all_keys:
            return True
    return False


def _has_reason(asked: Asked, text: str, found: list[str]) -> bool:
    """A cause: a causal word ("because", "due to", "vetoed"), or a purpose right after a word
    of the question ("they wear it to show they are married")."""
    markers = words_of("reason markers")
    lowered = text.lower()
    asked_keys = asked.all_keys
    # The question's own word is no cause: "the cause of the fire" tells none of "what caused it".
    if any(token.lower() in markers and not keys(token.lower()) & asked_keys for token in found):
        return True
    phrases = (marker.replace("_", " ") for marker in markers if "_" in marker)
    if any(re.search(rf"\b{re.escape(phrase)}\b", lowered) for phrase in phrases):
        return True
    for index, token in enumerate(found):
        if token.lower() != "to" or index + 1 >= len(found):
            continue
        verb = found[index + 1].lower()
        if verb in question_stopwords() or not found[index + 1].isalpha():
            continue
        before = found[max(0, index - 3) : index]
        if any(keys(word.lower()) & asked_keys for word in before):
            return True
    return False


def _has_agent(asked: Asked, found: list[str]) -> bool:
    """Who did it, when it is no name: "rescued from his boat by a coast guard helicopter",
    "by" a few words after a word of the question."""
    for index, token in enumerate(found[:-1]):
        if token.lower() != "by" or not index:
            continue
        if not any(
            keys(word.lower()) & asked.all_keys for word in found[max(0, index - 4) : index]
        ):
            continue
        rest = _skip(found[index + 1 :], frozenset({"the", "a", "an", "his", "her", "their"}))
        head = rest[0].lower() if rest else ""
        if head and head not in question_stopwords() and not keys(head) & asked.all_keys:
            return True
    return False


def _skip(found: Iterable[str], fillers: frozenset[str]) -> list[str]:
    rest = list(found)
    while rest and rest[0].lower() in fillers:
        rest = rest[1:]
    return rest

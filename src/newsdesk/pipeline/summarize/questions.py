"""Read a reader's question: what kind of thing it asks for, and the words and names it asks about.

``read_question`` gives an ``Asked``:

- ``kind``: "number" (how many), "amount" (how much: money, a share, a quantity with its unit),
  "age" (how old), "measure" (how long, far, big), "date" (when, what year), "person" (who),
  "place" (where), "rank" (where did it finish, which round), "name" (which horse, what is it
  called), "reason" (why), or "" (anything);
- ``terms``: the question's content words as match keys (``keys``): stems, with derivational
  endings and the synonym groups of ``data/synonyms.txt`` folded in, so "retirement" meets
  "retiring", "died" meets "death", "watched" meets "crowd" and "flew" meets "fly";
- ``names``: the proper names it holds ("Marc Leishman", "ABC Entertainment Group"), each a set
  of keys: an answer must be about them;
- ``counted``: for "how many X", the keys of X, which the answer's number must count;
- ``focus``: for "who is the X" and "what is the name of the X", the keys of X, which the
  answer's name must stand next to ("referee Sam Williams").

A name in the question is one term: "Maurice Cheeks" is covered by "Cheeks".

``fills(asked, text)`` says whether a sentence holds a thing of the kind asked for that the
question does not already hold: "How old is Comeaux?" is answered by "Comeaux, 49, was ..."
and not by a sentence naming Comeaux with no age. The word lists are in
``data/questions.txt``, ``data/synonyms.txt`` and ``data/word-forms.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from newsdesk.pipeline.summarize.ranking import STOPWORDS, stem

Keys = frozenset[str]

_TOKEN = re.compile(r"[$£€¥%]|\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_PER_CENT = re.compile(r"\bper\s+cent\b", re.IGNORECASE)
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
    r"|\b[a-z]+-(?:year|month)-old\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(
    r"['\u2018\"\u201c`]{1,2}\s*([A-Z][^'\u2019\"\u201d]{0,40}?)\s*['\u2019\"\u201d]"
)


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

    @property
    def all_keys(self) -> Keys:
        return frozenset(key for term in self.terms for key in term)


@cache
def _sections() -> dict[str, tuple[str, ...]]:
    data = files("newsdesk.pipeline.summarize").joinpath("data/questions.txt")
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in data.read_text("utf-8").splitlines():
        line = " ".join(raw.split("#", 1)[0].split()).lower()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif line and current:
            sections[current].append(line)
    return {name: tuple(lines) for name, lines in sections.items()}


@cache
def words_of(section: str) -> frozenset[str]:
    """The words of one section of ``data/questions.txt``."""
    return frozenset(word for line in _sections()[section] for word in line.split())


@cache
def stopwords_of() -> frozenset[str]:
    """The summary ranking's stop words, less the verbs a question asks with ("where did he
    get the gun?", "who said ...")."""
    return STOPWORDS - words_of("asked verbs")


@cache
def _framing() -> re.Pattern[str]:
    phrases = sorted(_sections()["framing phrases"], key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b",
        re.IGNORECASE,
    )


@cache
def _stems_of(section: str) -> frozenset[str]:
    return frozenset(_base(word) for word in words_of(section))


@cache
def _synonyms() -> tuple[dict[str, frozenset[str]], tuple[tuple[re.Pattern[str], str], ...]]:
    """Each stem's groups (``data/synonyms.txt``, ``data/word-forms.txt``), and the phrases
    ("passed away") with their group."""
    groups: dict[str, set[str]] = {}
    phrases: list[tuple[re.Pattern[str], str]] = []
    for name in ("synonyms", "word-forms"):
        data = files("newsdesk.pipeline.summarize").joinpath(f"data/{name}.txt")
        for number, raw in enumerate(data.read_text("utf-8").splitlines()):
            entries = raw.split("#", 1)[0].split()
            group = f"~{name[0]}{number}"
            for entry in entries:
                if "_" in entry:
                    words = r"\s+".join(re.escape(word) for word in entry.split("_"))
                    phrases.append((re.compile(rf"\b{words}\b", re.IGNORECASE), group))
                else:
                    groups.setdefault(_base(entry.lower()), set()).add(group)
    return {stem: frozenset(ids) for stem, ids in groups.items()}, tuple(phrases)


@cache
def _base(word: str) -> str:
    """The stem of ``word`` with the derivational endings "-ment" and "-ness" off too."""
    stemmed = stem(_POSSESSIVE.sub("", word.lower()))
    for suffix in ("ment", "ness"):
        if stemmed.endswith(suffix) and len(stemmed) - len(suffix) >= 4:
            return stem(stemmed[: -len(suffix)])
    return stemmed


@cache
def keys(word: str) -> Keys:
    """The match keys of one word: its stem and its synonym groups."""
    base = _base(word)
    return frozenset({base, *_synonyms()[0].get(base, ())})


def tokens(text: str) -> list[str]:
    """The words, numbers and currency signs of ``text``, "per cent" as "percent"."""
    return _TOKEN.findall(_PER_CENT.sub("percent", text))


def text_keys(text: str) -> Keys:
    """Every key of every content word of ``text``, and of the phrases it holds."""
    found: set[str] = set()
    for token in tokens(text):
        lowered = token.lower()
        if lowered not in stopwords_of() and (len(lowered) > 1 or lowered.isdigit()):
            found.update(keys(lowered))
    found.update(group for pattern, group in _synonyms()[1] if pattern.search(text))
    return frozenset(found)


def read_question(question: str) -> Asked:
    """What ``question`` asks for (``kind``) and about (``terms``, ``names``, ``counted``)."""
    text = _framing().sub(" ", question)
    terms: list[Keys] = []
    for pattern, group in _synonyms()[1]:
        if pattern.search(text):
            terms.append(frozenset({group}))
            text = pattern.sub(" ", text)
    found = tokens(text)
    words = [token.lower() for token in found]
    kind, counted, focus = _kind(question.lower(), [t.lower() for t in tokens(question)])
    names = _names(found)
    named = {index for run in names for index in run}
    framing = words_of("question words")
    for index, word in enumerate(words):
        if index in named or word in stopwords_of() or word in framing:
            continue
        if len(word) > 1 or word.isdigit():
            terms.append(keys(word))
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
    )


#: The question words, each with the kind of answer it asks for ("" when the nouns decide).
_ASKING = (
    (r"\bhow\s+many\b", "number"),
    (r"\bhow\s+much\b", "amount"),
    (r"\bhow\s+old\b|\bwhat\s+age\b", "age"),
    (r"\bhow\s+(?:long|far|tall|high|big|large|heavy|deep|wide|fast)\b", "measure"),
    (r"\bhow\s+often\b", "number"),
    (r"\bwhen\b", "date"),
    (r"\b(?:who|whom|whose)\b", "person"),
    (r"\bwhere\b", "place"),
    (r"\bwhy\b", "reason"),
    (r"\b(?:what|which)\b", "noun"),
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
    if kind == "place" and any(_base(word) in _stems_of("rank verbs") for word in words):
        return "rank", frozenset(), frozenset()
    if kind == "person":
        return kind, frozenset(), _focus(lowered, r"\bwho\s+(?:is|was|are|were)\s+(.*)")
    if kind == "noun":
        kind = _noun_kind(words)
        if kind == "name":
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
        if re.search(r"['\u2019]s?$", word):
            return keys(words[index + 1])
    for word in words:
        if word not in stopwords_of() and word not in words_of("number words") and word.isalpha():
            return keys(word)
    return frozenset()


def _noun_kind(words: list[str]) -> str:
    """The kind a "what/which" question asks for, from the nouns it holds."""
    if "called" in words or "named" in words:
        return "name"
    start = next(index for index, word in enumerate(words) if word in ("what", "which"))
    for word in words[start + 1 :]:
        base = _base(word)
        for section, kind in (
            ("rank nouns", "rank"),
            ("date nouns", "date"),
            ("number nouns", "number"),
            ("amount nouns", "amount"),
            ("name nouns", "name"),
        ):
            if base in _stems_of(section):
                return kind
    return ""


def _counted(words: list[str]) -> Keys:
    """The keys of what "how many" counts: the word after "many", and the last word before a
    verb such as "are" ("how many food banks are there")."""
    start = words.index("many") + 1
    found: set[str] = set()
    if start < len(words) and words[start] not in stopwords_of():
        found.update(keys(words[start]))
    for index in range(start + 1, len(words)):
        if words[index] in words_of("auxiliaries"):
            if words[index - 1] not in stopwords_of():
                found.update(keys(words[index - 1]))
            break
    return frozenset(found)


def _names(found: list[str]) -> list[list[int]]:
    """Each run of capitalised words (not the first word) as the indexes of its tokens."""
    runs: list[list[int]] = []
    run: list[int] = []
    for index, token in enumerate([*found, ""]):
        if index > 0 and token[:1].isupper() and token.lower() not in STOPWORDS:
            run.append(index)
            continue
        if run:
            runs.append(run)
        run = []
    return runs


def _run_keys(run: list[str]) -> Keys:
    titles = words_of("titles")
    return frozenset(key for token in run if token.lower() not in titles for key in keys(token))


# --- what a sentence holds ---------------------------------------------------------------------


def fills(asked: Asked, text: str) -> bool:
    """Whether ``text`` holds a thing of the kind asked for, other than what the question holds."""
    kind = asked.kind
    if not kind:
        return True
    if kind == "number":
        return _counts(asked, tokens(text))
    if kind == "amount":
        return _has_amount(asked, tokens(text))
    if kind == "measure":
        return _has_amount(asked, tokens(text), money=False)
    if kind == "age":
        return any(not _asked(asked, match.group()) for match in _AGE.finditer(text))
    if kind == "date":
        return any(not _asked(asked, match.group()) for match in _DATE.finditer(text))
    if kind == "person":
        return any(len(run) > 1 and _by_focus(asked, text, run) for run in _new_names(asked, text))
    if kind == "name":
        named = any(_by_focus(asked, text, run) for run in _new_names(asked, text))
        return named or (not asked.focus and _new_quote(asked, text))
    if kind == "place":
        return _has_place(asked, text)
    if kind == "rank":
        ordinals = words_of("ordinals")
        return any(
            (token.lower() in ordinals or re.fullmatch(r"\d+(?:st|nd|rd|th)", token.lower()))
            and token.lower() not in asked.literals
            for token in tokens(text)
        )
    if kind == "reason":
        markers = words_of("reason markers")
        phrases = (marker.replace("_", " ") for marker in markers if "_" in marker)
        lowered = text.lower()
        return any(token.lower() in markers for token in tokens(text)) or any(
            re.search(rf"\b{re.escape(phrase)}\b", lowered) for phrase in phrases
        )
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
    """A number counting what the question counts: "7,687 people", "a crowd of 17,430"."""
    numbers = [index for index, token in enumerate(found) if _is_number(token, asked)]
    if not asked.counted:
        return bool(numbers)
    counted = [index for index, token in enumerate(found) if keys(token.lower()) & asked.counted]
    for number in numbers:
        for noun in counted:
            if 0 < noun - number <= 6:
                return True
            between = {token.lower() for token in found[noun + 1 : number]}
            if noun < number and "of" in between and between <= words_of("count links"):
                return True
    return False


def _has_amount(asked: Asked, found: list[str], *, money: bool = True) -> bool:
    """A number with a unit next to it: "£5million", "7.2 billion euros", "200 kilograms"."""
    units = words_of("units") | (words_of("currencies") if money else frozenset())
    lowered = [token.lower() for token in found]
    for index, token in enumerate(lowered):
        if not _is_number(token, asked) or token in units:
            continue
        before = lowered[max(0, index - 1) : index]
        after = lowered[index + 1 : index + 3]
        if any(word in units for word in (*before, *after)):
            return True
    return False


def _new_names(asked: Asked, text: str) -> list[list[str]]:
    """Runs of capitalised words in ``text`` that share no word with the question (a single
    word only when it does not start the sentence)."""
    asked_keys = asked.all_keys
    runs: list[list[str]] = []
    run: list[str] = []
    found = tokens(text)
    for index, token in enumerate([*found, ""]):
        lowered = token.lower()
        if token[:1].isupper() and lowered not in STOPWORDS and lowered not in _CALENDAR:
            run.append(token)
            continue
        if run and (len(run) > 1 or index - len(run) > 0):
            runs.append(run)
        run = []
    new = []
    for run in runs:
        words = [token for token in run if token.lower() not in words_of("titles")]
        if words and not any(keys(token.lower()) & asked_keys for token in words):
            new.append(words)
    return new


def _by_focus(asked: Asked, text: str, run: list[str]) -> bool:
    """Whether the name ``run`` stands within three words of the question's focus ("lawyer Mark
    Heller", "Paul Lee, the president"); always, for a question without one."""
    if not asked.focus:
        return True
    found = tokens(text)
    size = len(run)
    starts = [i for i in range(len(found) - size + 1) if found[i : i + size] == run]
    near = [i for i, token in enumerate(found) if keys(token.lower()) & asked.focus]
    return any(-3 <= start - noun <= 3 + size for start in starts for noun in near)


def _new_quote(asked: Asked, text: str) -> bool:
    asked_keys = asked.all_keys
    return any(not text_keys(match.group(1)) <= asked_keys for match in _QUOTED.finditer(text))


def _has_place(asked: Asked, text: str) -> bool:
    """A preposition, then a capitalised place the question does not name: "in Bydgoszcz",
    "in northeast Houston", "a native of Tbilisi"."""
    found = tokens(text)
    fillers = words_of("place words")
    asked_keys = asked.all_keys
    for index, token in enumerate(found[:-1]):
        lowered = token.lower()
        previous = found[index - 1].lower() if index else ""
        after_word = lowered == "of" and previous in words_of("place nouns")
        if lowered not in words_of("place prepositions") and not after_word:
            continue
        rest = _skip(found[index + 1 :], fillers)
        if rest and rest[0][:1].isupper() and not keys(rest[0].lower()) & asked_keys:
            return True
    return False


def _skip(found: Iterable[str], fillers: frozenset[str]) -> list[str]:
    rest = list(found)
    while rest and rest[0].lower() in fillers:
        rest = rest[1:]
    return rest

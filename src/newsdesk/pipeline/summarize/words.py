"""Words as the answer matcher compares them: stems, word forms, synonyms, and its word lists.

``keys(word)`` is the set of match keys of one word: its stem (``ranking.stem``, with the
derivational endings "-ment", "-ness", "-tion", "-sion" and "-tor" off too), plus the ids of the
groups of ``data/synonyms.txt``, ``data/word-forms.txt`` and ``data/demonyms.txt`` it belongs to,
so "retirement" meets "retiring", "died" meets "death", "watched" meets "crowd", "flew" meets
"fly" and "Greece" meets "Greek". Two words
match when their keys meet. ``text_keys`` gives every key of a text's content words and of the
phrases ("passed away", "take part") it holds; ``words_of(section)`` reads a section of
``data/questions.txt``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files

from newsdesk.pipeline.summarize.ranking import STOPWORDS, stem

Keys = frozenset[str]

_TOKEN = re.compile(r"[$£€¥%]|\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_PER_CENT = re.compile(r"\bper\s+cent\b", re.IGNORECASE)
_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")


@cache
def sections() -> dict[str, tuple[str, ...]]:
    """The sections of ``data/questions.txt``: their lines, lower-cased, comments out."""
    data = files("newsdesk.pipeline.summarize").joinpath("data/questions.txt")
    found: dict[str, list[str]] = {}
    current = ""
    for raw in data.read_text("utf-8").splitlines():
        line = " ".join(raw.split("#", 1)[0].split()).lower()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            found[current] = []
        elif line and current:
            found[current].append(line)
    return {name: tuple(lines) for name, lines in found.items()}


@cache
def words_of(section: str) -> frozenset[str]:
    """The words of one section of ``data/questions.txt``."""
    return frozenset(word for line in sections()[section] for word in line.split())


@cache
def question_stopwords() -> frozenset[str]:
    """The summary ranking's stop words, less the verbs a question asks with ("where did he
    get the gun?", "who said ...")."""
    return STOPWORDS - words_of("asked verbs")


@cache
def stems_of(section: str) -> frozenset[str]:
    """The stems of the words of one section."""
    return frozenset(base(word) for word in words_of(section))


@cache
def _synonyms() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """Each stem's groups (``data/synonyms.txt``, ``data/word-forms.txt``), and each phrase
    ("passed away") with its group."""
    groups: dict[str, set[str]] = {}
    phrases: dict[str, str] = {}
    for name in ("synonyms", "word-forms", "demonyms"):
        data = files("newsdesk.pipeline.summarize").joinpath(f"data/{name}.txt")
        for number, raw in enumerate(data.read_text("utf-8").splitlines()):
            group = f"~{name[0]}{number}"
            for entry in raw.split("#", 1)[0].lower().split():
                if "_" in entry:
                    phrases[entry.replace("_", " ")] = group
                else:
                    groups.setdefault(base(entry), set()).add(group)
    return {stem: frozenset(ids) for stem, ids in groups.items()}, phrases


_GAP = r"(?:\s*-\s*|\s+)"
_HYPHEN = re.compile(r"\s*-\s*")


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    # Words of a phrase stand apart or joined by a hyphen ("no one", "no-one", "no - one").
    words = (_GAP.join(re.escape(word) for word in phrase.split()) for phrase in phrases)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


@cache
def synonym_phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each phrase of the word lists ("passed away") as a pattern, with its group's key."""
    return tuple((_phrase_pattern([phrase]), group) for phrase, group in _synonyms()[1].items())


@cache
def _phrases() -> re.Pattern[str]:
    """One pattern for every phrase, longest first."""
    return _phrase_pattern(sorted(_synonyms()[1], key=len, reverse=True))


@cache
def base(word: str) -> str:
    """The stem of ``word`` with the derivational endings "-ment", "-ness", "-tion", "-sion"
    and "-tor" off too: "retirement" as "retire", "nomination" as "nominate", "director" as
    "direct" (never "million" as "mill": only "-tion" and "-sion" go)."""
    stemmed = stem(_POSSESSIVE.sub("", word.lower()))
    for suffix, keep, shortest in (("ment", "", 4), ("ness", "", 4), ("ion", "", 5), ("or", "", 4)):
        if not stemmed.endswith(suffix) or len(stemmed) - len(suffix) < shortest:
            continue
        rest = stemmed[: -len(suffix)] + keep
        if suffix == "ion" and rest[-1:] not in ("t", "s"):
            continue
        if suffix == "or" and rest[-1:] != "t":
            continue
        return stem(rest)
    return stemmed


@cache
def keys(word: str) -> Keys:
    """The match keys of one word: its stem and its synonym groups."""
    stemmed = base(word)
    return frozenset({stemmed, *_synonyms()[0].get(stemmed, ())})


def tokens(text: str) -> list[str]:
    """The words, numbers and currency signs of ``text``, "per cent" as "percent", the plural
    of an acronym as the acronym ("MPs" as "MP")."""
    return list(_tokens(text))


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(_ACRONYM_PLURAL.sub(r"\1", _PER_CENT.sub("percent", text))))


@lru_cache(maxsize=16384)
def text_keys(text: str) -> Keys:
    """Every key of every content word of ``text``, and of the phrases it holds."""
    found: set[str] = set()
    for token in tokens(text):
        lowered = token.lower()
        if lowered not in question_stopwords() and (len(lowered) > 1 or lowered.isdigit()):
            found.update(keys(lowered))
    phrases = _synonyms()[1]
    found.update(
        phrases[" ".join(_HYPHEN.sub(" ", match.group()).lower().split())]
        for match in _phrases().finditer(text)
    )
    return frozenset(found)

"""The topic word lists, parsed into one lookup table per language, and the words of a text.

Notation of the lists (``lexicon_en``, ``lexicon_intl``): whitespace-separated entries
``word:weight`` (weight 1 when left out); ``stem*`` matches every word that starts with the stem
(at least three letters); ``two_words`` is a phrase of consecutive words (a final ``*`` there
also takes a plural). Everything is written case folded. A word ends up in a ``Lexicon`` as a
list of ``(topic, weight)`` hits; an exact word wins over a stem for the same topic.

Arabic words are compared without the article (al-, wal-, bil-...) and with the forms of alef
written alike; a one-letter prefix (wa-, bi-, li-, fa-) is tried off when the whole word is
unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from newsdesk.pipeline.topics.lexicon_en import ENGLISH
from newsdesk.pipeline.topics.lexicon_intl import BY_LANGUAGE, UNIVERSAL
from newsdesk.pipeline.topics.taxonomy import TOPICS

Hit = tuple[str, float]

MIN_STEM = 3
MAX_PHRASE = 3
CACHE_WORDS = 50_000

_TOKEN = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
_ALEF = str.maketrans("أإآٱ", "اااا")  # noqa: RUF001 (forms of alef, written alike)
_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
_ONE_LETTER = "وبلفك"


@dataclass
class Lexicon:
    """Exact words, stems and phrases of some languages, each with its topic hits."""

    exact: dict[str, list[Hit]] = field(default_factory=dict)
    stems: dict[str, list[Hit]] = field(default_factory=dict)
    phrases: dict[str, list[Hit]] = field(default_factory=dict)
    phrase_starts: set[str] = field(default_factory=set)
    longest_stem: int = 0
    _cache: dict[str, list[Hit]] = field(default_factory=dict, repr=False)

    def add(self, slug: str, entries: str) -> None:
        for entry in entries.split():
            term, _, weight_text = entry.partition(":")
            weight = float(weight_text) if weight_text else 1.0
            if "_" in term:
                words = term.rstrip("*").split("_")
                self._put(self.phrases, "_".join(words), slug, weight)
                self.phrase_starts.add(words[0])
            elif term.endswith("*"):
                stem = term[:-1]
                if len(stem) < MIN_STEM:
                    raise ValueError(f"the stem {term!r} of {slug} is too short")
                self._put(self.stems, stem, slug, weight)
                self.longest_stem = max(self.longest_stem, len(stem))
            else:
                self._put(self.exact, term, slug, weight)

    @staticmethod
    def _put(table: dict[str, list[Hit]], term: str, slug: str, weight: float) -> None:
        hits = table.setdefault(term, [])
        hits[:] = [hit for hit in hits if hit[0] != slug] + [(slug, weight)]

    def hits(self, word: str) -> list[Hit]:
        """The topic hits of one case-folded word (an empty list for most words)."""
        cached = self._cache.get(word)
        if cached is None:
            cached = self._lookup(word)
            if _ARABIC.match(word) and not cached and word[0] in _ONE_LETTER:
                cached = self._lookup(word[1:]) if len(word) > 3 else []
            if len(self._cache) < CACHE_WORDS:
                self._cache[word] = cached
        return cached

    def _lookup(self, word: str) -> list[Hit]:
        found = self.exact.get(word)
        if found is None and len(word) > 3 and word.endswith("s"):
            found = self.exact.get(word[:-1])
        stem_hits = self._stem(word)
        if found is None:
            return stem_hits
        if not stem_hits:
            return found
        topics = {slug for slug, _ in found}
        return found + [hit for hit in stem_hits if hit[0] not in topics]

    def _stem(self, word: str) -> list[Hit]:
        for length in range(min(len(word), self.longest_stem), MIN_STEM - 1, -1):
            found = self.stems.get(word[:length])
            if found is not None:
                return found
        return []

    def phrase_hits(self, words: list[str], start: int) -> Iterator[tuple[str, Hit]]:
        """(phrase, hit) of the phrases (two or three words) that begin at ``words[start]``."""
        if words[start] not in self.phrase_starts:
            return
        for length in range(2, MAX_PHRASE + 1):
            if start + length > len(words):
                return
            key = "_".join(words[start : start + length])
            found = self.phrases.get(key)
            if found is None and key.endswith("s"):
                found = self.phrases.get(key[:-1])
            for hit in found or ():
                yield key, hit


def words(text: str) -> list[str]:
    """The case-folded words of ``text``, Arabic ones without their article."""
    found = [token.casefold() for token in _TOKEN.findall(text)]
    return [_arabic(token) if _ARABIC.match(token) else token for token in found]


def _arabic(word: str) -> str:
    word = word.translate(_ALEF)
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    return word


@lru_cache(maxsize=16)
def lexicon_for(language: str) -> Lexicon:
    """The words to read a text in ``language`` with: its own list and the universal names.

    A language without a list of its own, or none given, reads every list. A language with a
    list reads only that one, so that a word of another language that is a common word there
    (English "war" and "die" in German, Italian "premier" in English) does not count.
    """
    lexicon = Lexicon()
    languages: Mapping[str, Mapping[str, str]]
    if language == "en":
        languages = {"en": ENGLISH}
    elif language in BY_LANGUAGE:
        languages = {language: BY_LANGUAGE[language]}
    else:
        languages = {"en": ENGLISH, **BY_LANGUAGE}
    for table in (UNIVERSAL, *languages.values()):
        for slug, entries in table.items():
            if slug not in _SLUGS:
                raise ValueError(f"the word list names an unknown topic {slug!r}")
            lexicon.add(slug, entries)
    return lexicon


_SLUGS = frozenset(topic.slug for topic in TOPICS)

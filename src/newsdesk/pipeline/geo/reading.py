"""What the tagger knows about a text as a whole, and the words around each name it found.

``Reading`` holds the text, its words, the lines written in headline case (where a capital says
little), the words the text also writes in lower case, and the surnames found so far; its
methods answer questions about one ``Mention`` (is a capitalised non-place word next to it? is it
an acronym? what is written just before or after it?).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from newsdesk.pipeline.geo.gazetteer import NAME, Gazetteer
from newsdesk.pipeline.geo.places import CITY
from newsdesk.pipeline.geo.scan import Mention
from newsdesk.pipeline.geo.thresholds import NAME_BIG_CITY, PLACE_WORD_CITY
from newsdesk.pipeline.geo.tokens import Token
from newsdesk.pipeline.geo.wordlists import (
    DATE_WORDS,
    FUNCTION_WORDS,
    PERSON_LIKE,
    PLACE_FOLLOWERS,
    PLACE_MODIFIERS,
)

_TABLE_LINE = re.compile(r"\t|\|")
URL_LINE = re.compile(r"^.*(?:https?:|www\.).*$", re.MULTILINE)
MAX_ACRONYM = 5  # letters; longer capitals are words written in capitals, not acronyms


class Reading:
    """The text, its words, and facts about the names in it."""

    def __init__(self, gazetteer: Gazetteer, text: str, tokens: list[Token], title_end: int):
        self.gazetteer = gazetteer
        self.text = text
        self.tokens = tokens
        self.title_end = title_end
        self.starts = [token.start for token in tokens]
        self.lower_words = {token.key for token in tokens if not token.capital}
        self._headlines: dict[int, bool] = {}  # line start -> written in headline case
        self.people: set[str] = set()
        self.nouns_capitalised = False
        self._kinds: dict[tuple[str, int], frozenset[str]] = {}
        self._place_words: dict[str, bool] = {}
        self._lower_names: dict[str, bool] = {}

    def in_headline(self, mention: Mention) -> bool:
        """Inside a line written in headline case, where capitals say little (each line is
        judged once, when a name is first found in it)."""
        found = self._headlines.get(mention.start)
        if found is None:
            start = self.text.rfind("\n", 0, mention.start) + 1
            found = self._headlines.get(start)
            if found is None:
                end = self.text.find("\n", mention.start)
                found = headline_line(self.text, start, len(self.text) if end < 0 else end, self)
                self._headlines[start] = found
            self._headlines[mention.start] = found
        return found

    def weak_case(self, mention: Mention) -> bool:
        """Capitalised for a reason other than being a name: sentence start, headline case."""
        return mention.sentence_start or self.in_headline(mention)

    def kinds(self, mention: Mention) -> frozenset[str]:
        """The kinds of the mention's candidates (cached per name and number of candidates)."""
        cache_key = (mention.key, len(mention.entries))
        found = self._kinds.get(cache_key)
        if found is None:
            found = frozenset(self.kind(entry.place_id) for entry in mention.entries)
            self._kinds[cache_key] = found
        return found

    def only_big_places(self, mention: Mention) -> bool:
        """All candidates are countries, states or continents: no small-town collisions."""
        return CITY not in self.kinds(mention)

    def city_only(self, mention: Mention) -> bool:
        return self.kinds(mention) == {CITY}

    def has_big_city(self, mention: Mention) -> bool:
        """A city of NAME_BIG_CITY people or more has this name as its own (not an alternate)."""
        for entry in mention.entries:
            place = self.gazetteer.place(entry.place_id)
            if entry.how == NAME and place is not None and place.population >= NAME_BIG_CITY:
                return True
        return False

    def kind(self, place_id: int) -> str:
        place = self.gazetteer.place(place_id)
        return place.kind if place else ""

    def place_word(self, key: str) -> bool:
        """A word that on its own names a country, a state or a sizeable city ("Texas")."""
        found = self._place_words.get(key)
        if found is None:
            found = key not in PERSON_LIKE and any(
                place is not None and (place.kind != CITY or place.population >= PLACE_WORD_CITY)
                for place in map(
                    self.gazetteer.place, (e.place_id for e in self.gazetteer.index.get(key, ()))
                )
            )
            self._place_words[key] = found
        return found

    def names_follow(self, mention: Mention, *, person: bool = False) -> bool:
        """Whether a capitalised non-place word follows ("Paris Hilton", "New York Times")."""
        after = mention.after
        return (
            after is not None
            and after.capital
            and after.key not in PLACE_FOLLOWERS
            and after.key not in FUNCTION_WORDS
            and after.key not in DATE_WORDS
            and (person or not self.place_word(after.key))
        )

    def name_before(self, mention: Mention) -> bool:
        """Whether a capitalised word that is no place or modifier precedes ("Michael Jordan")."""
        before = mention.before
        return (
            before is not None
            and before.capital
            and not mention.sentence_start
            and before.key not in FUNCTION_WORDS
            and before.key not in PLACE_MODIFIERS
            and before.key not in DATE_WORDS
            and not self.place_word(before.key)
        )

    def acronym(self, mention: Mention) -> bool:
        """A short word written in capitals among words that are not ("the OTA", "HO-3")."""
        if mention.first != mention.last:
            return False
        word = self.tokens[mention.first].text
        if not (2 <= len(word) <= MAX_ACRONYM and word.isalpha() and word.isupper()):
            return False
        return not any(self._shouting(i) for i in (mention.first - 1, mention.first + 1))

    def _shouting(self, index: int) -> bool:
        """A longer word in capitals: the text around is written in capitals ("FIRED IN PHILLY")."""
        if not 0 <= index < len(self.tokens):
            return False
        word = self.tokens[index].text
        return len(word) > 3 and word.isupper()

    def written_lower(self, key: str) -> bool:
        """The words of a name of several words also stand in lower case in the text ("cross-
        country" for Cross Country, "hot spring" for Hot Springs)."""
        found = self._lower_names.get(key)
        if found is None:
            words = key.split()
            last = words[-1]
            found = (
                all(word in self.lower_words for word in words[:-1])
                and (last in self.lower_words or last.removesuffix("s") in self.lower_words)
                and _phrase_pattern(key).search(self.text) is not None
            )
            self._lower_names[key] = found
        return found

    def text_before(self, mention: Mention, width: int = 24) -> str:
        return self.text[max(0, mention.start - width) : mention.start]

    def text_after(self, mention: Mention, width: int = 24) -> str:
        return self.text[mention.end : mention.end + width]

    def word_at(self, index: int) -> Token | None:
        return self.tokens[index] if 0 <= index < len(self.tokens) else None


@lru_cache(maxsize=4096)
def _phrase_pattern(key: str) -> re.Pattern[str]:
    """The words of ``key`` in lower case, joined by spaces or hyphens, the last maybe plural."""
    words = key.split()
    last = words[-1].removesuffix("s")
    return re.compile(
        r"\b" + r"[\s-]+".join([*map(re.escape, words[:-1]), re.escape(last)]) + r"s?\b"
    )


def headline_line(text: str, start: int, end: int, reading: Reading) -> bool:
    """The line's long words are nearly all capitalised (a title, a subhead).

    Lines with tabs or "|" are rows of tables ("12\tHartford Ins Group\t16,502,949"), and lines
    ending in a full stop are sentences ("... in Seattle, Spokane, Portland, and Boise."): their
    capitals are names, not headline case."""
    if _TABLE_LINE.search(text, start, end) or text[start:end].rstrip().endswith("."):
        return False
    first, last = bisect_left(reading.starts, start), bisect_left(reading.starts, end)
    long = capital = 0
    for token in reading.tokens[first:last]:
        if len(token.text) > 3:
            long += 1
            capital += token.capital
    return long >= 2 and capital >= 0.8 * long

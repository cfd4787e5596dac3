"""``tag_places``: the places an article names, each resolved from its context and scored.

Steps: cap the text (``MAX_TEXT_CHARS``) and scan it (``scan``); drop mentions that are parts
of people's or organisations' names ("Paris Hilton", "New York Times", "Bank of England", a
surname seen after a given name anywhere in the text), areas ("Fulton County") or everyday words
inside a longer name ("Superior Court"); gather per name the context that ``resolve`` weighs
(the place written after a comma, a preposition before it, whether it is an everyday word and
was capitalised mid-sentence); resolve; score by where and how often each place is named
(title 3, lead 2, body 1; adjectives such as "Ukrainian" count half), times the confidence.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict

from newsdesk.pipeline.geo.gazetteer import ABBREVIATION, ADJECTIVE, NAME, Gazetteer
from newsdesk.pipeline.geo.places import CITY, COUNTRY, Place, PlaceMention
from newsdesk.pipeline.geo.resolve import Context, Evidence, resolve
from newsdesk.pipeline.geo.scan import Mention, scan
from newsdesk.pipeline.geo.thresholds import (
    ADJECTIVE_FACTOR,
    BODY_WEIGHT,
    LEAD_CHARS,
    LEAD_WEIGHT,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    NAME_BIG_CITY,
    NOUN_CAPITALISING,
    PLACE_WORD_CITY,
    TITLE_WEIGHT,
)
from newsdesk.pipeline.geo.tokens import Token, tokenize
from newsdesk.pipeline.geo.wordlists import (
    AREA_WORDS,
    COMMON_NAMES,
    DATE_WORDS,
    ETHNIC_PREFIXES,
    FUNCTION_WORDS,
    LANDMARKS,
    LANGUAGE_ADJECTIVES,
    LANGUAGE_NOUNS,
    LOCATIVES,
    OPPONENT_WORDS,
    ORGANISATION_HEADS,
    PERSON_LIKE,
    PLACE_FOLLOWERS,
    PLACE_MODIFIERS,
    SEA_WORDS,
    VESSEL_PREFIXES,
)


def tag_places(
    gazetteer: Gazetteer, title: str, text: str, *, home_country: str = "", language: str = ""
) -> list[PlaceMention]:
    """Places named in ``title`` and ``text``, best first; direct mentions only."""
    title = unicodedata.normalize("NFKC", (title or "")[:MAX_TITLE_CHARS])
    body = unicodedata.normalize("NFKC", (text or "")[:MAX_TEXT_CHARS])
    full = f"{title}\n{body}"
    tokens = tokenize(full)
    mentions = scan(gazetteer, full, tokens)
    if not mentions:
        return []
    reading = _Reading(gazetteer, full, tokens, len(title))
    reading.nouns_capitalised = language.lower()[:2] in NOUN_CAPITALISING
    reading.people = _surnames(mentions, reading)
    kept = [mention for mention in mentions if _plausible(mention, reading)]
    evidence = _evidence(kept, mentions, reading)
    chosen = resolve(gazetteer, evidence, Context(home_country.upper(), language))
    return _score(chosen, kept, len(title))


class _Reading:
    """What the tagger knows about the text as a whole."""

    def __init__(
        self, gazetteer: Gazetteer, text: str, tokens: list[Token], title_end: int
    ) -> None:
        self.gazetteer = gazetteer
        self.tokens = tokens
        self.title_end = title_end
        self.headlines = _headline_lines(text, tokens)
        self.lower_words = {token.key for token in tokens if not token.capital}
        self.people: set[str] = set()
        self.nouns_capitalised = False

    def in_headline(self, mention: Mention) -> bool:
        """Inside a line written in headline case, where capitals say little."""
        at = bisect_right(self.headlines, (mention.start, len(self.tokens) + 1)) - 1
        return at >= 0 and self.headlines[at][0] <= mention.start < self.headlines[at][1]

    def weak_case(self, mention: Mention) -> bool:
        """Capitalised for a reason other than being a name: sentence start, headline case."""
        return mention.sentence_start or self.in_headline(mention)

    def only_big_places(self, mention: Mention) -> bool:
        """All candidates are countries, states or continents: no small-town collisions."""
        return all(self.kind(entry.place_id) != CITY for entry in mention.entries)

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
        if key in PERSON_LIKE:
            return False
        for entry in self.gazetteer.index.get(key, ()):
            place = self.gazetteer.place(entry.place_id)
            if place is not None and (place.kind != CITY or place.population >= PLACE_WORD_CITY):
                return True
        return False

    def names_follow(self, mention: Mention, *, person: bool = False) -> bool:
        """Whether a capitalised non-place word follows ("Paris Hilton", "New York Times")."""
        after = mention.after
        return (
            after is not None
            and after.capital
            and after.key not in PLACE_FOLLOWERS
            and after.key not in FUNCTION_WORDS
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
            and not self.place_word(before.key)
        )


def _headline_lines(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Spans of the lines whose long words are nearly all capitalised (titles, subheads)."""
    spans = []
    line_start = position = 0
    ends = [match.start() for match in re.finditer("\n", text)] + [len(text)]
    for end in ends:
        long = capital = 0
        while position < len(tokens) and tokens[position].start < end:
            if len(tokens[position].text) > 3:
                long += 1
                capital += tokens[position].capital
            position += 1
        if long >= 2 and capital >= 0.8 * long:
            spans.append((line_start, end))
        line_start = end + 1
    return spans


def _surnames(mentions: list[Mention], reading: _Reading) -> set[str]:
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


def _plausible(mention: Mention, reading: _Reading) -> bool:
    """Whether a mention can be a place at all, before choosing which place."""
    if all(entry.how == ABBREVIATION for entry in mention.entries):
        return False  # only read as the context after a comma
    if mention.key in reading.people and mention.comma_next is None:
        return False  # a person's name, unless written as "Florence, Colo."
    if mention.key in DATE_WORDS or mention.key in LANDMARKS:
        return False
    big = reading.only_big_places(mention) and mention.key not in PERSON_LIKE
    headline = reading.in_headline(mention)
    if reading.names_follow(mention) and not headline and not big:
        return False  # "New York Times", "Paris Hilton"
    before = mention.before
    if before is not None and before.key in OPPONENT_WORDS and not big:
        return False  # "a loss against Detroit": the team
    if before is not None and before.key == "new" and before.capital:
        return False  # "New England" is not England
    if all(entry.how == ADJECTIVE for entry in mention.entries) and not _adjective_of_place(
        mention, reading
    ):
        return False
    if not big:
        after = mention.after
        if after is not None and after.key in AREA_WORDS:
            return False  # "Fulton County"
        if mention.first == mention.last and _part_before_of(mention, reading.tokens):
            return False  # "Horn of Africa", "Isle of Man"
    if _organisation_of(mention, reading.tokens):
        return False  # "Bank of England"
    after = mention.after
    if after is not None and after.key in SEA_WORDS:
        return False  # "Indian Ocean", "Arabian Sea": the sea, not the country
    if _common(mention, reading, big):
        before = mention.before
        if before is not None and before.capital and before.key not in FUNCTION_WORDS:
            return False  # "Golden Compass", "Superior Court"
    return True


def _common(mention: Mention, reading: _Reading, big: bool) -> bool:
    if big:
        return False
    if mention.first != mention.last:
        return False
    if reading.nouns_capitalised:
        return True  # in German any noun is capitalised: "Essen", "Halle", "Hof"
    return mention.key in COMMON_NAMES or mention.key in reading.lower_words


def _adjective_of_place(mention: Mention, reading: _Reading) -> bool:
    """ "Ukrainian troops" names Ukraine; "American Pie", "African American", "English class",
    "in English" do not."""
    before, after = mention.before, mention.after
    if before is not None and before.key in ETHNIC_PREFIXES:
        return False
    if not reading.in_headline(mention) and reading.names_follow(mention):
        return False
    if mention.key in LANGUAGE_ADJECTIVES:
        if after is not None and after.key in LANGUAGE_NOUNS:
            return False
        if before is not None and before.key in ("in", "into", "from", "speak", "speaks"):
            return False
    return True


def _locative(mention: Mention, tokens: list[Token]) -> bool:
    """A preposition of place stands before the name ("in Malibu"; not "according to")."""
    before = mention.before
    if before is None or before.key not in LOCATIVES:
        return False
    return not (
        before.key == "to" and mention.first >= 2 and tokens[mention.first - 2].key == "according"
    )


def _part_before_of(mention: Mention, tokens: list[Token]) -> bool:
    after = mention.after
    if after is None or after.key != "of" or mention.last + 2 >= len(tokens):
        return False
    return tokens[mention.last + 2].capital


def _organisation_of(mention: Mention, tokens: list[Token]) -> bool:
    before = mention.before
    if before is None or before.key != "of" or mention.first < 2:
        return False
    head = tokens[mention.first - 2].key
    return head in ORGANISATION_HEADS or head in SEA_WORDS  # "Bank of England", "Gulf of Aden"


def _evidence(
    kept: list[Mention], mentions: list[Mention], reading: _Reading
) -> dict[str, Evidence]:
    """Per name: the candidates, the places written after it behind a comma, prepositions."""
    found: dict[str, Evidence] = {}
    for mention in kept:
        evidence = found.get(mention.key)
        if evidence is None:
            entries = [e for e in mention.entries if e.how != ABBREVIATION]
            big = reading.only_big_places(mention)
            common = _common(mention, reading, big)
            evidence = found[mention.key] = Evidence(mention.key, entries, common=common)
        if mention.comma_next is not None:
            context = mentions[mention.comma_next]
            evidence.comma_places.update(entry.place_id for entry in context.entries)
        headline = reading.in_headline(mention)
        locative = _locative(mention, reading.tokens)
        evidence.locative = evidence.locative or locative
        if (
            not reading.weak_case(mention)
            or (mention.first != mention.last and not headline)
            or (headline and locative)
        ):
            evidence.proper = True
        if all(entry.how == ADJECTIVE for entry in mention.entries):
            evidence.adjective_mentions += 1
    return found


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

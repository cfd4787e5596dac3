"""Whether each name the scan found can be a place, from the words around it.

``judge`` returns the mentions that may be places. A mention is dropped when it is:

- part of a longer name: a capitalised non-place word follows it ("New York Times", "Kowloon
  Generic Romance", "Japan Airlines") or, for countries, precedes it ("WeWork Japan"); it is
  joined by a hyphen or "&" to a name that is no place ("Oral-B", "Johnson & Wales"); it is
  the place of "Bank of England" or "Stade de Suisse"; or an area after it makes it another
  place ("Fulton County", "Qeshm island");
- a person: a surname seen after a given name, a title before it ("comedian Chevy Chase"),
  ", who" after it;
- a sports team: after "against", in "the loss to Chicago", in a list of opponents ("games
  against San Diego, Atlanta and Green Bay"), before "beat" and a name;
- a thing: "Brussels sprouts", "French press", "Delhi-class", "Mt. Fuji", an acronym that is no
  country's ("OTA", "HO-3"), a date ("March", "Spring 2026"), a landmark or an industry
  ("White House", "Hollywood");
- an adjective that is no country's here: a language ("in English" anywhere in the text makes
  every bare "English" the language), a cuisine or style ("Mexican food"), a people elsewhere
  ("African American"), a title ("American Pie").

A name seen in the text as a team or as an area ("Boston Red Sox", "Qeshm island") is then
believed as a city only where the text says it is a place: a preposition of place before it, a
state or country after a comma, a word such as "mayor".
"""

from __future__ import annotations

import re

from newsdesk.pipeline.geo.gazetteer import ABBREVIATION, ADJECTIVE
from newsdesk.pipeline.geo.places import COUNTRY, REGION
from newsdesk.pipeline.geo.reading import Reading
from newsdesk.pipeline.geo.scan import Mention
from newsdesk.pipeline.geo.tokens import Token
from newsdesk.pipeline.geo.wordlists import (
    ADJECTIVE_HYPHEN_KINDS,
    AREA_WORDS,
    COMMON_NAMES,
    COMPANY_WORDS,
    DATE_WORDS,
    ETHNIC_PREFIXES,
    FUNCTION_WORDS,
    HYPHEN_KINDS,
    LANDFORM_PREFIXES,
    LANDMARKS,
    LANGUAGE_ADJECTIVES,
    LANGUAGE_NOUNS,
    LANGUAGE_VERBS,
    LOCATIVES,
    LOWER_AREA_WORDS,
    OF_LOCATIVES,
    OPPONENT_WORDS,
    ORGANISATION_HEADS,
    ORGANISATION_LINKS,
    PERSON_LIKE,
    PERSON_TITLES,
    PLACE_FOLLOWERS,
    PLACE_MODIFIERS,
    RESULT_PREPOSITIONS,
    RESULT_WORDS,
    SEA_WORDS,
    STYLE_NOUNS,
    TEAM_NAMES,
    TEAM_NOUNS,
    TEAM_VERBS,
    THING_PHRASES,
    VESSEL_PREFIXES,
)

TEAM, AREA, NAMESAKE = "a team", "an area", "part of a name (a small place's namesake)"
SPREADING = (TEAM, AREA, NAMESAKE)  # make the name's bare mentions need evidence of a place
_JOINS = frozenset("-&")
_HYPHEN_AFTER = re.compile(r" ?- ?([^\W\d_]+)")
_HYPHEN_BEFORE = re.compile(r"([^\W\d_]+) ?- ?$")
_AMPERSAND_AFTER = re.compile(r" *& *([^\W\d_]+)")
_AMPERSAND_BEFORE = re.compile(r"([^\W\d_]+) *& *$")
_DOTTED_TITLE = re.compile(r"\b([^\W\d_]{1,4})\.\s*$")
_WHO = re.compile(r"\s*,\s*who(?:m|se)?\b")
_PUBLISHER = re.compile(r"[ \t]*,[ \t]*(?:[A-Z][\w.]* ?){1,2}:[ \t]+[A-Z]")  # ", MD: National"
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|&)\s*")
_POSSESSIVE = re.compile(r"\s?['\u2019]")


def judge(mentions: list[Mention], reading: Reading) -> list[Mention]:
    """The mentions that may be places, in text order."""
    teams = _teams(mentions, reading)
    languages = _languages(mentions)
    starts = {mention.start: mention for mention in mentions}
    ends = {mention.end: mention for mention in mentions}
    reasons = []
    for index, mention in enumerate(mentions):
        reason = TEAM if index in teams else _rejection(mention, reading, starts, ends)
        if not reason and mention.key in languages and _adjective(mention):
            reason = "a language"
        reasons.append(reason)
    parts = {m.key for m, reason in zip(mentions, reasons, strict=True) if reason in SPREADING}
    names = {_next_words(m, reading) for m, reason in zip(mentions, reasons, strict=True) if reason}
    kept: list[Mention] = []
    evidenced: Mention | None = None
    for mention, reason in zip(mentions, reasons, strict=True):
        if reason or (reading.in_headline(mention) and _next_words(mention, reading) in names):
            continue  # the headline's "Kowloon Generic Romance" is the body's
        if place_evidence(mention, reading) or (
            evidenced is not None and listed(evidenced, mention, reading)
        ):
            evidenced = mention
        elif mention.key in parts and reading.city_only(mention):
            continue
        kept.append(mention)
    return kept


def _next_words(mention: Mention, reading: Reading) -> tuple[str, str]:
    after = mention.after
    return (mention.key, after.key if after is not None and after.capital else "")


def place_evidence(mention: Mention, reading: Reading) -> bool:
    """The text says this mention is a place: "in X", "X, Ohio", "the X mayor"."""
    if mention.comma_next is not None:
        return True
    after = mention.after
    if after is not None and after.key in PLACE_FOLLOWERS and after.key not in ("and", "or"):
        return True
    return locative(mention, reading.tokens) and not _POSSESSIVE.match(reading.text_after(mention))


def locative(mention: Mention, tokens: list[Token]) -> bool:
    """A preposition of place stands before the name ("in Malibu"; not "according to")."""
    before = mention.before
    if before is None:
        return False
    earlier = tokens[mention.first - 2].key if mention.first >= 2 else ""
    if before.key == "of":
        return earlier in OF_LOCATIVES  # "west of Aden"
    return before.key in LOCATIVES and not (before.key == "to" and earlier == "according")


def _rejection(
    mention: Mention, reading: Reading, starts: dict[int, Mention], ends: dict[int, Mention]
) -> str:
    """Why the mention is no place ("" when it may be one)."""
    if all(entry.how == ABBREVIATION for entry in mention.entries):
        return "an abbreviation"  # only read as the context after a comma
    if reading.acronym(mention):
        if not any(reading.kind(entry.place_id) == COUNTRY for entry in mention.entries):
            return "an acronym"  # still read as the context after a comma ("Orlando, FL")
        mention.entries = [
            e
            for e in mention.entries
            if e.how == ABBREVIATION or reading.kind(e.place_id) == COUNTRY
        ]
    if mention.key in DATE_WORDS:
        return "a date"
    if mention.key in FUNCTION_WORDS:
        return "a function word"  # "As the topic...", "Most shopping carts..."
    if mention.key in LANDMARKS and mention.comma_next is None:
        return "a landmark"
    if _publisher(mention, reading):
        return "a publisher's town"  # in a bibliographic reference, like a dateline
    return (
        _person(mention, reading)
        or _thing(mention, reading)
        or _joined(mention, reading, starts, ends)
        or _inside_name(mention, reading)
        or _adjective_use(mention, reading)
        or _common_in_name(mention, reading)
    )


def _publisher(mention: Mention, reading: Reading) -> bool:
    """ "Rockville, MD: Agency for Healthcare Research": the town of a reference's publisher."""
    return mention.comma_next is not None and bool(_PUBLISHER.match(reading.text_after(mention)))


def _person(mention: Mention, reading: Reading) -> str:
    if mention.key in reading.people and mention.comma_next is None:
        return "a person"  # a person's name, unless written as "Florence, Colo."
    before = mention.before
    if before is not None and before.key in PERSON_TITLES:
        return "a person"
    if _dotted_before(mention, reading, PERSON_TITLES):
        return "a person"
    if "," in reading.text_after(mention, 3) and _WHO.match(reading.text_after(mention)):
        return "a person"
    return ""


def _dotted_before(mention: Mention, reading: Reading, words: frozenset[str]) -> bool:
    """One of ``words`` with a full stop stands right before the name ("Dr. Bristol", "Mt.")."""
    if "." not in reading.text_before(mention, 3):
        return False
    dotted = _DOTTED_TITLE.search(reading.text_before(mention))
    return dotted is not None and dotted.group(1).casefold() in words


def _thing(mention: Mention, reading: Reading) -> str:
    after = mention.after
    if after is not None and after.key in THING_PHRASES.get(mention.key, ()):
        return "a thing"
    hyphen = "-" in reading.text_after(mention, 2) and _HYPHEN_AFTER.match(
        reading.text_after(mention)
    )
    if hyphen:
        kind = hyphen.group(1).casefold()
        if kind in HYPHEN_KINDS or (kind in ADJECTIVE_HYPHEN_KINDS and _adjective(mention)):
            return "a kind of thing"  # "Delhi-class", "Belgian-style" (not "Mexico City-inspired")
    before = mention.before
    if (before is not None and before.capital and before.key in LANDFORM_PREFIXES) or (
        _dotted_before(mention, reading, LANDFORM_PREFIXES)
    ):
        return "a landform"
    return ""


def _joined(
    mention: Mention, reading: Reading, starts: dict[int, Mention], ends: dict[int, Mention]
) -> str:
    """Part of a name written with a hyphen or "&" ("Oral-B", "CMC-Australia", "Johnson &
    Wales"), unless the other part is a place too ("Dallas-Fort Worth")."""
    after = reading.text_after(mention)
    for pattern in (_HYPHEN_AFTER, _AMPERSAND_AFTER) if _JOINS.intersection(after[:3]) else ():
        joined = pattern.match(after)
        if (
            joined
            and joined.group(1)[0].isupper()
            and joined.group(1).casefold() not in (PLACE_MODIFIERS)
        ):
            other = starts.get(mention.end + joined.start(1))
            if other is None or not reading.place_word(other.key):
                return "part of a joined name"
    if all(entry.how == ADJECTIVE for entry in mention.entries):
        return ""  # "Anglo-French"
    before = reading.text_before(mention)
    for pattern in (_HYPHEN_BEFORE, _AMPERSAND_BEFORE) if _JOINS.intersection(before[-3:]) else ():
        joined = pattern.search(before)
        if joined and joined.group(1)[0].isupper():
            other = ends.get(mention.start - len(before) + joined.end(1))
            if other is None or not reading.place_word(other.key):
                return "part of a joined name"
    return ""


def _inside_name(mention: Mention, reading: Reading) -> str:
    before, after = mention.before, mention.after
    big = reading.only_big_places(mention) and mention.key not in PERSON_LIKE
    if after is not None and after.capital and not _adjective(mention):
        headline = reading.in_headline(mention)
        if not headline and reading.names_follow(mention):
            if _team_name(mention, reading):
                return TEAM  # "Kansas City Chiefs", "Boston Red Sox"
            if not big and not reading.place_word(mention.key):
                return NAMESAKE  # "Bettie Page": a small place's name in a name is the name's
            if not big or after.key in COMPANY_WORDS:
                return "part of a name"  # "New York Times", "Japan Airlines", "Paris Hilton"
        if not headline and _organisation_follows(mention, reading):
            return "part of a name"  # "Royal Oak Beaumont Hospital"
    team_noun = after is not None and not after.capital and after.key in TEAM_NOUNS
    if team_noun and reading.city_only(mention):
        return TEAM  # "the New Orleans offense"
    if before is not None and before.capital:
        if before.key in VESSEL_PREFIXES:
            return "a ship"
        if before.key == "new":
            return "part of a name"  # "New England" is not England
        country_or_state = bool(reading.kinds(mention) & {COUNTRY, REGION})
        if country_or_state and not reading.in_headline(mention) and reading.name_before(mention):
            return "part of a name"  # "WeWork Japan", "Bodum Brazil"
    if mention.key in PLACE_MODIFIERS and mention.comma_next is None:
        return "a direction"  # "Central" of "Central and South America"
    if mention.key.rpartition(" ")[2] in ORGANISATION_HEADS:
        return "an institution"  # "Tufts University", listed as a place in the data
    if not big:
        if after is not None and (
            after.key in AREA_WORDS or (after.key in LOWER_AREA_WORDS and not after.capital)
        ):
            return AREA  # "Fulton County", "Qeshm island"
        if mention.first == mention.last and _part_before_of(mention, reading.tokens):
            return "part of a name"  # "Horn of Africa", "Isle of Man"
    if after is not None and after.key in SEA_WORDS:
        return "a sea"  # "Indian Ocean", "Arabian Sea": the sea, not the country
    return _of_something(mention, reading.tokens)


def _organisation_follows(mention: Mention, reading: Reading) -> bool:
    """Capitalised words after the name end in an institution's head ("... Hospital")."""
    position = mention.end
    for index in range(mention.last + 1, mention.last + 4):
        word = reading.word_at(index)
        if word is None or not word.capital or reading.text[position : word.start].strip():
            return False
        if word.key in ORGANISATION_HEADS:
            return True
        position = word.end
    return False


def _team_name(mention: Mention, reading: Reading) -> bool:
    for index in (mention.last + 1, mention.last + 2):
        word = reading.word_at(index)
        if word is None or not word.capital:
            return False
        if word.key in TEAM_NAMES:
            return True
    return False


def _adjective_use(mention: Mention, reading: Reading) -> str:
    """ "Ukrainian troops" names Ukraine; "American Pie", "African American", "English class",
    "in English", "Mexican food" do not."""
    if not _adjective(mention):
        return ""
    before, after = mention.before, mention.after
    if before is not None and before.key in ETHNIC_PREFIXES:
        return "a people"
    if not reading.in_headline(mention) and reading.names_follow(mention):
        return "a title"
    if _language(mention):
        return "a language"
    if after is not None and not after.capital and after.key in STYLE_NOUNS:
        return "a cuisine or style"
    return ""


def _common_in_name(mention: Mention, reading: Reading) -> str:
    """An everyday word after a capitalised word: "Golden Compass", "Superior Court"."""
    if not common(mention, reading, reading.only_big_places(mention)):
        return ""
    before = mention.before
    if (
        before is not None
        and before.capital
        and before.key not in FUNCTION_WORDS
        and before.key not in PLACE_MODIFIERS
    ):
        return "an everyday word in a name"
    return ""


def common(mention: Mention, reading: Reading, big: bool) -> bool:
    """The name is also an everyday word or phrase (and not a country's or a state's): in the
    list of such words, or written in lower case elsewhere in the text ("hot spring areas")."""
    if big:
        return False
    if mention.first != mention.last:
        return reading.written_lower(mention.key)
    if reading.nouns_capitalised:
        return True  # in German any noun is capitalised: "Essen", "Halle", "Hof"
    return mention.key in COMMON_NAMES or mention.key in reading.lower_words


def _adjective(mention: Mention) -> bool:
    return all(entry.how == ADJECTIVE for entry in mention.entries)


def _language(mention: Mention) -> bool:
    if mention.key not in LANGUAGE_ADJECTIVES:
        return False
    before, after = mention.before, mention.after
    return (after is not None and after.key in LANGUAGE_NOUNS) or (
        before is not None and before.key in LANGUAGE_VERBS
    )


def _languages(mentions: list[Mention]) -> set[str]:
    """Adjectives the text uses as a language somewhere: then they are languages throughout."""
    return {mention.key for mention in mentions if _adjective(mention) and _language(mention)}


def _teams(mentions: list[Mention], reading: Reading) -> set[int]:
    """Indexes of the mentions that name sports teams, and of the lists they start."""
    teams: set[int] = set()
    for index, mention in enumerate(mentions):
        if (index - 1 in teams and listed(mentions[index - 1], mention, reading)) or _opponent(
            mention, reading
        ):
            if reading.city_only(mention):
                teams.add(index)
        elif _beats(mention, reading) and index + 1 < len(mentions) and reading.city_only(mention):
            teams.update((index, index + 1))
    return teams


def _opponent(mention: Mention, reading: Reading) -> bool:
    before = mention.before
    if before is None:
        return False
    if before.key in OPPONENT_WORDS:
        return True
    result = reading.word_at(mention.first - 2)
    return before.key in RESULT_PREPOSITIONS and result is not None and result.key in RESULT_WORDS


def _beats(mention: Mention, reading: Reading) -> bool:
    after = mention.after
    following = reading.word_at(mention.last + 2)
    return (
        after is not None
        and after.key in TEAM_VERBS
        and following is not None
        and following.capital
        and following.key not in FUNCTION_WORDS
    )


def listed(previous: Mention, mention: Mention, reading: Reading) -> bool:
    """The mention follows ``previous`` in a list (", ", " and ", "&" between them)."""
    return _LIST_GAP.fullmatch(reading.text, previous.end, mention.start) is not None


def _part_before_of(mention: Mention, tokens: list[Token]) -> bool:
    after = mention.after
    if after is None or after.key != "of" or mention.last + 2 >= len(tokens):
        return False
    return tokens[mention.last + 2].capital


def _of_something(mention: Mention, tokens: list[Token]) -> str:
    """ "Bank of England", "Stade de Suisse" (part of a name), "Gulf of Aden" (a sea)."""
    before = mention.before
    if before is None or before.key not in ORGANISATION_LINKS or mention.first < 2:
        return ""
    head = tokens[mention.first - 2].key
    if head in SEA_WORDS:
        return "a sea"
    return "an organisation's name" if head in ORGANISATION_HEADS else ""

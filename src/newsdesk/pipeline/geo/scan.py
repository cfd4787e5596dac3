"""Finding names of the gazetteer in a text, with what surrounds each one.

``scan`` walks the words of the text once. At each capitalised word it tries the longest name of
the index that starts with it (up to the longest such name), so "New York Times" is seen as
"New York" followed by "Times", and "Springfield, Ill." as "Springfield" then "Ill.", which
becomes its context (so does "Spain" in "Cava (Spain)"). Each
``Mention`` records the words around it that the tagger needs to judge it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from newsdesk.pipeline.geo.gazetteer import Entry, Gazetteer
from newsdesk.pipeline.geo.tokens import Token
from newsdesk.pipeline.geo.wordlists import CONNECTORS

_JOIN = re.compile(r"[ \u00a0.\-]{1,3}")
_SPACE = re.compile(r"[ \u00a0]{1,2}")
_SENTENCE_END = re.compile(r"[.!?\n:;\"“”`'(\[]")


@dataclass(slots=True)
class Mention:
    key: str
    entries: list[Entry]
    first: int  # index of its first word
    last: int  # index of its last word
    start: int  # character offsets in the scanned text
    end: int
    sentence_start: bool = False
    before: Token | None = None  # the adjacent word before it, if only spaces separate them
    after: Token | None = None  # the adjacent word after it, likewise
    comma_next: int | None = None  # index of the mention right after ", " (its context)
    bracketed: bool = False  # that context is in brackets: "Cava (Spain)"


def scan(gazetteer: Gazetteer, text: str, tokens: list[Token]) -> list[Mention]:
    mentions: list[Mention] = []
    index = gazetteer.index
    count = len(tokens)
    i = 0
    while i < count:
        token = tokens[i]
        longest = gazetteer.longest.get(token.key, 0) if token.capital else 0
        found = None
        for length in range(_reach(text, tokens, i, longest), 0, -1):
            words = tokens[i : i + length]
            if not words[-1].capital:
                continue
            key = " ".join(word.key for word in words)
            entries = index.get(key)
            if entries:
                found = Mention(key, entries, i, i + length - 1, token.start, words[-1].end)
                break
        if found is None:
            i += 1
            continue
        _describe(found, text, tokens)
        mentions.append(found)
        i = found.last + 1
    _link_commas(mentions, text)
    return mentions


def _reach(text: str, tokens: list[Token], first: int, longest: int) -> int:
    """How many words from ``first`` (at most ``longest``) could form one name: no punctuation
    between them, and any word in lower case a connector ("of", "de", "upon")."""
    reach = 1 if longest else 0
    while reach < longest and first + reach < len(tokens):
        previous, word = tokens[first + reach - 1], tokens[first + reach]
        if not _JOIN.fullmatch(text, previous.end, word.start):
            break
        if not word.capital and word.key not in CONNECTORS:
            break
        reach += 1
    return reach


def _describe(mention: Mention, text: str, tokens: list[Token]) -> None:
    first = tokens[mention.first]
    if mention.first == 0:
        mention.sentence_start = True
    else:
        previous = tokens[mention.first - 1]
        gap = text[previous.end : first.start]
        if _is_initial(previous, gap):
            mention.before = previous  # "Kenneth J. Montgomery": a middle initial
        else:
            ended = bool(_SENTENCE_END.search(gap)) or previous.text.endswith(".")
            mention.sentence_start = ended
            if _SPACE.fullmatch(gap):
                mention.before = previous
    if mention.last + 1 < len(tokens):
        following = tokens[mention.last + 1]
        if _SPACE.fullmatch(text, tokens[mention.last].end, following.start):
            mention.after = following


def _is_initial(previous: Token, gap: str) -> bool:
    return len(previous.text) == 1 and previous.text.isupper() and gap == ". "


def _link_commas(mentions: list[Mention], text: str) -> None:
    """Marks "Springfield, Illinois" and "Cava (Spain)": a mention followed by a comma, or an
    opening bracket, and then another one (closed by the bracket)."""
    for position, (mention, following) in enumerate(pairwise(mentions)):
        gap = text[mention.end : following.start]
        if len(gap) > 3:
            continue
        if gap.strip() == ",":
            mention.comma_next = position + 1
        elif gap.strip() == "(" and text[following.end : following.end + 1] == ")":
            mention.comma_next = position + 1
            mention.bracketed = True

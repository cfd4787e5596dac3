"""Words of a text as the gazetteer sees them: spans, a normalised form, and capitalisation.

A word is a run of letters (apostrophes allowed inside, "d'Ivoire"), or a dotted abbreviation
("U.S.", "D.C."). Hyphens and digits separate words, so "Kharkiv-based" yields "Kharkiv" and a
name such as "Stoke-on-Trent" is keyed as "stoke on trent". A trailing possessive ("Kharkiv's")
is dropped. Keys are case-folded and stripped of accents, so "Sao Paulo" finds "São Paulo".
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_MARKS = re.compile(r"[\u0300-\u036f\u064b-\u065f]")
_POSSESSIVE = ("'s", "\u2019s", "'S", "\u2019S")


class Token(NamedTuple):
    """One word (a named tuple: a text has tens of thousands, made in one pass)."""

    start: int
    end: int
    text: str
    key: str
    capital: bool  # starts with a capital letter, or is written in a script without case


def normalise(word: str) -> str:
    """Case-folded, accent-free form of one word, with typographic apostrophes made plain."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    return _MARKS.sub("", unicodedata.normalize("NFKD", folded.replace("\u2019", "'")))


def is_capital(word: str) -> bool:
    first = word[0]
    return first.isupper() or not first.islower()


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` (expected NFC) in order, possessives removed."""
    tokens: list[Token] = []
    append = tokens.append
    make = tuple.__new__  # what Token(...) calls, without its Python frame
    for match in _WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        if word[-1] in "sS" and word.endswith(_POSSESSIVE) and len(word) > 2:
            word = word[:-2]
            end -= 2
        folded = word.casefold()
        key = folded if folded.isascii() else normalise(word)
        first = word[0]
        append(make(Token, (start, end, word, key, first.isupper() or not first.islower())))
    return tokens


def name_key(name: str) -> str:
    """The index key of a place name: its words' keys joined by single spaces ("" if none)."""
    key = normalise(name)
    if key.isalpha():
        return key
    return " ".join(_WORD.findall(key))

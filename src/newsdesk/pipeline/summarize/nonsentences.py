"""Lines of an article that are not sentences of its text, so no summary or answer cites them.

Extracted article text keeps what sat around the prose: the credit line of an embedded tweet
("— Jane Doe (@janedoe) November 1, 2019") or Instagram post ("A post shared by ..."), its
``pic.twitter.com`` link, photo captions and credits ("Photograph: Jane Doe/Reuters",
"(AP Photo/Evan Vucci)"), bylines ("By Jane Doe and John Roe, CNN"), credit trailers
("Reporting by ...; Editing by ..."), time stamps ("Published 10:32 AM ET, Fri November 1,
2019") and bare web addresses. ``line_kind`` names what a whole line is, ``piece_kind`` what one
piece of a line is ("" for a sentence); ``cut_points`` says where a line must be cut so that a
credit run into a sentence becomes a piece of its own.

A caption is a short line that carries a photo credit: the whole line is left out, since what
it describes is a picture, not the story. The word lists are in ``data/non-sentences.txt``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|fri|sat|sun"
)
_DATE = (
    rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}})"
)

#: An embedded post's credit: "— Jane Doe (@janedoe) November 1, 2019".
TWEET_CREDIT = re.compile(
    rf"^(?:[\u2014\u2013-]{{1,2}}|&mdash;)\s*[^()\n]{{0,80}}\(\s*@\s*\w{{1,30}}\s*\)\s*(?:on\s+)?"
    rf"(?:{_DATE})?\s*$",
    re.IGNORECASE,
)
#: An Instagram (or similar) post's credit: "A post shared by Jane Doe (@janedoe) on ...".
POST_CREDIT = re.compile(r"^a\s+(?:post|photo|video)\s+shared\s+by\b", re.IGNORECASE)
#: Where a credit or a picture link starts inside a line.
_CUT = re.compile(
    r"\s(?=(?:[\u2014\u2013]|--?)\s*[^()\n\u2014\u2013]{1,80}\(\s*@\s*\w{1,30}\s*\))"
    r"|\s(?=pic\.twitter\.com/)"
    r"|\s(?=a\s+(?:post|photo|video)\s+shared\s+by\b)",
    re.IGNORECASE,
)
_PICTURE_LINK = re.compile(r"^(?:pic\.twitter\.com|https?://t\.co)/\S*$", re.IGNORECASE)
#: A web address, once the spaces of tokenised text ("http: / / example. com / a - b") are out.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|co\.uk)/\S*", re.I)
_TOKENISED = re.compile(r"\s*([/.:_?=&-])\s*")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TIME = re.compile(
    r"\b\d{1,2}\s*[:.]\s*\d{2}\s*(?:[ap]\.?\s*m\.?)?|\b\d{1,2}\s*[ap]\.?\s*m\b", re.I
)
_NUMBERISH = re.compile(r"^\d+(?:st|nd|rd|th|am|pm)?$", re.IGNORECASE)

#: A caption is at most this many words; a longer line is prose that happens to hold a credit.
CAPTION_WORDS = 50
#: A byline is at most this many words.
BYLINE_WORDS = 14


def line_kind(line: str) -> str:
    """What the whole ``line`` is when it is not prose: "caption", "byline", "credits",
    "timestamp", or "" (prose, whose pieces ``piece_kind`` judges one by one)."""
    words = _WORD.findall(line)
    if not words:
        return ""
    if len(words) <= CAPTION_WORDS and _has_photo_credit(line):
        return "caption"
    if _is_byline(line, words):
        return "byline"
    if _credit_trailer().match(line):
        return "credits"
    if _is_timestamp(line, words):
        return "timestamp"
    return ""


def piece_kind(piece: str) -> str:
    """What one piece of a line is when it is not a sentence, or ""."""
    stripped = piece.strip()
    if TWEET_CREDIT.match(stripped) or POST_CREDIT.match(stripped):
        return "post credit"
    if _PICTURE_LINK.match(stripped):
        return "picture link"
    if _credit_start().match(stripped) and len(_WORD.findall(stripped)) <= 12:
        return "photo credit"
    joined = _TOKENISED.sub(r"\1", stripped)
    rest = _ADDRESS.sub(" ", joined)
    if rest != joined and len(_WORD.findall(rest)) < 4:
        return "address"
    return ""


def cut_points(line: str) -> list[int]:
    """Offsets in ``line`` where an embedded post's credit or picture link starts (a credit
    only when it runs to the end of the line, as credits do)."""
    points = []
    for match in _CUT.finditer(line):
        rest = line[match.end() :]
        if rest[:1] in "\u2014\u2013-" and not TWEET_CREDIT.match(rest.strip()):
            continue
        points.append(match.end())
    return points


def _has_photo_credit(line: str) -> bool:
    return bool(_credit_anywhere().search(line))


def _is_byline(line: str, words: list[str]) -> bool:
    if len(words) > BYLINE_WORDS or not re.match(r"^(?:by|written by|story by)\s+\S", line, re.I):
        return False
    if line.rstrip().endswith((".", "!", "?")) and not line.rstrip().endswith(" Jr."):
        # "By the end of the day, the vote was done." is prose; "By Jane Doe" has no full stop.
        return False
    rest = [word for word in words[1:] if word.lower() not in ("and", "in", "for", "the", "of")]
    return all(word[:1].isupper() or word[:1].isdigit() for word in rest)


def _is_timestamp(line: str, words: list[str]) -> bool:
    if not (re.search(_DATE, line, re.IGNORECASE) or _TIME.search(line)):
        return False
    months = set(_MONTHS.split("|")) | set(_WEEKDAYS.split("|"))
    ignored = _lists()["time words"]
    rest = [
        word
        for word in words
        if word.lower() not in months
        and word.lower() not in ignored
        and not _NUMBERISH.match(word)
        and len(word) > 1  # "a. m."
    ]
    return len(rest) <= 1 and len(words) <= 16


@cache
def _lists() -> dict[str, frozenset[str]]:
    """The sections of ``data/non-sentences.txt``, lower-cased."""
    data = files("newsdesk.pipeline.summarize").joinpath("data/non-sentences.txt")
    sections: dict[str, set[str]] = {}
    current = ""
    for raw in data.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = set()
        elif line and current:
            sections[current].add(" ".join(line.split()).lower())
    return {name: frozenset(entries) for name, entries in sections.items()}


def _alternatives(section: str) -> str:
    entries = sorted(_lists()[section], key=len, reverse=True)
    return "|".join(re.escape(entry).replace(r"\ ", r"\s+") for entry in entries)


@cache
def _credit_start() -> re.Pattern[str]:
    """A piece that opens with a credit label: "Photo: ...", "Picture by ...", "Credit: ..."."""
    return re.compile(rf"^\(?(?:{_alternatives('credit labels')})\s*(?::|\bby\b)", re.IGNORECASE)


@cache
def _credit_anywhere() -> re.Pattern[str]:
    """A photo credit anywhere in a line. Names are matched case-sensitively ("Jane Doe/AP"),
    so "an AP/NORC poll" is no credit."""
    labels, agencies = _alternatives("credit labels"), _alternatives("agencies")
    return re.compile(
        rf"\((?i:{agencies})\s+(?i:photo|images?|video)\b[^)]*\)"  # (AP Photo/Evan Vucci)
        r"|(?:^|[\s(])(?i:photo(?:graph)?s?|pictures?|images?|credit)\s*:"  # ... Photo: AP
        rf"|\b[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,3}}\s*/\s*(?i:{agencies})\b"  # Jane Doe/AP
        rf"|\b(?i:{agencies})\s*/\s*[A-Z][a-z]"  # REUTERS/Kevin Lamarque
        rf"|\bvia\s+(?i:{agencies})\s*\)?\s*$"  # ... via Getty Images
        rf"|^\(?(?i:{labels})\s*:"  # Image caption: ...
    )


@cache
def _credit_trailer() -> re.Pattern[str]:
    return re.compile(rf"^\(?(?:{_alternatives('credit trailers')})\b", re.IGNORECASE)

"""Split article text into sentences, and number them so output can cite them.

A rule-based splitter tuned for news prose: it breaks after ``.``, ``!`` or ``?`` (and a closing
quote or bracket) followed by a space and a capital letter, digit or opening quote, and at line
breaks; it does not break after common abbreviations ("Mr.", "U.S.", "Jan.") or single
initials ("J. Smith"). No model, no download, and fast: tens of microseconds per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.pipeline.summarize.base import Document, SourceSentence

#: Words after which a full stop does not end a sentence (compared lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "fig",
        "no",
        "nos",
        "vol",
        "pp",
        "ed",
        "eds",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "i.e",
        "e.g",
        "d.c",
        "l.a",
        "n.y",
    )
)

#: A sentence end candidate: terminal punctuation, optional closing quotes or brackets, space,
#: then something that can start a sentence.
_CLOSERS = "\"'\u201d\u2019)\\]"
_OPENERS = "\"'\u201c\u2018(\\["
_BOUNDARY = re.compile(rf"([.!?…]+[{_CLOSERS}]*)\s+(?=[{_OPENERS}]?[A-Z0-9À-ÖØ-ÞĀ-Ž])")
_LAST_WORD = re.compile(r"(\S+)$")
_BLANK = re.compile(r"[ \t\u00a0]+")

#: Sentences shorter than this (in characters) are joined to the one before: "No." or "(AP)".
MIN_SENTENCE_CHARS = 12


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, whitespace-normalised, none empty."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = _BLANK.sub(" ", line).strip()
        if line:
            sentences.extend(_split_line(line))
    return _join_fragments(sentences)


def _split_line(line: str) -> Iterable[str]:
    start = 0
    for match in _BOUNDARY.finditer(line):
        if match.group(1) == "." and _is_abbreviation(line[start : match.start()]):
            continue
        yield line[start : match.end(1)].strip()
        start = match.end()
    rest = line[start:].strip()
    if rest:
        yield rest


def _is_abbreviation(before: str) -> bool:
    found = _LAST_WORD.search(before)
    if not found:
        return False
    word = found.group(1).lstrip("\"'\u201c\u2018([").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in ABBREVIATIONS


def _join_fragments(sentences: list[str]) -> list[str]:
    joined: list[str] = []
    for sentence in sentences:
        fragment = len(sentence) < MIN_SENTENCE_CHARS and not sentence[:1].isupper()
        if joined and (fragment or len(joined[-1]) < MIN_SENTENCE_CHARS):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


def make_document(
    document_id: str | int,
    title: str,
    text: str,
    **details: object,
) -> Document:
    """A ``Document`` whose sentences are ``text`` split and numbered ``"<id>:<n>"`` from 0."""
    sentences = tuple(
        SourceSentence(id=f"{document_id}:{index}", text=sentence)
        for index, sentence in enumerate(split_sentences(text))
    )
    return Document(id=str(document_id), title=title, sentences=sentences, **details)  # type: ignore[arg-type]

"""Split article text into sentences, and number them so output can cite them.

A rule-based splitter tuned for news prose: it breaks after ``.``, ``!`` or ``?`` (and a closing
quote or bracket) followed by a space and a capital letter, digit or opening quote, and at line
breaks; it does not break after common abbreviations ("Mr.", "U.S.", "Jan.") or single
initials ("J. Smith"). No model, no download, and fast: tens of microseconds per sentence.

Not every line of an article is a sentence of it: ``sentence_pieces`` marks the credit line of
an embedded post, its picture link, photo captions and credits, bylines, credit trailers, time
stamps and bare web addresses (``nonsentences``), and ``make_document`` leaves them out, so no
summary, answer or brief can cite them. Sentence ids keep counting them ("<id>:<n>" is the
n-th piece of the text whatever was left out), so an id means the same piece of text whichever
of its neighbours is a sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.pipeline.summarize import nonsentences
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


@dataclass(frozen=True)
class Piece:
    """One piece of a text: a sentence (``kind`` "") or a line that is none ("caption", ...)."""

    text: str
    kind: str = ""


def split_sentences(text: str) -> list[str]:
    """The pieces of ``text`` (sentences and the lines that are none), in order,
    whitespace-normalised, none empty."""
    return [piece.text for piece in sentence_pieces(text)]


def sentence_pieces(text: str) -> list[Piece]:
    """The pieces of ``text`` in order, each marked a sentence or what else it is."""
    pieces: list[Piece] = []
    for line in text.splitlines():
        line = _BLANK.sub(" ", line).strip()
        if not line:
            continue
        kind = nonsentences.line_kind(line)
        for part in _split_line(line):
            pieces.append(Piece(part, kind or nonsentences.piece_kind(part)))
    return _join_fragments(pieces)


def _split_line(line: str) -> Iterable[str]:
    """The sentences of one line, with an embedded post's credit or picture link cut off."""
    cuts = [0, *nonsentences.cut_points(line), len(line)]
    for start, end in itertools.pairwise(cuts):
        yield from _split_prose(line[start:end].strip())


def _split_prose(line: str) -> Iterable[str]:
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


def _join_fragments(pieces: list[Piece]) -> list[Piece]:
    """Very short sentences joined to the sentence before ("No." or "(AP)"); never across a
    piece that is no sentence."""
    joined: list[Piece] = []
    for piece in pieces:
        previous = joined[-1] if joined else None
        fragment = len(piece.text) < MIN_SENTENCE_CHARS and not piece.text[:1].isupper()
        if (
            previous is not None
            and not previous.kind
            and not piece.kind
            and (fragment or len(previous.text) < MIN_SENTENCE_CHARS)
        ):
            joined[-1] = Piece(f"{previous.text} {piece.text}")
        else:
            joined.append(piece)
    return joined


def make_document(
    document_id: str | int,
    title: str,
    text: str,
    *,
    keep_all: bool = False,
    **details: object,
) -> Document:
    """A ``Document`` whose sentences are ``text`` split and numbered ``"<id>:<n>"`` from 0.

    Pieces that are no sentence (captions, credits, bylines, time stamps) are left out, their
    numbers unused; ``keep_all`` keeps them (a translation renders every line of the text).
    """
    sentences = tuple(
        SourceSentence(id=f"{document_id}:{index}", text=piece.text)
        for index, piece in enumerate(sentence_pieces(text))
        if keep_all or not piece.kind
    )
    return Document(id=str(document_id), title=title, sentences=sentences, **details)  # type: ignore[arg-type]

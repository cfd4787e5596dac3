"""Sentence features for the extractive engine: terms, junk, trimming, TF-IDF and MMR.

Everything here is a pure function over plain strings and numpy arrays, no model and no download.

- ``terms`` turns a sentence into lower-cased content stems (a light suffix stripper, so "houses"
  and "house", "stopped" and "stop" meet); ``words`` counts the words a reader sees.
- ``trim`` removes what a summary should not repeat: a leading byline ("By Jane Doe |") or
  dateline ("WASHINGTON (AP) —", "(CNN) --").
- ``junk`` says whether a sentence should never be picked: captions, calls to action ("Click
  here", "Read more"), all-caps shouting, fragments, and quotes with nobody saying them.
- ``prepare`` does all of that once for each sentence of a ``Document``.
- ``tfidf`` builds L2-normalised TF-IDF rows (sentences as the collection), so a dot product is a
  cosine similarity; ``mmr`` picks sentences by score minus their overlap with what is chosen.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from newsdesk.pipeline.summarize.base import Document

Matrix = npt.NDArray[np.float64]

_STOPWORD_LIST = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say told according mr mrs ms one two new year years last first may might must
    shall us like get got just even still yet back much many well made make way since per
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_NUMBER = re.compile(r"\d")
_POSSESSIVE = re.compile(r"['\u2019].*")

_BYLINE = re.compile(r"^(?:by\s+[^|\u2014\u2013\n]{1,60}?\s*[|\u2014\u2013]\s*)", re.IGNORECASE)
_DATELINE = re.compile(
    r"""^(?:[A-Z][A-Z.'\u2019 -]{1,30}(?:,\s*[A-Z][\w.'\u2019 -]{1,30})?\s*)?  # WASHINGTON, D.C.
        (?:\((?:AP|AFP|CNN|Reuters|UPI|dpa|EFE)\)\s*)?              # (AP)
        (?:\u2014|\u2013|--|-)\s+""",
    re.VERBOSE,
)
_SCROLL = re.compile(r"^(?:scroll down for (?:video|more)s?|video)\s*:?\s*", re.IGNORECASE)
_AGENCY_ONLY = re.compile(r"^\((?:AP|AFP|CNN|Reuters|UPI|dpa|EFE)\)\s*(?:\u2014|\u2013|--|-)?\s*")

_JUNK_PHRASES = re.compile(
    r"""\b(?:click\ here|read\ more|scroll\ down|sign\ up|subscribe|share\ this|follow\ us
        |all\ rights\ reserved|copyright|newsletter|getty\ images|photo\ credit|pictured:
        |watch\ the\ video|video\ above|image\ caption|media\ caption|advertisement)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_START = re.compile(
    r"^(?:photo|image|picture|video|file|caption|watch|related)\s*[:|]", re.I
)
_CAPITALISED = re.compile(r"\b[A-Z][A-Z'\u2019-]+\b")
_QUOTE_OPEN = "\"'\u201c\u2018"
_QUOTE_CLOSE = "\"'\u201d\u2019"
_OPENING = re.compile(r"(?:^|[\s(])[\"'\u201c\u2018]")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|added|explained|according|insisted|claimed|admitted|wrote|asked"
    r"|announced|warned|stated|tweeted|revealed)\b",
    re.IGNORECASE,
)

#: Fewer words than this and a sentence is a fragment, not a summary sentence.
MIN_WORDS = 6


def words(text: str) -> list[str]:
    """The words of ``text`` as a reader counts them, lower-cased."""
    return [word.lower() for word in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper: plural, -ing, -ed, -ly, final -e, doubled consonant."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeioulsz":
        word = word[:-1]
    return word


def terms(text: str, found: Sequence[str] | None = None) -> list[str]:
    """The content stems of ``text`` (or of its ``found`` words): no stop words, no letters."""
    return [
        stem(_POSSESSIVE.sub("", word))
        for word in (words(text) if found is None else found)
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit())
    ]


def trim(text: str) -> str:
    """``text`` without a leading byline ("By Jane Doe |"), dateline ("LONDON (AP) —") or
    "Scroll down for video" run into it."""
    trimmed = _SCROLL.sub("", text, count=1)
    trimmed = _BYLINE.sub("", trimmed, count=1)
    trimmed = _AGENCY_ONLY.sub("", trimmed, count=1)
    dateline = _DATELINE.match(trimmed)
    if dateline and dateline.end() < 60:
        trimmed = trimmed[dateline.end() :]
    trimmed = trimmed.strip()
    if len(trimmed) < 20:
        return text.strip()
    return trimmed[:1].upper() + trimmed[1:]


#: A web address, also as tokenised text ("http: / / example. com / ..."): never a sentence.
_ADDRESS = re.compile(r"(?:https?\s*:\s*/\s*/|www\s*\.\s*\w)", re.IGNORECASE)


def junk(text: str, found: Sequence[str] | None = None) -> bool:
    """Whether ``text`` (whose words are ``found``, if known) should never be picked."""
    count = len(words(text) if found is None else found)
    if count < MIN_WORDS:
        return True
    if _JUNK_PHRASES.search(text) or _CAPTION_START.match(text) or _ADDRESS.search(text):
        return True
    if len(_CAPITALISED.findall(text)) > 0.6 * count:
        return True  # all caps, or a list of names
    return text[:1].islower()


def weak(text: str) -> bool:
    """Whether ``text`` reads poorly out of context: a question, or a quote nobody says.

    A quote is a sentence that starts with a quote mark, or ends with one it never opened (the
    end of a quote running over several sentences), with no "said" or the like in it.
    """
    stripped = text.strip()
    if stripped.rstrip(_QUOTE_CLOSE).endswith("?"):
        return True
    opens = stripped[:1] in _QUOTE_OPEN
    closes_unopened = stripped[-1:] in _QUOTE_CLOSE and not _OPENING.search(stripped[:-1])
    return (opens or closes_unopened) and not _ATTRIBUTION.search(stripped)


def has_number(text: str) -> bool:
    """Whether ``text`` contains a digit or a number word."""
    return bool(_NUMBER.search(text)) or bool(_NUMBER_WORDS.intersection(words(text)))


_NUMBER_WORD_LIST = """two three four five six seven eight nine ten eleven twelve twenty thirty
    forty fifty hundred hundreds thousand thousands million millions billion billions dozen dozens
    half percent"""
_NUMBER_WORDS = frozenset(_NUMBER_WORD_LIST.split())


def tfidf(documents: Sequence[Sequence[str]], extra: Sequence[Sequence[str]] = ()) -> Matrix:
    """L2-normalised TF-IDF rows for ``documents`` then ``extra`` (weighted by ``documents``).

    Document frequency is counted over ``documents`` only, so a title or a question passed in
    ``extra`` is weighted by the article's own vocabulary. An empty row stays all zeros.
    """
    frequency = Counter(term for document in documents for term in set(document))
    wanted = {term for document in extra for term in document}
    total = len(documents)
    idf = {term: math.log((1 + total) / (1 + count)) + 1.0 for term, count in frequency.items()}
    # A term of one sentence only adds to that row's norm, not to any similarity: keep it out
    # of the matrix (that is most of the vocabulary) but count it in the norm.
    vocabulary: dict[str, int] = {}
    for term, count in frequency.items():
        if count > 1 or term in wanted:
            vocabulary[term] = len(vocabulary)
    rows = [*documents, *extra]
    matrix = np.zeros((len(rows), max(1, len(vocabulary))), dtype=np.float64)
    norms = np.zeros(len(rows))
    for row, document in enumerate(rows):
        squares = 0.0
        for term, count in Counter(document).items():
            weight = (1.0 + math.log(count)) * idf.get(term, 0.0)
            squares += weight * weight
            column = vocabulary.get(term)
            if column is not None:
                matrix[row, column] = weight
        norms[row] = math.sqrt(squares)
    return matrix / np.where(norms > 0, norms, 1.0)[:, None]


def centrality(matrix: Matrix) -> npt.NDArray[np.float64]:
    """Each row's cosine similarity to the normalised centroid of all rows."""
    centroid = matrix.sum(axis=0)
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return np.zeros(matrix.shape[0])
    return np.asarray(matrix @ (centroid / norm))


def mmr(
    scores: Sequence[float],
    similarity: Matrix,
    count: int,
    redundancy: float = 0.6,
    ceiling: float = 0.7,
) -> list[int]:
    """Up to ``count`` row indexes by maximal marginal relevance, best first.

    Each pick maximises ``score - redundancy * (max similarity to the picked)``; a candidate
    more similar than ``ceiling`` to a picked row is never taken. ``-inf`` scores are excluded.
    """
    chosen: list[int] = []
    candidates = [index for index, score in enumerate(scores) if math.isfinite(score)]
    while candidates and len(chosen) < count:
        best, best_value = -1, -math.inf
        for index in candidates:
            overlap = max((similarity[index, other] for other in chosen), default=0.0)
            if overlap >= ceiling:
                continue
            value = scores[index] - redundancy * overlap
            if value > best_value:
                best, best_value = index, value
        if best < 0:
            break
        chosen.append(best)
        candidates.remove(best)
    return chosen


@dataclass(frozen=True)
class Candidate:
    """A source sentence prepared for ranking: trimmed text, content terms, flags."""

    id: str
    index: int
    text: str
    terms: tuple[str, ...]
    word_count: int
    junk: bool
    weak: bool


def prepare(document: Document) -> list[Candidate]:
    """The document's sentences, trimmed, with their terms and flags."""
    candidates = []
    for index, sentence in enumerate(document.sentences):
        text = trim(sentence.text) if index < 2 else sentence.text.strip()
        found = words(text)
        candidates.append(
            Candidate(
                id=sentence.id,
                index=index,
                text=text,
                terms=tuple(terms(text, found)),
                word_count=len(found),
                junk=junk(text, found),
                weak=weak(text),
            )
        )
    return candidates

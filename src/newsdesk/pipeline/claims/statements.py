"""The check-worthy statements of one article: numbers with what they count, dates, quotes, actors.

Each sentence of the text (``summarize.sentences``: captions, credits and time stamps left out)
is read into ``Statement`` records:

- ``number``: a value with its unit, the noun it counts ("23 pirates", "$160 million" as 160000000
  usd, "twelve hundred" as 1200, "a 90-day stay", "Reid, 33," as an age); ``hedged`` when a word
  before it makes it a bound or an estimate ("at least", "about", "more than"), ``estimate``
  when an estimate ("about", "nearly"), and its ``quantity`` the kind of thing that happened to
  what it counts ("killed", "destroyed", "home to"), when a word next to it says;
- ``score``: a pair such as "9-14" or "58-3" (records, results), compared as written;
- ``date``: a weekday, a month, a day of a month, a year; ``hedged`` when a word before it
  makes it a span's edge ("since June 1998", "until Friday"), ``midnight`` when a word next to
  a weekday puts it near midnight ("late Friday"); with the article's publication time,
  "yesterday", "today" and "tonight" are the weekdays they mean; its ``event`` the keys of the
  nearest lower-case words of its clause ("died" in "Felt died on Thursday", none when the
  date is a telling's: "police said Friday"); ``time``: a time of day in minutes;
- ``place``: the kind of place after "at" or "in" ("at home", "in a Los Angeles hospital",
  ``places`` in the word lists), with its ``event``;
- ``quote``: the words inside quotation marks (``quotes``), with the names of its sentence and,
  when the sentence plainly credits it, its ``speaker``;
- ``actor``: a sentence that names someone and says what they did, for aligning whole sentences.

Every statement keeps its ``frame`` (and the closer ``near``): the match keys
(``summarize.words.keys``: stems and synonym groups) of the content words around the value,
and the names of its sentence, which is what ``align`` compares to decide whether two
statements speak of the same thing. Rules and word lists only (``data/claims.txt``);
microseconds a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdesk.pipeline.claims.dates import DateReader
from newsdesk.pipeline.claims.numbers import NumberReader
from newsdesk.pipeline.claims.quotes import QUOTE_WORDS, QuoteReader, reported_speaker, subject
from newsdesk.pipeline.claims.reading import Statement, is_word, keys_of, names_in
from newsdesk.pipeline.claims.wordlists import word_lists
from newsdesk.pipeline.summarize.sentences import sentence_pieces

__all__ = ["QUOTE_WORDS", "Sentence", "Statement", "read_article", "read_sentence", "tidy"]

#: Tokens after a negation whose words it denies.
NEGATED_WINDOW = 3

_TOKEN = re.compile(r"``|''|[$£€%]|[^\W_](?:[^\W_]|[-'\u2019.,:/](?=[^\W_]))*|[^\w\s]")
_SPACED = (
    (re.compile(r"(?<![\d,])(\d{1,3}), (\d{3})(?!\d)"), r"\1,\2"),  # "120, 000"
    (re.compile(r"(?<!\d)(\d+)\. (\d)(?!\d)"), r"\1.\2"),  # "5. 9"
    (re.compile(r"(?<!\d)(\d{1,2}): (\d{2})(?!\d)"), r"\1:\2"),  # "2: 56"
    (re.compile(r"(?<=\d) - (?=\w)|(?<=\w) - (?=\d)|(?<=year) - (?=old)"), "-"),  # "40 - year"
    (re.compile(r"\b([ap])\. m\b", re.IGNORECASE), r"\1.m"),  # "7 p. m."
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article with its statements and the keys of its content words."""

    article: int
    index: int
    text: str
    keys: frozenset[str]
    names: frozenset[str]
    statements: tuple[Statement, ...]
    content: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()  # keys of the words a negation denies
    speaker: frozenset[str] = frozenset()  # who "he" or "she" in the next sentence may be
    credit: frozenset[str] = frozenset()  # who its last clause says said it ("..., Gage said.")


def tidy(text: str) -> str:
    """Numbers that text tokenised with spaces broke apart joined again ("120, 000", "5. 9")."""
    for pattern, replacement in _SPACED:
        text = pattern.sub(replacement, text)
    return text


def read_article(
    article: int, text: str, title: str = "", published: float | None = None
) -> list[Sentence]:
    """The sentences of an article with their statements: its title first (index -1), when it
    has one, then its sentences numbered as ``make_document`` numbers them (the n-th piece of
    the text), so a brief's citation "<id>:<n>" names the same sentence. ``published`` (a POSIX
    time) gives "yesterday" and "today" their weekdays."""
    numbered = [(-1, title)] if title.strip() else []
    numbered += [(n, piece.text) for n, piece in enumerate(sentence_pieces(text)) if not piece.kind]
    today = None if published is None else datetime.fromtimestamp(published, UTC).weekday()
    sentences: list[Sentence] = []
    previous_names: frozenset[str] = frozenset()
    previous_speaker: frozenset[str] = frozenset()
    for index, raw in numbered:
        sentence = read_sentence(article, index, raw, previous_names, today, previous_speaker)
        sentences.append(sentence)
        previous_names = sentence.names or previous_names
        previous_speaker = sentence.speaker
    return sentences


def read_sentence(
    article: int,
    index: int,
    text: str,
    previous_names: frozenset[str] = frozenset(),
    today: int | None = None,
    previous_speaker: frozenset[str] = frozenset(),
) -> Sentence:
    """One sentence read into statements; ``previous_names`` stand in for a pronoun's person
    ("She was 85."), ``today`` is the weekday the article was published (Monday 0), if known,
    ``previous_speaker`` whom "he said" after a quote credits (the previous sentence's
    ``speaker``)."""
    tokens = _TOKEN.findall(tidy(text))
    names = names_in(tokens)
    keys = keys_of(tokens)
    reader = _Reader(article, index, tokens, names, previous_names, today)
    reader.previous_speaker = previous_speaker
    statements = reader.read()
    content = keys_of([t for t in tokens if not t[:1].isupper()])
    negated = _negated(tokens)
    credited = next((st.speaker for st in statements if st.speaker), frozenset())
    speaker = credited or subject(tokens)
    return Sentence(
        article,
        index,
        text,
        keys,
        names,
        tuple(statements),
        content,
        negated,
        speaker,
        reported_speaker(tokens),
    )


def _negated(tokens: Sequence[str]) -> frozenset[str]:
    """The keys of the words right after a negation ("will not sign" gives the key of "sign")."""
    negations = word_lists().negations
    lower = [t.lower() for t in tokens]
    found: set[str] = set()
    for i, token in enumerate(lower):
        if token.endswith(("n't", "n\u2019t")):
            size = 1
        elif token in negations.first:
            size = next((len(n) for n in negations.phrases if tuple(lower[i : i + len(n)]) == n), 0)
        else:
            continue
        if size:
            found |= keys_of(tokens[i + size : i + size + NEGATED_WINDOW])
    return frozenset(found)


class _Reader(DateReader, NumberReader, QuoteReader):
    """Reads one sentence's tokens into statements."""

    def read(self) -> list[Statement]:
        out: list[Statement] = []
        out += self._dates()
        out += self._places()
        out += self._numbers()
        out += self._quotes()
        if self.names and len(keys_of(self.tokens)) >= 5 and not title_case(self.tokens):
            out.append(self._make("actor", "", "", " ".join(self.tokens[:12]), 0, len(self.tokens)))
        return out


def title_case(tokens: Sequence[str]) -> bool:
    """Whether a line is a headline in title case ("Inmate Pulls Gun On Guards"): a summary of
    the article's claims, not a claim of its own to align. A sentence ending in a full stop is
    none, however many names (or, in German, nouns) it capitalises."""
    if tokens and tokens[-1] in (".", "!", "?"):
        return False
    alpha = [t for t in tokens if is_word(t) and len(t) > 3]
    return len(alpha) >= 3 and sum(t[:1].isupper() for t in alpha) >= 0.6 * len(alpha)

"""What the claim readers share: the ``Statement`` record, the tokens' helpers and the reader's
core (``SentenceReader``: a sentence's tokens, a statement made with its frame, hedges).

``dates`` and ``numbers`` read their kinds of statement on top of it, ``statements`` puts them
together for a whole article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.pipeline.claims.wordlists import word_lists
from newsdesk.pipeline.summarize import words
from newsdesk.pipeline.summarize.facts import MONTHS, STOP_WORDS, WEEKDAYS

#: Tokens around a value whose words make its frame.
FRAME_WINDOW = 6
#: Tokens around a value whose words say what it is ("injuring five people").
NEAR_WINDOW = 3

NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(st|nd|rd|th)?$")


@dataclass(frozen=True)
class Statement:
    """One check-worthy statement of one sentence (see the module docstring)."""

    article: int
    sentence: int
    kind: str
    value: str
    unit: str
    written: str
    hedged: bool
    frame: frozenset[str]
    near: frozenset[str]
    names: frozenset[str]
    month: int = 0
    quantity: int = -1  # the kind of quantity a number is (``quantities`` in the data), or -1
    estimate: bool = False  # hedged as an estimate ("about 150"), not as a bound ("at least")
    midnight: bool = False  # a weekday near midnight ("late Friday", "early Saturday")
    event: frozenset[str] = frozenset()  # a date's event words ("died"), none for a telling's
    speaker: frozenset[str] = frozenset()  # whom a quote's sentence plainly credits with it


def keys_of(tokens: Sequence[str]) -> frozenset[str]:
    found: set[str] = set()
    for token in tokens:
        lower = token.lower()
        if is_word(lower) and lower not in STOP_WORDS:
            for part in lower.split("-"):
                if part and part not in STOP_WORDS and part.isalpha():
                    found |= words.keys(part)
    return frozenset(found)


def is_word(token: str) -> bool:
    return bool(token) and token[0].isalpha()


def names_in(tokens: Sequence[str]) -> frozenset[str]:
    """The last words of the capitalised runs ("Tara Reid" -> "reid"), a sentence's first word
    only as part of a longer run."""
    names: set[str] = set()
    run: list[str] = []
    starts = True
    start_of_run = True
    for token in [*tokens, "."]:
        capital = token[:1].isupper() and token.lower() not in STOP_WORDS and is_word(token)
        if capital and not month_or_day(token):
            if not run:
                start_of_run = starts
            run.append(token)
        else:
            if run and not (start_of_run and len(run) == 1) and not run[-1][-1:].isdigit():
                names.add(run[-1].lower().split("-")[-1].rstrip("'\u2019s") or run[-1].lower())
            run = []
        starts = token in (".", "!", "?", ":", '"', "``", "''", "\u201c", "\u201d")
    return frozenset(names)


def month_or_day(token: str) -> bool:
    lower = token.lower().rstrip(".")
    return lower in MONTHS or (lower[:3] in WEEKDAYS and lower in (WEEKDAYS[lower[:3]], lower[:3]))


class SentenceReader:
    """The tokens of one sentence and what every kind of statement needs from them."""

    def __init__(
        self,
        article: int,
        index: int,
        tokens: list[str],
        names: frozenset[str],
        previous_names: frozenset[str],
        today: int | None = None,
    ) -> None:
        self.article = article
        self.today = today
        self.index = index
        self.tokens = tokens
        self.lower = [t.lower() for t in tokens]
        self.names = names
        self.previous_names = previous_names
        self.lists = word_lists()
        self.used: set[int] = set()

    def _make(
        self,
        kind: str,
        value: str,
        unit: str,
        written: str,
        start: int,
        end: int,
        *,
        hedged: bool = False,
        estimate: bool = False,
        names: frozenset[str] | None = None,
    ) -> Statement:
        lo, hi = max(0, start - FRAME_WINDOW), min(len(self.tokens), end + FRAME_WINDOW)
        frame = set(keys_of(self.tokens[lo:start] + self.tokens[end:hi]))
        frame.discard(unit)
        near_lo, near_hi = max(0, start - NEAR_WINDOW), min(len(self.tokens), end + NEAR_WINDOW)
        near = set(keys_of(self.tokens[near_lo:start] + self.tokens[end:near_hi]))
        near.discard(unit)
        quantity = -1
        if kind == "number" and unit not in self.lists.referring_units:
            around = set(self.lower[near_lo:start] + self.lower[end:near_hi])
            quantity = next(
                (n for n, group in enumerate(self.lists.quantities) if group & around), -1
            )
        return Statement(
            self.article,
            self.index,
            kind,
            value,
            unit,
            written.strip(" ,;:.'`\""),
            hedged,
            frozenset(frame),
            frozenset(near),
            names if names is not None else self.names,
            quantity=quantity,
            estimate=estimate,
        )

    def _hedge(self, start: int) -> str:
        """ "estimate" ("about", "nearly"), "bound" ("at least", "a total of") or "" for the
        words before the number at ``start``."""
        if start >= 1 and self.lower[start - 1] in ("a", "an"):
            start -= 1  # "more than a dozen"
        for hedge in self.lists.hedges:
            size = len(hedge)
            if start >= size and tuple(self.lower[start - size : start]) == hedge:
                return "estimate" if hedge in self.lists.estimates else "bound"
        return "estimate" if start >= 1 and self.lower[start - 1] in ("~", "c.", "ca") else ""

    def _number_at(self, i: int) -> float | None:
        if i < 0 or i >= len(self.tokens):
            return None
        match = NUMBER.fullmatch(self.lower[i])
        if match:
            return float(match.group(1).replace(",", ""))
        return None

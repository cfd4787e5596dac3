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
- ``quote``: the words inside quotation marks (four or more), with the name of the speaker when
  the sentence gives one;
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
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache

from newsdesk.pipeline.claims.wordlists import word_lists
from newsdesk.pipeline.summarize import words
from newsdesk.pipeline.summarize.facts import MONTHS, STOP_WORDS, WEEKDAYS
from newsdesk.pipeline.summarize.sentences import sentence_pieces

#: Tokens around a value whose words make its frame.
FRAME_WINDOW = 6
#: Tokens around a value whose words say what it is ("injuring five people").
NEAR_WINDOW = 3
#: Tokens after a negation whose words it denies.
NEGATED_WINDOW = 3
#: Fewest words inside quotation marks for a quote.
QUOTE_WORDS = 3
#: Content words either side of a date, within its clause, that say what happened then.
EVENT_WORDS = 2
#: Tokens before a date in which a word of telling makes it the telling's date ("said Friday").
TELLING_WINDOW = 2
#: Most tokens between "at" or "in" and a kind of place ("in a Los Angeles hospital").
PLACE_GAP = 4

_TOKEN = re.compile(r"``|''|[$£€%]|[^\W_](?:[^\W_]|[-'\u2019.,:/](?=[^\W_]))*|[^\w\s]")
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(st|nd|rd|th)?$")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})$")
_MODEL = re.compile(r"[A-Z]{2,4}")  # a model's letters before its number: "AK 47" ("A 5.9" is not)
_STRAIGHT = '"'
_QUOTE_OPEN = frozenset({"``", "\u201c", _STRAIGHT})
_QUOTE_CLOSE = frozenset({"''", "\u201d", '"'})
_SPACED = (
    (re.compile(r"(?<![\d,])(\d{1,3}), (\d{3})(?!\d)"), r"\1,\2"),  # "120, 000"
    (re.compile(r"(?<!\d)(\d+)\. (\d)(?!\d)"), r"\1.\2"),  # "5. 9"
    (re.compile(r"(?<!\d)(\d{1,2}): (\d{2})(?!\d)"), r"\1:\2"),  # "2: 56"
    (re.compile(r"(?<=\d) - (?=\w)|(?<=\w) - (?=\d)|(?<=year) - (?=old)"), "-"),  # "40 - year"
    (re.compile(r"\b([ap])\. m\b", re.IGNORECASE), r"\1.m"),  # "7 p. m."
)


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
    for index, raw in numbered:
        sentence = read_sentence(article, index, raw, previous_names, today)
        sentences.append(sentence)
        previous_names = sentence.names or previous_names
    return sentences


def read_sentence(
    article: int,
    index: int,
    text: str,
    previous_names: frozenset[str] = frozenset(),
    today: int | None = None,
) -> Sentence:
    """One sentence read into statements; ``previous_names`` stand in for a pronoun's person
    ("She was 85."), ``today`` is the weekday the article was published (Monday 0), if known."""
    tokens = _TOKEN.findall(tidy(text))
    names = _names(tokens)
    keys = _keys(tokens)
    reader = _Reader(article, index, tokens, names, previous_names, today)
    statements = reader.read()
    content = _keys([t for t in tokens if not t[:1].isupper()])
    negated = _negated(tokens)
    return Sentence(article, index, text, keys, names, tuple(statements), content, negated)


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
            found |= _keys(tokens[i + size : i + size + NEGATED_WINDOW])
    return frozenset(found)


def _keys(tokens: Sequence[str]) -> frozenset[str]:
    found: set[str] = set()
    for token in tokens:
        lower = token.lower()
        if _is_word(lower) and lower not in STOP_WORDS:
            for part in lower.split("-"):
                if part and part not in STOP_WORDS and part.isalpha():
                    found |= words.keys(part)
    return frozenset(found)


def _is_word(token: str) -> bool:
    return bool(token) and token[0].isalpha()


def _names(tokens: Sequence[str]) -> frozenset[str]:
    """The last words of the capitalised runs ("Tara Reid" -> "reid"), a sentence's first word
    only as part of a longer run."""
    names: set[str] = set()
    run: list[str] = []
    starts = True
    start_of_run = True
    for token in [*tokens, "."]:
        capital = token[:1].isupper() and token.lower() not in STOP_WORDS and _is_word(token)
        if capital and not _month_or_day(token):
            if not run:
                start_of_run = starts
            run.append(token)
        else:
            if run and not (start_of_run and len(run) == 1) and not run[-1][-1:].isdigit():
                names.add(run[-1].lower().split("-")[-1].rstrip("'\u2019s") or run[-1].lower())
            run = []
        starts = token in (".", "!", "?", ":", '"', "``", "''", "\u201c", "\u201d")
    return frozenset(names)


def _title_case(tokens: Sequence[str]) -> bool:
    """Whether a line is a headline in title case ("Inmate Pulls Gun On Guards"): a summary of
    the article's claims, not a claim of its own to align. A sentence ending in a full stop is
    none, however many names (or, in German, nouns) it capitalises."""
    if tokens and tokens[-1] in (".", "!", "?"):
        return False
    alpha = [t for t in tokens if _is_word(t) and len(t) > 3]
    return len(alpha) >= 3 and sum(t[:1].isupper() for t in alpha) >= 0.6 * len(alpha)


def _month_or_day(token: str) -> bool:
    lower = token.lower().rstrip(".")
    return lower in MONTHS or (lower[:3] in WEEKDAYS and lower in (WEEKDAYS[lower[:3]], lower[:3]))


class _Reader:
    """Reads one sentence's tokens into statements."""

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

    def read(self) -> list[Statement]:
        out: list[Statement] = []
        out += self._dates()
        out += self._places()
        out += self._numbers()
        out += self._quotes()
        if self.names and len(_keys(self.tokens)) >= 5 and not _title_case(self.tokens):
            out.append(self._make("actor", "", "", " ".join(self.tokens[:12]), 0, len(self.tokens)))
        return out

    # --- shared ---------------------------------------------------------------------------

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
        frame = set(_keys(self.tokens[lo:start] + self.tokens[end:hi]))
        frame.discard(unit)
        near_lo, near_hi = max(0, start - NEAR_WINDOW), min(len(self.tokens), end + NEAR_WINDOW)
        near = set(_keys(self.tokens[near_lo:start] + self.tokens[end:near_hi]))
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

    # --- dates ----------------------------------------------------------------------------

    def _dates(self) -> list[Statement]:
        out: list[Statement] = []
        for i, token in enumerate(self.tokens):
            lower = self.lower[i].rstrip(".")
            if token[:1].isupper() and lower in MONTHS and not (lower == "may" and i == 0):
                month = MONTHS[lower]
                out.append(self._make("date", str(month), "month", token, i, i + 1))
                day = self._number_at(i + 1) or (self._number_at(i - 1) if i else None)
                if day is not None and 1 <= day <= 31 and day == int(day):
                    at = i + 1 if self._number_at(i + 1) is not None else i - 1
                    self.used.add(at)
                    dated = self._make("date", f"{month}-{int(day)}", "day", token, i, i + 1)
                    lo, hi = min(i, at), max(i, at) + 1
                    out.append(replace(dated, hedged=self._bounded(lo), event=self._event(lo, hi)))
                continue
            if lower[:3] in WEEKDAYS and lower == WEEKDAYS[lower[:3]]:
                out.append(self._weekday(lower, token, i, i + 1))
                continue
            relative = self._relative_day(i) if self.today is not None else None
            if relative is not None:
                out.append(relative)
                continue
            value = self._number_at(i)
            if value is not None and re.fullmatch(r"(19|20)\d\d", token):
                before = self.lower[i - 1] if i else ""
                after = self.lower[i + 1] if i + 1 < len(self.tokens) else "."
                month_near = any(
                    self.lower[j].rstrip(".") in MONTHS for j in range(max(0, i - 3), i)
                )
                months = [
                    MONTHS[self.lower[j].rstrip(".")]
                    for j in range(max(0, i - 3), i)
                    if self.lower[j].rstrip(".") in MONTHS
                ]
                if (
                    month_near
                    or before in ("in", "since", "of", "from", ",", "(", "until")
                    or (not _is_word(after))
                ):
                    self.used.add(i)
                    year = self._make("date", token, "year", token, i, i + 1)
                    first = next(
                        (j for j in range(max(0, i - 3), i) if self.lower[j].rstrip(".") in MONTHS),
                        i,
                    )
                    year = replace(
                        year, hedged=self._bounded(first), event=self._event(first, i + 1)
                    )
                    if months:
                        year = replace(year, month=months[-1])
                    out.append(year)
            time = self._time_at(i)
            if time is not None:
                self.used.add(i)
                out.append(self._make("time", str(time), "time", token, i, i + 1))
        return out

    def _bounded(self, start: int) -> bool:
        """Whether the words before a date at ``start`` make it a span's edge ("since", "until",
        "between ... and"), looking past "the", "on", "in" and "early"/"late"."""
        j = start
        while j > 0 and self.lower[j - 1] in ("the", "on", "in", "of", "early", "late", "mid"):
            j -= 1
        bounds = self.lists.date_bounds
        return any(j >= len(b) and tuple(self.lower[j - len(b) : j]) == b for b in bounds.phrases)

    def _weekday(self, day: str, written: str, start: int, end: int) -> Statement:
        """A weekday statement, marked when it is a span's edge or near midnight."""
        edges = self.lists.day_edges
        around = self.lower[max(0, start - 2) : start] + self.lower[end : end + 2]
        statement = self._make("date", day, "weekday", written, start, end)
        return replace(
            statement,
            hedged=self._bounded(start),
            midnight=any(w in edges for w in around),
            event=self._event(start, end),
        )

    def _event(self, start: int, end: int) -> frozenset[str]:
        """The keys of the nearest lower-case content words either side of a date or place within
        its clause (``EVENT_WORDS``), words of telling and of time passed over; none when a word of
        telling comes right before the date ("police said Friday")."""
        telling = _telling_keys()
        before = [w for w in self.lower[max(0, start - TELLING_WINDOW - 1) : start] if w != "on"]
        if any(words.keys(w) & telling for w in before[-TELLING_WINDOW:] if _is_word(w)):
            return frozenset()
        found: set[str] = set()
        for step, first in ((-1, start - 1), (1, end)):
            taken, j = 0, first
            while 0 <= j < len(self.tokens) and taken < EVENT_WORDS:
                token, lower = self.tokens[j], self.lower[j]
                if lower in self.lists.clause_edges or not (_is_word(token) or token[:1].isdigit()):
                    break
                meaning = words.keys(lower) - telling
                if (
                    _is_word(token)
                    and not token[:1].isupper()
                    and lower not in STOP_WORDS
                    and meaning
                ):
                    found |= meaning
                    taken += 1
                j += step
        return frozenset(found)

    def _relative_day(self, i: int) -> Statement | None:
        """ "yesterday", "today", "tonight", "last night" as the weekday they mean, when the
        article's publication day is known."""
        if self.today is None:
            return None
        for phrase, days in self.lists.relative_days.items():
            if tuple(self.lower[i : i + len(phrase)]) == phrase:
                day = list(WEEKDAYS.values())[(self.today - days) % 7]
                written = " ".join(self.tokens[i : i + len(phrase)])
                statement = self._weekday(day, written, i, i + len(phrase))
                return replace(statement, midnight=statement.midnight or "night" in phrase[-1])
        return None

    def _time_at(self, i: int) -> int | None:
        token = self.lower[i]
        after = self.lower[i + 1] if i + 1 < len(self.tokens) else ""
        match = _TIME.fullmatch(token)
        hours, minutes = (int(match.group(1)), int(match.group(2))) if match else (-1, 0)
        if hours < 0 and re.fullmatch(r"\d{1,2}", token) and after in ("a.m", "p.m", "am", "pm"):
            hours = int(token)
        if hours < 0 or hours > 24 or minutes > 59:
            return None
        if after in ("p.m", "pm") and hours < 12:
            hours += 12
        if not match and after not in ("a.m", "p.m", "am", "pm"):
            return None
        return hours * 60 + minutes

    # --- places ---------------------------------------------------------------------------

    def _places(self) -> list[Statement]:
        """ "at home", "in a Los Angeles hospital", "at a hospice": the kind of place (``places``
        in the word lists) after "at" or "in", past determiners and names, with its event."""
        out: list[Statement] = []
        places = self.lists.places
        for i, lower in enumerate(self.lower):
            if lower != "at" and lower != "in":
                continue
            j = i + 1
            while (
                j < len(self.tokens)
                and j <= i + PLACE_GAP
                and (self.lower[j] in self.lists.place_lead or self.tokens[j][:1].isupper())
            ):
                j += 1
            if j >= len(self.tokens) or self.lower[j] not in self.lists.place_words:
                continue
            for phrase, kind in places.items():
                if tuple(self.lower[j : j + len(phrase)]) == phrase:
                    end = j + len(phrase)
                    written = " ".join(self.tokens[i:end])
                    statement = self._make("place", str(kind), "place", written, i, end)
                    out.append(replace(statement, event=self._event(i, end)))
                    break
        return out

    # --- numbers --------------------------------------------------------------------------

    def _number_at(self, i: int) -> float | None:
        if i < 0 or i >= len(self.tokens):
            return None
        match = _NUMBER.fullmatch(self.lower[i])
        if match:
            return float(match.group(1).replace(",", ""))
        return None

    def _numbers(self) -> list[Statement]:
        out: list[Statement] = []
        i = 0
        while i < len(self.tokens):
            if i in self.used:
                i += 1
                continue
            found = self._number(i)
            if found is None:
                i += 1
                continue
            statement, end = found
            if statement is not None:
                out.append(statement)
            i = max(end, i + 1)
        return out

    def _number(self, i: int) -> tuple[Statement | None, int] | None:
        lists = self.lists
        token, lower = self.tokens[i], self.lower[i]
        parts = lower.split("-")
        if len(parts) in (2, 3) and all(re.fullmatch(r"\d+", p) for p in parts):
            if i and self.lower[i - 1] in ("$", "£", "€"):
                return None, i + 1  # a range of money: "$140-150 million"
            return self._make("score", lower, "score", token, i, i + 1), i + 1
        if (len(parts) > 1 and _NUMBER.fullmatch(parts[0])) or parts[0] in lists.numbers:
            if len(parts) == 1:
                pass
            elif "-".join(parts[1:]) in lists.age_words or (
                parts[1:] in (["year"], ["years"])
                and i + 1 < len(self.tokens)
                and self.lower[i + 1] == "old"
            ):
                value = _value_of(parts[0])
                return self._age(value, token, i, i + 1), i + 1
            elif parts[1] in lists.scales:
                value = _value_of(parts[0]) * lists.scales[parts[1]]
                end = i + 1
                currency = ""
                if end < len(self.tokens) and self.lower[end] in lists.currencies:
                    currency, end = lists.currencies[self.lower[end]], end + 1
                if not currency:
                    return None, end
                return self._make("number", _fmt(value), currency, token, i, end), end
            elif all(p.isalpha() for p in parts[1:]):
                value = _value_of(parts[0])
                unit = _unit_key(parts[-1])
                return self._make("number", _fmt(value), unit, token, i, i + 1), i + 1
            else:
                return None, i + 1
        ordinal = _NUMBER.fullmatch(lower)
        if lower in lists.ordinals or (ordinal and ordinal.group(2)):
            value = lists.ordinals.get(lower) or float(ordinal.group(1) if ordinal else 0)
            unit, _ = self._unit_after(i + 1)
            if not unit:
                return None, i + 1
            return self._make("number", f"#{_fmt(value)}", unit, token, i, i + 1), i + 1
        if lower[:1].isdigit() and i and _MODEL.fullmatch(self.tokens[i - 1]):
            return None, i + 1  # a model's name: "AK 47"
        found = self._number_at(i)
        if found is None and lower in lists.numbers:
            found = lists.numbers[lower]
        if found is None:
            if lower == "dozen" and i and self.lower[i - 1] == "a":
                found = 12.0
            else:
                return None
        value = found
        end = i + 1
        while end < len(self.tokens) and self.lower[end] in lists.scales:
            value *= lists.scales[self.lower[end]]
            end += 1
        currency = ""
        if i and self.lower[i - 1] in lists.currencies:
            currency = lists.currencies[self.lower[i - 1]]
        elif (
            end < len(self.tokens)
            and self.lower[end] in lists.currencies
            and self.lower[end] != "e"
        ):
            currency = lists.currencies[self.lower[end]]
            end += 1
        hedge = self._hedge(i - (1 if currency and self.lower[i - 1] in "$£€" else 0))
        hedged, estimate = bool(hedge), hedge == "estimate"
        written = " ".join(self.tokens[i - (1 if currency and i else 0) : end])
        if currency:
            statement = self._make(
                "number", _fmt(value), currency, written, i, end, hedged=hedged, estimate=estimate
            )
            return statement, end
        if end < len(self.tokens) and self.lower[end] in ("%", "percent"):
            statement = self._make(
                "number",
                _fmt(value),
                "percent",
                written,
                i,
                end + 1,
                hedged=hedged,
                estimate=estimate,
            )
            return statement, end + 1
        age = self._age_here(i, end, value)
        if age is not None:
            return age, end
        unit, unit_end = self._unit_after(end)
        if not unit:
            unit = self._unit_before(i)
        if not unit:
            return None, end
        return self._make(
            "number",
            _fmt(value),
            unit,
            written,
            i,
            max(end, unit_end),
            hedged=hedged,
            estimate=estimate,
        ), end

    def _unit_after(self, start: int) -> tuple[str, int]:
        """The noun a number counts: the first lower-case content word within three tokens
        ("23 Somali and Yemeni pirates" -> pirates)."""
        for j in range(start, min(start + 4, len(self.tokens))):
            token = self.tokens[j]
            lower = self.lower[j]
            if not _is_word(token):
                if token in (",", ".", ";", "(", ")", ":"):
                    return "", j
                continue
            numbered = "-" in lower and any(c.isdigit() for c in lower)
            if token[:1].isupper() or lower in STOP_WORDS or numbered:
                continue
            return _unit_key(lower.split("-")[-1]), j + 1
        return "", start

    def _unit_before(self, start: int) -> str:
        """A unit named before the number with "of": "a magnitude of 6.1", "a level of 0.41"."""
        j = start - 1
        for hedge in self.lists.hedges:
            if j + 1 >= len(hedge) and tuple(self.lower[j + 1 - len(hedge) : j + 1]) == hedge:
                j -= len(hedge)
                break
        if j >= 1 and self.lower[j] == "of":
            noun = self.tokens[j - 1]
            if _is_word(noun) and not noun[:1].isupper() and noun.lower() not in STOP_WORDS:
                return _unit_key(noun.lower())
        return ""

    def _age_here(self, i: int, end: int, value: float) -> Statement | None:
        if not 1 <= value <= 120 or value != int(value):
            return None
        before = self.lower[i - 1] if i else ""
        after = self.lower[end] if end < len(self.tokens) else "."
        if (
            before == ","
            and i >= 2
            and self.tokens[i - 2][:1].isupper()
            and after in (",", ".", ")")
        ):
            name = self.tokens[i - 2].lower().split("-")[-1]
            return self._age(value, self.tokens[i], i, end, frozenset({name}))
        if before in ("aged", "age") or (before == "of" and i >= 2 and self.lower[i - 2] == "age"):
            return self._age(value, self.tokens[i], i, end)
        if before in ("was", "is") and after in (".", "!") and end + 1 >= len(self.tokens):
            return self._age(value, self.tokens[i], i, end, self.names or self.previous_names)
        if before == "at" and i >= 2 and "die" in words.keys(self.lower[i - 2]):
            return self._age(value, self.tokens[i], i, end)
        return None

    def _age(
        self, value: float, written: str, start: int, end: int, names: frozenset[str] | None = None
    ) -> Statement:
        if names is None:
            following = _names(self.tokens[end : end + 5])
            names = following or self.names or self.previous_names
        return self._make("number", _fmt(value), "age", written, start, end, names=names)

    # --- quotes ---------------------------------------------------------------------------

    def _quotes(self) -> list[Statement]:
        out: list[Statement] = []
        inside: list[str] = []
        start = 0
        opened = False
        spans: list[tuple[int, int]] = []
        for i, token in enumerate(self.tokens):
            if token in _QUOTE_OPEN and (token != _STRAIGHT or not opened):
                opened, start = True, i + 1
                continue
            if token in _QUOTE_CLOSE and opened:
                spans.append((start, i))
                opened = False
                continue
            if token in _QUOTE_CLOSE and not opened and not spans:
                spans.append((0, i))  # the end of a quote opened in an earlier sentence
        if opened:
            spans.append((start, len(self.tokens)))
        for lo, hi in spans:
            inside = [t.lower() for t in self.tokens[lo:hi] if _is_word(t) or t[:1].isdigit()]
            if len(inside) < QUOTE_WORDS:
                continue
            outside = self.tokens[:lo] + self.tokens[hi:]
            speaker = _names(outside)
            out.append(
                self._make(
                    "quote",
                    " ".join(inside),
                    "quote",
                    " ".join(self.tokens[lo:hi]),
                    lo,
                    hi,
                    names=speaker or self.names,
                )
            )
        return out


@cache
def _telling_keys() -> frozenset[str]:
    """The keys of words of telling and of time, which date no event (``not-events``)."""
    found: set[str] = set()
    for phrase in (*word_lists().not_events, *word_lists().speech_verbs):
        for word in phrase.split():
            found |= words.keys(word)
    return frozenset(found)


def _value_of(word: str) -> float:
    match = _NUMBER.fullmatch(word)
    if match:
        return float(match.group(1).replace(",", ""))
    return word_lists().numbers.get(word, 0.0)


def _unit_key(word: str) -> str:
    """One comparable key for a unit noun: its stem ("villages" -> "village", "persons" and
    "people" -> "person", "scale" -> "magnitude": the groups of ``units`` in the word lists)."""
    for group in word_lists().units:
        if word in group:
            return words.base(min(group))
    return words.base(word)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"

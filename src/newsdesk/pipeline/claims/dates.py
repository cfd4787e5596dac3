"""Dates, weekdays, times of day and kinds of place in a sentence, each with its event (the
words of its clause that say what happened then): the date and place statements of
``statements``."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from newsdesk.pipeline.claims.reading import SentenceReader, Statement, is_word
from newsdesk.pipeline.claims.wordlists import word_lists
from newsdesk.pipeline.summarize import words
from newsdesk.pipeline.summarize.facts import MONTHS, STOP_WORDS, WEEKDAYS

#: Content words either side of a date, within its clause, that say what happened then.
EVENT_WORDS = 2
#: Tokens before a date in which a word of telling makes it the telling's date ("said Friday").
TELLING_WINDOW = 2
#: Most tokens between "at" or "in" and a kind of place ("in a Los Angeles hospital").
PLACE_GAP = 4

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})$")


class DateReader(SentenceReader):
    """Reads dates and places (see the module docstring)."""

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
                    or (not is_word(after))
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
        telling = telling_keys()
        before = [w for w in self.lower[max(0, start - TELLING_WINDOW - 1) : start] if w != "on"]
        if any(words.keys(w) & telling for w in before[-TELLING_WINDOW:] if is_word(w)):
            return frozenset()
        found: set[str] = set()
        for step, first in ((-1, start - 1), (1, end)):
            taken, j = 0, first
            while 0 <= j < len(self.tokens) and taken < EVENT_WORDS:
                token, lower = self.tokens[j], self.lower[j]
                if lower in self.lists.clause_edges or not (is_word(token) or token[:1].isdigit()):
                    break
                meaning = words.keys(lower) - telling
                if (
                    is_word(token)
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


@cache
def telling_keys() -> frozenset[str]:
    """The keys of words of telling and of time, which date no event (``not-events``)."""
    found: set[str] = set()
    for phrase in (*word_lists().not_events, *word_lists().speech_verbs):
        for word in phrase.split():
            found |= words.keys(word)
    return frozenset(found)

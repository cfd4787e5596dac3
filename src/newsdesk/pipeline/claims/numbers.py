"""Numbers in a sentence with what they count: values, sums of money (a scale joined to the
number too: "$181bn"), percentages, scores, ordinals and ages (the number statements of
``statements``). A number naming one of a series ("Episode 7", ``numbered_names``) or a
model ("AK 47") counts nothing."""

from __future__ import annotations

import re

from newsdesk.pipeline.claims.reading import (
    NUMBER,
    SentenceReader,
    Statement,
    is_word,
    names_in,
)
from newsdesk.pipeline.claims.wordlists import word_lists
from newsdesk.pipeline.summarize import words
from newsdesk.pipeline.summarize.facts import STOP_WORDS

_MODEL = re.compile(r"[A-Z]{2,4}")  # a model's letters before its number: "AK 47" ("A 5.9" is not)
#: A sum written with its scale joined to it: "$181bn", "£2.5m" (after a sign for money only:
#: "5m" alone may be metres).
_JOINED = re.compile(r"(\d+(?:\.\d+)?)([a-z]{1,2})")


class NumberReader(SentenceReader):
    """Reads numbers (see the module docstring)."""

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
        if (len(parts) > 1 and NUMBER.fullmatch(parts[0])) or parts[0] in lists.numbers:
            if len(parts) == 1:
                pass
            elif "-".join(parts[1:]) in lists.age_words or (
                parts[1:] in (["year"], ["years"])
                and i + 1 < len(self.tokens)
                and self.lower[i + 1] == "old"
            ):
                value = value_of(parts[0])
                return self._age(value, token, i, i + 1), i + 1
            elif parts[1] in lists.scales:
                value = value_of(parts[0]) * lists.scales[parts[1]]
                end = i + 1
                currency = ""
                if end < len(self.tokens) and self.lower[end] in lists.currencies:
                    currency, end = lists.currencies[self.lower[end]], end + 1
                if not currency:
                    return None, end
                return self._make("number", fmt(value), currency, token, i, end), end
            elif all(p.isalpha() for p in parts[1:]):
                value = value_of(parts[0])
                unit = unit_key(parts[-1])
                return self._make("number", fmt(value), unit, token, i, i + 1), i + 1
            else:
                return None, i + 1
        ordinal = NUMBER.fullmatch(lower)
        if lower in lists.ordinals or (ordinal and ordinal.group(2)):
            value = lists.ordinals.get(lower) or float(ordinal.group(1) if ordinal else 0)
            unit, _ = self._unit_after(i + 1)
            if not unit:
                return None, i + 1
            return self._make("number", f"#{fmt(value)}", unit, token, i, i + 1), i + 1
        if lower[:1].isdigit() and i and _MODEL.fullmatch(self.tokens[i - 1]):
            return None, i + 1  # a model's name: "AK 47"
        if lower[:1].isdigit() and i and self.lower[i - 1] in lists.numbered_names:
            return None, i + 1  # one of a series: "Episode 7", "season 1", "Flight 370"
        joined = _JOINED.fullmatch(lower)
        if joined and joined.group(2) in lists.scales and i and self.lower[i - 1] in "$£€":
            value = float(joined.group(1)) * lists.scales[joined.group(2)]
            return self._joined_sum(i, value), i + 1
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
                "number", fmt(value), currency, written, i, end, hedged=hedged, estimate=estimate
            )
            return statement, end
        if end < len(self.tokens) and self.lower[end] in ("%", "percent"):
            statement = self._make(
                "number",
                fmt(value),
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
            fmt(value),
            unit,
            written,
            i,
            max(end, unit_end),
            hedged=hedged,
            estimate=estimate,
        ), end

    def _joined_sum(self, i: int, value: float) -> Statement:
        """A sum whose scale is joined to its number, after its sign: "$181bn"."""
        hedge = self._hedge(i - 1)
        return self._make(
            "number",
            fmt(value),
            self.lists.currencies[self.lower[i - 1]],
            " ".join(self.tokens[i - 1 : i + 1]),
            i,
            i + 1,
            hedged=bool(hedge),
            estimate=hedge == "estimate",
        )

    def _unit_after(self, start: int) -> tuple[str, int]:
        """The noun a number counts: the first lower-case content word within three tokens
        ("23 Somali and Yemeni pirates" -> pirates)."""
        for j in range(start, min(start + 4, len(self.tokens))):
            token = self.tokens[j]
            lower = self.lower[j]
            if not is_word(token):
                if token in (",", ".", ";", "(", ")", ":"):
                    return "", j
                continue
            numbered = "-" in lower and any(c.isdigit() for c in lower)
            if token[:1].isupper() or lower in STOP_WORDS or numbered:
                continue
            return unit_key(lower.split("-")[-1]), j + 1
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
            if is_word(noun) and not noun[:1].isupper() and noun.lower() not in STOP_WORDS:
                return unit_key(noun.lower())
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
            following = names_in(self.tokens[end : end + 5])
            names = following or self.names or self.previous_names
        return self._make("number", fmt(value), "age", written, start, end, names=names)


def value_of(word: str) -> float:
    match = NUMBER.fullmatch(word)
    if match:
        return float(match.group(1).replace(",", ""))
    return word_lists().numbers.get(word, 0.0)


def unit_key(word: str) -> str:
    """One comparable key for a unit noun: its stem ("villages" -> "village", "persons" and
    "people" -> "person", "scale" -> "magnitude": the groups of ``units`` in the word lists)."""
    for group in word_lists().units:
        if word in group:
            return words.base(min(group))
    return words.base(word)


def fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"

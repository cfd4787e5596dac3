"""What an article says, as counts a story decider can weigh: body terms, lead terms, entities.

``article_features(title, text)`` reads the title and the first few thousand characters of the
body and counts three kinds of term:

- ``body``: content words of the title and body (stop words of the main European languages and
  one-letter words dropped, case folded);
- ``lead``: the same, over the title and the first lines of the body only; the headline and
  first sentence name the event, so two reports of one event agree there most;
- ``entities``: runs of capitalised words that do not start a line (names of people, places,
  organisations) and numbers (dates, counts, scores), which tell apart two events of one kind
  (two earthquakes, two arrests) that share most ordinary words.

The counts are raw, so they can be stored and weighed again when document frequencies change.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

BODY_CHARS = 4000
SHORT_CHARS = 400  # a body shorter than this is a headline with a line or two
LEAD_CHARS = 300
LEAD_LINES = 3

_APOSTROPHES = "'\u2019"
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)?")
_CAPITALISED = rf"[A-Z][\w{_APOSTROPHES}-]*"
_NAME = re.compile(rf"\b{_CAPITALISED}(?:\s+(?:of\s+|de\s+|al-)?{_CAPITALISED})*")
_SENTENCE_ENDS = ".!?:;\"\u201c\u201d'"
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d(?![\w])")

STOP_WORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being it
    its this that these those he she they we you his her their our your my me him them us not no
    so than then there here what which who whom whose when where why how all any both each few
    more most other some such only own same too very can will just should now said says say also
    after before over under about into through during up down out off again further once new one
    two three would could may might must has have had do does did get got told tell according
    der die das den dem des ein eine und ist im zu von mit sich auf für nicht es als auch an aus
    bei nach wie wird werden wurde hat sind sie er noch um am vor oder
    le la les un une des du de et est en dans que qui pour par sur au aux pas plus ne se ce il
    elle ont été son sa ses avec
    el los las del y que por con para una es lo se al su sus como más pero fue ha han
    """.split()  # noqa: SIM905 (a word list, kept readable)
)


@dataclass(frozen=True)
class ArticleFeatures:
    """Raw term counts of one article, per kind of term."""

    body: dict[str, int] = field(default_factory=dict)
    lead: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    short: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"body": self.body, "lead": self.lead, "entities": self.entities}
        if self.short:
            data["short"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleFeatures:
        return cls(
            body=dict(data.get("body", {})),
            lead=dict(data.get("lead", {})),
            entities=dict(data.get("entities", {})),
            short=bool(data.get("short", False)),
        )

    def terms(self) -> set[str]:
        """Every distinct term, entities prefixed, as counted by document frequencies."""
        return set(self.body) | set(self.lead) | {entity_term(e) for e in self.entities}


def entity_term(entity: str) -> str:
    return "@" + entity


def article_features(title: str, text: str) -> ArticleFeatures:
    body = text[:BODY_CHARS]
    lead = " ".join([title, *_lead_lines(body)])[: len(title) + LEAD_CHARS]
    return ArticleFeatures(
        body=dict(Counter(words(f"{title}\n{body}"))),
        lead=dict(Counter(words(lead))),
        entities=dict(Counter(entities(f"{title}\n{body}"))),
        short=len(text.strip()) < SHORT_CHARS,
    )


def words(text: str) -> list[str]:
    found = (w.casefold() for w in _WORD.findall(text))
    return [w for w in found if len(w) > 1 and w not in STOP_WORDS and not w.isdigit()]


def entities(text: str) -> list[str]:
    """Capitalised names and numbers, case folded.

    A capital at the start of a sentence says nothing, so there a one-word run is skipped and a
    leading common word is dropped ("The Navy" counts as "navy").
    """
    found: list[str] = []
    for line in text.splitlines():
        for match in _NAME.finditer(line):
            name_words = match.group(0).casefold().split()
            if _starts_sentence(line[: match.start()]):
                if len(name_words) == 1:
                    continue
                if name_words[0] in STOP_WORDS:
                    name_words = name_words[1:]
            name = " ".join(name_words)
            if name and name not in STOP_WORDS:
                found.append(name)
        found.extend(_NUMBER.findall(line))
    return found


def _starts_sentence(before: str) -> bool:
    before = before.rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def _lead_lines(body: str) -> list[str]:
    lines = [line for line in body.splitlines() if line.strip()]
    return lines[:LEAD_LINES]

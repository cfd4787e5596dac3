"""What an article says, as counts a story decider can weigh: body terms, lead terms, entities.

``article_features(title, text)`` reads the title and the first few thousand characters of the
body and counts three kinds of term:

- ``body``: content words of the title and body (stop words of the main European languages and
  one-letter words dropped, case folded);
- ``lead``: the same, over the title and the first lines of the body only; the headline and
  first sentence name the event, so two reports of one event agree there most;
- ``entities``: runs of capitalised words that do not start a line (names of people, places,
  organisations) and numbers (dates, counts, scores), which tell apart two events of one kind
  (two earthquakes, two arrests) that share most ordinary words;
- ``anchors``: what survives translation: single capitalised words of the Latin script that do
  not start a sentence (accents dropped), numbers written without their separators ("2,000" and
  "2.000" alike), and the ids of the places the article names (given by the caller as plain
  data, "#" and the id). Only two articles in different languages are compared on them.

The counts are raw, so they can be stored and weighed again when document frequencies change.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
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
_ANCHOR_WORD = re.compile(r"[^\W\d_]+|\d[\d,.\u00a0\u202f]*\d|\d")
_LATIN_END = 0x250  # Basic Latin to Latin Extended-B
ANCHOR_LETTERS = 14
_GERMAN_NOUN_ENDINGS = tuple(
    """
    ung ungen heit heiten keit keiten schaft schaften tion tionen tat taten ismus nahme nahmen
    chen lein nis nisse ium ik sten ern en
    """.split()  # noqa: SIM905 (a word list, kept readable)
)

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
    anchors: dict[str, int] = field(default_factory=dict)
    language: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"body": self.body, "lead": self.lead, "entities": self.entities}
        if self.short:
            data["short"] = True
        if self.anchors:
            data["anchors"] = self.anchors
        if self.language:
            data["language"] = self.language
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleFeatures:
        return cls(
            body=dict(data.get("body", {})),
            lead=dict(data.get("lead", {})),
            entities=dict(data.get("entities", {})),
            short=bool(data.get("short", False)),
            anchors=dict(data.get("anchors", {})),
            language=str(data.get("language", "")),
        )

    def terms(self) -> set[str]:
        """Every distinct term, entities and anchors prefixed, as counted by document
        frequencies."""
        return (
            set(self.body)
            | set(self.lead)
            | {entity_term(e) for e in self.entities}
            | {anchor_term(a) for a in self.anchors}
        )


def entity_term(entity: str) -> str:
    return "@" + entity


def anchor_term(anchor: str) -> str:
    return "^" + anchor


def is_short(text: str) -> bool:
    """Whether a body is so short that the article is a headline with a line or two."""
    return len(text.strip()) < SHORT_CHARS


def article_features(
    title: str, text: str, *, language: str = "", places: Iterable[int | str] = ()
) -> ArticleFeatures:
    """Counts of ``title`` and the start of ``text``; ``places``: ids of the places it names."""
    body = text[:BODY_CHARS]
    lead = " ".join([title, *_lead_lines(body)])[: len(title) + LEAD_CHARS]
    found_anchors = Counter(anchors(f"{title}\n{body}", language))
    found_anchors.update(f"#{place}" for place in places)
    return ArticleFeatures(
        body=dict(Counter(words(f"{title}\n{body}"))),
        lead=dict(Counter(words(lead))),
        entities=dict(Counter(entities(f"{title}\n{body}"))),
        short=is_short(text),
        anchors=dict(found_anchors),
        language=language,
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


def anchors(text: str, language: str = "") -> list[str]:
    """Capitalised Latin-script words (not starting a sentence) and numbers, as written in any
    language: case and accents folded, digits only.

    Words longer than ``ANCHOR_LETTERS`` are left out (compounds, not names), and so are German
    words with the endings of common nouns: German capitalises every noun.
    """
    found: list[str] = []
    for line in text.splitlines():
        for match in _ANCHOR_WORD.finditer(line):
            token = match.group(0)
            if token[0].isdigit():
                digits = "".join(char for char in token if char.isdigit())
                if len(digits) > 1:
                    found.append(digits)
            elif (
                2 < len(token) <= ANCHOR_LETTERS
                and token[0].isupper()
                and ord(token[0]) < _LATIN_END
                and not _starts_sentence(line[: match.start()])
            ):
                folded = _unaccented(token.casefold())
                if folded not in STOP_WORDS and not (
                    language == "de" and folded.endswith(_GERMAN_NOUN_ENDINGS)
                ):
                    found.append(folded)
    return found


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _starts_sentence(before: str) -> bool:
    before = before.rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def _lead_lines(body: str) -> list[str]:
    lines = [line for line in body.splitlines() if line.strip()]
    return lines[:LEAD_LINES]

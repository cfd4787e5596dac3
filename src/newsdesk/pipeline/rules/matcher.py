"""The rule matcher: which of a reader's rules catch an article, and what they do to it.

A rule (``RuleSpec``) names conditions of several kinds: words or phrases (in the title, the body
or both), words that spare an article (``unless``), sources, folders, topics, places, languages
and authors. An article is caught when every kind the rule names matches; inside one kind any
value will do. Words match whole words, case ignored, a phrase across any run of spaces. With
``regex`` the terms are regular expressions, run by the ``regex`` package under a time limit
(``REGEX_SECONDS`` a search, ``REGEX_BUDGET`` for all of one pattern's searches in a matcher):
a search that runs out of time counts as no match and is noted in ``Matcher.timeouts``, so a
pathological pattern costs a reader a bounded delay, never a hang. A matcher is made for one
request (compiling 20 rules takes a fraction of a millisecond), so budgets do not carry over.

``compile_rules`` builds every pattern once; ``Matcher.verdict(facts)`` is then a few set
lookups and at most two searches per rule. ``Matcher.needs`` says which facts the rules look at,
so a caller loads an article's body, topics, places or folders only when some rule uses them.

Actions: ``hide`` leaves the article out; ``mute_story`` leaves it out together with its whole
story, for good (the caller keeps the muted stories); ``highlight`` marks it; ``folder`` files it
under the rule's folder; ``notify`` asks for a notification.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.errors import NewsdeskError

if TYPE_CHECKING:  # the regex package loads with the first rule that has patterns
    import regex

ACTIONS = ("hide", "mute_story", "highlight", "folder", "notify")
FIELDS = ("title", "body", "both")
HIDING = frozenset({"hide", "mute_story"})
#: Seconds one regular-expression search may take before it counts as no match.
REGEX_SECONDS = 0.05
#: Seconds all the searches of one pattern may take in one matcher (one request, one preview);
#: past them the pattern matches nothing more there, so a slow one costs a bounded delay.
REGEX_BUDGET = 0.25
#: Characters of body text a rule reads: the lead of a long article says what it is about.
BODY_CHARS = 20_000
MAX_TERMS = 50
MAX_TERM_CHARS = 200


class RuleError(NewsdeskError, ValueError):
    """A rule that cannot work: no condition, an unknown action, a broken pattern."""


@dataclass(frozen=True)
class RuleSpec:
    """One rule as plain data. Values of every kind are compared case ignored."""

    id: int
    action: str
    terms: tuple[str, ...] = ()
    field: str = "both"
    regex: bool = False
    unless: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # source slugs
    folders: tuple[str, ...] = ()  # the reader's folder names
    topics: tuple[str, ...] = ()  # topic slugs
    places: tuple[str, ...] = ()  # place names
    languages: tuple[str, ...] = ()  # language codes ("en" takes "en-GB" too)
    authors: tuple[str, ...] = ()  # names, whole words of the byline
    folder: str = ""  # where ``folder`` files a caught article

    def check(self) -> None:
        """Raise ``RuleError`` for a rule that cannot be saved."""
        if self.action not in ACTIONS:
            raise RuleError(f"unknown action {self.action!r}")
        if self.field not in FIELDS:
            raise RuleError(f"unknown field {self.field!r}")
        if self.action == "folder" and not self.folder.strip():
            raise RuleError("a rule that files articles needs a folder name")
        kinds = (self.terms, self.sources, self.folders, self.topics, self.places)
        if not any(kinds) and not self.languages and not self.authors:
            raise RuleError("a rule needs at least one condition, or it would catch everything")
        for values in (self.terms, self.unless):
            if len(values) > MAX_TERMS or any(len(v) > MAX_TERM_CHARS for v in values):
                raise RuleError(f"at most {MAX_TERMS} terms of {MAX_TERM_CHARS} characters")
        if self.regex:
            _expression(self.terms)
            _expression(self.unless)


@dataclass
class ArticleFacts:
    """What the rules may look at in one article (lower-case where compared)."""

    id: int
    title: str = ""
    body: str = ""  # description and text; empty unless ``Matcher.needs`` names "body"
    source: str = ""  # slug
    folders: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    language: str = ""
    author: str = ""
    _texts: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def text(self, where: str) -> tuple[str, str]:
        """The text of the title, the body or both, and the same in lower case (made once,
        however many rules look)."""
        found = self._texts.get(where)
        if found is None:
            body = self.body[:BODY_CHARS]
            text = {"title": self.title, "body": body}.get(where, f"{self.title}\n{body}")
            found = self._texts[where] = (text, text.lower())
        return found


@dataclass(frozen=True)
class Verdict:
    """What the rules do to one article."""

    rules: tuple[int, ...] = ()  # ids of the rules that caught it
    hidden: bool = False
    mute_story: bool = False
    highlight: bool = False
    notify: bool = False
    folders: tuple[str, ...] = ()

    @property
    def caught(self) -> bool:
        return bool(self.rules)


CLEAR = Verdict()


class _Pattern:
    """Compiled terms of one rule: a stdlib pattern for words, ``regex`` for a reader's own.

    A term without spaces is looked for as a substring of the lower-case text and its ends
    checked for word boundaries there; a phrase runs the pattern (any run of spaces between its
    words) only when each of its words is somewhere in the text. Most articles hold no term, so
    most checks are a few substring scans in C rather than a pattern run over the body.
    """

    def __init__(self, terms: Sequence[str], as_regex: bool) -> None:
        self.expression = _expression(terms) if as_regex else None
        self.words = None if as_regex else _words(terms)
        cleaned = [] if as_regex else _cleaned(terms)
        self.needles = [tuple(term.lower().split()) for term in cleaned]
        self.spent = 0.0  # seconds this pattern's searches took, against ``REGEX_BUDGET``

    def search(self, text: str, lowered: str) -> bool | None:
        """Whether the terms occur in ``text`` (``lowered`` is the same in lower case); None
        when the time limit ran out."""
        if not text:
            return False
        if self.words is not None:
            if any(len(n) == 1 and _whole(lowered, n[0]) for n in self.needles):
                return True
            phrases = (n for n in self.needles if len(n) > 1)
            if not any(all(piece in lowered for piece in n) for n in phrases):
                return False
            return self.words.search(text) is not None
        if self.expression is None:
            return False
        left = REGEX_BUDGET - self.spent
        if left <= 0:
            return None
        started = time.perf_counter()
        try:
            return self.expression.search(text, timeout=min(REGEX_SECONDS, left)) is not None
        except TimeoutError:
            return None
        finally:
            self.spent += time.perf_counter() - started


def _whole(lowered: str, piece: str) -> bool:
    """Whether ``piece`` occurs in ``lowered`` with no word character just before or after."""
    start = lowered.find(piece)
    while start != -1:
        end = start + len(piece)
        before = start == 0 or not _wordy(lowered[start - 1])
        if before and (end == len(lowered) or not _wordy(lowered[end])):
            return True
        start = lowered.find(piece, start + 1)
    return False


def _wordy(char: str) -> bool:
    """A character ``\\w`` matches: a letter, digit or mark of any script, or "_"."""
    return char.isalnum() or char == "_"


def _cleaned(terms: Sequence[str]) -> list[str]:
    return [term.strip() for term in terms if term.strip()]


def _words(terms: Sequence[str]) -> re.Pattern[str] | None:
    """Whole words and phrases (any run of spaces between their words), case ignored."""
    cleaned = _cleaned(terms)
    if not cleaned:
        return None
    phrases = (r"\s+".join(re.escape(word) for word in term.split()) for term in cleaned)
    return re.compile(rf"(?<!\w)(?:{'|'.join(phrases)})(?!\w)", re.IGNORECASE)


def _expression(terms: Sequence[str]) -> regex.Pattern[str] | None:
    """A reader's regular expressions as one pattern, case ignored."""
    import regex

    cleaned = _cleaned(terms)
    if not cleaned:
        return None
    try:
        return regex.compile("|".join(f"(?:{term})" for term in cleaned), regex.IGNORECASE)
    except regex.error as e:
        raise RuleError(f"not a regular expression: {e}") from e


def _lowered(values: Iterable[str]) -> frozenset[str]:
    return frozenset(value.strip().casefold() for value in values if value.strip())


class _Compiled:
    """One rule ready to run."""

    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.terms = _Pattern(spec.terms, spec.regex) if spec.terms else None
        self.unless = _Pattern(spec.unless, spec.regex) if spec.unless else None
        self.sources = _lowered(spec.sources)
        self.folders = _lowered(spec.folders)
        self.topics = _lowered(spec.topics)
        self.places = _lowered(spec.places)
        self.languages = tuple(sorted(_lowered(spec.languages)))
        self.authors = _Pattern(spec.authors, False) if spec.authors else None

    def catches(self, facts: ArticleFacts, timeouts: Counter[int]) -> bool:
        if self.sources and facts.source.casefold() not in self.sources:
            return False
        if self.folders and not (self.folders & facts.folders):
            return False
        if self.topics and not (self.topics & facts.topics):
            return False
        if self.places and not (self.places & facts.places):
            return False
        if self.languages and not _in_languages(facts.language, self.languages):
            return False
        if self.authors is not None and not self._author(facts.author):
            return False
        if self.terms is None and self.unless is None:
            return True
        text, lowered = facts.text(self.spec.field)
        if self.terms is not None and not self._found(self.terms, text, lowered, timeouts):
            return False
        return self.unless is None or not self._found(self.unless, text, lowered, timeouts)

    def _author(self, byline: str) -> bool:
        assert self.authors is not None
        return bool(self.authors.search(byline, byline.lower()))

    def _found(self, pattern: _Pattern, text: str, lowered: str, timeouts: Counter[int]) -> bool:
        found = pattern.search(text, lowered)
        if found is None:
            timeouts[self.spec.id] += 1
        return bool(found)


def _in_languages(language: str, codes: tuple[str, ...]) -> bool:
    code = language.casefold()
    return any(code == wanted or code.startswith(f"{wanted}-") for wanted in codes)


@dataclass
class Matcher:
    """A set of compiled rules; ``verdict`` says what they do to one article."""

    rules: list[_Compiled]
    timeouts: Counter[int] = field(default_factory=Counter)

    @property
    def empty(self) -> bool:
        return not self.rules

    @property
    def needs(self) -> frozenset[str]:
        """The facts some rule looks at beyond the title, source, language and author."""
        needed = set()
        for rule in self.rules:
            if (rule.terms or rule.unless) and rule.spec.field != "title":
                needed.add("body")
            for kind in ("folders", "topics", "places"):
                if getattr(rule, kind):
                    needed.add(kind)
        return frozenset(needed)

    @property
    def hides(self) -> bool:
        return any(rule.spec.action in HIDING for rule in self.rules)

    def verdict(self, facts: ArticleFacts) -> Verdict:
        caught = [rule.spec for rule in self.rules if rule.catches(facts, self.timeouts)]
        if not caught:
            return CLEAR
        actions = {spec.action for spec in caught}
        return Verdict(
            rules=tuple(spec.id for spec in caught),
            hidden=bool(actions & HIDING),
            mute_story="mute_story" in actions,
            highlight="highlight" in actions,
            notify="notify" in actions,
            folders=tuple(dict.fromkeys(s.folder for s in caught if s.action == "folder")),
        )


def compile_rules(specs: Iterable[RuleSpec]) -> Matcher:
    """The matcher of ``specs``; a rule that cannot work is left out (``RuleSpec.check`` is
    where a form or the API refuses it)."""
    compiled = []
    for spec in specs:
        try:
            compiled.append(_Compiled(spec))
        except RuleError:
            continue
    return Matcher(compiled)

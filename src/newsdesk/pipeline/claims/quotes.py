"""Quotes with their speakers (the quote statements of ``statements``).

A quote is the words inside quotation marks (``QUOTE_WORDS`` or more). Its ``names`` are the
names of its sentence outside the quote (or the sentence's, for aligning); its ``speaker`` is
set only when the sentence credits it plainly: a verb of telling (``speech_verbs`` in the word
lists) right after the quote with a name between ("...," Mr Toledo said) or after it ("...,"
said Toledo), or a name and such a verb right before it (Toledo said: "..."). A pronoun there
("...," he said) stands for the previous sentence's speaker or, failing one, for the name its
first words give when a comma or a verb follows them (``subject``: "Brazilian President Luiz
Inacio Lula da Silva, whose country ..." gives "silva"; "Tony Blair's spokesman said" gives
nobody). Anything else (a quote inside reported speech, "told reporters", no verb) leaves the
speaker unknown, and an unknown speaker never disagrees with another (``align``).

Reported speech without quotation marks has its credit too (``reported_speaker``): the last
clause of a sentence, after a comma, when it is a person's name and a verb of telling ("...,
Genesee County Undersheriff James Gage said.").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsdesk.pipeline.claims.reading import SentenceReader, Statement, is_word, names_in
from newsdesk.pipeline.claims.wordlists import word_lists
from newsdesk.pipeline.summarize.facts import MONTHS, STOP_WORDS

#: Fewest words inside quotation marks for a quote.
QUOTE_WORDS = 3
#: Tokens between a quote's closing mark and the verb that credits it ("," Mr Toledo said).
AFTER_WINDOW = 5
#: Tokens after "said" that may name the speaker ("said Secretary of the Interior Dirk Kempthorne").
NAME_WINDOW = 12
#: Tokens between the verb that credits a quote and its opening mark (Toledo said: ").
BEFORE_WINDOW = 2
#: Fewest tokens before the comma of a reported statement's credit ("..., Gage said.").
REPORTED_WORDS = 6
_STRAIGHT = '"'
_QUOTE_OPEN = frozenset({"``", "\u201c", _STRAIGHT})
_QUOTE_CLOSE = frozenset({"''", "\u201d", '"'})
_ABBREVIATION = {".": ","}  # "Lt. Gregg Hastings": the title's full stop ends a run only
_OWNS = ("'s", "\u2019s")
_MARKS = _QUOTE_OPEN | _QUOTE_CLOSE | {",", ":", "\u2019", "'"}


def person(tokens: Sequence[str]) -> frozenset[str]:
    """The last word of each capitalised run of a few tokens ("Mr Toledo" -> "toledo", "Lula da
    Silva" -> "silva"), whatever the run's place in the sentence."""
    found: set[str] = set()
    run: list[str] = []
    for i, token in enumerate([*tokens, "."]):
        capital = is_word(token) and token[:1].isupper() and token.lower() not in STOP_WORDS
        if capital and token.lower().rstrip(".") not in MONTHS:
            run.append(token)
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if run and token in word_lists().name_particles and following[:1].isupper():
            continue  # the run goes on past "da"
        if run:
            found.add(run[-1].lower().removesuffix("'s").removesuffix("\u2019s"))
        run = []
    return frozenset(found)


def subject(tokens: Sequence[str]) -> frozenset[str]:
    """The name a sentence opens with, when its first two or more tokens are capitalised words
    (a pronoun in the next sentence may stand for it); none otherwise."""
    count = 0
    while count < len(tokens) and (
        (is_word(tokens[count]) and tokens[count][:1].isupper())
        or (count and tokens[count] in word_lists().name_particles)
    ):
        count += 1
    if count < 2 or tokens[0].lower() in STOP_WORDS or tokens[count - 1].endswith(_OWNS):
        return frozenset()  # "Tony Blair's spokesman said": not Blair
    following = tokens[count].lower() if count < len(tokens) else ""
    if following != "," and not following.endswith("ed") and following not in _telling():
        return frozenset()  # "Lula da Silva, whose ...", "Toledo vowed": the name acts
    return person(tokens[:count])


def _telling() -> frozenset[str]:
    return word_lists().speech_verbs


class QuoteReader(SentenceReader):
    """Reads quotes (see the module docstring); ``previous_speaker`` is who "he" or "she" is."""

    previous_speaker: frozenset[str] = frozenset()

    def _quotes(self) -> list[Statement]:
        out: list[Statement] = []
        for lo, hi in self._quote_spans():
            inside = [t.lower() for t in self.tokens[lo:hi] if is_word(t) or t[:1].isdigit()]
            if len(inside) < QUOTE_WORDS:
                continue
            outside = self.tokens[:lo] + self.tokens[hi:]
            speaker = names_in(outside)
            statement = self._make(
                "quote",
                " ".join(inside),
                "quote",
                " ".join(self.tokens[lo:hi]),
                lo,
                hi,
                names=speaker or self.names,
            )
            credited = self._credited(lo, hi)
            if credited:
                statement = replace(statement, speaker=credited)
            out.append(statement)
        return out

    def _quote_spans(self) -> list[tuple[int, int]]:
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
        return spans

    def _credited(self, lo: int, hi: int) -> frozenset[str]:
        """Whom the sentence plainly credits with the quote of tokens ``lo:hi`` (see the module
        docstring), or nobody."""
        verbs = self.lists.speech_verbs
        after = hi + 1
        while after < len(self.tokens) and self.tokens[after] in _MARKS:
            after += 1
        for v in range(after, min(after + AFTER_WINDOW, len(self.tokens))):
            if self.lower[v] not in verbs:
                continue
            between = self.tokens[after:v]
            if not between:  # "...," said Toledo
                if self.lower[v] == "told":
                    return frozenset()  # "told Toledo": the hearer
                return _names_until_mark(self.tokens[v + 1 : v + 1 + NAME_WINDOW])
            if len(between) == 1 and between[0].lower() in self.lists.speaker_pronouns:
                return self.previous_speaker
            words = [t for t in between if t != "."]  # "Troy police Lt. Gerry Scherlinck said"
            return person(words) if all(is_word(t) for t in words) else frozenset()
        if lo >= 2:
            before = lo - 1
            while before >= 0 and self.tokens[before] in _MARKS:
                before -= 1
            for v in range(before, max(before - BEFORE_WINDOW, -1), -1):
                if self.lower[v] in verbs and self.lower[v] != "told":
                    head = _clause_before(self.tokens[:v])
                    if len(head) == 1 and head[0].lower() in self.lists.speaker_pronouns:
                        return self.previous_speaker
                    return person(head) if head and len(head) <= AFTER_WINDOW else frozenset()
        return frozenset()


def reported_speaker(tokens: Sequence[str]) -> frozenset[str]:
    """Whom a sentence of reported speech credits in its last clause, after a comma: "...
    pulled over after about 15 minutes, Genesee County Undersheriff James Gage said." gives
    "gage", "..., said Lt. Gregg Hastings of the Oregon State Police." every name up to a
    mark. Nobody when the credit names no one ("police said"), is a pronoun ("he said"), or
    the clause before it is short."""
    end = len(tokens)
    while end and (tokens[end - 1] in (".", "!") or tokens[end - 1] in _QUOTE_CLOSE):
        end -= 1
    comma = max((i for i in range(end) if tokens[i] == ","), default=-1)
    if comma < REPORTED_WORDS:
        return frozenset()
    tail = [t for t in tokens[comma + 1 : end] if t != "."]  # "Robert J. Pickell said"
    verbs = _telling()
    if not tail or not all(is_word(t) for t in tail):
        return frozenset()
    verb_last = tail[-1].lower() in verbs and tail[-1].lower() != "told"
    if not verb_last and not (tail[0].lower() in verbs and tail[0].lower() != "told"):
        return frozenset()
    credit = tail[:-1] if verb_last else tail[1:]
    if not _a_person(credit):
        return frozenset()  # "the DA said", "the NYPD said": an office, which many may speak for
    return person(credit) if verb_last else _names_until_mark(credit)


def _a_person(words: Sequence[str]) -> bool:
    """Whether the words of a credit name a person: two or more capitalised words, not after a
    determiner ("Undersheriff James Gage", "Lt. Gerry Scherlinck"; not "the DA", "Smith")."""
    if not words or len(words) > NAME_WINDOW or words[0].lower() in STOP_WORDS:
        return False
    return sum(1 for w in words if w[:1].isupper() and not w.isupper()) >= 2


def _names_until_mark(tokens: Sequence[str]) -> frozenset[str]:
    """Every name of the words up to the next comma or bracket: "said Lt. Gregg Hastings of the
    Oregon State Police" gives "lt", "hastings" and "police", so that a plainer "Hastings said"
    elsewhere meets it (more names, fewer disagreements)."""
    phrase: list[str] = []
    for word in tokens:
        if word in (",", ";", ":", "(", ")", "!", "?"):
            break
        phrase.append(_ABBREVIATION.get(word, word))
    return person(phrase)


def _clause_before(tokens: Sequence[str]) -> list[str]:
    """The words of the clause that ends where ``tokens`` end (after the last punctuation)."""
    start = len(tokens)
    while start and is_word(tokens[start - 1]):
        start -= 1
    return list(tokens[start:])

"""Which statements of two articles speak of the same thing, and whether they agree.

``compare(a, b)`` looks at two statements of different articles and answers ``AGREE``,
``DIFFER`` or ``None`` (not the same thing, or not sure). Precision comes first: a wrong
"the sources differ" shown to a reader is worse than a missed one, so a difference needs much
more than an agreement:

- numbers agree when their values and units are equal and their frames (the words around them)
  share a word; they differ only when the units are equal, neither is hedged ("at least",
  "about") or an ordinal or under three, the words next to the value share a word that is not
  a stop word, the sentences name someone in common and share content, neither article states
  the other's value with that unit anywhere, and neither states more than two values of that
  unit (a list of statistics counts many things: "364 yards" beside "605 yards" is no
  disagreement);
- ages differ only for the same named person ("60-year-old" beside "61-year-old Sharron
  Smith"), and not when they are two moments: a sentence dates itself with a year, or the
  higher age comes from the article whose latest year is later ("Orozco, 29," in a report
  that gives 2007 beside "Orozco, 27," in one that gives no year);
- scores, months and times of day only ever agree: "by 7 a.m." beside "6:40 a.m." is how
  reports differ in precision, not in fact, and so is "Friday night" beside "early Saturday";
- weekdays, days of a month and years differ when they date the same event differently
  (``events``: "died on Thursday" beside "died on Friday", "convicted in June 1998 of
  aggravated sexual assault" beside "returned to prison in June 1999 ... for aggravated sexual
  assault"); places of the same event likewise ("died at home" beside "died at a hospice");
- quotes agree when most of the shorter one's words are in the longer one, and differ instead
  when they share six or more words and both sentences plainly credit them to speakers with no
  name in common (``quotes``: "...," he said, after Lula, beside "...," Mr Toledo said);
- percentages in a sentence about a trading day (``markets``: shares, stock, trading) never
  differ: a price's move at the start of trading is not its move at the close;
- sentences of reported speech that share six or more content words and half the shorter
  one's differ when each credits a person in its last clause and the two credits have no name
  in common (``quotes.reported_speaker``: "..., Genesee County Undersheriff James Gage said"
  beside "..., Genesee County Sheriff Robert J. Pickell said"); an office ("the DA said") is
  no one's credit;
- sentences that name the same person and share most of their content (``actor``) agree,
  unless one denies what the other states: a negation ("not", "never", "denied") right before
  a word both share, in one sentence only ("Smith did not resign" beside "Smith resigned").
  Such a pair is not called a contradiction either: on unlabelled stories nearly every one was
  wording ("has never been nominated" beside "has never been an Oscar nominee", "turned down
  an offer" beside "denied an offer").

With an embedder, sentences in different languages (where words cannot meet) agree when their
vectors are close and they state the same number or name.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from newsdesk.pipeline.claims.events import dates_differ, places_differ
from newsdesk.pipeline.claims.reading import keys_of
from newsdesk.pipeline.claims.statements import QUOTE_WORDS, Sentence, Statement
from newsdesk.pipeline.claims.wordlists import word_lists

AGREE = "agree"
DIFFER = "differ"

#: Share of the shorter sentence's content keys (names left out) the other must hold, and the
#: fewest such keys they must share, for two sentences naming the same actor to be one statement.
ACTOR_SHARE = 0.5
ACTOR_SHARED = 3
#: Jaccard of two sentences' content keys below which two numbers are never said to differ.
DIFFER_JACCARD = 0.12
#: Share of the shorter quote's words found in the other for two quotes to be one.
QUOTE_SHARE = 0.7
#: Fewest words two quotes share for their two speakers to disagree (short phrases recur).
SPEAKER_WORDS = 6
#: Cosine of two sentence vectors (different languages) above which they can agree.
CROSS_LANGUAGE_COSINE = 0.8


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


#: Per article, the values it states of each unit.
Values = Mapping[str, frozenset[str]]
#: Fewest a disagreeing count may be: "one day after" beside "in two days" is wording.
DIFFER_SMALLEST = 3
#: Most values of one unit an article may state for its numbers of that unit to contradict
#: another's: a list of statistics ("364 yards", "605 yards", "329 yards") counts many things.
DIFFER_MOST_VALUES = 2
#: Two counts of one kind of quantity ("injuring five people", "injured two people"): the
#: smallest that may disagree, the largest ratio between them (beyond it they count different
#: things), the share either way within which an exact count is one value rounded, and the
#: Jaccard of their sentences' content keys when the sentences share no name.
QUANTITY_SMALLEST = 2
QUANTITY_RATIO = 10
ROUNDING = 0.05
QUANTITY_JACCARD = 0.15
#: The factor within which an estimate ("about 150 metres") stands for a value.
ESTIMATE = 1.5


def compare(
    a: Statement, b: Statement, sa: Sentence, sb: Sentence, values: tuple[Values, Values]
) -> str | None:
    """``AGREE``, ``DIFFER`` or ``None`` for statements ``a`` of sentence ``sa`` and ``b`` of
    ``sb``; ``values`` are the values of each unit each of the two articles states anywhere."""
    if a.kind != b.kind:
        return None
    if a.kind == "number":
        return _numbers(a, b, sa, sb, values)
    if a.kind == "score":
        distinctive = len(a.value) >= 4  # "9-14", "52-3": rarely two things in one story
        return AGREE if a.value == b.value and (distinctive or _related(a, b, 1)) else None
    if a.kind == "time":
        return AGREE if a.value == b.value and _related(a, b, 1) else None
    if a.kind == "date":
        return _dates(a, b, sa, sb, values)
    if a.kind == "place":
        if a.value == b.value:
            return AGREE if a.event & b.event else None
        return DIFFER if places_differ(a, b, sa, sb, values) else None
    if a.kind == "quote":
        return _quotes(a, b)
    if a.kind == "actor":
        return _actors(sa, sb)
    return None


def _related(a: Statement, b: Statement, shared: int) -> bool:
    """Whether the frames share ``shared`` keys and the names do not exclude each other."""
    if a.names and b.names and not a.names & b.names and len(a.frame & b.frame) < shared + 2:
        return False
    return len(a.frame & b.frame) >= shared


def _numbers(
    a: Statement, b: Statement, sa: Sentence, sb: Sentence, values: tuple[Values, Values]
) -> str | None:
    if a.unit != b.unit:
        return None
    if a.unit == "age":
        if a.value == b.value:
            return AGREE if a.names & b.names or len(a.frame & b.frame) >= 2 else None
        if not (a.names & b.names) or a.hedged or b.hedged or not _strongly_related(sa, sb):
            return None
        if _background(sa) or _background(sb) or _two_moments(a, b, values):
            return None  # "Orozco, 27," sought in 2005 beside "Orozco, 29," convicted in 2007
        return DIFFER  # "60-year-old" beside "61-year-old" Sharron Smith
    if a.value == b.value:
        small = a.value.lstrip("#").isdigit() and int(a.value.lstrip("#")) <= 10
        return AGREE if _related(a, b, 2 if small else 1) else None
    if a.value.startswith("#") or b.value.startswith("#"):
        return None
    if (a.hedged and not a.estimate) or (b.hedged and not b.estimate):
        return None  # a bound ("at least 3") is no count
    if a.unit in word_lists().referring_units:
        return None  # "wounded 38 others" beside "wounded five others": others of what?
    if a.unit == "percent" and (_trading(sa) or _trading(sb)):
        return None  # a share price's move at two moments of one trading day
    if a.quantity >= 0 and a.quantity == b.quantity:
        return _quantities(a, b, sa, sb, values)
    if a.hedged or b.hedged:
        return None
    if min(float(a.value), float(b.value)) < DIFFER_SMALLEST:
        return None
    if not (a.near & b.near) or not _strongly_related(sa, sb):
        return None
    stated_a, stated_b = values[0].get(a.unit, frozenset()), values[1].get(b.unit, frozenset())
    if b.value in stated_a or a.value in stated_b:
        return None  # each article states both values: two things, not a disagreement
    if max(len(stated_a), len(stated_b)) > DIFFER_MOST_VALUES:
        return None
    return DIFFER


def _two_moments(a: Statement, b: Statement, values: tuple[Values, Values]) -> bool:
    """Whether the higher of two ages comes from an article that dates itself later: the
    latest year it states is after every year the other states (or the other states none).
    One person, two moments: "Orozco, 29," in a report of his conviction in 2007 beside
    "Orozco, 27," in one of the search for him, which gives no year."""
    older, younger = (0, 1) if float(a.value) > float(b.value) else (1, 0)
    return _latest_year(values[older]) > _latest_year(values[younger])


def _latest_year(values: Values) -> int:
    years = [int(y) for y in values.get("year", ()) if y.isdigit()]
    return max(years, default=0)


def quantity_key(statement: Statement) -> str:
    """The key under which an article's values of a statement's unit and kind of quantity are
    kept ("peopl" killed, "villag" destroyed)."""
    return f"{statement.unit}#{statement.quantity}"


def _quantities(
    a: Statement, b: Statement, sa: Sentence, sb: Sentence, values: tuple[Values, Values]
) -> str | None:
    """Two exact counts of one unit and one kind of quantity: they differ beyond rounding, in
    the same order of size, about the same thing, neither article gives a count of that kind as
    a bound anywhere ("at least three killed"), states the other's count of that kind or lists
    more than two of them."""
    low, high = sorted((float(a.value), float(b.value)))
    if low < QUANTITY_SMALLEST or high > QUANTITY_RATIO * low:
        return None  # "one" is often "one of"; a tenfold gap is another event or a total
    (low_a, high_a), (low_b, high_b) = _span(a), _span(b)
    if low_a <= high_b and low_b <= high_a:
        return None  # "$2.6 million" beside "$2.5 million", "about 300" beside "350": rounding
    if not (_strongly_related(sa, sb) or jaccard(sa.keys, sb.keys) >= QUANTITY_JACCARD):
        return None
    if _background(sa) or _background(sb):
        return None
    key = quantity_key(a)
    if values[0].get(key + "~") or values[1].get(key + "~"):
        return None  # "killing at least three people" elsewhere: that article's toll is a bound
    stated_a, stated_b = values[0].get(key, frozenset()), values[1].get(key, frozenset())
    if b.value in stated_a or a.value in stated_b:
        return None
    if max(len(stated_a), len(stated_b)) > DIFFER_MOST_VALUES:
        return None
    return DIFFER


def _span(statement: Statement) -> tuple[float, float]:
    """The values a count stands for: an exact one rounded (``ROUNDING``), an estimate within a
    factor of ``ESTIMATE``."""
    value = float(statement.value)
    if statement.estimate:
        return value / ESTIMATE, value * ESTIMATE
    return value * (1 - ROUNDING), value * (1 + ROUNDING)


def _trading(sentence: Sentence) -> bool:
    """Whether a sentence speaks of a trading day (``markets`` in the word lists)."""
    return bool(sentence.keys & _market_keys())


@cache
def _market_keys() -> frozenset[str]:
    return keys_of(sorted(word_lists().markets))


def _background(sentence: Sentence) -> bool:
    """Whether a sentence dates what it says with a year: another event, or a record."""
    return any(st.kind == "date" and st.unit == "year" for st in sentence.statements)


def _strongly_related(sa: Sentence, sb: Sentence) -> bool:
    """Whether two sentences name someone in common and share some of their content."""
    return bool(sa.names & sb.names) and jaccard(sa.keys, sb.keys) >= DIFFER_JACCARD


def _dates(
    a: Statement, b: Statement, sa: Sentence, sb: Sentence, values: tuple[Values, Values]
) -> str | None:
    if a.unit != b.unit:
        return None
    if a.value == b.value:
        if a.unit == "day":
            return AGREE  # "December 15": rarely two things in one story
        return AGREE if _related(a, b, 2) else None
    return DIFFER if dates_differ(a, b, sa, sb, values) else None


def _quotes(a: Statement, b: Statement) -> str | None:
    wa, wb = set(a.value.split()), set(b.value.split())
    shared = len(wa & wb)
    if shared >= QUOTE_WORDS and shared >= QUOTE_SHARE * min(len(wa), len(wb)):
        if a.speaker and b.speaker and not a.speaker & b.speaker and shared >= SPEAKER_WORDS:
            return DIFFER  # one quote, two speakers: "...," he said (Lula) beside Mr Toledo said
        return AGREE
    return None


def _two_speakers(sa: Sentence, sb: Sentence) -> bool:
    """Whether both sentences credit what they report to someone, with no name in common."""
    return bool(sa.credit and sb.credit and not sa.credit & sb.credit)


def _actors(sa: Sentence, sb: Sentence) -> str | None:
    shared = sa.content & sb.content  # what they did, not who they are
    smaller = min(len(sa.content), len(sb.content))
    if _two_speakers(sa, sb) and len(shared) >= SPEAKER_WORDS and len(shared) >= smaller / 2:
        return DIFFER  # one statement, two officials: "..., Undersheriff James Gage said"
        # beside "..., Sheriff Robert J. Pickell said"
    if not sa.names & sb.names:
        return None
    if len(shared) >= ACTOR_SHARED and len(shared) >= ACTOR_SHARE * smaller:
        denied_a, denied_b = sa.negated & shared, sb.negated & shared
        if denied_a != denied_b and not (sa.negated & sb.negated):
            return None  # "will not sign Teixeira" beside "will sign Teixeira": no agreement
        return AGREE
    return None

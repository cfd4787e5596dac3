"""Whether two dates (or places) of different articles tell one event differently.

"Felt died on Thursday" beside "Felt died on Friday", "convicted in June 1998 of aggravated
sexual assault" beside "returned to prison in June 1999 to serve a life sentence for
aggravated sexual assault": the same actor doing the same thing, dated twice. ``dates_differ``
says so only when all of these hold:

- the dates are alike: two weekdays, two days of a month, two years both with or both without a
  month ("June 1998" beside "1998" is precision, not a disagreement), neither the edge of a span
  ("since", "until", "by"), and not two neighbouring weekdays when either is near midnight
  ("late Friday" beside "early Saturday");
- the event is the same: the nearest lower-case words of the two dates' clauses (their
  ``event``) share one ("died" beside "died"; a date right after a word of telling, "police
  said Friday", has none: two moments of telling are no disagreement), and the sentences name
  someone in common and share some of their content, or share much of it without a name (years
  need two such words: careers repeat their verbs, "won the title in 1999", "won it in 2001"),
  or, for two years of the same month, the sentences share half of the shorter one's content
  ("convicted in June 1998 of aggravated sexual assault" beside "returned to prison in June
  1999 to serve a life sentence for aggravated sexual assault");
- neither article states the other's date of that kind anywhere (then it tells two moments,
  "arrested on Monday and charged on Tuesday"), and neither gives more than two dates of that
  kind to events sharing a word with the other's (a timeline: "returned to prison in May 1984",
  "returned to prison in June 1999").

Places ("died at home" beside "died at a hospice") differ by the same test of one event, when
neither article names the other's kind of place anywhere.

Relative days ("yesterday") are weekdays only when the article's publication time is known
(``statements``); weekdays of articles published more than six days apart are not compared
(``far_apart``): they may name two weeks.
"""

from __future__ import annotations

from collections.abc import Mapping

from newsdesk.pipeline.claims.statements import Sentence, Statement
from newsdesk.pipeline.summarize.facts import WEEKDAYS

#: Jaccard of two sentences' content keys needed beside a shared name, and without one.
NAMED_JACCARD = 0.12
UNNAMED_JACCARD = 0.25
#: Event words two years' sentences must share (one for weekdays and days).
YEAR_EVENT_WORDS = 2
#: Two years of the same month are one event's when their sentences share this many content
#: keys and this share of the shorter one's.
SAME_MONTH_SHARED = 4
SAME_MONTH_SHARE = 0.5
#: Most dates of one kind an article may state for them to contradict another's.
MOST_DATES = 2
#: Days between two publications beyond which their weekdays are not compared.
SAME_WEEK_DAYS = 6
_DAY_SECONDS = 86400
_WEEKDAYS = list(WEEKDAYS.values())

Values = Mapping[str, frozenset[str]]


def date_key(statement: Statement) -> tuple[str, str]:
    """The kind and value a date is compared by: a year with its month as "6-1998"."""
    if statement.unit == "year" and statement.month:
        return "year-month", f"{statement.month}-{statement.value}"
    return statement.unit, statement.value


def same_event(a: Statement, b: Statement, sa: Sentence, sb: Sentence) -> bool:
    """Whether two dates' sentences tell one event (see the module docstring)."""
    shared = sa.keys & sb.keys
    smaller = min(len(sa.keys), len(sb.keys))
    if (
        a.unit == "year"
        and a.month
        and a.month == b.month
        and len(shared) >= max(SAME_MONTH_SHARED, SAME_MONTH_SHARE * smaller)
    ):
        return True  # "June 1998" beside "June 1999" in sentences saying much the same
    if len(a.event & b.event) < (YEAR_EVENT_WORDS if a.unit == "year" else 1):
        return False
    overlap = len(shared) / len(sa.keys | sb.keys) if sa.keys or sb.keys else 0.0
    return overlap >= UNNAMED_JACCARD or (bool(sa.names & sb.names) and overlap >= NAMED_JACCARD)


def _neighbours(a: str, b: str) -> bool:
    if a not in _WEEKDAYS or b not in _WEEKDAYS:
        return False
    return (_WEEKDAYS.index(a) - _WEEKDAYS.index(b)) % 7 in (1, 6)


def dates_differ(
    a: Statement, b: Statement, sa: Sentence, sb: Sentence, values: tuple[Values, Values]
) -> bool:
    """Whether two dates of one unit tell the same event on different days (see the module
    docstring); ``values`` are the dates each article states, by ``date_key``."""
    (kind_a, value_a), (kind_b, value_b) = date_key(a), date_key(b)
    if kind_a != kind_b or value_a == value_b or kind_a == "month":
        return False
    if a.hedged or b.hedged:
        return False
    if kind_a == "weekday" and (a.midnight or b.midnight) and _neighbours(value_a, value_b):
        return False
    if not same_event(a, b, sa, sb):
        return False
    stated_a, stated_b = values[0].get(kind_a, frozenset()), values[1].get(kind_a, frozenset())
    if value_b in stated_a or value_a in stated_b:
        return False
    return max(_related_dates(values[0], kind_a, b), _related_dates(values[1], kind_a, a)) <= (
        MOST_DATES
    )


def event_keys(statement: Statement) -> list[str]:
    """The keys under which an article keeps its dates by event word ("weekday@died")."""
    kind = date_key(statement)[0]
    return [f"{kind}@{word}" for word in statement.event]


def _related_dates(values: Values, kind: str, other: Statement) -> int:
    """How many dates of a kind an article gives to events sharing a word with ``other``'s."""
    found: set[str] = set()
    for word in other.event:
        found |= values.get(f"{kind}@{word}", frozenset())
    return len(found)


def places_differ(
    a: Statement, b: Statement, sa: Sentence, sb: Sentence, values: tuple[Values, Values]
) -> bool:
    """Whether two kinds of place tell where one event happened differently ("died at home"
    beside "died at a hospice"): the same event (as for weekdays), and neither article names the
    other's kind of place anywhere."""
    if a.value == b.value or not same_event(a, b, sa, sb):
        return False
    stated_a, stated_b = values[0].get("place", frozenset()), values[1].get("place", frozenset())
    return b.value not in stated_a and a.value not in stated_b


def far_apart(published_a: float | None, published_b: float | None) -> bool:
    """Whether two articles were published too far apart for their weekdays to be one week's."""
    if published_a is None or published_b is None:
        return False
    return abs(published_a - published_b) > SAME_WEEK_DAYS * _DAY_SECONDS

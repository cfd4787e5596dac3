"""Claim maps: dates, weekdays and places of one event that disagree (decision 84).

Short stories written for each rule: the same event told on two weekdays, in two years of the
same month or in two kinds of place contradicts, with both sides cited; what only looks like it
does not: a difference of precision ("June 1998" beside "1998"), the edge of a span ("since"),
two moments of telling ("said on Monday"), two events ("arrested", "charged"), a night told
from two clocks, an article that states both dates, and "yesterday" without a publication time.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.pipeline.claims import (
    CONTRADICTED,
    CORROBORATED,
    ClaimArticle,
    ClaimMap,
    claim_map,
)
from newsdesk.pipeline.claims.statements import read_sentence


def story(*texts: str, published: tuple[datetime, ...] = ()) -> ClaimMap:
    return claim_map(
        [
            ClaimArticle(
                id=f"a{n}",
                source=f"s{n}",
                text=text,
                published=published[n].timestamp() if published else None,
            )
            for n, text in enumerate(texts)
        ]
    )


def sides(claims: ClaimMap) -> list[dict[str, str]]:
    """Per contradiction, the value as written on each side."""
    return [{m.side: m.written for m in claim.mentions} for claim in claims.of_status(CONTRADICTED)]


def day(number: int) -> datetime:
    """A day of December 2008 at noon UTC (the 19th was a Friday)."""
    return datetime(2008, 12, number, 12, tzinfo=UTC)


def test_the_same_death_on_two_weekdays_is_a_contradiction() -> None:
    claims = story(
        "Mark Felt, the FBI official known as Deep Throat, died on Thursday, his family said.",
        "Mark Felt, the FBI official known as Deep Throat, died on Friday, his family said.",
    )
    assert sides(claims) == [{"a": "Thursday", "b": "Friday"}]


def test_a_sentence_in_two_years_of_the_same_month_is_a_contradiction() -> None:
    claims = story(
        "He was serving a life sentence after being convicted in June 1998 of aggravated sexual"
        " assault out of Brazos County.",
        "Comeaux finally returned to prison in June 1999 to serve a life sentence for aggravated"
        " sexual assault.",
    )
    [contradiction] = sides(claims)
    assert sorted(contradiction.values()) == ["1998", "1999"]


def test_precision_and_the_edges_of_spans_are_no_contradiction() -> None:
    less_precise = story(
        "Comeaux was convicted in June 1998 of aggravated sexual assault in Brazos County.",
        "Comeaux was convicted in 1999 of aggravated sexual assault in Brazos County.",
    )
    assert not less_precise.of_status(CONTRADICTED)  # "June 1998" and "1999": not alike
    span = story(
        "The Kutztown plant has been closed since June 1998, the Smith company said.",
        "The Kutztown plant was closed in June 1999, the Smith company said.",
    )
    assert not span.of_status(CONTRADICTED)


def test_two_moments_of_telling_and_two_events_are_no_contradiction() -> None:
    telling = story(
        "Police said on Monday that John Smith had been arrested in Dover.",
        "Police said on Tuesday that John Smith had been arrested in Dover.",
    )
    assert not telling.of_status(CONTRADICTED)
    events = story(
        "John Smith, a teacher from Dover, was arrested on Monday at the school.",
        "John Smith, a teacher from Dover, was charged on Wednesday with the theft.",
    )
    assert not events.of_status(CONTRADICTED)
    clause = story(
        "A 61-year-old man was charged with murder Saturday after opening fire at the Vancouver"
        " party.",
        "A 61-year-old man opened fire at the Vancouver party Friday, killing one person.",
    )
    assert not clause.of_status(CONTRADICTED)  # Saturday is the charge's day, not the shooting's


def test_a_night_told_from_two_clocks_and_an_article_stating_both_days() -> None:
    night = story(
        "Bettie Page died late Thursday at a Los Angeles hospital, her agent Mark Roesler said.",
        "Bettie Page died early Friday at a Los Angeles hospital, her agent Mark Roesler said.",
    )
    assert not night.of_status(CONTRADICTED)
    both = story(
        "Felt died on Friday, the family said. Felt died at 12:45 p.m. on Thursday in Santa Rosa.",
        "Mark Felt died on Thursday in Santa Rosa, the family said.",
    )
    assert not both.of_status(CONTRADICTED)


def test_yesterday_is_a_weekday_only_with_a_publication_time() -> None:
    thursday = "Mark Felt, known as Deep Throat, died on Thursday at 95, his family said."
    yesterday = "Mark Felt, known as Deep Throat, died yesterday at 95, his family said."
    assert [s.value for s in read_sentence(0, 0, yesterday, today=4).statements][:1] == [
        "thursday"
    ]  # published on a Friday
    same = story(thursday, yesterday, published=(day(19), day(19)))
    assert not same.of_status(CONTRADICTED)
    assert any(c.kind == "date" for c in same.of_status(CORROBORATED))
    a_day_later = story(thursday, yesterday, published=(day(19), day(20)))
    assert sides(a_day_later) == [{"a": "Thursday", "b": "yesterday"}]
    unknown = story(thursday, yesterday)
    assert not unknown.of_status(CONTRADICTED)  # no publication time: not compared


def test_weekdays_of_articles_published_weeks_apart_are_not_compared() -> None:
    claims = story(
        "Mark Felt, the FBI official known as Deep Throat, died on Thursday, his family said.",
        "Mark Felt, the FBI official known as Deep Throat, died on Friday, his family said.",
        published=(day(1), day(19)),
    )
    assert not claims.of_status(CONTRADICTED)


def test_two_kinds_of_place_of_one_death_contradict_other_events_do_not() -> None:
    claims = story(
        "Mark Felt died of heart failure at his home in Santa Rosa, the Press Democrat said.",
        "Mark Felt died of heart failure at a hospice in Santa Rosa, the Press Democrat said.",
    )
    assert sides(claims) == [{"a": "at his home", "b": "at a hospice"}]
    other_events = story(
        "A bank employee in Dover was treated at a hospital and released, police said.",
        "The bank manager in Dover was found at home by police, the bank said.",
    )
    assert not other_events.of_status(CONTRADICTED)
    sentence = story(
        "Brian Nichols was sentenced to life in prison for the Atlanta courthouse shooting.",
        "Brian Nichols was sentenced at a hotel hearing for the Atlanta courthouse shooting.",
    )
    assert not sentence.of_status(CONTRADICTED)  # "life in prison" is no place

"""The adaptive schedule: busy feeds often, quiet ones rarely, failing ones back off."""

import itertools
from datetime import UTC, datetime, timedelta

from newsdesk.pipeline.schedule import CheckOutcome, SchedulePolicy, next_check_at

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
POLICY = SchedulePolicy()


def delay(outcome: CheckOutcome) -> float:
    return (next_check_at(outcome, POLICY) - outcome.checked_at).total_seconds()


def entries_every(minutes: float, count: int = 10) -> tuple[datetime, ...]:
    return tuple(NOW - timedelta(minutes=minutes * i) for i in range(count))


def test_busy_feed_is_checked_more_often_than_quiet_one() -> None:
    busy = delay(CheckOutcome(NOW, entries_every(20)))
    quiet = delay(CheckOutcome(NOW, entries_every(60 * 24)))
    assert busy == 10 * 60
    assert quiet == POLICY.max_interval
    assert delay(CheckOutcome(NOW, entries_every(1))) == POLICY.min_interval


def test_feed_without_dates_gets_the_default_interval() -> None:
    assert delay(CheckOutcome(NOW)) == POLICY.default_interval
    assert delay(CheckOutcome(NOW, (NOW, NOW))) == POLICY.default_interval


def test_failures_back_off_exponentially_up_to_the_cap() -> None:
    delays = [delay(CheckOutcome(NOW, failures=n)) for n in range(1, 12)]
    assert delays[0] == POLICY.backoff_base
    assert delays[1] == 2 * POLICY.backoff_base
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert delays[-1] == POLICY.max_backoff


def test_retry_after_is_honoured_but_capped() -> None:
    assert delay(CheckOutcome(NOW, failures=1, retry_after=7200)) == 7200
    assert delay(CheckOutcome(NOW, failures=1, retry_after=10**9)) == POLICY.max_backoff


def test_jitter_spreads_checks_within_its_share() -> None:
    base = delay(CheckOutcome(NOW, jitter=0.0))
    spread = delay(CheckOutcome(NOW, jitter=0.99))
    assert base < spread <= base * (1 + POLICY.jitter_share)

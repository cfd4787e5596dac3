"""The schedule decider (see the package docstring)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median


@dataclass(frozen=True)
class SchedulePolicy:
    """Bounds of the adaptive schedule, in seconds.

    A feed is checked about twice per typical gap between its entries, so a feed that publishes
    every 20 minutes is checked every 10, and one that publishes daily every 12 hours (capped at
    ``max_interval``). Failures back off from ``backoff_base`` doubling up to ``max_backoff``.
    """

    min_interval: float = 5 * 60
    default_interval: float = 60 * 60
    max_interval: float = 12 * 60 * 60
    backoff_base: float = 15 * 60
    max_backoff: float = 24 * 60 * 60
    jitter_share: float = 0.1


@dataclass(frozen=True)
class CheckOutcome:
    """What a check of one feed found, as the decider needs it.

    ``entry_times`` are the publication times of the feed's recent entries (any order);
    ``failures`` the consecutive failed checks including this one (0 when it succeeded);
    ``jitter`` a number in [0, 1) that spreads feeds out so they do not all fall due together.
    """

    checked_at: datetime
    entry_times: tuple[datetime, ...] = ()
    failures: int = 0
    retry_after: float | None = None
    jitter: float = 0.0


def next_check_at(outcome: CheckOutcome, policy: SchedulePolicy = SchedulePolicy()) -> datetime:
    if outcome.failures > 0:
        delay = _backoff(outcome.failures, policy)
    else:
        delay = _interval_from_activity(outcome.entry_times, policy)
    if outcome.retry_after is not None:
        delay = max(delay, min(outcome.retry_after, policy.max_backoff))
    delay *= 1.0 + policy.jitter_share * outcome.jitter
    return outcome.checked_at + timedelta(seconds=delay)


def _backoff(failures: int, policy: SchedulePolicy) -> float:
    exponent = min(failures - 1, 16)
    return float(min(policy.backoff_base * 2**exponent, policy.max_backoff))


def _interval_from_activity(entry_times: tuple[datetime, ...], policy: SchedulePolicy) -> float:
    """Half the median gap between recent entries, within the policy's bounds."""
    times = sorted(entry_times)
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    gaps = [gap for gap in gaps if gap > 0]
    if not gaps:
        return policy.default_interval
    return float(min(max(median(gaps) / 2, policy.min_interval), policy.max_interval))

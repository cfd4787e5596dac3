"""When to check a feed next: the adaptive scheduler's pure decider.

Busy feeds are checked often, quiet ones rarely, failing ones back off exponentially, and a
server's Retry-After is honoured. The database column ``Feed.next_check_at`` is the queue (as in
Miniflux); this module only computes the next time from plain data.
"""

from newsdesk.pipeline.schedule.policy import CheckOutcome, SchedulePolicy, next_check_at

__all__ = ["CheckOutcome", "SchedulePolicy", "next_check_at"]

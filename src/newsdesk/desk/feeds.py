"""Checking one feed: conditional GET, parse, store entries, record the attempt, reschedule.

Every check, whatever happens, leaves a FetchAttempt and updates the feed's health and
``next_check_at``: nothing fails silently. Redirects: a permanent one moves the feed to its new
URL; 410 Gone retires the feed. 429/503 honour Retry-After through the schedule decider.

A check takes its feed by swapping the scheduler's claim token for its own and writes its result
only while it still holds that token: a check queued twice, or one that outlived its claim (see
``desk.leases``), records nothing twice.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.articles import Claim, new_token, store_entries
from newsdesk.desk.leases import Held, claim_ttl, holding, job_lease
from newsdesk.desk.sources import FEED_ACCEPT, PAGE_ACCEPT, register_feed
from newsdesk.desk.websub import note_hub, slowed_check_at
from newsdesk.errors import FeedParseError, FetchError, InvalidURLError
from newsdesk.pipeline.feeds import parse_subscribed_feed
from newsdesk.pipeline.feeds.webpage import PageRecipe, parse_web_feed
from newsdesk.pipeline.fetch import Fetcher, check_url
from newsdesk.pipeline.schedule import CheckOutcome, next_check_at
from newsdesk.sources.models import Feed, FeedStatus, FetchAttempt, FetchOutcome
from newsdesk.types import FetchResult, ParsedFeed, Validators

# A sitemap index may list thousands of archive sitemaps; the first ones are the current ones.
MAX_SUB_SITEMAPS = 20
# Publication times of this many recent articles drive the adaptive interval.
ACTIVITY_SAMPLE = 20
# The outcome of a check whose claim expired before it finished: another check owns the feed.
LOST = "lost"
PRUNE_EVERY = 10
"""A feed's check log is cut back to ``FetchAttempt.KEEP_PER_FEED`` rows every this many checks
(by its check count), not at every check: the look for the cut-off is a query a check."""
CLAIM_BATCH = 200
"""Feeds claimed by one statement (SQLite allows 32,766 parameters a statement)."""


@dataclass
class CheckReport:
    feed_id: int
    outcome: str
    status: int | None = None
    error: str = ""
    entries: int = 0
    new_articles: int = 0
    claims: list[Claim] = field(default_factory=list)


@dataclass
class _Attempt:
    feed: Feed
    started_at: datetime
    token: str | None  # the check's claim on the feed; None for a crash recorded from outside
    clock: float = field(default_factory=time.monotonic)


def claim_due_feeds(now: datetime, limit: int = 2000) -> list[tuple[int, str]]:
    """Claim active feeds whose check is due: (feed id, token) for each job to enqueue.

    A batch of feeds is claimed by one statement under one token (a token only has to tell this
    claim from later ones of the same feed); a feed another scheduler claimed meanwhile is no
    longer due and stays out. Two statements a batch instead of one a feed: each is a write,
    and on SQLite every write waits its turn.
    """
    due = Feed.objects.filter(status=FeedStatus.ACTIVE, next_check_at__lte=now)
    ids = list(due.order_by("next_check_at").values_list("id", flat=True)[:limit])
    claimed: list[tuple[int, str]] = []
    for start in range(0, len(ids), CLAIM_BATCH):
        batch, token = ids[start : start + CLAIM_BATCH], new_token()
        with transaction.atomic():
            due.filter(pk__in=batch).update(claim=token, next_check_at=now + job_lease())
            mine = set(Feed.objects.filter(pk__in=batch, claim=token).values_list("id", flat=True))
            claimed.extend((pk, token) for pk in batch if pk in mine)
    return claimed


def make_feeds_due(feed_ids: list[int], now: datetime) -> int:
    """An operator's "check now": these active feeds become due, so the next scheduler pass
    (every worker runs one) claims them and enqueues their checks. Returns how many are due."""
    return Feed.objects.filter(pk__in=feed_ids, status=FeedStatus.ACTIVE).update(next_check_at=now)


def check_feed(
    feed_id: int, token: str | None, fetcher: Fetcher, now: datetime | None = None
) -> CheckReport:
    """Check one feed. ``token`` from ``claim_due_feeds``, or None to check it now regardless."""
    now = now or timezone.now()
    work_token = new_token()
    mine = Feed.objects.filter(pk=feed_id, status=FeedStatus.ACTIVE)
    if token is not None:
        mine = mine.filter(claim=token)
    if not mine.update(claim=work_token, next_check_at=now + claim_ttl()):
        return CheckReport(feed_id, "skipped")
    attempt = _Attempt(Feed.objects.get(pk=feed_id), now, work_token)  # its source: rarely read
    with holding(Held.FEED, feed_id, work_token):  # the heartbeat renews the claim
        try:
            return _check(attempt, fetcher)
        except Exception as e:
            # The feed shows the crash like any failure; the job's record keeps the traceback.
            _failed(attempt, None, f"internal error: {e!r}")
            raise


def _check(attempt: _Attempt, fetcher: Fetcher) -> CheckReport:
    feed, now = attempt.feed, attempt.started_at
    try:
        result = fetcher.fetch(
            feed.url,
            validators=Validators(feed.etag, feed.last_modified),
            accept=PAGE_ACCEPT if feed.recipe else FEED_ACCEPT,
        )
    except FetchError as e:
        return _failed(attempt, None, str(e) or type(e).__name__)
    if result.status == 410:
        return _retired(attempt, result, "the server says the feed is gone (HTTP 410)")
    if result.permanent_url and result.permanent_url != feed.url:
        _move(feed, result.permanent_url)
    if result.not_modified:
        return _succeeded(attempt, result, FetchOutcome.NOT_MODIFIED)
    if not result.ok:
        return _failed(attempt, result, f"HTTP {result.status}")
    try:
        parsed = _parse(feed, result)
    except FeedParseError as e:
        return _failed(attempt, result, str(e))
    _register_sub_sitemaps(feed, parsed.sub_sitemaps)
    note_hub(feed, result, now)  # WebSub (decision 62)
    stored = store_entries(feed, parsed.entries, now)
    report = _succeeded(
        attempt,
        result,
        FetchOutcome.OK,
        entries=len(parsed.entries),
        new_articles=stored.new,
        kind=str(parsed.kind),
    )
    report.claims = stored.claims
    if stored.failures:
        report.error = f"{len(stored.failures)} entries skipped: {stored.failures[0][1]}"
    return report


def _parse(feed: Feed, result: FetchResult) -> ParsedFeed:
    """The fetched document as a feed: a real feed, or a web feed's page read by its recipe."""
    if feed.recipe:
        recipe = PageRecipe.from_dict(feed.recipe)
        return parse_web_feed(result.content, result.final_url, recipe)
    return parse_subscribed_feed(result.content, result.final_url, result.content_type)


def record_crash(feed_id: int, error: BaseException, now: datetime | None = None) -> None:
    """A check that died of an unexpected error is recorded on the feed like any failure."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is not None:
        _failed(_Attempt(feed, now or timezone.now(), None), None, f"internal error: {error!r}")


def _register_sub_sitemaps(feed: Feed, urls: tuple[str, ...]) -> None:
    """A sitemap index lists the sitemaps that hold the articles: each becomes a feed."""
    for url in urls[:MAX_SUB_SITEMAPS]:
        try:
            register_feed(check_url(url), home_url=feed.source.home_url)
        except InvalidURLError:
            continue


def _move(feed: Feed, new_url: str) -> None:
    """Follow a permanent redirect, unless another feed already has that URL."""
    if not Feed.objects.filter(url=new_url).exclude(pk=feed.pk).exists():
        Feed.objects.filter(pk=feed.pk).update(url=new_url)
        feed.url = new_url


def _recent_times(feed: Feed) -> tuple[datetime, ...]:
    times = (
        Article.objects.filter(feed=feed, published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)[:ACTIVITY_SAMPLE]
    )
    return tuple(t for t in times if t is not None)


def _record(
    attempt: _Attempt,
    outcome: str,
    status: int | None,
    error: str,
    entries: int = 0,
    new_articles: int = 0,
) -> None:
    duration = int((time.monotonic() - attempt.clock) * 1000)
    FetchAttempt.objects.create(
        feed=attempt.feed,
        started_at=attempt.started_at,
        duration_ms=duration,
        status=status,
        outcome=outcome,
        error=error[:2000],
        entries=entries,
        new_articles=new_articles,
    )
    if (attempt.feed.check_count + 1) % PRUNE_EVERY == 0:
        _prune_attempts(attempt.feed)


def _prune_attempts(feed: Feed) -> None:
    keep = FetchAttempt.KEEP_PER_FEED
    cutoff = (
        FetchAttempt.objects.filter(feed=feed)
        .order_by("-started_at", "-id")
        .values_list("started_at", flat=True)[keep : keep + 1]
    )
    if cutoff:
        FetchAttempt.objects.filter(feed=feed, started_at__lt=cutoff[0]).delete()


def _succeeded(
    attempt: _Attempt,
    result: FetchResult,
    outcome: str,
    *,
    entries: int = 0,
    new_articles: int = 0,
    kind: str = "",
) -> CheckReport:
    feed, now = attempt.feed, attempt.started_at
    when = next_check_at(
        CheckOutcome(now, _recent_times(feed), 0, result.retry_after, random.random())
    )
    when = slowed_check_at(feed.pk, when, now)  # pushed to by a WebSub hub: poll seldom
    with transaction.atomic():
        updates: dict[str, object] = {
            "etag": result.validators.etag[:500],
            "last_modified": result.validators.last_modified[:100],
            "last_checked_at": now,
            "last_success_at": now,
            "last_status": result.status,
            "last_error": "",
            "consecutive_failures": 0,
            "next_check_at": when,
            "claim": "",
        }
        if kind:
            updates["kind"] = kind
        if not _update_counts(attempt, updates, failed=False):
            return CheckReport(feed.pk, LOST, result.status, "", entries, new_articles)
        _record(attempt, outcome, result.status, "", entries, new_articles)
    return CheckReport(feed.pk, str(outcome), result.status, "", entries, new_articles)


def _failed(attempt: _Attempt, result: FetchResult | None, error: str) -> CheckReport:
    feed, now = attempt.feed, attempt.started_at
    failures = feed.consecutive_failures + 1
    retry_after = result.retry_after if result is not None else None
    when = next_check_at(CheckOutcome(now, (), failures, retry_after, random.random()))
    status = result.status if result is not None else None
    with transaction.atomic():
        updates: dict[str, object] = {
            "last_checked_at": now,
            "last_status": status,
            "last_error": error[:2000],
            "consecutive_failures": failures,
            "next_check_at": when,
            "claim": "",
        }
        if not _update_counts(attempt, updates, failed=True):
            return CheckReport(feed.pk, LOST, status, error)
        _record(attempt, FetchOutcome.ERROR, status, error)
    return CheckReport(feed.pk, str(FetchOutcome.ERROR), status, error)


def _retired(attempt: _Attempt, result: FetchResult, reason: str) -> CheckReport:
    feed, now = attempt.feed, attempt.started_at
    with transaction.atomic():
        updates: dict[str, object] = {
            "status": FeedStatus.RETIRED,
            "status_reason": reason,
            "last_checked_at": now,
            "last_status": result.status,
            "last_error": reason,
            "claim": "",
        }
        if not _update_counts(attempt, updates, failed=True):
            return CheckReport(feed.pk, LOST, result.status, reason)
        _record(attempt, FetchOutcome.RETIRED, result.status, reason)
    return CheckReport(feed.pk, str(FetchOutcome.RETIRED), result.status, reason)


def _update_counts(attempt: _Attempt, updates: dict[str, object], *, failed: bool) -> bool:
    """Write the check's result if the check still holds its feed; whether it did."""
    updates["check_count"] = F("check_count") + 1
    if failed:
        updates["error_count"] = F("error_count") + 1
    mine = Feed.objects.filter(pk=attempt.feed.pk)
    if attempt.token is not None:
        mine = mine.filter(claim=attempt.token)
    return bool(mine.update(**updates))

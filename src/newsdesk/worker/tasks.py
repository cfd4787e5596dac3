"""Jobs on the django-tasks queue (database or Redis backend): check a batch of feeds, process an
article, place articles into stories, fetch a source's logo, sweep unused kept images. (The
image job, ``desk.media.fetch_image_job``, is queued by the article job and by the scheduler.)

A job carries the claim token the scheduler gave it; a job whose token is stale does nothing, so a
job queued twice, or run after its lease passed, never processes an item twice. Each job logs one
line when it ends (``desk.joblog``); a batch of feed checks logs one line per feed.

Due feeds are checked ``FEED_BATCH`` to a job: what the queue costs per job (claiming it,
recording its result) is then paid once a batch, while each feed keeps its own check, record,
log line and failure: a feed that fails, or crashes, never stops the others of its batch.
"""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from newsdesk.desk.articles import Claim, Outcome, last_error, process_article
from newsdesk.desk.body_images import queue_body_images
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.headlines import queue_neutral_title
from newsdesk.desk.joblog import log_job, logged_job
from newsdesk.desk.logos import LogoOutcome, icon_policy, refresh_logo
from newsdesk.desk.logos import last_error as logo_error
from newsdesk.desk.media import queue_article_image
from newsdesk.desk.media_sweep import run_media_sweep
from newsdesk.desk.readers.push import notify_rule_catches
from newsdesk.desk.runtime import get_fetcher
from newsdesk.desk.stories import run_story_work
from newsdesk.pipeline.fetch import Fetcher

FEEDS_QUEUE = "feeds"
ARTICLES_QUEUE = "articles"
STORIES_QUEUE = "stories"
# Article outcomes whose error text is worth the log line.
ENQUEUE_BATCH = 200
# Feed checks per job: a 304 check costs about as much as the queue's own work for a job.
FEED_BATCH = 20
WITH_ERROR = (Outcome.RETRY, Outcome.FAILED, Outcome.FEED)


logger = logging.getLogger(__name__)


@task(queue_name=FEEDS_QUEUE)
@logged_job("feed_check", item="feed")
def check_feed_job(feed_id: int, token: str) -> dict[str, object]:
    """One feed's check (jobs queued before checks were batched, and ``newsdesk`` tools)."""
    return _check_one(feed_id, token)


@task(queue_name=FEEDS_QUEUE)
def check_feeds_job(claims: list[list[int | str]]) -> dict[str, object]:
    """The checks of a batch of claimed feeds, ``[feed id, token]`` each, one after another.

    Each check logs its own line, as ``check_feed_job`` does. A check that raises has recorded
    the failure on its feed (``check_feed`` does before it raises); it is logged with its
    traceback and the batch goes on. The job's result counts the outcomes.
    """
    outcomes: dict[str, int] = {}
    for feed_id, token in claims:
        outcome = _logged_check(int(feed_id), str(token))
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {"outcome": "done", "feeds": len(claims), "outcomes": outcomes}


def _logged_check(feed_id: int, token: str) -> str:
    started = time.perf_counter()
    try:
        result = _check_one(feed_id, token)
    except Exception as e:
        logger.exception("check of feed %s crashed", feed_id)
        log_job("feed_check", "feed", feed_id, "crashed", started, error=repr(e))
        return "crashed"
    outcome = str(result["outcome"])
    log_job("feed_check", "feed", feed_id, outcome, started, error=str(result["error"] or ""))
    return outcome


def _check_one(feed_id: int, token: str) -> dict[str, object]:
    report = check_feed(feed_id, token, get_fetcher())
    enqueue_articles(report.claims)
    return {
        "outcome": report.outcome,
        "status": report.status,
        "new": report.new_articles,
        "error": report.error,
    }


@task(queue_name=ARTICLES_QUEUE)
@logged_job("article", item="article")
def process_article_job(article_id: int, token: str) -> dict[str, object]:
    outcome = process_article(Claim(article_id, token), get_fetcher())
    if outcome in (Outcome.PAGE, Outcome.FEED):
        queue_article_image(article_id)
        queue_body_images(article_id)
        queue_neutral_title(article_id)
        notify_rule_catches(article_id, timezone.now())
    error = last_error(article_id) if outcome in WITH_ERROR else ""
    return {"outcome": str(outcome), "error": error}


@task(queue_name=STORIES_QUEUE)
@logged_job("stories")
def place_stories_job(token: str) -> dict[str, object]:
    work = run_story_work(token)
    return {"outcome": work.outcome, "placed": work.placed, "merged": work.merged}


# Logo fetches are few (one per source a month) and short, like feed checks: they share a queue.
@task(queue_name=FEEDS_QUEUE)
@logged_job("logo", item="source")
def refresh_logo_job(source_id: int, token: str) -> dict[str, object]:
    with Fetcher(icon_policy()) as fetcher:  # the shared fetcher's caps are a page's
        outcome = refresh_logo(source_id, token, fetcher, timezone.now())
    error = logo_error(source_id) if outcome == LogoOutcome.NONE else ""
    return {"outcome": str(outcome), "error": error}


# Once a day: the kept images nothing shows any more (desk.media_sweep).
@task(queue_name=FEEDS_QUEUE)
@logged_job("media-sweep")
def sweep_media_job(token: str) -> dict[str, object]:
    report = run_media_sweep(token)
    if report is None:
        return {"outcome": "skipped"}
    return {"outcome": "done", "rows": report.rows, "files": report.files, "bytes": report.bytes}


def enqueue_articles(claims: list[Claim]) -> None:
    for claim in claims:
        process_article_job.enqueue(claim.article_id, claim.token)


def enqueue_feed_checks(claims: list[tuple[int, str]]) -> None:
    """Queue the checks, ``FEED_BATCH`` feeds a job, the jobs of ``ENQUEUE_BATCH`` claims a
    transaction (one write instead of one a job on the database queue; nothing changes for
    Redis)."""
    for start in range(0, len(claims), ENQUEUE_BATCH):
        chunk = claims[start : start + ENQUEUE_BATCH]
        with transaction.atomic():
            for first in range(0, len(chunk), FEED_BATCH):
                batch = chunk[first : first + FEED_BATCH]
                check_feeds_job.enqueue([[feed_id, token] for feed_id, token in batch])


def enqueue_logos(claims: list[tuple[int, str]]) -> None:
    for source_id, token in claims:
        refresh_logo_job.enqueue(source_id, token)

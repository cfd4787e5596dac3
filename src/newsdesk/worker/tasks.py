"""Jobs on the django-tasks queue (database or Redis backend): check a feed, process an article,
place articles into stories, fetch a source's logo. (The image job,
``desk.media.fetch_image_job``, is queued by the article job and by the scheduler.)

A job carries the claim token the scheduler gave it; a job whose token is stale does nothing, so a
job queued twice, or run after its lease passed, never processes an item twice. Each job logs one
line when it ends (``desk.joblog``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from newsdesk.desk.articles import Claim, Outcome, last_error, process_article
from newsdesk.desk.body_images import queue_body_images
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.headlines import queue_neutral_title
from newsdesk.desk.joblog import logged_job
from newsdesk.desk.logos import LogoOutcome, icon_policy, refresh_logo
from newsdesk.desk.logos import last_error as logo_error
from newsdesk.desk.media import queue_article_image
from newsdesk.desk.readers.push import notify_rule_catches
from newsdesk.desk.runtime import get_fetcher
from newsdesk.desk.stories import run_story_work
from newsdesk.pipeline.fetch import Fetcher

FEEDS_QUEUE = "feeds"
ARTICLES_QUEUE = "articles"
STORIES_QUEUE = "stories"
# Article outcomes whose error text is worth the log line.
ENQUEUE_BATCH = 200
WITH_ERROR = (Outcome.RETRY, Outcome.FAILED, Outcome.FEED)


@task(queue_name=FEEDS_QUEUE)
@logged_job("feed_check", item="feed")
def check_feed_job(feed_id: int, token: str) -> dict[str, object]:
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


def enqueue_articles(claims: list[Claim]) -> None:
    for claim in claims:
        process_article_job.enqueue(claim.article_id, claim.token)


def enqueue_feed_checks(claims: list[tuple[int, str]]) -> None:
    """Queue a check per claim, a batch of jobs a transaction (one write instead of one a job on
    the database queue; nothing changes for Redis)."""
    for start in range(0, len(claims), ENQUEUE_BATCH):
        with transaction.atomic():
            for feed_id, token in claims[start : start + ENQUEUE_BATCH]:
                check_feed_job.enqueue(feed_id, token)


def enqueue_logos(claims: list[tuple[int, str]]) -> None:
    for source_id, token in claims:
        refresh_logo_job.enqueue(source_id, token)

"""Jobs on the django-tasks queue (database backend): check a feed, process an article, place
articles into stories.

A job carries the claim token the scheduler gave it; a job whose token is stale does nothing, so a
job queued twice, or run after its lease passed, never processes an item twice.
"""

from __future__ import annotations

from django_tasks import task

from newsdesk.desk.articles import Claim, process_article
from newsdesk.desk.feeds import check_feed, record_crash
from newsdesk.desk.runtime import get_fetcher
from newsdesk.desk.stories import run_story_work

FEEDS_QUEUE = "feeds"
ARTICLES_QUEUE = "articles"
STORIES_QUEUE = "stories"


@task(queue_name=FEEDS_QUEUE)
def check_feed_job(feed_id: int, token: str) -> dict[str, object]:
    try:
        report = check_feed(feed_id, token, get_fetcher())
    except Exception as e:
        record_crash(feed_id, e)  # the feed shows it; the job record keeps the traceback
        raise
    enqueue_articles(report.claims)
    return {"outcome": report.outcome, "status": report.status, "new": report.new_articles}


@task(queue_name=ARTICLES_QUEUE)
def process_article_job(article_id: int, token: str) -> str:
    return str(process_article(Claim(article_id, token), get_fetcher()))


@task(queue_name=STORIES_QUEUE)
def place_stories_job(token: str) -> dict[str, object]:
    work = run_story_work(token)
    return {"placed": work.placed, "merged": work.merged}


def enqueue_articles(claims: list[Claim]) -> None:
    for claim in claims:
        process_article_job.enqueue(claim.article_id, claim.token)


def enqueue_feed_checks(claims: list[tuple[int, str]]) -> None:
    for feed_id, token in claims:
        check_feed_job.enqueue(feed_id, token)

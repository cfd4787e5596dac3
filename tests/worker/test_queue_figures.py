"""The queue figures readiness and the metrics read (``desk.queue``), on each queue backend:
jobs waiting per queue and how long the oldest has waited, from the queue's own store."""

from __future__ import annotations

import time

import pytest

from newsdesk.desk.queue import queue_figures
from newsdesk.worker.tasks import check_feed_job, process_article_job


@pytest.mark.django_db
@pytest.mark.usefixtures("in_process_queue")
def test_waiting_jobs_are_counted_per_queue_with_the_oldest_wait() -> None:
    empty = queue_figures()
    assert empty.total == 0 and empty.oldest_due_age is None
    assert {"feeds", "articles", "stories"} <= set(empty.depth)

    check_feed_job.enqueue(1, "token-a")
    check_feed_job.enqueue(2, "token-b")
    process_article_job.enqueue(3, "token-c")
    time.sleep(1.1)
    figures = queue_figures()
    assert figures.depth["feeds"] == 2 and figures.depth["articles"] == 1
    assert figures.depth["stories"] == 0 and figures.total == 3
    assert figures.oldest_due_age is not None and 1.0 <= figures.oldest_due_age < 30

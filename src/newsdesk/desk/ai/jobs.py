"""The model job: write a pending summary with the language model, on the "ai" queue.

It lives on the desk, not in the worker package, because pages queue it (the web layer may not
import the worker); any worker process runs it. A run that fails with a model error is queued
again until the summary's attempts are used up; an unreachable model fails it at once.
"""

from __future__ import annotations

from django_tasks import task

from newsdesk.desk.ai.service import MAX_ATTEMPTS, requeue, run_summary
from newsdesk.desk.joblog import logged_job
from newsdesk.summaries.models import Summary, SummaryStatus

AI_QUEUE = "ai"


@task(queue_name=AI_QUEUE)
@logged_job("summary", item="summary")
def write_summary_job(summary_id: int) -> str:
    status = run_summary(summary_id)
    summary = Summary.objects.filter(pk=summary_id).only("status", "attempts").first()
    if summary and summary.status == SummaryStatus.FAILED and summary.attempts < MAX_ATTEMPTS:
        requeue(summary)
        write_summary_job.enqueue(summary_id)
        return "retrying"
    return str(status)


def enqueue_summary(summary_id: int) -> None:
    write_summary_job.enqueue(summary_id)

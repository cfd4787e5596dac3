"""The heartbeat of each worker process that runs jobs from the database queue.

django-tasks-db records which worker claimed a job, not whether that worker is still alive. Each
worker process writes its beat here every few seconds; a job "running" under a process whose beat
is older than the claim TTL lost its worker (``kill -9``, a crash, a lost machine).
"""

from django.db import models


class WorkerBeat(models.Model):
    """One worker process: the prefix of its queue workers' ids, and when it last beat."""

    process = models.CharField(max_length=32, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.IntegerField(default=0)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.process} ({self.host} pid {self.pid})"

"""Stored AI output (a ``Summary``) and the record of model calls that budgets and limits count.

A ``Summary`` is one engine's answer to one task about one version of an article or a story:
``key`` digests the target, the task, the question, the engine and the version (a digest of the
text the engine read), so a changed article or a grown story gets a new one and an unchanged
one is served from here. ``result`` holds the cited sentences exactly as the engine gave them,
with the faithfulness check's verdict on each.

An ``AiCall`` row is written for every call to a model endpoint (never for the extractive
engine): the daily budget counts the day's rows, a reader's rate limit counts theirs of the
last hour.
"""

from __future__ import annotations

from django.db import models

from newsdesk.articles.models import Article
from newsdesk.stories.models import Story


class SummaryStatus(models.TextChoices):
    PENDING = "pending", "being written"
    READY = "ready", "ready"
    FAILED = "failed", "failed"


class Summary(models.Model):
    key = models.CharField(max_length=64, unique=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="summaries"
    )
    task = models.CharField(max_length=16)
    question = models.TextField(blank=True)
    language = models.CharField(max_length=16, blank=True)
    since = models.DateTimeField(null=True, blank=True)
    engine = models.CharField(max_length=120)
    version = models.CharField(max_length=32)
    status = models.CharField(
        max_length=8, choices=SummaryStatus.choices, default=SummaryStatus.PENDING
    )
    result = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "summaries"

    def __str__(self) -> str:
        target = f"article {self.article_id}" if self.article_id else f"story {self.story_id}"
        return f"{self.task} of {target} by {self.engine} ({self.status})"


class AiCall(models.Model):
    reader = models.CharField(max_length=64)
    at = models.DateTimeField()
    summary = models.ForeignKey(Summary, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["at"], name="ai_call_day"),
            models.Index(fields=["reader", "at"], name="ai_call_reader"),
        ]


class GateTally(models.Model):
    """The sentences the faithfulness check judged on one day for one engine and task: how
    many it checked and how many it withheld from readers. ``engine`` is the engine's name
    with its model ("llm:qwen2.5-7b-instruct"). Counts only: no text is kept here."""

    day = models.DateField()
    engine = models.CharField(max_length=120)
    task = models.CharField(max_length=16)
    checked = models.PositiveIntegerField(default=0)
    withheld = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "engine", "task"], name="gate_tally_unique")
        ]


class GateReason(models.Model):
    """How many withheld sentences of one day, engine and task the check gave one reason for
    (``pipeline.summarize.gate_reasons``); a sentence with two reasons counts under both."""

    day = models.DateField()
    engine = models.CharField(max_length=120)
    task = models.CharField(max_length=16)
    reason = models.CharField(max_length=24)
    sentences = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "engine", "task", "reason"], name="gate_reason_unique"
            )
        ]

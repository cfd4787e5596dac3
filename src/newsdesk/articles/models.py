"""Article (one published piece, identified by its canonical URL) and BoilerplateLine.

``url_hash`` (of the canonical URL) is unique: the same article from two feeds, or fetched twice,
is one row. A pending article is claimed by setting ``claimed_until`` (a lease) so two workers never
process it at once, and a worker killed mid-way leaves a lease that simply expires.
"""

from __future__ import annotations

from django.db import models

from newsdesk.sources.models import Feed, Source


class ArticleStatus(models.TextChoices):
    PENDING = "pending", "Waiting for its page"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class BodyOrigin(models.TextChoices):
    PAGE = "page", "Extracted from the page"
    FEED = "feed", "Taken from the feed"
    NONE = "none", "No body"


class Article(models.Model):
    url = models.TextField()
    url_hash = models.CharField(max_length=32, unique=True)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="articles")
    feed = models.ForeignKey(
        Feed, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    guid = models.TextField(blank=True)
    title = models.TextField(blank=True)
    byline = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    description = models.TextField(blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    image_url = models.TextField(blank=True)
    body_origin = models.CharField(
        max_length=8, choices=BodyOrigin.choices, default=BodyOrigin.NONE
    )
    status = models.CharField(
        max_length=8, choices=ArticleStatus.choices, default=ArticleStatus.PENDING
    )
    # Hash of the feed entry as last seen: a change means the item was re-published.
    entry_hash = models.CharField(max_length=32, blank=True)
    content_hash = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Token of the job that owns the article now, and until when (see the module docstring).
    claim = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "claimed_until"], name="article_work"),
            # Every reader's list is "ready articles, newest first", for all or for one source.
            models.Index(fields=["status", "-published_at", "-id"], name="article_ready_newest"),
            models.Index(
                fields=["source", "status", "-published_at", "-id"], name="article_source_ready"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class BoilerplateLine(models.Model):
    """How many pages of a source a normalised line was seen on (boilerplate learning)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="boilerplate")
    fingerprint = models.CharField(max_length=32)
    pages = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "fingerprint"], name="boilerplate_unique")
        ]

"""Story, an article's Placement in one, the keys that find candidates, and kept corrections.

Placement is kept beside Article (one row per placed article) rather than as columns of the
article table, so the article table and its full-text triggers stay as they are.

- ``Story``: a group of articles about one event. A merged story keeps its row with
  ``merged_into`` set, so its address keeps working.
- ``Placement``: the story an article is in, how well it fitted, the article it copies
  (``duplicate_of``: the same text published again, shown once), and the raw features, embedding
  and MinHash signature the deciders need again later.
- ``StoryKey``: blocking keys of a story's articles with the last time each was seen, so a new
  article finds the recent stories that share a strong term, through an index.
- ``DuplicateKey``: MinHash band keys of articles, to find earlier copies of a text.
- ``Correction``: an operator's merge, split or move, kept so later passes respect it.
- ``StoryListVersion``: numbers a reader of kept data compares with, one row each: the story
  list's (``STORY_LIST``) grows after every change to what story lists show, so a stored list
  answer is keyed by the data it was made from (decision 55); the site-wide rules'
  (``SITE_RULES``) takes a new value whenever one of them changes (decision 65).
"""

from __future__ import annotations

import secrets

from django.db import models

from newsdesk.articles.models import Article


class Story(models.Model):
    headline = models.TextField(blank=True)
    lead_article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    article_count = models.PositiveIntegerField(default=0)
    source_count = models.PositiveIntegerField(default=0)
    first_published_at = models.DateTimeField(null=True, blank=True)
    last_published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    profile = models.JSONField(default=dict)
    embedding = models.BinaryField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "stories"
        indexes = [
            models.Index(
                fields=["merged_into", "-last_published_at", "-source_count"],
                name="story_live_newest",
            )
        ]

    def __str__(self) -> str:
        return self.headline or f"story {self.pk}"


class Placement(models.Model):
    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="placement"
    )
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="placements")
    score = models.FloatField(null=True, blank=True)
    shared_entities = models.JSONField(default=list)
    duplicate_of = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    features = models.JSONField(default=dict)
    embedding = models.BinaryField(null=True, blank=True)
    signature = models.BinaryField(null=True, blank=True)
    pinned = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    placed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["story", "published_at"], name="placement_timeline"),
        ]


class StoryKey(models.Model):
    key = models.BigIntegerField()
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="keys")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "story"], name="story_key_unique"),
        ]
        indexes = [models.Index(fields=["key", "seen_at"], name="story_key_recent")]


class DuplicateKey(models.Model):
    key = models.BigIntegerField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "published_at"], name="duplicate_key_recent")]


class CorrectionKind(models.TextChoices):
    MERGE = "merge", "merge"
    SPLIT = "split", "split"
    MOVE = "move", "move"


class Correction(models.Model):
    kind = models.CharField(max_length=8, choices=CorrectionKind.choices)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    to_story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    made_by = models.CharField(max_length=150, blank=True)
    note = models.TextField(blank=True)
    made_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.from_story_id} -> {self.to_story_id}"


class DeskLease(models.Model):
    """A named lease one worker holds at a time (story placement runs in one place at once)."""

    name = models.CharField(max_length=32, primary_key=True)
    holder = models.CharField(max_length=32, blank=True)
    until = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)


class StoryListVersion(models.Model):
    """Row ``STORY_LIST`` (id 1): raised by the desk after a change to what the story lists show.
    Row ``SITE_RULES`` (id 2): renewed with a value it never had (``renew``) whenever a site-wide
    rule or what it muted changes, so each process may keep the site-wide rules it read."""

    STORY_LIST = 1
    SITE_RULES = 2

    number = models.BigIntegerField(default=0)

    @staticmethod
    def renew(row: int) -> None:
        """Give ``row`` a random number, in the caller's transaction: a value no earlier reader
        can have kept data under, even after a rolled-back change or a restored database."""
        number = secrets.randbits(62) + 1
        rows = StoryListVersion.objects.filter(pk=row)
        if not rows.update(number=number):
            StoryListVersion.objects.bulk_create(
                [StoryListVersion(pk=row, number=number)], ignore_conflicts=True
            )
            rows.update(number=number)  # the row may have been made beside ours


class StoryClaims(models.Model):
    """A story's claim map (``pipeline.claims``), kept until the story's articles change.

    ``version`` digests the articles read (as a story brief's version does); a page or the API
    finding another version computes the map again and replaces ``result``.
    """

    story = models.OneToOneField(
        Story, on_delete=models.CASCADE, primary_key=True, related_name="claim_map"
    )
    version = models.CharField(max_length=32)
    result = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "story claims"

    def __str__(self) -> str:
        return f"claims of story {self.story_id}"

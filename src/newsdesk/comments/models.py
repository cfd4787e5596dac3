"""Comment, CommentReport and BlockedWord.

One thread per story: a comment belongs to a Story, so every copy and every article of the story
shows the same thread; when stories merge, their comments move to the story that stays. A reply
points at its parent. Bodies are plain text, kept as written (links are made clickable and
everything else escaped when shown). Changes go through ``newsdesk.desk.comments``.

Status: ``visible``; ``held`` (kept back by the spam and abuse checks, or by reports, until a
moderator decides); ``hidden`` (a moderator took it down); ``deleted`` (by its author, or with the
author's account: the text is gone, the place in the thread stays for its replies).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from newsdesk.stories.models import Story


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for moderation"
    HIDDEN = "hidden", "Hidden by a moderator"
    DELETED = "deleted", "Deleted by its author"


class Comment(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    # None once the author deleted their account: the comment stays as "[deleted]".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    body = models.TextField()
    status = models.CharField(
        max_length=8, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    # Why the checks or the reports held it, or why a moderator hid it.
    status_reason = models.CharField(max_length=200, blank=True)
    # A keyed hash of the poster's IP address: enough for per-address limits, not the address.
    ip_hash = models.CharField(max_length=64, blank=True)
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["story", "created_at"], name="comment_thread"),
            models.Index(fields=["author", "-created_at"], name="comment_author_newest"),
            models.Index(fields=["ip_hash", "-created_at"], name="comment_ip_newest"),
            models.Index(fields=["status", "-report_count"], name="comment_queue"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="report_once")]


class BlockedWord(models.Model):
    """A word or phrase that holds a comment for moderation (matched as whole words, any case)."""

    word = models.CharField(max_length=100, unique=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

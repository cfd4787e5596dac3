"""Rules: a reader's filters and mutes (decision 57), and what each caught.

- ``Rule``: a reader's rule (``user`` set) or an operator's site-wide rule (``user`` null, which
  applies to every reader and to anonymous pages). Its conditions are lists of values (``terms``,
  ``unless``, ``sources``, ``folders``, ``topics``, ``places``, ``languages``, ``authors``),
  ``field`` says where terms are looked for (title, body or both), ``regex`` makes the terms
  regular expressions. ``action`` is what it does: hide, mute the story for good, highlight,
  file under ``folder``, notify. A disabled rule (``enabled`` false) is kept but does nothing.
- ``RuleCatch``: an article a rule caught where the catch has consequences beyond one page:
  a story muted for good (``story_id``), a notification asked for. ``(rule, article)`` is
  unique, so a catch is recorded (and notified) once.

Saving or deleting a site-wide rule renews ``StoryListVersion.SITE_RULES`` in the same
transaction, so every process that keeps the site-wide rules reads them again (decision 65).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy

from newsdesk.articles.models import Article
from newsdesk.stories.models import StoryListVersion


class RuleAction(models.TextChoices):
    HIDE = "hide", gettext_lazy("Hide")
    MUTE_STORY = "mute_story", gettext_lazy("Mute the story for good")
    HIGHLIGHT = "highlight", gettext_lazy("Highlight")
    FOLDER = "folder", gettext_lazy("Put in a folder")
    NOTIFY = "notify", gettext_lazy("Notify me")


class RuleField(models.TextChoices):
    BOTH = "both", gettext_lazy("Title and body")
    TITLE = "title", gettext_lazy("Title only")
    BODY = "body", gettext_lazy("Body only")


class Rule(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
    )
    name = models.CharField(max_length=100, blank=True)
    terms = models.JSONField(default=list, blank=True)
    field = models.CharField(max_length=8, choices=RuleField.choices, default=RuleField.BOTH)
    regex = models.BooleanField(default=False)
    unless = models.JSONField(default=list, blank=True)
    sources = models.JSONField(default=list, blank=True)
    folders = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    places = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    authors = models.JSONField(default=list, blank=True)
    action = models.CharField(max_length=12, choices=RuleAction.choices, default=RuleAction.HIDE)
    folder = models.CharField(max_length=200, blank=True)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["user", "enabled"], name="rule_of_reader")]

    def __str__(self) -> str:
        return self.name or f"Rule {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            if self.user_id is None:
                StoryListVersion.renew(StoryListVersion.SITE_RULES)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            if self.user_id is None:
                StoryListVersion.renew(StoryListVersion.SITE_RULES)
        return deleted


class RuleCatch(models.Model):
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="catches")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    story_id = models.IntegerField(null=True, blank=True)  # set when the story is muted for good
    caught_at = models.DateTimeField()

    class Meta:
        ordering = ["-caught_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["rule", "article"], name="rule_catch_once")]

"""A reader's profile, follows, mutes, saved articles, read marks and access tokens.

Accounts themselves are Django's ``auth.User`` (signed up and signed in through django-allauth);
``Reader`` is the one-to-one profile beside it with what the news product needs: the role, the
region, languages and time zone, and a ban. Changes go through ``newsdesk.desk.readers``, which
also keeps ``is_staff`` / ``is_superuser`` in step with the role.

- ``Follow``: a reader follows a source (value: its slug), a story (its id), a topic (a term) or
  a region (a place name). One table, so the "For you" ranking reads one query.
- ``Mute``: a source the reader never wants to see.
- ``Folder``: a reader's folder of followed sources (a category of OPML files, a label of the
  Google Reader API). A source may sit in several folders; nested folders are one name with "/"
  between the levels ("News/World"), as OPML's categories are written.
- ``SavedArticle``: the reading list (the web app's offline list syncs with it); "starred" in the
  feed-reader protocols.
- ``ReadMark``: an article the reader opened or marked read: reading history and the read state
  of the feed-reader protocols.
- ``PlaybackPosition``: where a reader stopped in an article's sound or video (the resume
  position of the player), kept by the page while it plays and by apps through the API.
- ``ApiToken``: a secret for an app, kept only as its SHA-256; ``scope`` says what it opens (the
  JSON API, the private "For you" feed, or the feed-reader protocols).
- ``DigestPlan``, ``DigestSend``: e-mail digests (``readers/digests.py``).
- ``Webhook``, ``WebhookDelivery``, ``WebhookAttempt``: webhooks (``readers/webhooks.py``).
- ``PushKey``, ``PushSubscription``, ``PushSettings``, ``PushNotice``, ``PushDelivery``: Web Push
  notifications (``readers/push.py``).
- ``Rule``, ``RuleCatch``: filters and mutes (``readers/rules.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from newsdesk.articles.models import Article

# The digest models live in their own module; imported here so Django finds them.
from newsdesk.readers.digests import DigestPlan as DigestPlan
from newsdesk.readers.digests import DigestSend as DigestSend
from newsdesk.readers.push import PushDelivery as PushDelivery
from newsdesk.readers.push import PushKey as PushKey
from newsdesk.readers.push import PushNotice as PushNotice
from newsdesk.readers.push import PushSettings as PushSettings
from newsdesk.readers.push import PushSubscription as PushSubscription
from newsdesk.readers.rules import Rule as Rule
from newsdesk.readers.rules import RuleCatch as RuleCatch
from newsdesk.readers.webhooks import Webhook as Webhook
from newsdesk.readers.webhooks import WebhookAttempt as WebhookAttempt
from newsdesk.readers.webhooks import WebhookDelivery as WebhookDelivery
from newsdesk.sources.models import Source


class Role(models.TextChoices):
    READER = "reader", "Reader"
    MODERATOR = "moderator", "Moderator"
    ADMIN = "admin", "Admin"


class Reader(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="reader"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.READER)
    region = models.CharField(max_length=100, blank=True)
    # Language codes the reader reads, most preferred first, e.g. ["en", "fr"].
    languages = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    # How others see the reader (comments, the API); empty: "Reader <number>". Never the e-mail.
    display_name = models.CharField(max_length=40, blank=True)
    # The name case-folded (Unicode, not ASCII only as the databases' own comparisons): unique.
    display_key = models.CharField(max_length=80, blank=True)
    banned_at = models.DateTimeField(null=True, blank=True)
    ban_reason = models.CharField(max_length=500, blank=True)
    # Fever's api_key is md5("email:password") of a password set for feed-reader apps; the
    # protocol fixes that, so it is kept apart from the account password.
    fever_key = models.CharField(max_length=32, blank=True, db_index=True)
    # The same app password, hashed like account passwords, for the Google Reader ClientLogin.
    app_password = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["display_key"],
                condition=~models.Q(display_key=""),
                name="display_name_once",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def banned(self) -> bool:
        return self.banned_at is not None


class FollowKind(models.TextChoices):
    SOURCE = "source", gettext_lazy("Source")
    STORY = "story", gettext_lazy("Story")
    TOPIC = "topic", gettext_lazy("Topic")
    REGION = "region", gettext_lazy("Region")


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(max_length=8, choices=FollowKind.choices)
    value = models.CharField(max_length=200)
    # A followed source's name as this reader calls it in feed-reader apps; empty: its own name.
    title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "value"], name="follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.kind} {self.value}"


class Mute(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes"
    )
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "source"], name="mute_once")]


class Folder(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="folders"
    )
    name = models.CharField(max_length=200)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="folder_once")]

    def __str__(self) -> str:
        return self.name


class SavedArticle(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["-saved_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="save_once")]
        indexes = [models.Index(fields=["user", "-saved_at"], name="saved_newest")]


class ReadMark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reads"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="read_once")]
        indexes = [models.Index(fields=["user", "-read_at"], name="read_newest")]


class PlaybackPosition(models.Model):
    """Where a reader stopped in an article's first audio or video file, in seconds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="playback"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    seconds = models.FloatField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="playback_once")]


class TokenScope(models.TextChoices):
    API = "api", gettext_lazy("JSON API")
    FEED = "feed", gettext_lazy("Private feed")
    READER_APP = "reader_app", gettext_lazy("Feed-reader app")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(max_length=100, blank=True)
    scope = models.CharField(max_length=10, choices=TokenScope.choices, default=TokenScope.API)
    # SHA-256 of the secret, hex; the secret itself is shown once and never stored.
    key_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the secret, to tell tokens apart in lists.
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.scope})"

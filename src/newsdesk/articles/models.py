"""Article (one published piece, identified by its canonical URL), BoilerplateLine,
CachedImage (a publisher's image, the lead image or one inside a body, as newsdesk keeps and
serves it), and Enclosure (a sound or video file an article's feed item carried).

``url_hash`` (of the canonical URL) is unique: the same article from two feeds, or fetched twice,
is one row. A pending article is claimed by setting ``claimed_until`` (a lease) so two workers never
process it at once, and a worker killed mid-way leaves a lease that simply expires.

A newsletter delivered to a reader's address is an article ``private_to`` that reader
(decision 67): ``Article.objects`` never returns one, so every page, feed, search, story and job
leaves it out; ``Article.everything`` has them all, for the places that show a reader their own.
Its ``url_hash`` is of the reader and the address together, so it never meets a public article.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet

from newsdesk.sources.models import Feed, Source


class ArticleStatus(models.TextChoices):
    PENDING = "pending", "Waiting for its page"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class BodyOrigin(models.TextChoices):
    PAGE = "page", "Extracted from the page"
    FEED = "feed", "Taken from the feed"
    NONE = "none", "No body"


class ImageStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be fetched"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class CachedImage(models.Model):
    """One image address (``url``) as fetched, re-encoded and kept in the data directory.

    Articles share it by address (``Article.image`` for lead images, ``Article.body_images``
    for those inside bodies). ``variants`` lists the files made from it,
    each named by the SHA-256 of its bytes (``desk.media``): width, height, type and size. A
    failed image keeps its ``last_error`` and is tried again at ``next_try_at`` (never, when
    null), so a page view never fetches. ``claim`` and ``next_try_at`` make the fetch job's
    lease as for articles (decision 2).
    """

    url = models.TextField()
    url_hash = models.CharField(max_length=32, unique=True)
    status = models.CharField(
        max_length=8, choices=ImageStatus.choices, default=ImageStatus.PENDING
    )
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    source_format = models.CharField(max_length=8, blank=True)
    source_bytes = models.PositiveIntegerField(null=True, blank=True)
    variants = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claim = models.CharField(max_length=32, blank=True)
    next_try_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_try_at"], name="cachedimage_due")]

    def __str__(self) -> str:
        return self.url


def yours(user: object) -> models.Q:
    """Articles ``user`` may have: every public one, and their own newsletters."""
    if getattr(user, "is_authenticated", False):
        return models.Q(private_to__isnull=True) | models.Q(private_to=user)
    return models.Q(private_to__isnull=True)


class PublicArticles(models.Manager["Article"]):
    """Articles everyone may see: never a newsletter private to a reader."""

    def get_queryset(self) -> QuerySet[Article]:
        return super().get_queryset().filter(private_to__isnull=True)


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
    # The kept copy of image_url, linked by desk.media (null until then, and without an image).
    # No index of its own: the partial index below serves the one query on it, and a general
    # one would be chosen instead for "image IS NULL", scanning every article without an image.
    image = models.ForeignKey(
        CachedImage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        db_index=False,
    )
    # The kept copies of the images inside ``html`` (desk.body_images), linked by the article
    # job or the scheduler's sweep, at ``body_images_linked_at``: null until then, and again
    # whenever ``html`` changes (nullable, so adding it altered no table: see articles.0006).
    body_images = models.ManyToManyField(CachedImage, blank=True, related_name="bodies")
    body_images_linked_at = models.DateTimeField(null=True, blank=True)
    body_origin = models.CharField(
        max_length=8, choices=BodyOrigin.choices, default=BodyOrigin.NONE
    )
    status = models.CharField(
        max_length=8, choices=ArticleStatus.choices, default=ArticleStatus.PENDING
    )
    # Whether the headline is clickbait, judged by pipeline.headlines when the article is stored
    # (null: not judged, as for headlines in languages the model does not read); pages show a
    # label and never judge again.
    clickbait = models.BooleanField(null=True, blank=True)
    # A neutral headline a language model wrote from the body of a clickbait one, as
    # {"text": ..., "cites": [sentence ids]} (null without), and when the model was asked.
    neutral_title = models.JSONField(null=True, blank=True)
    neutral_title_at = models.DateTimeField(null=True, blank=True)
    # These three columns are nullable so adding them altered no table (see articles.0007).
    # Hash of the feed entry as last seen: a change means the item was re-published.
    entry_hash = models.CharField(max_length=32, blank=True)
    content_hash = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Token of the job that owns the article now, and until when (see the module docstring).
    claim = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    # The reader a newsletter was delivered to (see the module docstring); null: public. Its
    # index is partial, so "private_to IS NULL" (every public list) is never sent through it.
    private_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicArticles()
    everything = models.Manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        default_manager_name = "objects"
        base_manager_name = "everything"
        indexes = [
            models.Index(
                fields=["private_to", "-published_at"],
                condition=models.Q(private_to__isnull=False),
                name="article_private_newest",
            ),
            models.Index(fields=["status", "claimed_until"], name="article_work"),
            # Every reader's list is "ready articles, newest first", for all or for one source.
            models.Index(fields=["status", "-published_at", "-id"], name="article_ready_newest"),
            models.Index(
                fields=["source", "status", "-published_at", "-id"], name="article_source_ready"
            ),
            # Articles with an image address not yet linked to its CachedImage (desk.media).
            models.Index(
                fields=["id"],
                condition=models.Q(image__isnull=True) & ~models.Q(image_url=""),
                name="article_image_unlinked",
            ),
            # Ready articles whose body's images are not linked yet (desk.body_images).
            models.Index(
                fields=["id"],
                condition=models.Q(status="ready", body_images_linked_at__isnull=True)
                & ~models.Q(html=""),
                name="article_body_images_unlinked",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Enclosure(models.Model):
    """An audio or video file of an article (a podcast or video episode), at the publisher's
    address: pages play it from there, never through the site (decision 68). ``length`` is in
    bytes and ``duration`` in seconds, as the feed gave them (null when it did not); ``rank`` is
    the order in the item, the first being the one the player plays."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="enclosures")
    rank = models.PositiveSmallIntegerField(default=0)
    url = models.TextField()
    media_type = models.CharField(max_length=100)
    length = models.BigIntegerField(null=True, blank=True)
    duration = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "rank"], name="enclosure_rank_once")
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def medium(self) -> str:
        """ "audio" or "video"."""
        return self.media_type.split("/", 1)[0]


class BoilerplateLine(models.Model):
    """How many pages of a source a normalised line was seen on (boilerplate learning)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="boilerplate")
    fingerprint = models.CharField(max_length=32)
    pages = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "fingerprint"], name="boilerplate_unique")
        ]

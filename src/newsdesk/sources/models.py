"""Source (a publisher), Feed (one URL polled for items), FetchAttempt (the fetch log) and
SourceLogo (the publisher's icon, stored here and served from our own address).

A Feed carries its conditional-GET state (ETag, Last-Modified), its health (last status and
error, consecutive failures) and ``next_check_at``, which is the scheduler's queue: due feeds are
claimed by moving ``next_check_at`` forward by a lease before their check is enqueued.

WebSubSubscription and WebSubPush (a feed's push subscription and what its hub pushed) are in
``sources/websub.py``; MailAddress (where newsletters are delivered) in ``sources/newsletters.py``.

Private sources: a source with ``private_to`` set is a reader's newsletter (decision 67) and
exists for that reader alone. ``Source.objects`` never returns one, so no page, feed, list or
job that does not ask for them by name sees them; ``Source.everything`` has every source, for
the few places that show a reader their own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy


class RightsPolicy(models.TextChoices):
    FULL_TEXT = "full", "Full text"
    EXCERPT = "excerpt", "Excerpt only"
    LINK_ONLY = "link", "Link only"


class Ownership(models.TextChoices):
    """Who owns and controls a source: the kinds readers are told about."""

    PUBLIC = "public", gettext_lazy("Public broadcaster")
    STATE = "state", gettext_lazy("State-controlled")
    PRIVATE = "private", gettext_lazy("Private")
    NONPROFIT = "nonprofit", gettext_lazy("Non-profit")
    WIRE = "wire", gettext_lazy("Wire service")


class PublicSources(models.Manager["Source"]):
    """Sources everyone may see: never a reader's private newsletter source."""

    def get_queryset(self) -> QuerySet[Source]:
        return super().get_queryset().filter(private_to__isnull=True)


class Source(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    home_url = models.URLField(max_length=2000, blank=True)
    domain = models.CharField(max_length=253, db_index=True, blank=True)
    # The operator's choice of icon: fetched and stored like the icons the pages offer, never
    # shown from the publisher's server.
    logo_url = models.URLField(max_length=2000, blank=True)
    # The stored logo's version ("" without one): pages show /source/<slug>/logo-64.png?v=...
    logo_version = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2, blank=True)
    language = models.CharField(max_length=16, blank=True)
    rights = models.CharField(
        max_length=8, choices=RightsPolicy.choices, default=RightsPolicy.FULL_TEXT
    )
    ai_allowed = models.BooleanField(default=True)
    # Facts about the publisher, shown to readers (state-controlled media are labelled): filled
    # from desk/data/source-facts.json for the built-in feeds, edited by operators in the admin.
    # ``languages`` lists the BCP 47 tags it publishes in ("en, ar"); ``facts_citation`` says
    # where the facts come from. An empty field is an unknown fact.
    languages = models.CharField(max_length=100, blank=True)
    owner = models.CharField(max_length=300, blank=True)
    ownership = models.CharField(max_length=12, choices=Ownership.choices, blank=True)
    facts_citation = models.CharField(max_length=500, blank=True)
    # Pages of this source seen by boilerplate learning (the denominator of line shares).
    pages_seen = models.PositiveIntegerField(default=0)
    # The reader this source belongs to (a newsletter delivered to their address), else null:
    # a public source. See the module docstring.
    private_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="private_sources",
    )
    # Which newsletter a private source is: its List-Id, else its sender's address; null on
    # public sources (nullable, so adding it copied no table).
    newsletter_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicSources()
    everything = models.Manager()

    class Meta:
        ordering = ["name"]
        default_manager_name = "objects"
        base_manager_name = "everything"
        constraints = [
            models.UniqueConstraint(
                fields=["private_to", "newsletter_key"],
                condition=models.Q(private_to__isnull=False),
                name="newsletter_source_once",
            )
        ]

    def __str__(self) -> str:
        return self.name


class FeedStatus(models.TextChoices):
    ACTIVE = "active", gettext_lazy("Active")
    PAUSED = "paused", gettext_lazy("Paused")
    RETIRED = "retired", gettext_lazy("Retired")


class Feed(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=2000, unique=True)
    kind = models.CharField(max_length=16, blank=True)
    title = models.CharField(max_length=500, blank=True)
    # The feed's own site address (RSS <link>, OPML htmlUrl); a source may have feeds of
    # several sections, each with its own page.
    html_url = models.URLField(max_length=2000, blank=True)
    # The operator's folders of the feed, as OPML categories ("News/World"); kept on import and
    # written back on export.
    categories = models.JSONField(default=list, blank=True)
    # A web feed's recipe: the selectors that read its list page as a feed (item, title, link,
    # date, summary, author, image and their syntax, "css" or "xpath"); empty for a real feed.
    recipe = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=FeedStatus.choices, default=FeedStatus.ACTIVE)
    status_reason = models.CharField(max_length=500, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_check_at = models.DateTimeField(db_index=True)
    # Token of the check job that owns the feed now; a job whose token is stale does nothing.
    claim = models.CharField(max_length=32, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    check_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source__name", "url"]
        indexes = [models.Index(fields=["status", "next_check_at"], name="feed_due")]

    def __str__(self) -> str:
        return self.url

    @property
    def healthy(self) -> bool:
        return self.status == FeedStatus.ACTIVE and self.consecutive_failures == 0


class FetchOutcome(models.TextChoices):
    OK = "ok", "New content"
    NOT_MODIFIED = "not_modified", "Not modified"
    ERROR = "error", "Error"
    RETIRED = "retired", "Retired"


class FetchAttempt(models.Model):
    """One check of a feed: kept for the last ``KEEP_PER_FEED`` checks of each feed (cut back to
    that every ``desk.feeds.PRUNE_EVERY`` checks)."""

    KEEP_PER_FEED = 50

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=FetchOutcome.choices)
    error = models.TextField(blank=True)
    entries = models.PositiveIntegerField(default=0)
    new_articles = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["feed", "-started_at"], name="attempt_feed_time")]


class SourceLogo(models.Model):
    """A source's icon, fetched by the logo job from what its pages offer, and its schedule.

    ``candidates`` are the icon links seen on the source's pages (``IconLink`` as dicts);
    ``small`` and ``large`` the PNGs served (64 and 128 px); ``next_check_at`` is the job's queue,
    moved forward by a lease when a job is handed the source (as ``Feed.next_check_at`` is).
    """

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, primary_key=True, related_name="logo"
    )
    candidates = models.JSONField(default=list, blank=True)
    small = models.BinaryField(blank=True, default=b"")
    large = models.BinaryField(blank=True, default=b"")
    etag = models.CharField(max_length=32, blank=True)
    fetched_from = models.TextField(blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(db_index=True)
    claim = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"logo of source {self.source_id}"


from newsdesk.sources.newsletters import MailAddress as MailAddress  # noqa: E402
from newsdesk.sources.websub import HubSubscription as HubSubscription  # noqa: E402
from newsdesk.sources.websub import HubTopic as HubTopic  # noqa: E402
from newsdesk.sources.websub import WebSubPush as WebSubPush  # noqa: E402
from newsdesk.sources.websub import WebSubState as WebSubState  # noqa: E402
from newsdesk.sources.websub import WebSubSubscription as WebSubSubscription  # noqa: E402

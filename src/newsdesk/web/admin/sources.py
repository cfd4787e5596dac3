"""Admin: sources (rights policy, AI allowed) and feeds (health, "check now", recent checks).

Sources and feeds are made by ``newsdesk add`` and OPML imports; here operators set a source's
rights and watch its feeds. "Check now" makes feeds due through ``newsdesk.desk.feeds``; the next
scheduler pass (each worker runs one every few seconds) enqueues their checks. A web feed's
recipe (its selectors) is edited here, checked before it is saved, and "Preview" shows what it
reads from the page now. A feed that names a WebSub hub shows its subscription (hub, state,
lease end, last push) on its page and in its source's list of feeds.

"Make a newsletter address" gives a source an address (decision 67): newsletters mailed to it
become the source's articles, public as its feeds' are; "New newsletter address" replaces it,
and mail to the old one is refused. Readers' own newsletter sources are never listed here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from newsdesk.sources.models import (
    Feed,
    FetchAttempt,
    MailAddress,
    Source,
    WebSubSubscription,
)

FEED_HEALTH = (
    "status",
    "status_reason",
    "last_status",
    "last_error",
    "consecutive_failures",
    "last_checked_at",
    "last_success_at",
    "next_check_at",
    "check_count",
    "error_count",
)


def websub_line(feed: Feed) -> str:
    subscription = WebSubSubscription.objects.filter(feed=feed).first()
    if subscription is None:
        return "-"
    line = f"{subscription.get_state_display()} at {subscription.hub}"
    if subscription.lease_ends_at:
        line += f", lease ends {subscription.lease_ends_at:%Y-%m-%d %H:%M}"
    if subscription.last_push_at:
        line += f", last push {subscription.last_push_at:%Y-%m-%d %H:%M}"
    return line


class FeedInline(admin.TabularInline):
    model = Feed
    fields = (
        "url",
        "status",
        "last_status",
        "consecutive_failures",
        "next_check_at",
        "websub_state",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="WebSub")
    def websub_state(self, feed: Feed) -> str:
        return websub_line(feed)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = (
        *("name", "domain", "country", "language", "ownership", "rights", "ai_allowed"),
        "feed_count",
    )
    list_editable = ("rights", "ai_allowed")
    list_filter = ("rights", "ai_allowed", "ownership", "country", "language")
    search_fields = ("name", "domain", "slug", "owner")
    fieldsets = (
        (None, {"fields": ("name", "slug", "home_url", "domain", "logo_url", "language")}),
        (
            "Facts shown to readers",
            {
                "fields": ("country", "languages", "owner", "ownership", "facts_citation"),
                "description": "Leave a fact empty when unsure. State-controlled sources are "
                "labelled wherever their articles appear. Say where the facts come from.",
            },
        ),
        (None, {"fields": ("rights", "ai_allowed", "pages_seen", "created_at")}),
        ("Newsletters", {"fields": ("newsletter_address",)}),
    )
    readonly_fields = ("slug", "domain", "pages_seen", "created_at", "newsletter_address")
    inlines = [FeedInline]
    actions = ["make_newsletter_address", "rotate_newsletter_address"]

    @admin.display(description="Newsletter address")
    def newsletter_address(self, source: Source) -> str:
        from newsdesk.desk import newsletters

        found = MailAddress.objects.filter(source=source).first()
        return newsletters.full_address(found) if found else "None: use the action in the list."

    @admin.action(description="Make a newsletter address", permissions=["change"])
    def make_newsletter_address(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        from newsdesk.desk import newsletters

        for source in queryset:
            address = newsletters.source_address(source)
            self.message_user(
                request,
                f"{source.name}: newsletters to {newsletters.full_address(address)} become "
                "its articles.",
                messages.SUCCESS,
            )

    @admin.action(description="New newsletter address (the old one stops)", permissions=["change"])
    def rotate_newsletter_address(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        from newsdesk.desk import newsletters

        now = timezone.now()
        for source in queryset:
            address = newsletters.rotate(newsletters.source_address(source), now)
            self.message_user(
                request,
                f"{source.name}: the newsletter address is now "
                f"{newsletters.full_address(address)}.",
                messages.SUCCESS,
            )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(feeds_total=Count("feeds"))

    @admin.display(description="Feeds", ordering="feeds_total")
    def feed_count(self, source: Any) -> int:
        return int(source.feeds_total)


class FetchAttemptInline(admin.TabularInline):
    """The feed's recent checks (the last ``FetchAttempt.KEEP_PER_FEED`` are kept)."""

    model = FetchAttempt
    fields = ("started_at", "outcome", "status", "duration_ms", "entries", "new_articles", "error")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-started_at",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class WebSubInline(admin.StackedInline):
    """The feed's WebSub subscription, if it names a hub (decision 62)."""

    model = WebSubSubscription
    fields = (
        *("hub", "topic", "state", "requested_at", "verified_at", "lease_ends_at"),
        *("last_push_at", "push_count", "last_error", "next_action_at"),
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "WebSub subscription"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class FailingFilter(admin.SimpleListFilter):
    title = "health"
    parameter_name = "health"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("failing", "Failing"), ("healthy", "Healthy")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Feed]) -> QuerySet[Feed]:
        if self.value() == "failing":
            return queryset.filter(consecutive_failures__gt=0)
        if self.value() == "healthy":
            return queryset.filter(consecutive_failures=0)
        return queryset


class FeedForm(forms.ModelForm):
    class Meta:
        model = Feed
        fields = ("recipe",)

    def clean_recipe(self) -> dict[str, str]:
        from newsdesk.desk.sources import checked_recipe
        from newsdesk.errors import FeedParseError

        recipe = self.cleaned_data.get("recipe") or {}
        if not isinstance(recipe, dict):
            raise forms.ValidationError(
                'A recipe is an object, e.g. {"item": "li.story", "date": "time"}.'
            )
        if not recipe:
            return {}
        try:
            return checked_recipe(recipe)
        except FeedParseError as e:
            raise forms.ValidationError(str(e)) from e


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = (
        "url",
        "source",
        "status",
        "last_status",
        "short_error",
        "consecutive_failures",
        "last_checked_at",
        "next_check_at",
    )
    list_filter = ("status", FailingFilter, "kind", "source")
    search_fields = ("url", "title", "source__name")
    list_select_related = ("source",)
    fields = ("source", "url", "kind", "title", "recipe", *FEED_HEALTH)
    readonly_fields = ("source", "url", "kind", "title", *FEED_HEALTH)
    inlines = [WebSubInline, FetchAttemptInline]
    actions = ["check_now", "preview_web_feed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # feeds are added with ``newsdesk add`` or an OPML import

    @admin.display(description="Last error")
    def short_error(self, feed: Feed) -> str:
        return feed.last_error[:80] + ("…" if len(feed.last_error) > 80 else "")

    @admin.action(
        description="Preview: what the web feed's selectors read now", permissions=["change"]
    )
    def preview_web_feed(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        from newsdesk.desk.runtime import get_fetcher
        from newsdesk.desk.web_feeds import preview_web_feed
        from newsdesk.errors import NewsdeskError
        from newsdesk.pipeline.feeds.webpage import PageRecipe

        for feed in queryset.exclude(recipe={})[:5]:
            try:
                preview = preview_web_feed(
                    feed.url, PageRecipe.from_dict(feed.recipe), get_fetcher()
                )
            except NewsdeskError as e:
                self.message_user(request, f"{feed.url}: {e}", messages.ERROR)
                continue
            titles = "; ".join(entry.title or entry.url for entry in preview.entries[:10])
            self.message_user(
                request,
                f"{feed.url}: {len(preview.entries)} items: {titles}",
                messages.SUCCESS,
            )
        if not queryset.exclude(recipe={}).exists():
            self.message_user(request, "None of these is a web feed.", messages.WARNING)

    @admin.action(description="Check now", permissions=["change"])
    def check_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        from newsdesk.desk.feeds import make_feeds_due  # the ingest path, only when asked

        due = make_feeds_due(ids, timezone.now())
        skipped = len(ids) - due
        self.message_user(
            request,
            f"{due} feed{'s' if due != 1 else ''} due now: the scheduler enqueues "
            "their checks within seconds.",
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request, f"{skipped} paused or retired feed(s) left as they are.", messages.WARNING
            )

"""Admin: stories, their placements and the operators' corrections.

Stories are made by the placing job, never by hand; here an operator merges stories ("Merge
selected into the newest") or splits an article out ("Split into its own story" on the
placements list). Both go through ``newsdesk.desk.stories`` and are kept as Corrections, which
later passes respect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from newsdesk.desk import stories as story_desk  # its names (numpy, the placer) load on use
from newsdesk.stories.models import Correction, Placement, Story


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the desk only: listed and opened, never added, edited or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PlacementInline(admin.TabularInline):
    model = Placement
    fk_name = "story"
    fields = ("article", "published_at", "score", "duplicate_of", "pinned", "placed_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("published_at",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LiveFilter(admin.SimpleListFilter):
    title = "merged"
    parameter_name = "merged"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", "Live stories"), ("yes", "Merged away")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Story]) -> QuerySet[Story]:
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


@admin.register(Story)
class StoryAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "headline",
        "article_count",
        "source_count",
        "last_published_at",
        "merged_into",
    )
    list_display_links = ("id", "headline")
    list_filter = (LiveFilter,)
    search_fields = ("headline",)
    fields = (
        "headline",
        "lead_article",
        "article_count",
        "source_count",
        "first_published_at",
        "last_published_at",
        "merged_into",
        "changed_at",
        "created_at",
    )
    readonly_fields = fields
    inlines = [PlacementInline]
    actions = ["merge_into_newest"]
    ordering = (F("last_published_at").desc(nulls_last=True),)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        return actions if request.user.is_superuser else {}

    @admin.action(description="Merge selected into the newest")
    def merge_into_newest(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        live = list(
            queryset.filter(merged_into__isnull=True).order_by(
                F("last_published_at").desc(nulls_last=True), "-pk"
            )
        )
        if len(live) < 2:
            self.message_user(request, "Select at least two live stories.", messages.WARNING)
            return
        into, *absorbed = live
        now = timezone.now()
        for story in absorbed:
            story_desk.merge_stories(story.pk, into.pk, now, made_by=request.user.get_username())
        self.message_user(
            request, f"{len(absorbed)} stories merged into story #{into.pk}.", messages.SUCCESS
        )


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ("article", "story", "published_at", "score", "pinned")
    list_select_related = ("article", "story")
    list_filter = ("pinned",)
    search_fields = ("article__title", "story__headline")
    raw_id_fields = ("article", "story", "duplicate_of")
    fields = ("article", "story", "score", "duplicate_of", "pinned", "published_at", "placed_at")
    readonly_fields = fields
    actions = ["split_out"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        return actions if request.user.is_superuser else {}

    @admin.action(description="Split into its own story")
    def split_out(self, request: HttpRequest, queryset: QuerySet[Placement]) -> None:
        now = timezone.now()
        split = 0
        for article_id in list(queryset.values_list("article_id", flat=True)):
            # Read afresh: an earlier split in this batch may have left this story alone.
            placement = Placement.objects.select_related("story").get(article_id=article_id)
            if placement.story.article_count <= 1:
                continue  # already alone in its story
            story_desk.split_article(placement.article_id, now, made_by=request.user.get_username())
            split += 1
        self.message_user(
            request, f"{split} article(s) split into stories of their own.", messages.SUCCESS
        )
        if split < queryset.count():
            self.message_user(
                request, "Articles alone in their story were left as they are.", messages.WARNING
            )


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("made_at", "kind", "from_story", "to_story", "article", "made_by")
    list_filter = ("kind",)
    list_select_related = ("from_story", "to_story", "article")
    fields = ("kind", "from_story", "to_story", "article", "made_by", "note", "made_at")
    readonly_fields = fields

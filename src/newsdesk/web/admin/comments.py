"""Admin: comments as the moderation queue, their reports, and the blocked words.

Moderators (staff in the "moderators" group) and admins work here. The comment list opens on
what needs a look (held comments and reported visible ones), the most reported first; its
actions hide, restore, or ban the author, all through ``newsdesk.desk.comments`` so every
decision records who made it. Comments are never edited or deleted here (when an account is
deleted, its comments stay as "[deleted]": ``newsdesk.desk.readers.leaving``); reports are
read-only; blocked words are edited freely.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from newsdesk.comments.models import BlockedWord, Comment, CommentReport, CommentStatus
from newsdesk.desk import comments as desk
from newsdesk.desk.comments import CommentError

EXCERPT = 80


class QueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("needs-look", "Held or reported"), ("all", "All comments")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        if self.value() == "needs-look":
            return queryset.filter(
                Q(status=CommentStatus.HELD) | Q(status=CommentStatus.VISIBLE, report_count__gt=0)
            )
        return queryset


class ReportInline(admin.TabularInline):
    model = CommentReport
    fields = ("reporter", "reason", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _decide(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Comment],
    act: Callable[..., Comment],
    done: str,
) -> None:
    now = timezone.now()
    changed = 0
    for comment in queryset:
        try:
            act(request.user, comment.pk, "", now)
        except CommentError as error:
            modeladmin.message_user(request, f"#{comment.pk}: {error}", messages.WARNING)
        else:
            changed += 1
    if changed:
        modeladmin.message_user(request, f"{changed} comment{'s' if changed != 1 else ''} {done}.")


@admin.action(description="Hide selected comments", permissions=["change"])
def hide(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
    _decide(modeladmin, request, queryset, desk.hide_comment, "hidden")


@admin.action(description="Restore selected comments", permissions=["change"])
def restore(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Comment]
) -> None:
    _decide(modeladmin, request, queryset, desk.restore_comment, "restored")


@admin.action(description="Ban the authors of selected comments", permissions=["change"])
def ban_author(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Comment]
) -> None:
    _decide(modeladmin, request, queryset, desk.ban_author, "hidden and their authors banned")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("excerpt", "author_name", "story", "status", "report_count", "created_at")
    list_filter = (QueueFilter, "status")
    list_select_related = ("author", "story")
    search_fields = ("body", "author__username", "author__email")
    ordering = ("-report_count", "-created_at", "-id")
    actions = [hide, restore, ban_author]
    inlines = [ReportInline]
    fields = (
        "story",
        "parent",
        "author",
        "body",
        "status",
        "status_reason",
        "report_count",
        "created_at",
        "edited_at",
        "moderated_by",
        "moderated_at",
    )
    readonly_fields = fields
    date_hierarchy = "created_at"

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        text = " ".join(comment.body.split())
        if comment.status == CommentStatus.DELETED:
            return "[deleted]"
        return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"

    @admin.display(description="author", ordering="author__username")
    def author_name(self, comment: Comment) -> str:
        return comment.author.get_username() if comment.author else "[deleted]"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ("comment", "reporter", "reason", "created_at")
    list_select_related = ("comment", "reporter")
    search_fields = ("reason", "reporter__username")
    ordering = ("-created_at",)
    readonly_fields = ("comment", "reporter", "reason", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ("word", "added_at")
    search_fields = ("word",)

"""Admin: the site-wide rules, which apply to every reader and to the public pages and feeds.

Listed here for operators to see at a glance what the site hides; they are made and changed on
the rules page (/me/rules/, "Site-wide" for staff), where the form previews what a rule would
catch before it is saved. Readers' own rules are theirs and not listed.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from newsdesk.readers.rules import Rule
from newsdesk.web.admin.stories import ReadOnlyAdmin


@admin.register(Rule)
class SiteRuleAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "action", "terms", "sources", "enabled", "updated_at")
    list_filter = ("action", "enabled")
    fields = (
        "name",
        "terms",
        "field",
        "regex",
        "unless",
        "sources",
        "folders",
        "topics",
        "places",
        "languages",
        "authors",
        "action",
        "folder",
        "enabled",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Rule]:
        return super().get_queryset(request).filter(user__isnull=True)

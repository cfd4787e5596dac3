"""What an operator watches: readiness checks, and figures about the work read from the database.

The figures are read from the database when asked (a metrics scrape), never counted inside one
process, so they are true across every worker on every machine. Where the database keeps a
running count (a feed's checks and errors, placements, model calls) the figure is a *total*
that only grows (unless rows are deleted); where it keeps only the present state (a feed's last
check, an article's status) it is a count of rows in each state.

Readiness: ``database_error`` runs a trivial query; ``unapplied_migrations`` compares the
migration files on disk with the applied migrations, and once none is missing that answer is
kept for the life of the process (migrations are never unapplied under a running site). The
files are listed by name first, without importing them (loading the graph imports every
migration and the code some of them use, a tenth of a second); only when a name is not in the
table is the whole graph loaded to tell what is missing. The names are read from each app's
``migrations`` folder (``os.scandir``, named as ``pkgutil`` names modules), not by importing
fifteen packages to ask ``pkgutil`` (decision 89).
"""

from __future__ import annotations

import inspect
import os
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Count, Q, Sum

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.sources.models import Feed, FeedStatus
from newsdesk.stories.models import Placement, Story
from newsdesk.summaries.models import AiCall

_migrated = False


def database_error() -> str:
    """Empty when the database answers a trivial query, else what went wrong."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as e:
        return f"{type(e).__name__}: {e}".strip()
    return ""


def unapplied_migrations() -> list[str]:
    """``app.name`` of each migration not applied yet; an empty list once all are."""
    global _migrated
    if _migrated:
        return []
    if _all_files_applied():
        _migrated = True
        return []
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    missing = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    _migrated = not missing
    return missing


def _all_files_applied() -> bool:
    """Whether every migration file of every app is recorded as applied, judged by the names
    alone (as Django's loader lists them: modules not starting with ``_`` or ``~``). False when
    unsure (another migration module configured, no table yet, a folder that cannot be read):
    the caller asks the graph."""
    if settings.MIGRATION_MODULES:
        return False
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    # The names alone: the recorder's own ``applied_migrations`` makes a model instance a row.
    applied = set(recorder.migration_qs.values_list("app", "name"))
    for app in apps.get_app_configs():
        names = migration_names(app.path)
        if names is None:
            return False
        if any((app.label, name) not in applied for name in names):
            return False
    return True


def migration_names(app_path: str) -> list[str] | None:
    """The migrations in the ``migrations`` package of the app at ``app_path``, as Django's
    loader finds them (``pkgutil.iter_modules`` of the package, less packages and names starting
    with ``_`` or ``~``), read from the folder without importing the package: an empty list when
    the app has none, None when the folder cannot be read as one (the caller asks the loader).
    Every file whose name makes a module name counts, folders included: an odd entry can only
    send the caller to the loader, never hide a migration from it."""
    folder = os.path.join(app_path, "migrations")
    try:
        entries = os.listdir(folder)
    except FileNotFoundError:
        return [] if os.path.isdir(app_path) else None
    except OSError:
        return None
    if "__init__.py" not in entries:
        return None  # a namespace or compiled-only package: the loader decides
    names = (inspect.getmodulename(entry) for entry in entries)
    return sorted({n for n in names if n and "." not in n and n[0] not in "_~"})


@dataclass(frozen=True)
class WorkFigures:
    """Counts about feeds, articles, stories and model calls, read in one go."""

    feed_checks: dict[str, int] = field(default_factory=dict)  # total by outcome
    feeds: dict[str, int] = field(default_factory=dict)  # feeds by state of their last check
    articles: dict[str, int] = field(default_factory=dict)  # by status
    articles_unplaced: int = 0  # ready articles not yet placed in a story
    placements: int = 0  # total articles placed in a story
    stories: dict[str, int] = field(default_factory=dict)  # live or merged
    ai_calls: int = 0  # total model calls
    ai_budget_left: int = 0  # model calls still allowed today
    ai_daily_budget: int = 0


def work_figures() -> WorkFigures:
    # Here, not at the top: the AI package is large, and the readiness check and the command
    # line's migration check import this module without needing it.
    from newsdesk.desk.ai.limits import budget_left

    checks, feeds = _feed_figures()
    return WorkFigures(
        feed_checks=checks,
        feeds=feeds,
        articles=_article_figures(),
        articles_unplaced=Article.objects.filter(
            status=ArticleStatus.READY, placement__isnull=True
        ).count(),
        placements=Placement.objects.count(),
        stories=Story.objects.aggregate(
            live=Count("id", filter=Q(merged_into__isnull=True)),
            merged=Count("id", filter=Q(merged_into__isnull=False)),
        ),
        ai_calls=AiCall.objects.count(),
        ai_budget_left=budget_left(),
        ai_daily_budget=settings.NEWSDESK.ai_daily_budget,
    )


def _feed_figures() -> tuple[dict[str, int], dict[str, int]]:
    """Checks ever made (success and failure) and feeds by how their last check went."""
    active = Q(status=FeedStatus.ACTIVE)
    checked = active & Q(last_checked_at__isnull=False, consecutive_failures=0)
    row = Feed.objects.aggregate(
        checks=Sum("check_count", default=0),
        errors=Sum("error_count", default=0),
        ok=Count("id", filter=checked & ~Q(last_status=304)),
        not_modified=Count("id", filter=checked & Q(last_status=304)),
        failing=Count("id", filter=active & Q(consecutive_failures__gt=0)),
        never_checked=Count("id", filter=active & Q(last_checked_at__isnull=True)),
        paused=Count("id", filter=Q(status=FeedStatus.PAUSED)),
        retired=Count("id", filter=Q(status=FeedStatus.RETIRED)),
    )
    checks = {"success": row.pop("checks") - row["errors"], "failure": row.pop("errors")}
    return checks, row


def _article_figures() -> dict[str, int]:
    """Articles by status (every status, zero included), counted on the status index: a
    count by body origin would read the whole table, megabytes of text a thousand articles."""
    counts = dict.fromkeys(ArticleStatus.values, 0)
    rows = Article.objects.values_list("status").annotate(n=Count("id")).order_by()
    counts.update(dict(rows))
    return counts

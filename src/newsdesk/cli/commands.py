"""The commands of the ``newsdesk`` console script (after Django is set up).

Each command imports the layers it needs when it runs, so a quick command (``stats``, ``feeds``)
starts without loading extraction, feed parsing or the web server.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from newsdesk.cli.stopping import handle_stop_signals, stop_within
from newsdesk.conf import datadir
from newsdesk.sources.models import Feed, FeedStatus

if TYPE_CHECKING:
    from datetime import datetime

    from rich.console import Console

    from newsdesk.desk.articles import Claim

# Long-running commands (serve, web, worker) speak in log lines, which carry times and can be
# JSON; the short ones print for a person.
logger = logging.getLogger("newsdesk.cli")


# rich (tables, progress bars, wrapping) costs a start-up a tenth of a second to import: its
# consoles are made on first use, and a command's one plain line is printed without it.
@cache
def console() -> Console:
    """Messages for a person, on standard error."""
    from rich.console import Console

    return Console(stderr=True)


@cache
def out() -> Console:
    """A command's output, on standard output."""
    from rich.console import Console

    return Console()


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "manage":
        from django.core.management import call_command

        call_command(*args.args) if args.args else call_command("help")
        return 0
    if args.command == "collectstatic":  # an image build collects with no database
        return cmd_collectstatic(args)
    # The long-running commands check the whole configuration (URLs, admin, models) first; the
    # short ones skip those checks, which would import every page's code (decision 28).
    migrate(checks=args.command in CHECKED)
    handler: Callable[[argparse.Namespace], int] = COMMANDS[args.command]
    return handler(args)


# The commands that run the system checks as they apply migrations: the servers, and migrate.
CHECKED = {"serve", "web", "worker", "migrate"}
# The key of the PostgreSQL advisory lock that migrations are applied under.
MIGRATION_LOCK = 0x6E657773  # "news"


def migrate(*, checks: bool = True) -> None:
    """Apply the migrations not applied yet. Without ``checks`` (the quick commands), skip the
    system checks, and touch nothing when every migration is applied already. On PostgreSQL one
    process at a time, so that processes starting together (a web and a worker container) do not
    race to create the same tables."""
    from django.db import connection

    if connection.vendor != "postgresql":
        _migrate(checks=checks)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        _migrate(checks=checks)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


def _migrate(*, checks: bool) -> None:
    """The system checks (when asked), then Django's migrate only when a migration is missing:
    its graph and post-migrate work (permissions, content types) cost a third of a second, for
    nothing when every migration is applied."""
    from django.core.management.base import BaseCommand
    from django.db import DEFAULT_DB_ALIAS

    from newsdesk.conf.deferred import skipping_deferred
    from newsdesk.desk.monitoring import unapplied_migrations

    if checks:  # as migrate runs them: errors stop the command, warnings are printed
        with skipping_deferred():  # the API's routes are built on first use (decision 54)
            BaseCommand().check(databases=[DEFAULT_DB_ALIAS])
    if unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0, skip_checks=True)


def cmd_migrate(args: argparse.Namespace) -> int:
    """Nothing more to do: ``dispatch`` has applied the migrations."""
    out().print("the database is up to date")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from django.conf import settings

    from newsdesk.cli.serving import run_server

    before_serving()
    if args.add_defaults != "none" and not Feed.objects.exists():
        offer_defaults(ask=args.add_defaults == "ask")
    threads = args.workers if args.workers is not None else settings.NEWSDESK.workers
    return run_server(*_listen_address(args), worker_threads=threads)


def cmd_web(args: argparse.Namespace) -> int:
    from newsdesk.cli.serving import WebServer, default_processes, run_web

    before_serving()
    processes = args.processes if args.processes is not None else default_processes()
    host, port = _listen_address(args)
    return run_web(WebServer(host, port, processes, args.threads))


def cmd_collectstatic(args: argparse.Namespace) -> int:
    from newsdesk.cli import static

    static.collect(quiet=False)
    return 0


def before_serving() -> None:
    """Warn about a data directory others can read; collect changed static files."""
    from newsdesk.cli import static

    warn_loose_permissions()
    static.collect_if_changed()


def warn_loose_permissions() -> None:
    from django.conf import settings

    for problem in datadir.loose_permissions(settings.NEWSDESK):
        logger.warning("%s", problem)


def _listen_address(args: argparse.Namespace) -> tuple[str, int]:
    """--host and --port, each defaulting to the NEWSDESK_LISTEN setting."""
    from django.conf import settings

    host = args.host if args.host is not None else settings.NEWSDESK.listen_host
    port = args.port if args.port is not None else settings.NEWSDESK.listen_port
    return host, port


def cmd_worker(args: argparse.Namespace) -> int:
    from django.conf import settings

    from newsdesk.worker.runner import WorkerPool, run_until_idle

    warn_loose_permissions()
    threads = args.threads if args.threads is not None else settings.NEWSDESK.workers
    if args.until_idle:
        run_until_idle(threads)
        return 0
    handle_stop_signals()
    pool = WorkerPool(threads).start()
    logger.info(
        "worker: %s threads on the %s queue and the scheduler; Ctrl+C or SIGTERM stops",
        threads,
        pool.queue.name,
    )
    try:
        pool.stop_event.wait()
    except KeyboardInterrupt:
        logger.info("worker stopping: finishing the jobs in hand")
    finally:
        stop_within()
        pool.stop()
    return 0


def offer_defaults(*, ask: bool) -> None:
    from newsdesk.desk import sources

    choices = sources.default_feeds()
    if ask and sys.stdin.isatty():
        print_defaults()
        answer = input("Add which feeds? numbers separated by spaces, 'all' or Enter for none: ")
        picked = _pick(answer.split(), len(choices)) if answer.strip() else []
    else:
        picked = list(range(len(choices))) if not ask else []
        if ask:
            console().print(
                "No feeds yet: add some with `newsdesk defaults --add` or `newsdesk add`."
            )
    sources.add_default_feeds(picked)
    if picked:
        console().print(f"added {len(picked)} feeds")


def _pick(words: list[str], count: int) -> list[int]:
    if not words or words == ["all"]:
        return list(range(count))
    picked = []
    for word in words:
        if not word.isdigit() or not 1 <= int(word) <= count:
            raise SystemExit(f"newsdesk: error: {word!r} is not a number from 1 to {count}")
        picked.append(int(word) - 1)
    return picked


def print_defaults() -> None:
    from newsdesk.cli.tables import print_defaults as print_list
    from newsdesk.desk import sources

    print_list(out(), sources.default_feeds())


def cmd_defaults(args: argparse.Namespace) -> int:
    from newsdesk.desk import sources

    if args.add is None:
        print_defaults()
        return 0
    picked = _pick(args.add, len(sources.default_feeds()))
    for added in sources.add_default_feeds(picked):
        out().print(("added " if added.created else "already there ") + added.feed.url)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from newsdesk.desk import sources
    from newsdesk.desk.runtime import get_fetcher

    if args.items or args.preview:
        return _add_web_feed(args)
    for added in sources.add_source(args.url, get_fetcher()):
        verb = "added" if added.created else "already added"
        out().print(f"{verb}: {added.feed.url} ({added.feed.source.name})")
    return 0


def _add_web_feed(args: argparse.Namespace) -> int:
    from newsdesk.desk.runtime import get_fetcher
    from newsdesk.desk.web_feeds import add_web_feed, preview_web_feed
    from newsdesk.pipeline.feeds.webpage import PageRecipe

    if not args.items:
        raise SystemExit("newsdesk: error: --preview needs --items SELECTOR")
    parts = ("title", "link", "date", "summary", "author", "image")
    recipe = PageRecipe.from_dict(
        {"item": args.items, "syntax": "xpath" if args.xpath else "css"}
        | {part: getattr(args, part) for part in parts}
    )
    if args.preview:
        preview = preview_web_feed(args.url, recipe, get_fetcher())
    else:
        added, preview = add_web_feed(args.url, recipe, get_fetcher())
        verb = "added" if added.created else "selectors changed"
        out().print(f"{verb}: {added.feed.url} ({added.feed.source.name}), a web feed")
    from rich.table import Table

    table = Table("date", "title", "link", title=f"{len(preview.entries)} items on the page")
    for entry in preview.entries:
        when = entry.published.strftime("%Y-%m-%d %H:%M") if entry.published else ""
        table.add_row(when, entry.title or "(no title)", entry.url)
    out().print(table)
    return 0


def cmd_import_opml(args: argparse.Namespace) -> int:
    from newsdesk.desk import sources

    try:
        content = args.file.read_bytes()
    except OSError as e:
        raise SystemExit(f"newsdesk: error: cannot read {args.file}: {e.strerror}") from e
    report = sources.import_opml(content)
    out().print(
        f"{len(report.added)} feeds added, {len(report.existing)} already there, "
        f"{len(report.failures)} failed"
    )
    for url, error in report.failures:
        # Addresses and reasons come from the file: printed as they are, one line each.
        console().print(f"  failed: {url}: {error}", markup=False, highlight=False, soft_wrap=True)
    if report.added:
        console().print(
            f"The {len(report.added)} new feeds are not checked yet: the workers check them "
            "within minutes, or `newsdesk check` does now; `newsdesk feeds` then shows any "
            "that fail, with the reason.",
            soft_wrap=True,
        )
    return _failed_exit(len(report.failures), "entries of the file could not be imported")


def _failed_exit(failures: int, what: str) -> int:
    """The exit status of a batch: 1 when any item failed (after the rest was done), said so."""
    if not failures:
        return 0
    console().print(f"exit status 1: {failures} {what}", soft_wrap=True)
    return 1


def cmd_export_opml(args: argparse.Namespace) -> int:
    from newsdesk.desk import sources

    text = sources.export_opml()
    if args.file:
        args.file.write_text(text, encoding="utf-8")
        feeds = text.count("xmlUrl=")
        console().print(f"{feeds} feeds written to {args.file}", soft_wrap=True)
    else:
        sys.stdout.write(text)
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    from newsdesk.desk import stats

    feeds = stats.feed_health()
    if args.json:
        print(json.dumps([_feed_json(f) for f in feeds], indent=2))
        return 0
    from newsdesk.cli.tables import print_feeds

    print_feeds(out(), feeds)
    return 0


def _feed_json(feed: Feed) -> dict[str, object]:
    return {
        "id": feed.pk,
        "source": feed.source.name,
        "url": feed.url,
        "status": feed.status,
        "consecutive_failures": feed.consecutive_failures,
        "last_status": feed.last_status,
        "last_error": feed.last_error,
        "check_count": feed.check_count,
        "error_count": feed.error_count,
        "last_checked_at": feed.last_checked_at.isoformat() if feed.last_checked_at else None,
        "next_check_at": feed.next_check_at.isoformat(),
        "websub": _websub_json(feed),
    }


def _websub_json(feed: Feed) -> dict[str, object] | None:
    from newsdesk.cli.tables import subscription_of

    subscription = subscription_of(feed)
    if subscription is None:
        return None
    return {
        "hub": subscription.hub,
        "topic": subscription.topic,
        "state": subscription.state,
        "lease_ends_at": _iso(subscription.lease_ends_at),
        "last_push_at": _iso(subscription.last_push_at),
        "pushes": subscription.push_count,
        "last_error": subscription.last_error,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def cmd_check(args: argparse.Namespace) -> int:
    """Check feeds in this process, then fetch the pages of their new articles. The ingest path
    (HTTP client, feed parser, extraction, placement) is loaded only when a feed is to be checked
    and each part when first used, so a check with nothing to do starts at once."""
    feeds = Feed.objects.filter(status=FeedStatus.ACTIVE)
    if args.feed_ids:
        feeds = feeds.filter(pk__in=args.feed_ids)
    total = feeds.count()
    if not total:
        print("no active feed to check; 0 new or changed articles")
        return 0
    from newsdesk.cli.progress import progress_bar
    from newsdesk.desk.feeds import check_feed
    from newsdesk.desk.runtime import get_fetcher
    from newsdesk.worker.runner import renewing_claims

    fetcher = get_fetcher()
    claims: list[Claim] = []
    with renewing_claims(), progress_bar(console()) as progress:
        task = progress.add_task("checking feeds", total=total)
        for feed in feeds:
            report = check_feed(feed.pk, None, fetcher)
            claims.extend(report.claims)
            if report.error:
                console().print(f"  {feed.url}: {report.error}")
            progress.advance(task)
        task = progress.add_task("fetching articles", total=len(claims))
        if claims:
            from newsdesk.desk.articles import process_article

            for claim in claims:
                process_article(claim, fetcher)
                progress.advance(task)
    print(f"{len(claims)} new or changed articles")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from newsdesk.cli.progress import progress_bar
    from newsdesk.desk.importer import import_path
    from newsdesk.pipeline.archive import count_documents

    if not args.path.exists():
        raise SystemExit(f"newsdesk: error: {args.path} does not exist")
    with progress_bar(console()) as progress:
        task = progress.add_task(f"importing {args.path.name}", total=count_documents(args.path))
        report = import_path(args.path, progress=lambda: progress.advance(task))
    out().print(
        f"{report.documents} documents: {report.pages} pages, {report.feeds} feeds; "
        f"{report.new_articles} new articles, {report.updated_articles} updated, "
        f"{len(report.failures)} failures"
    )
    for origin, error in report.failures[:20]:
        console().print(f"  {origin}: {error}")
    if len(report.failures) > 20:
        console().print(f"  ... and {len(report.failures) - 20} more")
    return _failed_exit(len(report.failures), "documents or items could not be imported")


def cmd_stats(args: argparse.Namespace) -> int:
    from newsdesk.desk import stats

    figures = stats.counts()
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    from rich.table import Table

    table = Table("what", "count", title="newsdesk")
    for name, value in figures.items():
        table.add_row(name.replace("_", " "), str(value))
    out().print(table)
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    """Tag ready articles with their places (and topics), newest first; or, with
    ``--headlines``, judge the headlines never judged."""
    from newsdesk.cli.progress import progress_bar
    from newsdesk.desk.tagging import articles_to_tag, tag_articles

    if args.headlines:
        return _judge_headlines(args.limit)

    ids = articles_to_tag(missing=args.missing, limit=args.limit)
    with progress_bar(console()) as progress:
        task = progress.add_task("tagging articles", total=len(ids))
        report = tag_articles(ids, progress=lambda: progress.advance(task))
    out().print(
        f"{report.tagged} articles tagged, {report.place_rows} place rows, "
        f"{report.topic_rows} topic rows "
        f"({report.ms_per_article:.1f} ms an article); {len(report.failures)} failures"
    )
    for article_id, error in report.failures[:20]:
        console().print(f"  article {article_id}: {error}")
    return 0


def _judge_headlines(limit: int) -> int:
    from newsdesk.cli.progress import progress_bar
    from newsdesk.desk.headlines import articles_to_judge, judge_stored

    ids = articles_to_judge(limit)
    with progress_bar(console()) as progress:
        task = progress.add_task("judging headlines", total=len(ids))
        caught = judge_stored(ids, progress=lambda n: progress.advance(task, n))
    out().print(f"{len(ids)} headlines judged, {caught} of them clickbait")
    return 0


def cmd_createadmin(args: argparse.Namespace) -> int:
    """An admin account, its password typed twice (or one line on standard input)."""
    import getpass

    from newsdesk.desk.readers.profiles import create_account
    from newsdesk.readers.models import Role

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            console().print("The two passwords differ.")
            return 1
    user = create_account(args.email, password, role=Role.ADMIN)
    out().print(f"Admin {user.get_username()} created; sign in at /admin/ or /accounts/login/.")
    return 0


def cmd_media(args: argparse.Namespace) -> int:
    from newsdesk.cli import media

    return media.run(args)


def cmd_mail(args: argparse.Namespace) -> int:
    from newsdesk.cli import mail

    return mail.run(args)


def cmd_digest(args: argparse.Namespace) -> int:
    from newsdesk.cli import digest

    return digest.run(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "migrate": cmd_migrate,
    "serve": cmd_serve,
    "web": cmd_web,
    "collectstatic": cmd_collectstatic,
    "worker": cmd_worker,
    "add": cmd_add,
    "import-opml": cmd_import_opml,
    "export-opml": cmd_export_opml,
    "defaults": cmd_defaults,
    "feeds": cmd_feeds,
    "check": cmd_check,
    "import": cmd_import,
    "stats": cmd_stats,
    "tag": cmd_tag,
    "createadmin": cmd_createadmin,
    "digest": cmd_digest,
    "media": cmd_media,
    "mail": cmd_mail,
}

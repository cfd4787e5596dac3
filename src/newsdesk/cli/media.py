"""``newsdesk media sweep``: delete the kept images nothing shows any more, now.

The scheduler does the same once a day (``desk.media_sweep``); this command is for an operator
who just deleted sources, or who wants to see first what would go (``--dry-run``).
"""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    media = sub.add_parser("media", help="the kept images: sweep those nothing shows any more")
    what = media.add_subparsers(dest="media_command", required=True, metavar="WHAT")
    sweep = what.add_parser("sweep", help="delete unused image rows and files (a day old at least)")
    sweep.add_argument("--dry-run", action="store_true", help="count what would go; delete nothing")


def run(args: argparse.Namespace) -> int:
    from newsdesk.cli.progress import progress_bar
    from newsdesk.desk.media_sweep import count_files, sweep_media

    with progress_bar() as bar:
        task = bar.add_task("media files", total=count_files())
        report = sweep_media(dry_run=args.dry_run, progress=lambda n: bar.advance(task, n))
    verb = "would delete" if args.dry_run else "deleted"
    megabytes = report.bytes / 1_000_000
    print(
        f"{verb} {report.rows} unused image rows and {report.files} files "
        f"({megabytes:.1f} MB); {report.kept_files} files kept",
        file=sys.stdout,
    )
    return 0

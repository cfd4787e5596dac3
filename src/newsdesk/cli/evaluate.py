"""``newsdesk eval ...``: quality measurements on the data sets (no database needed)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from rich.console import Console

from newsdesk.cli.progress import progress_bar


def run(args: argparse.Namespace) -> int:
    if args.what == "extract":
        return _extract(args)
    raise SystemExit(f"newsdesk: error: unknown evaluation {args.what!r}")


def _extract(args: argparse.Namespace) -> int:
    from newsdesk.eval import extraction

    if not args.path.is_dir():
        raise SystemExit(f"newsdesk: error: {args.path} is not a directory")
    console = Console(stderr=True)
    with progress_bar(console) as progress:
        task = progress.add_task(f"extracting {args.path.name}", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        report = extraction.run(args.path, limit=args.limit, progress=advance)
    if args.json:
        print(json.dumps(asdict(report), indent=2, default=str))
    else:
        print(extraction.format_report(report))
    return 0

"""The ``newsdesk`` command: parses arguments, sets up Django, and dispatches to a command.

Global options (``--data-dir``) are applied to the environment before Django reads its settings,
so every command sees the same data directory.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsdesk import __version__
from newsdesk.errors import NewsdeskError

Commands = argparse._SubParsersAction  # the parser's command list, as add_parser sees it


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``newsdesk`` parser with every command, or with ``command`` alone: the same parse
    of that command's arguments, without building the forty others (decision 75)."""
    parser = argparse.ArgumentParser(
        prog="newsdesk", description=("Gather, extract and deduplicate the news; serve it.")
    )
    parser.add_argument(
        "--version", action="version", version=f"newsdesk {__version__}", help="print the version"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where the SQLite database and files live (env NEWSDESK_DATA_DIR)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, add in COMMAND_PARSERS.items():
        if command is None or name == command:
            add(sub)
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, when it can be told without the parser: the first word
    after ``--data-dir PATH``. None for anything else (--help, --version, an unknown word, an
    abbreviated option), which the whole parser then reads."""
    words = list(argv)
    while words and (words[0] == "--data-dir" or words[0].startswith("--data-dir=")):
        del words[: 1 if "=" in words[0] else 2]
    if words and words[0] in COMMAND_PARSERS:
        return words[0]
    return None


def _serve(sub: Commands[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="run the web app, scheduler and workers in one process")
    _address(serve)
    serve.add_argument("--workers", type=int, default=None, help="worker threads (default 2)")
    serve.add_argument(
        "--add-defaults",
        choices=["ask", "all", "none"],
        default="ask",
        help="on first start, add the built-in list of public news feeds",
    )


def _web(sub: Commands[argparse.ArgumentParser]) -> None:
    web = sub.add_parser(
        "web", help="run the web app only, in several processes (workers run elsewhere)"
    )
    _address(web)
    web.add_argument(
        "--processes",
        type=at_least_one,
        default=None,
        help="web server processes (default: one per CPU core)",
    )
    web.add_argument(
        "--threads",
        type=at_least_one,
        default=4,
        help="request threads in each process (default 4)",
    )


def _collectstatic(sub: Commands[argparse.ArgumentParser]) -> None:
    sub.add_parser(
        "collectstatic",
        help="copy the static files, hashed and compressed, into the static root "
        "(serve and web do it when they changed)",
    )


def _worker(sub: Commands[argparse.ArgumentParser]) -> None:
    worker = sub.add_parser("worker", help="run the scheduler and job workers")
    worker.add_argument("--threads", type=int, default=None, help="worker threads (default 2)")
    worker.add_argument(
        "--until-idle",
        action="store_true",
        help="exit when no job is left instead of running for ever",
    )


def _migrate(sub: Commands[argparse.ArgumentParser]) -> None:
    sub.add_parser(
        "migrate", help="apply the database migrations and exit (every command applies them too)"
    )


def _add(sub: Commands[argparse.ArgumentParser]) -> None:
    add = sub.add_parser("add", help="add a feed URL or a site URL (its feeds are discovered)")
    add.add_argument("url", help="the feed's address, or a site's home page")
    page = add.add_argument_group(
        "web feed", "follow a list page without a feed, read with selectors (CSS, or --xpath)"
    )
    page.add_argument("--items", metavar="SELECTOR", help="each item on the page")
    for part, what in (
        ("title", "its title (default: its first heading)"),
        ("link", "its link (default: its first link)"),
        ("date", "its date (a <time> gives its datetime)"),
        ("summary", "its summary"),
        ("author", "its author"),
        ("image", "its image"),
    ):
        page.add_argument(f"--{part}", metavar="SELECTOR", default="", help=f"in an item: {what}")
    page.add_argument("--xpath", action="store_true", help="the selectors are XPath 1.0")
    page.add_argument(
        "--preview", action="store_true", help="show what the selectors read now; add nothing"
    )


def _import_opml(sub: Commands[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser("import-opml", help="add the feeds of an OPML file")
    imp.add_argument("file", type=Path, help="the OPML file (from any feed reader)")


def _export_opml(sub: Commands[argparse.ArgumentParser]) -> None:
    exp = sub.add_parser("export-opml", help="write every feed as OPML")
    exp.add_argument("file", type=Path, nargs="?", help="default: standard output")


def _defaults(sub: Commands[argparse.ArgumentParser]) -> None:
    defaults = sub.add_parser("defaults", help="list or add the built-in public news feeds")
    defaults.add_argument(
        "--add",
        nargs="*",
        metavar="NUMBER",
        help="add these (numbers from the list), or all when none is given",
    )


def _feeds(sub: Commands[argparse.ArgumentParser]) -> None:
    feeds = sub.add_parser("feeds", help="list feeds with their health")
    _json(feeds)


def _check(sub: Commands[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="check feeds now and fetch their new articles")
    check.add_argument("feed_ids", nargs="*", type=int, help="default: every active feed")


def _import(sub: Commands[argparse.ArgumentParser]) -> None:
    archive = sub.add_parser("import", help="ingest saved pages, feed files or WARC archives")
    archive.add_argument(
        "path", type=Path, help="a file or folder (.html, .html.gz, feed files, .warc(.gz))"
    )


def _stats(sub: Commands[argparse.ArgumentParser]) -> None:
    stats = sub.add_parser("stats", help="counts of sources, feeds, articles and failures")
    _json(stats)


def _tag(sub: Commands[argparse.ArgumentParser]) -> None:
    tag = sub.add_parser("tag", help="tag stored articles with their places (and topics)")
    tag.add_argument("--missing", action="store_true", help="only articles with no places yet")
    tag.add_argument("--limit", type=int, default=0, help="at most this many (0: all)")
    tag.add_argument(
        "--headlines",
        action="store_true",
        help="judge the headlines (clickbait or not) of articles stored before they were judged",
    )


def _config(sub: Commands[argparse.ArgumentParser]) -> None:
    from newsdesk.cli import config

    config.add_parser(sub)


def _digest(sub: Commands[argparse.ArgumentParser]) -> None:
    from newsdesk.cli import digest

    digest.add_parser(sub)


def _media(sub: Commands[argparse.ArgumentParser]) -> None:
    from newsdesk.cli import media

    media.add_parser(sub)


def _mail(sub: Commands[argparse.ArgumentParser]) -> None:
    from newsdesk.cli import mail

    mail.add_parser(sub)


def _createadmin(sub: Commands[argparse.ArgumentParser]) -> None:
    createadmin = sub.add_parser("createadmin", help="create an admin account (asks a password)")
    createadmin.add_argument("email", help="the admin's e-mail address (their sign-in)")
    createadmin.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )


def _manage(sub: Commands[argparse.ArgumentParser]) -> None:
    manage = sub.add_parser("manage", help="run a Django management command (createsuperuser...)")
    manage.add_argument(
        "args", nargs=argparse.REMAINDER, help="the command and its arguments (none: list them)"
    )


def _address(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--host", help="address to listen on (default from NEWSDESK_LISTEN, else 127.0.0.1)"
    )
    command.add_argument(
        "--port", type=int, help="port to listen on (default from NEWSDESK_LISTEN, else 8000)"
    )


def _json(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true", help="print JSON instead of a table")


# The splits of the hand-labelled question and claim sets (``eval.questions.SPLITS`` and
# ``eval.claims.SPLITS``, named here so building the parser imports neither), and "all".
LABEL_SPLITS = ("dev", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5", "all")


def _eval(sub: Commands[argparse.ArgumentParser]) -> None:
    ev = sub.add_parser("eval", help="measure quality on a data set")
    ev_sub = ev.add_subparsers(dest="what", required=True, metavar="WHAT")

    def measure(name: str, help_text: str, path_help: str) -> argparse.ArgumentParser:
        command = ev_sub.add_parser(name, help=help_text)
        command.add_argument("path", type=Path, help=path_help)
        command.add_argument("--limit", type=int, help="use only the first N items")
        _json(command)
        return command

    measure("extract", "body-text extraction (zyte, wcxb-dev)", "the data set's folder")
    stories = measure(
        "stories", "story clustering (ECB+ .jsonl, UCI .csv)", "the .jsonl or .csv file"
    )
    stories.add_argument(
        "--refine-every", type=int, default=100, help="refine stories after this many articles"
    )
    similarity = measure(
        "similarity", "article similarity (SemEval-2022 task 8)", "the pairs' .csv file"
    )
    similarity.add_argument(
        "--embedder", action="append", help="embedder spec, as NEWSDESK_EMBEDDER (repeatable)"
    )
    measure("duplicates", "near-duplicate detection (datasets folder)", "the datasets folder")
    summaries = measure(
        "summaries", "extractive ROUGE and the faithfulness check (FRANK folder)", "FRANK's folder"
    )
    summaries.add_argument(
        "--split",
        choices=("test", "validation", "all", "half-a", "half-b"),
        default="test",
        help="the articles ROUGE is measured on (half-a/half-b: halves of all, by hash)",
    )
    topics = measure(
        "topics", "topic accuracy (UCI headlines, dev and test halves)", "the UCI .csv file"
    )
    topics.add_argument("--errors", type=int, default=0, help="show N errors of the dev half")
    measure("languages", "language detection (SemEval-2022 task 8)", "the pairs' .csv file")
    crosslang = measure(
        "crosslang", "cross-language story joins (SemEval-2022 task 8 pairs)", "the pairs' .csv"
    )
    crosslang.add_argument("--embedder", help="embedder spec for the multilingual path")
    places = measure(
        "places",
        "place tagging (hand-labelled ECB+ and WCXB articles)",
        "the datasets folder (both sets), the ECB+ .jsonl file or the wcxb-dev folder",
    )
    places.add_argument("--labels", type=Path, help="label file (default: the shipped one)")
    questions = measure(
        "questions", "answers to questions: refusals and citations", "the question set's .json"
    )
    questions.add_argument(
        "--datasets", type=Path, help="the shared data sets folder (default ../shared/datasets)"
    )
    questions.add_argument(
        "--engine", help="engine spec, as NEWSDESK_AI_ENGINE (default extractive)"
    )
    questions.add_argument(
        "--split",
        choices=LABEL_SPLITS,
        default="all",
        help="which questions",
    )
    questions.add_argument("--errors", action="store_true", help="list the wrong outcomes")
    claims = measure(
        "claims", "claim maps: precision and recall per status", "the claim set's .json"
    )
    claims.add_argument(
        "--datasets", type=Path, help="the shared data sets folder (default ../shared/datasets)"
    )
    claims.add_argument(
        "--split",
        choices=LABEL_SPLITS,
        default="all",
        help="which stories",
    )
    claims.add_argument("--errors", action="store_true", help="list the claims not judged right")
    headlines = measure(
        "headlines", "clickbait detection (Chakraborty et al. 2016)", "the headlines folder"
    )
    headlines.add_argument(
        "--part",
        choices=("test", "dev", "train"),
        default="test",
        help="which part of the hash split (default: the held-out test part)",
    )


# Each command's parser, in the order ``--help`` lists them.
COMMAND_PARSERS: dict[str, Callable[[Commands[argparse.ArgumentParser]], None]] = {
    "serve": _serve,
    "web": _web,
    "collectstatic": _collectstatic,
    "worker": _worker,
    "migrate": _migrate,
    "add": _add,
    "import-opml": _import_opml,
    "export-opml": _export_opml,
    "defaults": _defaults,
    "feeds": _feeds,
    "check": _check,
    "import": _import,
    "stats": _stats,
    "tag": _tag,
    "config": _config,
    "digest": _digest,
    "media": _media,
    "mail": _mail,
    "eval": _eval,
    "createadmin": _createadmin,
    "manage": _manage,
}


def at_least_one(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1, not {text!r}")
    return int(text)


def setup_django(data_dir: Path | None) -> bool:
    """Django set up for the data directory; True when this call set it up (the first)."""
    if data_dir is not None:
        os.environ["NEWSDESK_DATA_DIR"] = str(data_dir.expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
    import django
    from django.apps import apps

    # Once a process: a second set-up would only configure logging again, onto whatever
    # sys.stderr is at that moment (a command run inside a test that captures its output).
    if apps.ready:
        return False
    django.setup()
    return True


# The long-running commands, whose C allocator is set up before anything runs (decision 65).
LONG_RUNNING = {"serve", "web", "worker"}


@dataclass
class StartUp:
    """Whether what was loaded is frozen when the start-up ends (``without_collector``)."""

    freeze: bool = False


@contextmanager
def without_collector() -> Iterator[StartUp]:
    """Start-up with the cyclic garbage collector off (decision 75). Importing Django, the apps'
    models and the command's modules makes a hundred thousand objects and next to no garbage,
    yet set off about 160 collections, a tenth of a start-up's CPU. When the start-up loaded
    Django (``freeze`` set: the first in a process), what it made is frozen, as it lives as long
    as the process: later collections skip it instead of sorting it through every generation,
    which would cost the command as much again. The command runs with the collector as it was."""
    start = StartUp()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield start
    finally:
        if start.freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    with without_collector():
        words = sys.argv[1:] if argv is None else argv
        args = build_parser(command_of(words)).parse_args(words)
    if args.command in LONG_RUNNING:
        from newsdesk.worker.allocator import tune_allocator

        tune_allocator()  # before any thread (static files' compression, requests, jobs)
    if args.command == "eval":
        from newsdesk.cli import evaluate

        return evaluate.run(args)
    try:
        if args.command == "config":
            from newsdesk.cli import config

            return config.run(args)
        if args.command == "web" and hasattr(os, "fork"):
            from newsdesk.cli.serving import export_metrics_dir
            from newsdesk.settings import Settings

            data_dir = args.data_dir.expanduser().resolve() if args.data_dir else None
            export_metrics_dir(data_dir or Settings.from_env().data_dir)
        with without_collector() as start:
            start.freeze = setup_django(args.data_dir)
            from newsdesk.cli import commands
        return commands.dispatch(args)
    except NewsdeskError as e:
        print(f"newsdesk: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

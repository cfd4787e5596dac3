"""``newsdesk eval ...``: quality measurements on the data sets.

``extract``, ``similarity``, ``duplicates``, ``summaries``, ``topics``, ``languages``,
``crosslang``, ``places``, ``questions``, ``claims`` and ``headlines`` need no database.
``stories`` runs articles through the product's own placement path, so it makes a temporary
SQLite database (migrated, deleted afterwards) unless ``DATABASE_URL`` names one.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from newsdesk.cli.progress import progress_bar

Report = Any


def run(args: argparse.Namespace) -> int:
    if not args.path.exists():
        raise SystemExit(f"newsdesk: error: {args.path} does not exist")
    if args.what == "extract":
        return _extract(args)
    if args.what == "stories":
        return _stories(args)
    if args.what == "similarity":
        return _similarity(args)
    if args.what == "duplicates":
        return _duplicates(args)
    if args.what == "summaries":
        return _summaries(args)
    if args.what == "topics":
        return _topics(args)
    if args.what == "languages":
        return _languages(args)
    if args.what == "crosslang":
        return _crosslang(args)
    if args.what == "places":
        return _places(args)
    if args.what == "questions":
        return _questions(args)
    if args.what == "headlines":
        return _headlines(args)
    if args.what == "claims":
        return _claims(args)
    raise SystemExit(f"newsdesk: error: unknown evaluation {args.what!r}")


def _with_progress(label: str, work: Callable[[Callable[[int, int], None]], Report]) -> Report:
    console = Console(stderr=True)
    with progress_bar(console) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return work(advance)


def _print(args: argparse.Namespace, report: Report, text: Callable[[Report], str]) -> int:
    if args.json:
        print(json.dumps(as_json(report), indent=2, default=str))
    else:
        print(text(report))
    return 0


def as_json(value: Any) -> Any:
    """A report as JSON data: dataclasses as objects, mappings with text keys, sequences as lists.

    ``dataclasses.asdict`` cannot be used: it rebuilds a ``Counter`` field from its ``(key,
    count)`` pairs, so the counts become tuple keys that JSON refuses.
    """
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {_json_key(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [as_json(item) for item in value]
    return value


def _json_key(key: Any) -> str:
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key)
    return str(key)


def _extract(args: argparse.Namespace) -> int:
    from newsdesk.eval import extraction

    if not args.path.is_dir():
        raise SystemExit(f"newsdesk: error: {args.path} is not a directory")
    report = _with_progress(
        f"extracting {args.path.name}",
        lambda advance: extraction.run(args.path, limit=args.limit, progress=advance),
    )
    return _print(args, report, extraction.format_report)


def _similarity(args: argparse.Namespace) -> int:
    from newsdesk.eval import similarity

    specs = tuple(args.embedder) if args.embedder else similarity.DEFAULT_SPECS
    report = _with_progress(
        "scoring pairs",
        lambda advance: similarity.run(
            args.path, embedder_specs=specs, limit=args.limit, progress=advance
        ),
    )
    return _print(args, report, similarity.format_report)


def _duplicates(args: argparse.Namespace) -> int:
    from newsdesk.eval import duplicates

    report = _with_progress(
        "signing articles",
        lambda advance: duplicates.run(args.path, limit=args.limit, progress=advance),
    )
    return _print(args, report, duplicates.format_report)


def _summaries(args: argparse.Namespace) -> int:
    from newsdesk.eval import faithfulness, summaries

    if not (args.path / "articles_summaries.jsonl").exists():
        raise SystemExit(f"newsdesk: error: {args.path} is not the FRANK folder")
    report = summaries.SummariesReport(
        rouge=_with_progress(
            "summarizing",
            lambda advance: summaries.run_rouge(
                args.path / "articles_summaries.jsonl",
                limit=args.limit,
                progress=advance,
                split=args.split,
            ),
        ),
        faithfulness=_with_progress(
            "checking summaries",
            lambda advance: faithfulness.run_faithfulness(
                args.path, limit=args.limit, progress=advance
            ),
        ),
    )
    return _print(args, report, summaries.format_summaries_report)


def _topics(args: argparse.Namespace) -> int:
    from newsdesk.eval import topics

    report = _refusing_bad_files(
        lambda: _with_progress(
            "classifying headlines",
            lambda advance: topics.run(
                args.path, limit=args.limit, errors=args.errors, progress=advance
            ),
        )
    )
    return _print(args, report, topics.format_report)


def _languages(args: argparse.Namespace) -> int:
    from newsdesk.eval import languages

    report = _refusing_bad_files(
        lambda: _with_progress(
            "detecting languages",
            lambda advance: languages.run(args.path, limit=args.limit, progress=advance),
        )
    )
    return _print(args, report, languages.format_report)


def _crosslang(args: argparse.Namespace) -> int:
    from newsdesk.eval import crosslang

    report = _refusing_bad_files(
        lambda: _with_progress(
            "deciding pairs",
            lambda advance: crosslang.run(
                args.path, limit=args.limit, embedder_spec=args.embedder, progress=advance
            ),
        )
    )
    return _print(args, report, crosslang.format_report)


def _refusing_bad_files(work: Callable[[], Report]) -> Report:
    """The report, or a one-line error for a file that is not the expected data set."""
    try:
        return work()
    except (ValueError, KeyError, UnicodeDecodeError) as error:
        raise SystemExit(f"newsdesk: error: {error}") from None


def _places(args: argparse.Namespace) -> int:
    from newsdesk.eval import places

    if args.path.is_dir() and (args.path / places.ECBPLUS_FILE).is_file() and not args.labels:
        suite = _with_progress(
            "tagging places",
            lambda advance: places.run_sets(args.path, limit=args.limit, progress=advance),
        )
        return _print(args, suite, places.format_suite)
    report = _refusing_bad_files(
        lambda: _with_progress(
            "tagging places",
            lambda advance: places.run(args.path, args.labels, limit=args.limit, progress=advance),
        )
    )
    return _print(args, report, places.format_report)


def _questions(args: argparse.Namespace) -> int:
    from newsdesk.eval import questions
    from newsdesk.pipeline.summarize.engines import EngineSpecError, make_engine

    datasets = args.datasets or Path("..") / "shared" / "datasets"
    if not datasets.is_dir():
        raise SystemExit(f"newsdesk: error: {datasets} is not the shared data sets folder")
    try:
        engine = make_engine(args.engine or "extractive")
    except EngineSpecError as error:
        raise SystemExit(f"newsdesk: error: {error}") from None
    report = _refusing_bad_files(
        lambda: _with_progress(
            "asking questions",
            lambda advance: questions.run(
                args.path, datasets, engine, split=args.split, limit=args.limit, progress=advance
            ),
        )
    )
    if args.json:
        data = as_json(report)
        data["scores"] = questions.scores_json(report.splits)
        print(json.dumps(data, indent=2, default=str))
        return 0
    print(questions.format_report(report, errors=args.errors))
    return 0


def _claims(args: argparse.Namespace) -> int:
    from newsdesk.eval import claims

    datasets = args.datasets or Path("..") / "shared" / "datasets"
    if not datasets.is_dir():
        raise SystemExit(f"newsdesk: error: {datasets} is not the shared data sets folder")
    report = _refusing_bad_files(
        lambda: _with_progress(
            "mapping claims",
            lambda advance: claims.run(
                args.path, datasets, split=args.split, limit=args.limit, progress=advance
            ),
        )
    )
    if args.json:
        print(
            json.dumps(
                {"labels": report.labels, "scores": claims.scores_json(report.splits)}, indent=2
            )
        )
        return 0
    print(claims.format_report(report, errors=args.errors))
    return 0


def _headlines(args: argparse.Namespace) -> int:
    from newsdesk.eval import headlines

    if not args.path.is_dir():
        raise SystemExit(f"newsdesk: error: {args.path} is not the headlines folder")
    report = _refusing_bad_files(
        lambda: _with_progress(
            "judging headlines",
            lambda advance: headlines.run(
                args.path, part=args.part, limit=args.limit, progress=advance
            ),
        )
    )
    return _print(args, report, headlines.format_report)


def _stories(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as data_dir:
        _evaluation_database(Path(data_dir))
        from newsdesk.eval import stories

        report = _with_progress(
            f"placing {args.path.name}",
            lambda advance: stories.run(
                args.path, limit=args.limit, refine_every=args.refine_every, progress=advance
            ),
        )
        return _print(args, report, stories.format_report)


def _evaluation_database(data_dir: Path) -> None:
    os.environ["NEWSDESK_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

"""Where a quick command's start-up spends its CPU, stage by stage, in one process.

Each run is a new process that does what ``newsdesk COMMAND`` does, in the same order (the
parse, Django's settings, its core modules, the rest of ``django.setup()`` app by app, the
command's module, the migration check, the command), with the collector off and then frozen as
``main`` has it, and notes ``time.process_time()`` after each stage; the whole process's CPU
comes from the kernel's accounting of the finished child, so the interpreter's exit is the
difference. Medians of the runs, in milliseconds, against a migrated data directory.

``--exit-of SRC``: for another source tree (an older checkout), how much CPU is spent after
``main`` returns (the interpreter's exit), from ``main`` run as it is.

    .venv/bin/python bench/cli_stages.py [--runs 9] [--exit-of OLD/src] [COMMAND ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

STAGES = r"""
import contextlib, gc, io, json, os, sys, time
T = time.process_time
gc.disable()
marks = [("the interpreter, site", T())]
def mark(name):
    marks.append((name, T()))
from newsdesk.cli import main as m
mark("newsdesk.cli.main, argparse")
args = m.build_parser(m.command_of(sys.argv[1:])).parse_args(sys.argv[1:])
mark("the parse")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
from django.conf import settings
mark("django.conf (asgiref, asyncio)")
settings.INSTALLED_APPS
mark("the settings module")
import django.db.models, django.urls
mark("django.urls and django.db.models")
import django.utils.log
mark("django.utils.log")
from django.apps import config
apps = {}
create, import_models = config.AppConfig.create.__func__, config.AppConfig.import_models
def timed_create(cls, entry):
    start = T()
    app = create(cls, entry)
    apps[entry] = apps.get(entry, 0) + T() - start
    return app
def timed_import_models(self):
    start = T()
    import_models(self)
    apps[self.name] = apps.get(self.name, 0) + T() - start
config.AppConfig.create = classmethod(timed_create)
config.AppConfig.import_models = timed_import_models
m.setup_django(None)
mark("the rest of django.setup(): the apps")
from newsdesk.cli import commands
mark("newsdesk.cli.commands")
gc.freeze()
gc.enable()
commands.migrate(checks=args.command in commands.CHECKED)
mark("the migration check")
with contextlib.redirect_stdout(io.StringIO()):
    commands.COMMANDS[args.command](args)
mark("the command")
print(json.dumps({"marks": marks, "apps": apps, "end": T()}))
"""

AFTER_MAIN = r"""
import contextlib, io, sys, time
from newsdesk.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print(time.process_time())
"""


def child(script: str, args: list[str], env: dict[str, str]) -> tuple[str, float]:
    """A new process's last line of output and its CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout.strip().splitlines()[-1], cpu


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}"


def stages(runs: int, command: list[str], env: dict[str, str]) -> None:
    results = []
    for round_ in range(runs + 1):  # the first round writes bytecode and is not counted
        line, cpu = child(STAGES, command, env)
        if round_:
            results.append({**json.loads(line), "whole": cpu})
    names = [name for name, _ in results[0]["marks"]]
    print(f"\n`newsdesk {' '.join(command)}`, stage by stage, medians of {runs} runs")
    print("| stage | CPU ms |\n|---|---:|")
    for i, name in enumerate(names):
        spans = [r["marks"][i][1] - (r["marks"][i - 1][1] if i else 0) for r in results]
        print(f"| {name} | {median_ms(spans)} |")
    print(f"| the interpreter's exit | {median_ms([r['whole'] - r['end'] for r in results])} |")
    print(f"| whole process | {median_ms([r['whole'] for r in results])} |")
    apps = {app: [r["apps"].get(app, 0) for r in results] for app in results[0]["apps"]}
    print("\nThe apps (made, their models imported), CPU ms:")
    for app, spans in sorted(apps.items(), key=lambda item: -statistics.median(item[1])):
        print(f"- {app}: {median_ms(spans)}")


def after_main(runs: int, command: list[str], envs: dict[str, dict[str, str]]) -> None:
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
    for round_ in range(runs + 1):
        for name, env in envs.items():
            line, cpu = child(AFTER_MAIN, command, env)
            if round_:
                figures[name].append((float(line), cpu))
    print(f"\nCPU ms at the end of main and after it (the exit), medians of {runs} runs")
    for name, pairs in figures.items():
        at_end = median_ms([end for end, _ in pairs])
        exit_ = median_ms([cpu - end for end, cpu in pairs])
        print(f"- {name}: {at_end} at the end of main, {exit_} after it")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs (default 9)")
    parser.add_argument("--exit-of", type=Path, help="another version's src folder")
    parser.add_argument("command", nargs="*", default=["check"], help="default: check")
    options = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="newsdesk-bench-stages-"))
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data)}
    for name in ("DATABASE_URL", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", "migrate"], env=env, check=True
    )  # fmt: skip
    stages(options.runs, options.command, env)
    if options.exit_of:
        other = {**env, "PYTHONPATH": str(options.exit_of)}
        after_main(options.runs, options.command, {"this version": env, "the other": other})


if __name__ == "__main__":
    main()

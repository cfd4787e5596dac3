"""How long the ``newsdesk`` command takes to start, against ``python -c pass`` in the same run.

Each command runs as a whole new process, as a person types it, over and over in turn with the
reference (so a busy moment of the shared machine hits both alike). Reported per command: the
median wall time and the median CPU time of the process (user + system, from the kernel's
accounting of the finished child), and both as a ratio to the bare interpreter. ``stats`` and
``feeds`` run against a data directory migrated beforehand, as they would on a live install.

    .venv/bin/python bench/cli_startup.py [--runs 15] [--before OLD_CHECKOUT/src]

``--before`` runs ``stats`` a second time from another source tree (an older checkout), in turn
with the others, to compare two versions in the same run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "python -c pass (reference)": ["-c", "pass"],
    "newsdesk --version": ["-m", "newsdesk.cli.main", "--version"],
    "newsdesk --help": ["-m", "newsdesk.cli.main", "--help"],
    "newsdesk stats": ["-m", "newsdesk.cli.main", "stats"],
    "newsdesk feeds --json": ["-m", "newsdesk.cli.main", "feeds", "--json"],
}


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    parser.add_argument("--before", type=Path, help="another version's src folder, for stats")
    options = parser.parse_args()
    runs = options.runs
    data = Path(tempfile.mkdtemp(prefix="newsdesk-cli-bench-"))
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    envs = {name: env for name in COMMANDS}
    commands = dict(COMMANDS)
    if options.before:
        commands["newsdesk stats, the other version"] = COMMANDS["newsdesk stats"]
        envs["newsdesk stats, the other version"] = {**env, "PYTHONPATH": str(options.before)}
    run_once(COMMANDS["newsdesk stats"], env)  # migrates the data directory once
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            wall, cpu = run_once(args, envs[name])
            walls[name].append(wall)
            cpus[name].append(cpu)
    ref_wall = statistics.median(walls["python -c pass (reference)"])
    ref_cpu = statistics.median(cpus["python -c pass (reference)"])
    print(f"{runs} runs each, medians")
    print("| command | wall ms | CPU ms | wall, times reference | CPU, times reference |")
    print("|---|---:|---:|---:|---:|")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"| {name} | {wall * 1000:.0f} | {cpu * 1000:.0f} "
            f"| {wall / ref_wall:.1f} | {cpu / ref_cpu:.1f} |"
        )


if __name__ == "__main__":
    main()

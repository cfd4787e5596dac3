"""Where the test suite's time goes: wall and CPU per test and per test file.

A pytest plugin and its report. As a plugin it writes one JSON line per test: wall time from
set-up to tear-down, the CPU of the test's own process, and the CPU of the processes it started
and waited for (servers, workers, the CLI, Chromium; a process reaped later, such as a
session-scoped server, counts in the test that ends the session). CPU is what to compare on a
shared machine: wall time there measures the neighbours too. Under pytest-xdist each worker
writes a file of its own.

    export PYTHONPATH=bench SUITE_TIMING=/tmp/sqlite.jsonl
    .venv/bin/pytest -p suite_timing -m "not postgres" -n 2 --dist loadfile
    .venv/bin/python bench/suite_timing.py /tmp/sqlite*.jsonl   # per file, heaviest first
"""

from __future__ import annotations

import collections
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from typing import Any, TextIO

import pytest

_out: TextIO | None = None


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    global _out
    if _out is None:
        path = os.environ.get("SUITE_TIMING", "suite-timing.jsonl")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        _out = open(path.replace(".jsonl", f".{worker}.jsonl"), "a")  # noqa: SIM115
    wall, (own, children) = time.monotonic(), _cpu()
    yield
    own_after, children_after = _cpu()
    row = {
        "id": item.nodeid,
        "file": item.nodeid.split("::")[0],
        "wall": time.monotonic() - wall,
        "cpu": own_after - own,
        "child": children_after - children,
    }
    _out.write(json.dumps(row) + "\n")
    _out.flush()


def report(paths: list[str], top: int = 40) -> str:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with open(path) as lines:
            rows.extend(json.loads(line) for line in lines)
    files: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for row in rows:
        figures = files[row["file"]]
        figures[0] += 1
        figures[1] += row["wall"]
        figures[2] += row["cpu"]
        figures[3] += row["child"]
    totals = [sum(f[i] for f in files.values()) for i in range(4)]
    lines = [
        f"{int(totals[0])} tests: wall {totals[1]:.0f} s, CPU {totals[2]:.0f} s in the test "
        f"processes + {totals[3]:.0f} s in processes they started",
        f"{'file':58} {'tests':>5} {'wall':>7} {'cpu':>7} {'started':>8}",
    ]
    heaviest = sorted(files.items(), key=lambda kv: -(kv[1][2] + kv[1][3]))[:top]
    for name, (n, wall, cpu, child) in heaviest:
        lines.append(f"{name:58} {int(n):5d} {wall:7.1f} {cpu:7.1f} {child:8.1f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(sys.argv[1:]))

"""The extractive engine's answers on the labelled questions: figures and CPU time, two trees.

Each ``--src`` (a checkout's ``src`` folder: the previous rules and these) is measured in its
own child process, in turn, ``--rounds`` times: the child imports that tree's ``newsdesk``,
runs ``newsdesk.eval.questions.run`` over every question of the label file ``--passes`` times
and reports the figures per split (from its first pass; they do not change between passes) and
the CPU time of each pass (``time.process_time``, the question's answer and the site's check
together, the articles loaded once before). The best pass of each tree is the figure; wall time
and the load average are printed beside it, since the machine is shared.

    .venv/bin/python bench/answers_cpu.py --src /path/to/old/src --src src [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import DATASETS

LABELS = Path(__file__).resolve().parent.parent / "src/newsdesk/eval/labels/questions.json"


def child(labels: Path, datasets: Path, passes: int) -> dict[str, Any]:
    """Run in the child: the figures per split and each pass's CPU and wall seconds."""
    from newsdesk.eval import questions
    from newsdesk.pipeline.summarize.extractive import ExtractiveEngine

    engine = ExtractiveEngine()
    report = questions.run(labels, datasets, engine)  # warms caches and word lists
    cpu, wall = [], []
    for _ in range(passes):
        started, clock = time.process_time(), time.perf_counter()
        questions.run(labels, datasets, engine)
        cpu.append(time.process_time() - started)
        wall.append(time.perf_counter() - clock)
    scores = {
        name: {
            "unanswerable": item.unanswerable,
            "answered_anyway": item.answered_anyway,
            "answerable": item.answerable,
            "answered": item.answered,
            "precision": round(item.precision, 3),
            "cited_precision": round(item.cited_precision, 3),
        }
        for name, item in report.splits.items()
        if item.questions
    }
    return {"questions": report.splits["all"].questions, "cpu": cpu, "wall": wall, "scores": scores}


def measure(src: str, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{Path(__file__).parent}"}
    command = [sys.executable, __file__, "--child", "--passes", str(args.passes)]
    command += ["--labels", str(args.labels), "--datasets", str(args.datasets)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", action="append", default=[], help="a tree's src folder")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--datasets", type=Path, default=DATASETS)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.labels, args.datasets, args.passes)))
        return
    results: dict[str, list[dict[str, Any]]] = {src: [] for src in args.src}
    for _ in range(args.rounds):
        for src in args.src:
            results[src].append(measure(src, args))
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    for src, runs in results.items():
        questions = int(runs[0]["questions"])
        best = [min(run["cpu"]) for run in runs]
        walls = [min(run["wall"]) for run in runs]
        print(f"\n{src}: {questions} questions")
        print("best pass CPU s by round: " + ", ".join(f"{value:.3f}" for value in best))
        print("best pass wall s by round: " + ", ".join(f"{value:.3f}" for value in walls))
        print(f"CPU ms a question: {1000 * min(best) / questions:.2f}")
        for name, item in runs[0]["scores"].items():
            print(f"  {name}: {json.dumps(item)}")


if __name__ == "__main__":
    main()

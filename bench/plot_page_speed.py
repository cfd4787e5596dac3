"""Plot the served article page of ``bench/page_speed.py --json --baseline OLD`` runs: server CPU
a request and p99 latency, the reference code beside this one, one group a database.

    .venv/bin/python bench/page_speed.py --json --stories --baseline OLD --rounds 3 > sqlite.json
    DATABASE_URL=postgresql://... .venv/bin/python bench/page_speed.py ... > postgresql.json
    .venv/bin/python bench/plot_page_speed.py sqlite.json postgresql.json OUT.png

Each bar is the median of the run's rounds; a dot marks each round, so the spread shows. The goal
lines are issue 18's (4 ms of CPU, 50 ms p99). Needs the ``bench`` extra (matplotlib).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

PANELS = [
    ("server_cpu_ms", "server CPU a request (ms)", 4.0),
    ("p99_ms", "p99 latency, 4 clients (ms)", 50.0),
]
CODES = [("baseline", "reference code", "#9aa5b1"), ("uncached", "this code", "#1f6feb")]


def main(paths: list[Path], out: Path) -> None:
    runs = [json.loads(path.read_text()) for path in paths]
    figure, axes = plt.subplots(1, len(PANELS), figsize=(9, 3.6))
    for axis, (key, title, goal) in zip(axes, PANELS, strict=True):
        for group, run in enumerate(runs):
            for offset, (code, label, colour) in enumerate(CODES):
                x = group + (offset - 0.5) * 0.38
                height = run[code]["article_page"][key]
                axis.bar(x, height, width=0.36, color=colour, label=label if group == 0 else None)
                rounds = [r["article_page"][key] for r in run.get(f"{code}_rounds", [])]
                axis.plot([x] * len(rounds), rounds, "o", color="#24292f", markersize=3)
                top = max([height, *rounds])
                axis.annotate(
                    f"{height:.2f}",
                    (x, top),
                    xytext=(0, 4),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                )
        axis.axhline(goal, color="#cf222e", linestyle="--", linewidth=1, label="goal (4 ms, 50 ms)")
        axis.set_xticks(range(len(runs)), [run["database"] for run in runs])
        axis.set_title(title, fontsize=10)
        axis.set_ylim(0, goal * 1.25)
        axis.spines[["top", "right"]].set_visible(False)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    articles = runs[0]["articles"]
    figure.suptitle(f"Uncached article page, {articles:,} articles in stories", fontsize=11)
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    figure.savefig(out, dpi=120)


if __name__ == "__main__":
    *inputs, output = sys.argv[1:]
    main([Path(p) for p in inputs], Path(output))

"""Plot the ingestion benchmark: CPU milliseconds per page of each stage, from one run.

    .venv/bin/python bench/ingest_throughput.py --json > ingest.json
    .venv/bin/python bench/plot_ingestion.py ingest.json docs/benchmarks/ingestion.png

CPU time, not pages per second: on a shared machine wall time measures the neighbours. Needs the
``bench`` extra (matplotlib).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

REFERENCE = [
    ("reference_cpu_ms_per_page", "trafilatura.extract alone (reference)", "#9aa5b1"),
    ("our_extraction_cpu_ms_per_page", "our extract_article alone", "#5b7083"),
]
STAGES = [
    ("feed_checks_cpu_ms_per_page", "feed checks", "#c9d1d9"),
    ("article_jobs_cpu_ms_per_page", "article jobs (fetch, extract, store)", "#1f6feb"),
    ("tagging_cpu_ms_per_page", "tagging (places, topics)", "#f0883e"),
    ("placement_cpu_ms_per_page", "story placement", "#8957e5"),
]


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    result = json.loads(source.read_text())
    fig, ax = plt.subplots(figsize=(9, 4))
    rows = [label for _, label, _ in REFERENCE] + ["whole ingest, one process"]
    for row, (key, _, colour) in enumerate(REFERENCE):
        ax.barh(row, result[key], color=colour)
        ax.text(result[key] + 0.5, row, f"{result[key]:.1f}", va="center")
    left = 0.0
    for key, label, colour in STAGES:
        ax.barh(len(REFERENCE), result[key], left=left, color=colour, label=label)
        left += result[key]
    ax.text(left + 0.5, len(REFERENCE), f"{left:.1f}", va="center")
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    ax.set_xlabel("CPU milliseconds per page (lower is better)")
    ax.set_title(f"Ingesting {result['pages']} real article pages, {result['feeds']} feeds")
    ax.set_xlim(0, left * 1.15)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(target, dpi=120)


if __name__ == "__main__":
    main()

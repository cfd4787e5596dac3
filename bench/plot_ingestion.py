"""Plot the ingestion benchmark: pages per second of each stage of the same run.

    .venv/bin/python bench/ingest_throughput.py --json > ingest.json
    .venv/bin/python bench/plot_ingestion.py ingest.json docs/benchmarks/ingestion.png

Needs the ``bench`` extra (matplotlib).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

BARS = [
    ("reference_trafilatura_pages_per_s", "trafilatura.extract\nalone (reference)"),
    ("our_extraction_pages_per_s", "our extraction\n(extract_article)"),
    ("pipeline_one_process_pages_per_s", "whole ingest, tagging and\nplacement, one process"),
    ("pipeline_two_workers_pages_per_s", "pipeline end to end\ntwo worker processes"),
]


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    result = json.loads(source.read_text())
    bars = [(key, label) for key, label in BARS if key in result]  # two workers: --workers
    values = [result[key] for key, _ in bars]
    fig, ax = plt.subplots(figsize=(8, 4))
    bars = ax.barh(
        [label for _, label in bars],
        values,
        color=["#9aa5b1", "#5b7083", "#1f6feb", "#0b3d91"][: len(bars)],
    )
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in values], padding=4)
    ax.invert_yaxis()
    ax.set_xlabel("pages per second (higher is better)")
    ax.set_title(f"Ingesting {result['pages']} real article pages served on 127.0.0.1")
    ax.set_xlim(0, max(values) * 1.2)
    fig.tight_layout()
    fig.savefig(target, dpi=120)


if __name__ == "__main__":
    main()

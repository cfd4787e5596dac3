"""Cost of judging a headline (``HeadlineModel.is_clickbait``) against language detection.

Times, on the headlines of Chakraborty et al. (2016) (all 32,000, or ``--limit``), the shipped
clickbait model and, as the reference in the same process on the same headlines,
``detect_language`` (fastText, which every article already goes through). Wall and CPU time of
one core, best of ``--repeat`` runs; the model's load is timed apart (once per process).

    .venv/bin/python bench/headlines_speed.py [--repeat N] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from _common import DATASETS
from newsdesk.eval.headlines import load_headlines
from newsdesk.pipeline.headlines import read_model
from newsdesk.pipeline.headlines.classify import MODEL_FILE
from newsdesk.pipeline.lang import detect_language


def best(work: Callable[[], object], items: int, repeat: int) -> tuple[float, float]:
    """(wall ms, CPU ms) per item of the fastest run by CPU."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = min(runs, key=lambda run: run[1])
    return 1000 * wall / items, 1000 * cpu / items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    texts = [h.text for h in load_headlines(DATASETS / "headlines")][: args.limit]
    started = time.process_time()
    model = read_model(MODEL_FILE)
    load_ms = 1000 * (time.process_time() - started)
    detect_language("warm up the detector")
    judge = best(lambda: [model.is_clickbait(t) for t in texts], len(texts), args.repeat)
    detect = best(lambda: [detect_language(t) for t in texts], len(texts), args.repeat)
    print(f"{len(texts)} headlines, best of {args.repeat} runs (by CPU)")
    print(f"{'':28} {'wall ms':>9} {'CPU ms':>9}")
    print(f"{'is_clickbait':28} {judge[0]:9.4f} {judge[1]:9.4f}")
    print(f"{'detect_language (reference)':28} {detect[0]:9.4f} {detect[1]:9.4f}")
    print(f"ratio by CPU: {judge[1] / detect[1]:.2f}x the reference")
    print(f"model load {load_ms:.1f} ms CPU, file {MODEL_FILE.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

"""The cost of a story's claim map, beside the extractive story brief of the same articles.

Reads the labelled stories (``src/newsdesk/eval/labels/claims.json``, or the file given with
``--labels``: another checkout's, to time two versions of the rules on the same stories) from
the shared data sets, then for each story times ``pipeline.claims.claim_map`` and, as the
reference in the same run, the extractive engine's story brief (what the story page already
computes), both on the same articles. Prints CPU and wall milliseconds a story (the median of
``--rounds`` rounds) and their ratio. Stops with a message when ../shared/datasets is absent.

    .venv/bin/python bench/claims_cost.py [--rounds 5] [--labels FILE]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from _common import DATASETS

from newsdesk.eval.claims import LABELS, load_stories, load_texts
from newsdesk.pipeline.claims import ClaimArticle, claim_map
from newsdesk.pipeline.summarize import make_document
from newsdesk.pipeline.summarize.extractive import ExtractiveEngine


def timed(work: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--labels", type=Path, default=LABELS, help="the claim set's .json")
    args = parser.parse_args()
    if not DATASETS.is_dir():
        raise SystemExit(f"stopped: {DATASETS} is not here (it is beside the checkout in CI)")
    stories = load_stories(args.labels)
    texts = load_texts(DATASETS, stories)
    engine = ExtractiveEngine()
    rows: dict[str, list[float]] = {
        "claims cpu": [],
        "claims wall": [],
        "brief cpu": [],
        "brief wall": [],
    }
    for _ in range(args.rounds):
        totals = dict.fromkeys(rows, 0.0)
        for story in stories:
            articles = [ClaimArticle(doc, doc, texts[doc]) for doc in story.doc_ids]
            documents = [
                make_document(n, "", texts[doc], source=doc) for n, doc in enumerate(story.doc_ids)
            ]
            cpu, wall = timed(lambda articles=articles: claim_map(articles))
            totals["claims cpu"] += cpu
            totals["claims wall"] += wall
            cpu, wall = timed(lambda documents=documents: engine.brief(documents))
            totals["brief cpu"] += cpu
            totals["brief wall"] += wall
        for name, total in totals.items():
            rows[name].append(total / len(stories))
    median = {name: statistics.median(values) for name, values in rows.items()}
    articles = sum(len(s.doc_ids) for s in stories) / len(stories)
    print(
        f"{len(stories)} stories, {articles:.1f} articles a story, median of {args.rounds} rounds"
    )
    for name in ("claims", "brief"):
        label = "claim map" if name == "claims" else "extractive brief"
        cpu, wall = median[f"{name} cpu"], median[f"{name} wall"]
        print(f"{label}: {cpu:.1f} ms CPU, {wall:.1f} ms wall a story")
    print(f"claim map / brief (CPU): {median['claims cpu'] / median['brief cpu']:.2f}")


if __name__ == "__main__":
    main()

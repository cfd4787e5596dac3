"""Cost of near-duplicate fingerprints: signature and band keys per article, at each corpus size.

Times ``newsdesk.pipeline.dedup`` (CPU time of one core) on the article bodies of the data sets:
the ECB+ texts, the zyte bodies, and both together; and, apart, the share of the time spent in
rensa itself (MinHash over already-built shingles) against normalising and shingling the text.

    .venv/bin/python bench/near_duplicates.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from rensa import RMinHash

from _common import DATASETS
from newsdesk.pipeline import dedup


def load_texts() -> dict[str, list[str]]:
    truth = json.loads((DATASETS / "extraction/zyte/ground-truth.json").read_text("utf-8"))
    zyte = [truth[key]["articleBody"] for key in sorted(truth)]
    with (DATASETS / "stories/ecbplus-dev.jsonl").open(encoding="utf-8") as lines:
        ecb = [json.loads(line)["text"] for line in lines if line.strip()]
    return {"ecbplus-dev": ecb, "zyte": zyte, "both": ecb + zyte}


def best_ms_per_item(work: Callable[[], object], items: int, repeat: int) -> float:
    """The fastest of ``repeat`` runs, in CPU milliseconds per item."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return 1000 * best / items


def rensa_only(shingle_sets: list[list[str]]) -> None:
    for items in shingle_sets:
        minhash = RMinHash(dedup.NUM_PERM, dedup.SEED)
        minhash.update(items)
        minhash.digest()


def measure(name: str, texts: list[str], repeat: int) -> str:
    """One table row: signature, signature plus band keys, and rensa alone, per article."""
    words = sum(len(dedup.words(t)) for t in texts) / len(texts)
    sign = best_ms_per_item(lambda: [dedup.signature(t) for t in texts], len(texts), repeat)
    both = best_ms_per_item(
        lambda: [dedup.band_keys(dedup.signature(t)) for t in texts], len(texts), repeat
    )
    shingle_sets = [list(dedup.shingles(t)) for t in texts]
    core = best_ms_per_item(lambda: rensa_only(shingle_sets), len(texts), repeat)
    return (
        f"{name:12} {len(texts):8d} {words:6.0f} {sign:10.3f} {both:8.3f} {core:8.3f}"
        f" {1000 / both:7.0f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench/near_duplicates.py")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure, best kept")
    args = parser.parse_args()
    print(
        f"{'corpus':12} {'articles':>8} {'words':>6} {'signature':>10} {'+keys':>8}"
        f" {'rensa':>8} {'per s':>7}"
    )
    for name, texts in load_texts().items():
        print(measure(name, texts, args.repeat))
    print("ms per article, CPU; 'rensa' is MinHash over prebuilt shingles only")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

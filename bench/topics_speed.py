"""Cost of ``classify_topics`` per headline and per full article, against language detection.

Times (CPU time of one core, best of ``--repeat`` runs) the topic classifier on the UCI
headlines and on the SemEval-2022 Task 8 article texts (every language of the set), and, as the
reference run in the same process on the same texts, ``detect_language`` (fastText, the cheapest
stage every article already goes through). The ratio says what topics add to ingestion.

    .venv/bin/python bench/topics_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Callable

from _common import DATASETS
from newsdesk.pipeline.lang import detect_language
from newsdesk.pipeline.topics import classify_topics


def load_texts() -> dict[str, list[tuple[str, str, str]]]:
    """(title, text, language) per item: UCI headlines, SemEval articles with their labels."""
    with (DATASETS / "stories/uci-news-aggregator-sample.csv").open(encoding="utf-8") as f:
        headlines = [(row["TITLE"], "", "en") for row in csv.DictReader(f) if row["TITLE"]]
    with (DATASETS / "similarity/semeval2022-task8-train.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    articles = [
        (*_title_and_body(row[f"text{side}"]), row[f"lang{side}"])
        for row in rows
        for side in (1, 2)
        if row[f"text{side}"].strip()
    ]
    return {"UCI headlines": headlines, "SemEval articles": articles}


def _title_and_body(text: str) -> tuple[str, str]:
    head, separator, rest = text.strip().partition("  ")
    return (head, rest) if separator and len(head) <= 300 else ("", text)


def best_ms_per_item(work: Callable[[], object], items: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return 1000 * best / items


def measure(name: str, items: list[tuple[str, str, str]], repeat: int) -> str:
    chars = sum(len(title) + len(text) for title, text, _ in items) / len(items)
    topics = best_ms_per_item(
        lambda: [classify_topics(t, x, language=lang) for t, x, lang in items], len(items), repeat
    )
    unknown = best_ms_per_item(
        lambda: [classify_topics(t, x) for t, x, _ in items], len(items), repeat
    )
    reference = best_ms_per_item(
        lambda: [detect_language(f"{t}\n{x}") for t, x, _ in items], len(items), repeat
    )
    return (
        f"{name:17} {len(items):6d} {chars:7.0f} {topics:9.4f} {unknown:9.4f} {reference:9.4f}"
        f" {topics / reference:7.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load_texts()
    for items in texts.values():  # load word lists and the fastText model before timing
        classify_topics(*items[0][:2], language=items[0][2])
        detect_language(items[0][0] or items[0][1])
    print(
        f"{'set':17} {'items':>6} {'chars':>7} {'ms topics':>9} {'ms (no l)':>9}"
        f" {'ms lang':>9} {'ratio':>7}"
    )
    for name, items in texts.items():
        print(measure(name, items, args.repeat))
    print("ms topics: classify_topics with the item's language; ms (no l): language unknown")
    print("(every word list read); ms lang: detect_language on the same text; ratio: topics/lang")


if __name__ == "__main__":
    main()

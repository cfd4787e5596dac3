"""Cost of AI text without a model: extractive summaries, answers, briefs and the check.

On the FRANK CNN/DM articles: CPU milliseconds per article to split the text into numbered
sentences (the reference: every task starts with it), to write the one-line summary, the
paragraph, the key points and an answer, and to check a paragraph against its citations. On
ECB+: a story brief over 20 real articles of one topic (goal: under 500 ms).

    .venv/bin/python bench/summaries.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable

from _common import DATASETS
from newsdesk.pipeline.summarize import Document, make_document
from newsdesk.pipeline.summarize.extractive import ExtractiveEngine
from newsdesk.pipeline.summarize.faithfulness import check_text

BRIEF_SIZE = 20


def frank_articles() -> list[str]:
    seen: dict[str, str] = {}
    path = DATASETS / "summaries/frank/articles_summaries.jsonl"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["dataset"] == "cnndm":
                seen.setdefault(row["hash"], row["article"])
    return list(seen.values())


def ecb_stories() -> list[list[Document]]:
    """Every ECB+ topic with at least 20 articles, as 20 documents from different 'sources'."""
    topics: dict[str, list[str]] = defaultdict(list)
    with (DATASETS / "stories/ecbplus-dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                topics[str(row["topic"])].append(row["text"])
    return [
        [make_document(f"{t}-{i}", "", text, source=f"s{i}") for i, text in enumerate(texts)]
        for t, texts in sorted(topics.items())
        if len(texts) >= BRIEF_SIZE
        for texts in [texts[:BRIEF_SIZE]]
    ]


def best_ms(work: Callable[[], object], items: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return 1000 * best / items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = ExtractiveEngine()
    texts = frank_articles()
    documents = [make_document(i, "", text) for i, text in enumerate(texts)]
    paragraphs = [engine.summarize(d, "paragraph") for d in documents]
    sources = [{s.id: s.text for s in d.sentences} for d in documents]
    n, r = len(texts), args.repeat
    split = best_ms(lambda: [make_document(i, "", t) for i, t in enumerate(texts)], n, r)
    rows = [
        ("split into numbered sentences (reference)", split),
        (
            "one-line summary",
            best_ms(lambda: [engine.summarize(d, "line") for d in documents], n, r),
        ),
        ("paragraph", best_ms(lambda: [engine.summarize(d, "paragraph") for d in documents], n, r)),
        (
            "key points",
            best_ms(lambda: [engine.summarize(d, "key_points") for d in documents], n, r),
        ),
        (
            "answer a question",
            best_ms(
                lambda: [engine.answer(d, "How many people were hurt?") for d in documents], n, r
            ),
        ),
        (
            "faithfulness check of the paragraph",
            best_ms(
                lambda: [check_text(p, s) for p, s in zip(paragraphs, sources, strict=True)], n, r
            ),
        ),
    ]
    stories = ecb_stories()
    brief = best_ms(lambda: [engine.brief(story) for story in stories], len(stories), r)
    sentences = sum(len(d.sentences) for story in stories for d in story) / max(1, len(stories))
    print(f"{n} CNN/DM articles (FRANK); best of {r} runs, CPU ms per article")
    print("| work | ms per article | ratio to splitting |")
    print("|---|---:|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.2f} | {ms / split:.1f} |")
    print(
        f"| story brief, {BRIEF_SIZE} articles ({sentences:.0f} sentences; {len(stories)} ECB+ "
        f"topics) | {brief:.0f} per story | {brief / split:.0f} |"
    )


if __name__ == "__main__":
    main()

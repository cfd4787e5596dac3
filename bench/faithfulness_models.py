"""The faithfulness check against model-based judges on FRANK: agreement and CPU cost.

For every judged FRANK summary (or the first ``--limit``): CPU milliseconds per summary, and
balanced accuracy on test with a threshold tuned on valid within each dataset (CNN/DM, XSum),
for

- splitting the article and the summary into sentences (the reference every judge pays);
- the check as the gate runs it (``find_support`` then ``assess`` for each summary sentence),
  thresholds tuned as ``newsdesk eval``'s FRANK report tunes them;
- WordLlama (the default embedder, inside its wheel): each summary sentence's best cosine
  against the article's sentences, the summary scored by its worst sentence (SummaC-ZS's
  aggregation, with similarity in place of entailment);
- with ``--nli-model DIR``, an ONNX sentence-pair classifier in DIR (``*.onnx`` and
  ``tokenizer.json``; onnxruntime from the ``bench`` extra): the probability of class
  ``--nli-class`` for each summary sentence against each of its three support sentences and
  against the three together, the lowest of these per sentence and the highest over the
  summary's sentences (a contradiction-like class: high is unfaithful).

    .venv/bin/python bench/faithfulness_models.py [--limit N] [--nli-model DIR]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from _common import DATASETS
from newsdesk.eval.faithfulness import (
    Item,
    judge,
    load_frank,
    repair_article,
    restore_summary,
    score,
    tune,
)
from newsdesk.pipeline.embed.wordllama import load_wordllama
from newsdesk.pipeline.summarize import SourceSentence, split_sentences
from newsdesk.pipeline.summarize.faithfulness import find_support

FRANK = DATASETS / "summaries" / "frank"
SUPPORT = 3

#: Scores per summary, higher meaning "more likely faithful".
Scorer = Callable[[Item], float]


def sentences(item: Item) -> tuple[list[str], list[str]]:
    """The article's sentences and the (restored) summary's."""
    article = split_sentences(repair_article(item.article))
    return article, split_sentences(restore_summary(item.summary, item.article))


def wordllama_scorer() -> Scorer:
    model = load_wordllama()

    def scored(item: Item) -> float:
        article, claims = sentences(item)
        if not article or not claims:
            return 0.0
        similarity = model.embed(claims, norm=True) @ model.embed(article, norm=True).T
        return float(similarity.max(axis=1).min())

    return scored


def nli_scorer(folder: Path, label: int, length: int) -> Scorer:
    """An ONNX pair classifier's score; ``length`` pads every pair (fixed-shape exports)."""
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(next(folder.rglob("*.onnx"))), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(next(folder.rglob("tokenizer.json"))))
    tokenizer.enable_truncation(length)
    tokenizer.enable_padding(length=length)
    wanted = {given.name for given in session.get_inputs()}

    def probability(premises: Sequence[str], claim: str) -> np.ndarray[Any, Any]:
        encoded = tokenizer.encode_batch([(premise, claim) for premise in premises])
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        logits = session.run(None, {k: v for k, v in feed.items() if k in wanted})[0]
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return np.asarray((exp / exp.sum(axis=1, keepdims=True))[:, label])

    def scored(item: Item) -> float:
        article, claims = sentences(item)
        candidates = [SourceSentence(id=str(i), text=text) for i, text in enumerate(article)]
        worst = 0.0
        for claim in claims:
            cites = find_support(claim, candidates, k=SUPPORT)
            premises = [article[int(cited)] for cited in cites] or [""]
            if len(premises) > 1:
                premises.append(" ".join(premises))
            worst = max(worst, float(probability(premises, claim).min()))
        return -worst

    return scored


def balanced(items: Sequence[Item], scores: Sequence[float], dataset: str) -> float:
    """Test balanced accuracy in ``dataset`` with the threshold best on its valid items."""

    def group(split: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        chosen = [i for i, it in enumerate(items) if it.dataset == dataset and it.split == split]
        return (
            np.array([scores[i] for i in chosen]),
            np.array([items[i].factuality == 1.0 for i in chosen]),
        )

    def accuracy(values: np.ndarray[Any, Any], truth: np.ndarray[Any, Any], at: float) -> float:
        said = values >= at
        return float((said[truth].mean() + (~said[~truth]).mean()) / 2)

    valid, valid_truth = group("valid")
    test, test_truth = group("test")
    if not valid_truth.any() or valid_truth.all() or not test_truth.any() or test_truth.all():
        return float("nan")
    cuts = np.quantile(valid, np.linspace(0.01, 0.99, 99))
    best = max(cuts, key=lambda at: accuracy(valid, valid_truth, float(at)))
    return accuracy(test, test_truth, float(best))


def timed(work: Callable[[], list[Any]]) -> tuple[list[Any], float]:
    started = time.process_time()
    result = work()
    return result, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--nli-model", type=Path, default=None)
    parser.add_argument("--nli-class", type=int, default=1)
    parser.add_argument("--nli-length", type=int, default=160)
    args = parser.parse_args()
    items = load_frank(FRANK, args.limit)
    n = len(items)
    _, reference = timed(lambda: [sentences(item) for item in items])
    judged, cpu = timed(lambda: [judge(item) for item in items])
    rows: list[tuple[str, float, dict[str, float]]] = [
        ("split into sentences (reference)", reference, {})
    ]
    per_dataset = {
        d: score(judged, "test", d, tune(judged, d)).balanced_accuracy
        for d in DATA
        if {(j.dataset, j.split) for j in judged} >= {(d, "valid"), (d, "test")}
    }
    rows.append(("the check (find_support + assess)", cpu, per_dataset))
    judges: list[tuple[str, Scorer]] = [("WordLlama worst-sentence cosine", wordllama_scorer())]
    if args.nli_model:
        scorer = nli_scorer(args.nli_model, args.nli_class, args.nli_length)
        judges.append((f"ONNX pair classifier ({args.nli_model.name})", scorer))
    for name, scorer in judges:
        scores, cpu = timed(partial(list, map(scorer, items)))
        rows.append((name, cpu, {d: balanced(items, scores, d) for d in DATA}))
    print(f"FRANK: {n} judged summaries; CPU ms per summary, ratio to the reference;")
    print("balanced accuracy on test, threshold tuned on valid within each dataset\n")
    print(f"{'judge':42} {'CPU ms':>8} {'ratio':>7} {'CNN/DM':>7} {'XSum':>7}")
    for name, cpu, accuracy in rows:
        figures = " ".join(f"{accuracy.get(d, float('nan')):7.3f}" for d in DATA)
        print(f"{name:42} {1000 * cpu / n:8.2f} {cpu / reference:7.1f} {figures}")


DATA = ("cnndm", "xsum")

if __name__ == "__main__":
    main()

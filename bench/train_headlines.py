"""Train the clickbait model shipped in src/newsdesk/pipeline/headlines/data/clickbait.npz.

The headlines are those of Chakraborty et al. (2016) in ../shared/datasets/headlines, split by
the hash rule of ``newsdesk.eval.headlines`` (test part never read here). With ``--search``
the script scores each setting of the grid trained on the training part against the
development part, then the chosen setting at each threshold, and prints the tables; without
it, it trains on training and development parts with the chosen setting and threshold and
writes the model. scikit-learn's logistic regression (liblinear, L2) learns the weights of the
same hashed features the product computes (``newsdesk.pipeline.headlines.features``), so what
is scored here is what ships. Deterministic: liblinear is seeded and the rows are in file
order; two runs write the same bytes.

    /tmp/venv-with-scikit-learn/bin/python bench/train_headlines.py --search
    /tmp/venv-with-scikit-learn/bin/python bench/train_headlines.py
    newsdesk eval headlines ../shared/datasets/headlines

Needs numpy, scipy and scikit-learn (the ``bench`` extra); newsdesk itself from src/.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdesk.eval.headlines import Headline, load_headlines, part_of  # noqa: E402
from newsdesk.pipeline.headlines import HeadlineModel, save_model  # noqa: E402
from newsdesk.pipeline.headlines.classify import MODEL_FILE  # noqa: E402
from newsdesk.pipeline.headlines.features import buckets  # noqa: E402

DATA = REPO.parent / "shared" / "datasets" / "headlines"
BITS = 18
C = 30.0
# The probability from which a headline is called clickbait: chosen on the development part for
# precision (a label on a publisher's headline should rarely be wrong) at accuracy >= 0.97.
THRESHOLD = 0.7
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
SEED = 0
GRID = [(bits, c) for bits in (16, 18, 20) for c in (10.0, 30.0, 100.0)]


def matrix(headlines: list[Headline], bits: int) -> csr_matrix:
    """One row per headline: its buckets, each 1/sqrt(count) (unit length)."""
    indices: list[int] = []
    values: list[float] = []
    starts = [0]
    for headline in headlines:
        found = buckets(headline.text, bits)
        indices += found
        values += [1.0 / math.sqrt(len(found))] * len(found)
        starts.append(len(indices))
    return csr_matrix(
        (np.array(values), np.array(indices), np.array(starts)), shape=(len(headlines), 1 << bits)
    )


def fit(headlines: list[Headline], bits: int, c: float) -> HeadlineModel:
    learner = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    learner.fit(matrix(headlines, bits), [h.clickbait for h in headlines])
    weights = learner.coef_[0].astype(np.float16).astype(np.float32)
    return HeadlineModel(weights, float(learner.intercept_[0]), bits, THRESHOLD)


def accuracy(model: HeadlineModel, headlines: list[Headline]) -> float:
    right = sum(model.is_clickbait(h.text) == h.clickbait for h in headlines)
    return right / len(headlines)


def threshold_table(model: HeadlineModel, headlines: list[Headline]) -> None:
    """Accuracy, precision and recall of ``model`` at each threshold."""
    for threshold in THRESHOLDS:
        answers = [replace(model, threshold=threshold).is_clickbait(h.text) for h in headlines]
        truths = [h.clickbait for h in headlines]
        hits = sum(a and t for a, t in zip(answers, truths, strict=True))
        right = sum(a == t for a, t in zip(answers, truths, strict=True))
        print(
            f"threshold {threshold:.1f}  dev accuracy {right / len(headlines):.4f}  "
            f"precision {hits / max(1, sum(answers)):.4f}  recall {hits / sum(truths):.4f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the headlines folder")
    parser.add_argument("--search", action="store_true", help="score the grid on the dev part")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the model")
    args = parser.parse_args()
    if not args.data.is_dir():
        raise SystemExit(f"{args.data} is missing: the headlines set is in ../shared/datasets")
    headlines = load_headlines(args.data)
    train = [h for h in headlines if part_of(h.text) == "train"]
    dev = [h for h in headlines if part_of(h.text) == "dev"]
    if args.search:
        print(f"train {len(train)}, dev {len(dev)} headlines")
        for bits, c in GRID:
            started = time.perf_counter()
            model = fit(train, bits, c)
            print(
                f"bits {bits:2d}  C {c:6.1f}  dev accuracy {accuracy(model, dev):.4f}  "
                f"({time.perf_counter() - started:.1f} s)"
            )
        threshold_table(fit(train, BITS, C), dev)
        return 0
    model = fit(train + dev, BITS, C)
    save_model(model, args.out)
    print(f"trained on {len(train) + len(dev)} headlines: wrote {args.out}")
    print(f"({args.out.stat().st_size:,} bytes; 2^{BITS} buckets, C {C}, threshold {THRESHOLD})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

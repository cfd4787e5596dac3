"""The clickbait classifier: a linear model over hashed headline features (``features``).

The model is one file, ``data/clickbait.npz``: ``weights`` (one float16 per bucket), ``bias``,
``bits`` and ``threshold``. A headline's score is the bias plus the sum of the weights of its
buckets divided by the square root of their number (the unit-length vector the model was
trained on); its probability of being clickbait is the logistic of that score. The file is
written by ``bench/train_headlines.py``; only numpy reads it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsdesk.errors import NewsdeskError
from newsdesk.pipeline.headlines.features import buckets

MODEL_FILE = Path(__file__).parent / "data" / "clickbait.npz"


class HeadlineModelError(NewsdeskError):
    """A model file that is missing or is not a headline model."""


@dataclass(frozen=True)
class HeadlineModel:
    weights: np.ndarray
    bias: float
    bits: int
    threshold: float = 0.5

    def score(self, headline: str) -> float:
        """The model's margin: above zero leans to clickbait."""
        found = buckets(headline, self.bits)
        if not found:
            return self.bias
        total = float(self.weights[found].sum(dtype=np.float64))
        return self.bias + total / math.sqrt(len(found))

    def probability(self, headline: str) -> float:
        """How likely the headline is clickbait, from 0 to 1."""
        score = self.score(headline)
        if score >= 0:
            return 1.0 / (1.0 + math.exp(-score))
        return math.exp(score) / (1.0 + math.exp(score))  # no overflow for a large negative

    def is_clickbait(self, headline: str) -> bool:
        return bool(headline.strip()) and self.probability(headline) >= self.threshold


def save_model(model: HeadlineModel, path: Path) -> None:
    """Write ``model`` as a compressed .npz file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            weights=model.weights.astype(np.float16),
            bias=np.float64(model.bias),
            bits=np.int64(model.bits),
            threshold=np.float64(model.threshold),
        )


def read_model(path: Path) -> HeadlineModel:
    """The model stored at ``path``."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            weights = stored["weights"].astype(np.float32)
            bits = int(stored["bits"])
            model = HeadlineModel(weights, float(stored["bias"]), bits, float(stored["threshold"]))
    except (OSError, KeyError, ValueError) as error:
        raise HeadlineModelError(f"cannot read the headline model {path}: {error}") from error
    if weights.shape != (1 << bits,):
        raise HeadlineModelError(f"{path}: {weights.shape[0]} weights for 2^{bits} buckets")
    return model


@cache
def load_model() -> HeadlineModel:
    """The model shipped with newsdesk, read once per process."""
    return read_model(MODEL_FILE)

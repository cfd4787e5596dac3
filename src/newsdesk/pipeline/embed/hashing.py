"""A model-free embedder: signed feature hashing of word unigrams and bigrams.

Each text is lower-cased and split into words (Chinese, Japanese and Korean characters count one
word each, so their bigrams are character bigrams). A feature's weight is ``1 + log(tf)``
(sublinear term frequency), times a fixed down-weighting of very common words in the main
European languages (a stand-in for IDF that needs no corpus). Each feature is hashed with CRC-32
(stable across processes and machines, unlike Python's ``hash()``) to a column and a sign, so
collisions cancel out on average instead of piling up.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from newsdesk.pipeline.embed.base import embed_nonblank

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")
_COMMON_WEIGHT = 0.15

# The most frequent function words of en, de, fr, es, it, pt, nl, pl, tr and ru news text.
_COMMON = frozenset(
    """
    a an and are as at be been but by for from had has have he her his i if in into is it its
    not of on or our said she that the their them they this to was we were which who will with
    would you also after more about than there up out one new over
    der die das den dem des ein eine einer eines einem und ist im in zu von mit sich auf für
    nicht es als auch an aus bei nach wie wird werden wurde hat sind sie er noch um am vor oder
    le la les un une des du de et est en dans que qui pour par sur au aux pas plus ne se ce il
    elle ont été son sa ses avec
    el los las del y en que por con para una es lo se al su sus como más pero fue ha han
    il lo gli di da nel della delle dei che non per con una sono è alla al ed
    o os as do da dos das em no na um uma com não para por mais
    het een en van te dat op voor zijn met niet aan er ook als
    w i z na do się nie to że o jest od za po jak ale co przez
    ve bir bu da de ile için olarak olan çok daha gibi ama
    и в не на что с по как это к из за от о его а но то же
    """.split()  # noqa: RUF001, SIM905 (Cyrillic words, kept readable)
)


class HashingEmbedder:
    """Feature hashing of word unigrams and bigrams; no model, deterministic everywhere."""

    def __init__(self, dimensions: int = 4096) -> None:
        if dimensions < 2:
            raise ValueError("dimensions must be at least 2")
        self.dimensions = dimensions
        self.name = f"hashing-{dimensions}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed_nonblank(texts, self.dimensions, self._embed_all)

    def _embed_all(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            columns, values = self._features(text)
            if columns:
                np.add.at(out[row], columns, values)
        return out

    def _features(self, text: str) -> tuple[list[int], list[float]]:
        words = _WORD.findall(text.lower())
        weights = [_COMMON_WEIGHT if word in _COMMON else 1.0 for word in words]
        counts: Counter[str] = Counter(words)
        word_weight = dict(zip(words, weights, strict=True))
        bigram_weight: dict[str, float] = {}
        for i in range(len(words) - 1):
            weight = min(weights[i], weights[i + 1])
            if weight == 1.0 or weights[i] != weights[i + 1]:
                bigram = f"{words[i]} {words[i + 1]}"
                counts[bigram] += 1
                bigram_weight[bigram] = weight
        columns: list[int] = []
        values: list[float] = []
        for feature, count in counts.items():
            weight = word_weight.get(feature) or bigram_weight[feature]
            code = zlib.crc32(feature.encode("utf-8"))
            columns.append(code % self.dimensions)
            sign = -1.0 if code & 0x80000000 else 1.0
            values.append(sign * weight * (1.0 + math.log(count)))
        return columns, values

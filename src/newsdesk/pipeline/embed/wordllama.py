"""The default embedder: WordLlama, whose weights and tokenizer ship inside its wheel.

WordLlama averages static token embeddings (256 dimensions, taken from a large language model's
input layer), so it needs no GPU and no PyTorch. Its loader looks for the tokenizer in the wrong
folder and then tries to download it; pointing its cache at the package's own folder with
downloads disabled makes it load the packaged files and never touch the network.

The model is loaded once per process, on first use, under a lock (threads of ``newsdesk serve``
share it). Texts are cut to their first ``max_chars`` characters: the start of an article says
what the story is, and the cost (and the padding memory of a batch) grows with the length.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.pipeline.embed.base import (
    DEFAULT_MAX_CHARS,
    EmbedderUnavailable,
    embed_nonblank,
    truncate,
)

_BATCH = 32
_lock = threading.Lock()
_model: Any = None


def load_wordllama() -> Any:
    """The process-wide WordLlama model, loaded from the installed package on first call."""
    global _model
    with _lock:
        if _model is None:
            _model = _load()
        return _model


def _load() -> Any:
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as e:
        raise EmbedderUnavailable("the wordllama package is not installed") from e
    package = Path(wordllama.__file__).parent
    try:
        return WordLlama.load(cache_dir=package, disable_download=True)
    except Exception as e:
        raise EmbedderUnavailable(f"wordllama could not load its packaged model: {e}") from e


class WordLlamaEmbedder:
    """WordLlama (l2_supercat, 256 dimensions) on the first ``max_chars`` of each text."""

    name = "wordllama"
    dimensions = 256

    def __init__(self, max_chars: int | None = DEFAULT_MAX_CHARS) -> None:
        self.max_chars = max_chars

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed_nonblank(texts, self.dimensions, self._embed_all)

    def _embed_all(self, texts: list[str]) -> np.ndarray:
        model = load_wordllama()
        cut = [truncate(text, self.max_chars) for text in texts]
        # Batches are padded to their longest text: embedding in order of length wastes less.
        order = sorted(range(len(cut)), key=lambda i: len(cut[i]))
        vectors = model.embed([cut[i] for i in order], norm=False, batch_size=_BATCH)
        out = np.empty_like(vectors)
        out[order] = vectors
        return np.asarray(out, dtype=np.float32)

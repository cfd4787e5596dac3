"""The default embedder: WordLlama, whose weights and tokenizer ship inside its wheel.

WordLlama averages static token embeddings (256 dimensions, taken from a large language model's
input layer), so it needs no GPU and no PyTorch. Its loader looks for the tokenizer in the wrong
folder and then tries to download it; pointing its cache at the package's own folder with
downloads disabled makes it load the packaged files and never touch the network.

The model is loaded once per process, on first use, under a lock (threads of ``newsdesk serve``
share it). Its token matrix stays as the package stores it, float16, mapped from the file rather
than copied: WordLlama widens it to float32 when it loads, which doubles its 16 MB. Each token's
values widen to float32 exactly, and the pooling adds them in float32 as before, so the vectors
are the same to the bit (decision 54).

Texts are cut to their first ``max_chars`` characters: the start of an article says what the
story is, and the cost (and the padding memory of a batch) grows with the length.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.pipeline.embed.base import EmbedderUnavailable, LoadedOnce, PackagedEmbedder

_BATCH = 32
_CONFIG, _DIMENSIONS, _TENSOR = "l2_supercat", 256, "embedding.weight"


def _load() -> Any:
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as e:
        raise EmbedderUnavailable("the wordllama package is not installed") from e
    package = Path(wordllama.__file__).parent
    try:
        model = WordLlama.load(
            config=_CONFIG, dim=_DIMENSIONS, cache_dir=package, disable_download=True
        )
    except Exception as e:
        raise EmbedderUnavailable(f"wordllama could not load its packaged model: {e}") from e
    weights = package / "weights" / WordLlama.get_filename(_CONFIG, _DIMENSIONS)
    try:
        stored = mapped_tensor(weights, _TENSOR)
    except (OSError, ValueError, KeyError, TypeError):
        return model  # another layout of the package: its float32 copy serves as well
    if stored.shape == model.embedding.shape and np.array_equal(stored[:64], model.embedding[:64]):
        model.embedding = stored
    return model


def mapped_tensor(path: Path, name: str) -> np.ndarray:
    """One float16 tensor of a safetensors file, mapped read-only from the file (its header is a
    little-endian length and a JSON index of each tensor's type, shape and byte range)."""
    with path.open("rb") as stream:
        length = int.from_bytes(stream.read(8), "little")
        header = json.loads(stream.read(length))
    entry = header[name]
    if entry["dtype"] != "F16":
        raise ValueError(f"{name} is {entry['dtype']}, not F16")
    begin, end = entry["data_offsets"]
    shape = tuple(entry["shape"])
    if end - begin != 2 * int(np.prod(shape)):
        raise ValueError(f"{name}'s byte range does not match its shape")
    return np.memmap(path, dtype="<f2", mode="r", offset=8 + length + begin, shape=shape)


#: The process-wide WordLlama model, loaded from the installed package on first call.
load_wordllama: LoadedOnce[Any] = LoadedOnce(_load)


class WordLlamaEmbedder(PackagedEmbedder):
    """WordLlama (l2_supercat, 256 dimensions) on the first ``max_chars`` of each text."""

    name = "wordllama"
    dimensions = 256

    def vectors(self, texts: list[str]) -> np.ndarray:
        # Batches are padded to their longest text: embedding in order of length wastes less.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        model = load_wordllama()
        vectors = model.embed([texts[i] for i in order], norm=False, batch_size=_BATCH)
        out = np.empty_like(vectors)
        out[order] = vectors
        return np.asarray(out, dtype=np.float32)

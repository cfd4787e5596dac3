"""Stored embeddings, read back only when the configured embedder made them.

A story's summed embedding and each placement's embedding are stored as raw float32 bytes with
the name of the embedder that made them (``"embedder"`` in the story's profile and in the
placement's features). After ``NEWSDESK_EMBEDDER`` changes, vectors of the former embedder are
ignored as they are read (never compared with new ones, whose length and meaning differ); the
stories they belong to gain vectors of the new embedder as articles join them (decision 42).
Vectors stored before names were recorded came from WordLlama, the default of that time: they
are kept only while WordLlama is configured and their length is its 256 dimensions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsdesk.desk.runtime import get_embedder

LEGACY_EMBEDDER = "wordllama"
LEGACY_DIMENSIONS = 256


def embedder_name() -> str:
    """The name of the configured embedder (building it does not load a packaged model)."""
    return str(get_embedder().name)


def stored_vector(blob: Any, recorded: str) -> np.ndarray | None:
    """The stored vector if the configured embedder made it, else None."""
    if not blob:
        return None
    vector = np.frombuffer(bytes(blob), dtype=np.float32).copy()
    current = embedder_name()
    if recorded:
        return vector if recorded == current else None
    legacy = current == LEGACY_EMBEDDER and vector.shape[0] == LEGACY_DIMENSIONS
    return vector if legacy else None


def recorded_embedder(data: dict[str, Any] | None) -> str:
    """The embedder name recorded in a profile's or a placement's features JSON."""
    return str((data or {}).get("embedder", ""))

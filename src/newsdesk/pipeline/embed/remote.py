"""Embedders backed by another runtime: sentence-transformers, or an OpenAI-compatible endpoint.

``SentenceTransformerEmbedder`` imports sentence-transformers (and so PyTorch) only when built,
and loads the model from local files only: a name that is not in the local cache, or a path that
holds no model, is an ``EmbedderUnavailable`` error, never a download.

``OpenAIEmbedder`` speaks the embeddings protocol of OpenAI, which Ollama, llama.cpp's server,
vLLM, LM Studio and the hosted services all answer: ``POST {base_url}/embeddings`` with
``{"model": ..., "input": [...]}``, answered by ``{"data": [{"index": i, "embedding": [...]}]}``.
Texts go in batches; every failure (status, timeout, connection, malformed body, wrong count or
length of vectors) is an ``EmbeddingError`` that says which.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from typing import Any

import httpx
import numpy as np

from newsdesk.pipeline.embed.base import (
    DEFAULT_MAX_CHARS,
    EmbedderUnavailable,
    EmbeddingError,
    embed_nonblank,
    truncate,
)


class SentenceTransformerEmbedder:
    """A sentence-transformers model, by local path or by a name already in the local cache."""

    def __init__(self, model_name: str, *, max_chars: int | None = DEFAULT_MAX_CHARS) -> None:
        self.name = f"sentence-transformers:{model_name}"
        self.max_chars = max_chars
        self._model = _load_sentence_transformer(model_name)
        dimension_of = getattr(self._model, "get_embedding_dimension", None) or getattr(
            self._model, "get_sentence_embedding_dimension", None
        )
        self.dimensions = int((dimension_of() if dimension_of else 0) or 0)
        if self.dimensions <= 0:
            raise EmbedderUnavailable(f"{model_name} does not declare its embedding dimension")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed_nonblank(texts, self.dimensions, self._embed_all)

    def _embed_all(self, texts: list[str]) -> np.ndarray:
        cut = [truncate(text, self.max_chars) for text in texts]
        vectors = self._model.encode(cut, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def _load_sentence_transformer(model_name: str) -> Any:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise EmbedderUnavailable(
            "sentence-transformers is not installed (pip install sentence-transformers)"
        ) from e
    try:
        return SentenceTransformer(model_name, device="cpu", local_files_only=True)
    except Exception as e:
        raise EmbedderUnavailable(
            f"sentence-transformers model {model_name!r} is not available locally: {e}"
        ) from e


class OpenAIEmbedder:
    """An OpenAI-compatible ``/embeddings`` endpoint.

    ``dimensions`` is learnt from the endpoint (one short request) the first time it is read,
    unless given. ``timeout`` bounds each request, in seconds.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 30.0,
        *,
        dimensions: int | None = None,
        batch_size: int = 64,
        max_chars: int | None = DEFAULT_MAX_CHARS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.name = f"openai:{model}"
        self.url = base_url.rstrip("/") + "/embeddings"
        self.model = model
        self.batch_size = max(1, batch_size)
        self.max_chars = max_chars
        self._dimensions = dimensions
        self._lock = threading.Lock()
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            headers=headers, timeout=timeout, transport=transport, trust_env=False
        )

    @property
    def dimensions(self) -> int:
        with self._lock:
            if self._dimensions is None:
                self._dimensions = int(self._request(["dimensions probe"]).shape[1])
            return self._dimensions

    @dimensions.setter
    def dimensions(self, value: int) -> None:
        self._dimensions = value

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed_nonblank(texts, self.dimensions, self._embed_all)

    def close(self) -> None:
        self._client.close()

    def _embed_all(self, texts: list[str]) -> np.ndarray:
        cut = [truncate(text, self.max_chars) for text in texts]
        batches = [
            self._request(cut[start : start + self.batch_size])
            for start in range(0, len(cut), self.batch_size)
        ]
        return np.concatenate(batches)

    def _request(self, texts: list[str]) -> np.ndarray:
        payload = {"model": self.model, "input": texts}
        try:
            response = self._client.post(self.url, json=payload)
        except httpx.TimeoutException as e:
            raise EmbeddingError(f"embedding endpoint {self.url} timed out") from e
        except httpx.HTTPError as e:
            raise EmbeddingError(f"embedding endpoint {self.url} failed: {e}") from e
        if response.status_code >= 400:
            raise EmbeddingError(
                f"embedding endpoint {self.url} answered {response.status_code}: "
                f"{response.text[:200]}"
            )
        return _vectors_from(response.content, len(texts), self.url)


def _vectors_from(body: bytes, expected: int, url: str) -> np.ndarray:
    """The vectors of an embeddings answer, in input order, checked for count and shape."""
    try:
        items = json.loads(body)["data"]
        ordered = sorted(items, key=lambda item: int(item.get("index", 0)))
        rows = [[float(x) for x in item["embedding"]] for item in ordered]
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise EmbeddingError(f"malformed answer from embedding endpoint {url}: {e}") from e
    if len(rows) != expected:
        raise EmbeddingError(f"embedding endpoint {url} sent {len(rows)} vectors for {expected}")
    lengths = {len(row) for row in rows}
    if len(lengths) != 1 or 0 in lengths:
        raise EmbeddingError(f"embedding endpoint {url} sent vectors of lengths {sorted(lengths)}")
    if not all(math.isfinite(x) for row in rows for x in row):
        raise EmbeddingError(f"embedding endpoint {url} sent non-finite numbers")
    return np.array(rows, dtype=np.float32)

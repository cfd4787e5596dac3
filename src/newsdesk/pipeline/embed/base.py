"""The ``Embedder`` interface, its errors, and the helpers every embedder shares."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar, runtime_checkable

import numpy as np

from newsdesk.errors import NewsdeskError

T = TypeVar("T")

#: Characters of an article kept for embedding by default: about 500 tokens, where the measured
#: similarity stops improving (docs/benchmarks/embeddings.md) and the cost keeps growing.
DEFAULT_MAX_CHARS = 2000
#: Characters of an article's body embedded, after its title, to place it in a story: enough to
#: say what happened, where and who (decision 42 measured 0, 300, 700 and 1500).
STORY_LEAD_CHARS = 700


class EmbeddingError(NewsdeskError):
    """An embedder failed to produce vectors (endpoint error, timeout, malformed answer)."""


class EmbedderUnavailable(EmbeddingError):  # noqa: N818
    """The embedder's package or model is not available on this machine."""


class EmbedderSpecError(EmbeddingError, ValueError):
    """An embedder spec string that names no known embedder."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit vectors: similar texts get a high dot product.

    ``embed`` returns float32 of shape ``(len(texts), dimensions)``; every row has L2 norm 1,
    except the rows of empty (or all-blank) texts, which are zero. Never NaN.
    """

    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm, as float32; zero and non-finite rows become zero rows."""
    matrix = np.array(vectors, dtype=np.float32, copy=True)
    if matrix.ndim != 2:
        raise ValueError(f"expected a 2-d array of vectors, got shape {matrix.shape}")
    finite = np.isfinite(matrix).all(axis=1)
    matrix[~finite] = 0.0
    norms = np.linalg.norm(matrix.astype(np.float64), axis=1)
    usable = norms > 1e-12
    matrix[usable] /= norms[usable, None].astype(np.float32)
    matrix[~usable] = 0.0
    return matrix


def embed_nonblank(
    texts: Sequence[str], dimensions: int, embed: Callable[[list[str]], np.ndarray]
) -> np.ndarray:
    """Call ``embed`` on the texts that have content only; blank texts get zero rows.

    The result is normalised. Models give blank texts arbitrary vectors (or endpoints refuse
    them), so no model ever sees one.
    """
    out = np.zeros((len(texts), dimensions), dtype=np.float32)
    keep = [i for i, text in enumerate(texts) if text and not text.isspace()]
    if not keep:
        return out
    vectors = np.asarray(embed([texts[i] for i in keep]))
    if vectors.shape != (len(keep), dimensions):
        raise EmbeddingError(
            f"expected vectors of shape {(len(keep), dimensions)}, got {vectors.shape}"
        )
    out[keep] = normalize_rows(vectors)
    return out


def truncate(text: str, max_chars: int | None) -> str:
    """The start of ``text``, at most ``max_chars`` characters, cut at a word boundary."""
    if max_chars is None or len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = head.rfind(" ", max_chars * 3 // 4)
    return head[:cut] if cut > 0 else head


def cosine(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    """Cosine similarity of two vectors; 0.0 when either is zero."""
    left = np.asarray(a, dtype=np.float64).ravel()
    right = np.asarray(b, dtype=np.float64).ravel()
    if left.shape != right.shape:
        raise ValueError(f"vectors differ in length: {left.shape[0]} and {right.shape[0]}")
    norms = float(np.linalg.norm(left) * np.linalg.norm(right))
    if not norms or not np.isfinite(norms):
        return 0.0
    return float(np.dot(left, right) / norms)


def article_text(title: str, body: str, *, lead_chars: int | None = DEFAULT_MAX_CHARS) -> str:
    """The text to embed for an article: its title, then the start of its body."""
    title = " ".join(title.split())
    lead = truncate(body.strip(), lead_chars)
    return f"{title}\n{lead}" if title and lead else title or lead


class LoadedOnce(Generic[T]):
    """A model loaded once per process, on first use, under a lock: the threads of ``newsdesk
    serve`` share it, and a process that never embeds never pays for it."""

    def __init__(self, load: Callable[[], T]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._value: T | None = None

    def __call__(self) -> T:
        with self._lock:
            if self._value is None:
                self._value = self._load()
            return self._value


class PackagedEmbedder:
    """An embedder whose model ships in a package: the first ``max_chars`` of each non-blank
    text go to ``vectors`` (a subclass's), and the result is normalised (``embed_nonblank``)."""

    name: str
    dimensions: int

    def __init__(self, max_chars: int | None = DEFAULT_MAX_CHARS) -> None:
        self.max_chars = max_chars

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed_nonblank(texts, self.dimensions, self._embed_all)

    def _embed_all(self, texts: list[str]) -> np.ndarray:
        return self.vectors([truncate(text, self.max_chars) for text in texts])

    def vectors(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

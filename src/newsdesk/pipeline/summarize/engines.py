"""Build the AI engine a settings string names.

    extractive                     sentences picked from the sources (no model, the default)
    openai:BASE_URL#MODEL          any OpenAI-compatible chat endpoint, for example
                                   openai:http://127.0.0.1:11434/v1#qwen2.5:0.5b (Ollama)

The API key is passed apart from the spec, so the spec can be shown and logged.
``timeout`` bounds each request to an endpoint; the extractive engine ignores it.
"""

from __future__ import annotations

from newsdesk.errors import ConfigurationError
from newsdesk.pipeline.summarize.base import Engine

DEFAULT_SPEC = "extractive"
_FORMS = "'extractive' or 'openai:BASE_URL#MODEL'"


class EngineSpecError(ConfigurationError, ValueError):
    """A spec string that names no engine, or names one with missing parts."""


def make_engine(
    spec: str = DEFAULT_SPEC, api_key: str | None = None, *, timeout: float | None = None
) -> Engine:
    """The engine ``spec`` names; ``api_key`` and ``timeout`` (seconds a request may take) go to
    endpoints."""
    kind, _, argument = spec.strip().partition(":")
    kind = kind.lower()
    if kind == "extractive" and not argument:
        from newsdesk.pipeline.summarize.extractive import ExtractiveEngine

        return ExtractiveEngine()
    if kind == "openai":
        base_url, _, model = argument.rpartition("#")
        if base_url.startswith(("http://", "https://")) and model.strip():
            from newsdesk.pipeline.summarize.llm import DEFAULT_TIMEOUT, LlmEngine

            seconds = DEFAULT_TIMEOUT if timeout is None else timeout
            return LlmEngine(base_url, model.strip(), api_key=api_key, timeout=seconds)
        raise EngineSpecError(f"engine spec {spec!r}: expected openai:BASE_URL#MODEL")
    raise EngineSpecError(f"unknown engine spec {spec!r}; expected {_FORMS}")

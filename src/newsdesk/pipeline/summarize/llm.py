"""An engine that asks a language model behind any OpenAI-compatible chat endpoint.

Ollama, llama.cpp's server, vLLM, LM Studio and the hosted services all answer
``POST {base_url}/chat/completions``. The prompt gives the model the document's sentences
numbered ``[1] ...``, ``[2] ...`` and asks for short sentences that each end with the numbers they
rest on (``... [2][5].``). The answer is parsed back into ``CitedSentence`` objects whose
``cites`` are the sentence ids those numbers stand for; numbers that name no sentence are dropped
(and noted), and a sentence that cites nothing keeps ``cites=()`` for the faithfulness check.

Every request is deterministic (temperature 0) and bounded: the document is cut to
``max_sentences`` sentences and ``max_chars`` characters so a small model's context holds it, and
``max_tokens`` bounds the answer. A refused connection or a time-out is ``EngineUnavailable``; an
error status or a malformed answer is ``SummarizeError``. Time-outs and 5xx answers are retried
once after a short pause.

``stream(prompt)`` yields the answer's text as it is generated (``"stream": true``, server-sent
events); ``parse_output(prompt, text, engine)`` turns the finished text into an ``AiText``.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from newsdesk.pipeline.summarize.base import (
    AiText,
    CitedSentence,
    Document,
    EngineUnavailable,
    SummarizeError,
    Task,
)
from newsdesk.pipeline.summarize.sentences import ABBREVIATIONS

if TYPE_CHECKING:  # httpx loads with the first engine, not with the prompts and parsers
    import httpx

#: Seconds a request may take (connect, and each read of a streamed answer).
DEFAULT_TIMEOUT = 120.0

#: Tokens an answer may take at most: one to three short sentences need fewer than a summary,
#: and a small model that does not stop otherwise writes on to ``max_tokens``.
ANSWER_MAX_TOKENS = 120

#: What the model is told to say when the article does not answer the question.
NOT_IN_ARTICLE = "NOT_IN_ARTICLE"

SYSTEM_PROMPT = (
    "You are a careful news editor. Use only the numbered sentences you are given; add no facts. "
    "Write short, plain sentences. End every sentence with the numbers of the sentences it "
    "rests on, in square brackets, like this: The minister resigned on Monday [2][5]."
)

_INSTRUCTIONS: dict[str, str] = {
    "line": "Summarize the article in one sentence of at most 25 words.",
    "paragraph": "Summarize the article in three to five sentences.",
    "key_points": (
        "List the three to five most important points of the article, one per line, each line "
        "starting with '- '."
    ),
    "answer": (
        "Answer the question below using only the article, in one to three sentences. If the "
        f"article does not say, answer exactly {NOT_IN_ARTICLE} and nothing else."
    ),
    "brief": (
        "Several sources report on the same story. Write a brief of four to six sentences: what "
        "happened, then what each source adds (name the source)."
    ),
}

#: A citation group: ``[3]``, ``[3, 5]``, ``[2-4]``, ``[Sentence 3]``.
_CITE = r"\[\s*(?:(?i:sentences?)\s*)?\d{1,4}(?:\s*(?:[,;\-\u2013]|and)\s*\d{1,4})*\s*\]"
_CITE_RE = re.compile(_CITE)
_NUMBER_RE = re.compile(r"\d{1,4}(?:\s*[\-\u2013]\s*\d{1,4})?")
#: Where one output sentence ends: terminal punctuation (then citations) before a capital, or
#: citations before a capital, or CJK terminal punctuation.
_CLOSERS = "\"'\u201d\u2019)"
_OPENERS = "\"'\u201c\u2018("
_CJK_ENDS = "\u3002\uff01\uff1f"  # CJK full stop, exclamation and question marks
_UNIT_END = re.compile(
    rf"""[.!?\u2026]+[{_CLOSERS}]*(?:\s*{_CITE})*(?=\s+[{_OPENERS}]?[A-Z0-9\u00c0-\u00de])"""
    rf"""|(?:{_CITE}\s*)+(?=\s+[A-Z])"""
    rf"""|[{_CJK_ENDS}]+(?:\s*{_CITE})*"""
)
_SPACE_BEFORE = re.compile(rf"\s+([.,;:!?\u2026){_CJK_ENDS}])")
_LEAD = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)]|#+)\s+")
_LABEL = re.compile(r"^(?i:summary|answer|brief|key points?|in short)\s*:\s*")
_THINKING = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)
_NOT_IN_ARTICLE_RE = re.compile(r"NOT[_ ]IN[_ ](?:THE[_ ])?ARTICLE")
_LAST_WORD = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Prompt:
    """One request to the model: its messages, and which sentence id each prompt number means."""

    task: Task
    messages: tuple[Mapping[str, str], ...]
    numbers: Mapping[int, str]
    max_tokens: int
    language: str = ""
    notes: tuple[str, ...] = field(default=())


class LlmEngine:
    """An ``Engine`` over an OpenAI-compatible ``/chat/completions`` endpoint.

    ``timeout`` bounds each request in seconds (connect, and each read of a streamed answer).
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_tokens: int = 300,
        max_sentences: int = 60,
        max_chars: int = 6000,
        max_documents: int = 8,
        retries: int = 1,
        retry_backoff: float = 0.5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.name = f"llm:{model}"
        self.model = model
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.max_tokens = max_tokens
        self.max_sentences = max(1, max_sentences)
        self.max_chars = max(200, max_chars)
        self.max_documents = max(1, max_documents)
        self.retries = max(0, retries)
        self.retry_backoff = retry_backoff
        #: Requests sent to the endpoint so far (retries included): what a task cost.
        self.requests = 0
        import httpx

        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            headers=headers, timeout=timeout, transport=transport, trust_env=False
        )

    # --- the Engine interface ----------------------------------------------------------------

    def summarize(self, document: Document, task: Task = "paragraph") -> AiText:
        return self.complete(self.summary_prompt(document, task))

    def answer(self, document: Document, question: str) -> AiText:
        return self.complete(self.answer_prompt(document, question))

    def brief(self, documents: Sequence[Document], since: datetime | None = None) -> AiText:
        return self.complete(self.brief_prompt(documents, since))

    # --- prompts -----------------------------------------------------------------------------

    def summary_prompt(self, document: Document, task: Task = "paragraph") -> Prompt:
        if task not in ("line", "paragraph", "key_points"):
            raise SummarizeError(f"summarize does not do {task!r}")
        tokens = self.max_tokens // 3 if task == "line" else self.max_tokens
        return self._prompt(task, [document], _INSTRUCTIONS[task], max(tokens, 60))

    def answer_prompt(self, document: Document, question: str) -> Prompt:
        question = " ".join(question.split())[:500]
        instruction = f"{_INSTRUCTIONS['answer']}\n\nQuestion: {question}"
        tokens = min(self.max_tokens, ANSWER_MAX_TOKENS)
        return self._prompt("answer", [document], instruction, tokens)

    def brief_prompt(self, documents: Sequence[Document], since: datetime | None = None) -> Prompt:
        if not documents:
            raise SummarizeError("a brief needs at least one document")
        instruction = _INSTRUCTIONS["brief"]
        if since is not None:
            instruction += f" Then say what is new since {since:%Y-%m-%d %H:%M}."
        prompt = self._prompt(
            "brief",
            documents[: self.max_documents],
            instruction,
            self.max_tokens,
            since=since,
            language="",
        )
        if len(documents) > self.max_documents:
            note = f"the brief uses the first {self.max_documents} of {len(documents)} documents"
            prompt = replace(prompt, notes=(note, *prompt.notes))
        return prompt

    def _prompt(
        self,
        task: Task,
        documents: Sequence[Document],
        instruction: str,
        max_tokens: int,
        *,
        since: datetime | None = None,
        first: int = 1,
        language: str | None = None,
    ) -> Prompt:
        numbers: dict[int, str] = {}
        blocks: list[str] = []
        notes: list[str] = []
        budget = self.max_chars // len(documents)
        limit = max(1, self.max_sentences // len(documents))
        for position, document in enumerate(documents):
            lines = [_heading(document, position, len(documents), since)]
            used = 0
            for kept, sentence in enumerate(document.sentences):
                text = " ".join(sentence.text.split())[:budget]
                if kept >= limit or (kept and used + len(text) > budget):
                    notes.append(f"document {document.id} cut to {kept} sentences for the prompt")
                    break
                number = first + len(numbers)
                numbers[number] = sentence.id
                lines.append(f"[{number}] {text}")
                used += len(text)
            blocks.append("\n".join(lines))
        user = f"{instruction}\n\n" + "\n\n".join(blocks)
        return Prompt(
            task=task,
            messages=(
                MappingProxyType({"role": "system", "content": SYSTEM_PROMPT}),
                MappingProxyType({"role": "user", "content": user}),
            ),
            numbers=MappingProxyType(numbers),
            max_tokens=max_tokens,
            language=documents[0].language if language is None else language,
            notes=tuple(notes),
        )

    # --- requests ----------------------------------------------------------------------------

    def complete(self, prompt: Prompt) -> AiText:
        """Send the prompt, wait for the whole answer, and parse it."""
        answer = self._post(self._payload(prompt, stream=False))
        content, finish = _message_of(answer, self.url)
        result = parse_output(prompt, content, self.name)
        if finish == "length":
            result = _with_note(result, "the answer was cut at max_tokens")
        if result.answered and not result.sentences:
            raise SummarizeError(f"{self.url} answered no usable text: {content[:200]!r}")
        return result

    def stream(self, prompt: Prompt) -> Iterator[str]:
        """The answer's text in pieces as the model writes them; join them for ``parse_output``."""
        import httpx

        payload = self._payload(prompt, stream=True)
        for attempt in range(self.retries + 1):
            started = False
            self.requests += 1
            try:
                with self._client.stream("POST", self.url, json=payload) as response:
                    if response.status_code >= 500 and attempt < self.retries:
                        response.read()
                        time.sleep(self.retry_backoff)
                        continue
                    _check_status(response, self.url)
                    for delta in _deltas(response, self.url):
                        started = True
                        yield delta
                return
            except httpx.TimeoutException as e:
                if started or attempt >= self.retries:
                    raise EngineUnavailable(f"chat endpoint {self.url} timed out") from e
            except httpx.ConnectError as e:
                raise EngineUnavailable(f"cannot connect to chat endpoint {self.url}: {e}") from e
            except httpx.HTTPError as e:
                if started or attempt >= self.retries:
                    raise SummarizeError(f"chat endpoint {self.url} failed: {e}") from e
            time.sleep(self.retry_backoff)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> LlmEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _payload(self, prompt: Prompt, *, stream: bool) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": [dict(message) for message in prompt.messages],
            "temperature": 0,
            "max_tokens": prompt.max_tokens,
            "stream": stream,
        }

    def _post(self, payload: dict[str, Any]) -> Any:
        import httpx

        for attempt in range(self.retries + 1):
            last = attempt >= self.retries
            self.requests += 1
            try:
                response = self._client.post(self.url, json=payload)
            except httpx.TimeoutException as e:
                if last:
                    raise EngineUnavailable(f"chat endpoint {self.url} timed out") from e
            except httpx.ConnectError as e:
                raise EngineUnavailable(f"cannot connect to chat endpoint {self.url}: {e}") from e
            except httpx.HTTPError as e:
                if last:
                    raise SummarizeError(f"chat endpoint {self.url} failed: {e}") from e
            else:
                if response.status_code < 500 or last:
                    _check_status(response, self.url)
                    try:
                        return response.json()
                    except ValueError as e:
                        raise SummarizeError(
                            f"malformed answer from chat endpoint {self.url}: "
                            f"{response.text[:200]!r}"
                        ) from e
            time.sleep(self.retry_backoff)
        raise AssertionError("unreachable")  # pragma: no cover


# --- parsing -----------------------------------------------------------------------------------


def parse_output(prompt: Prompt, text: str, engine: str) -> AiText:
    """The model's finished text as cited sentences, citations mapped to sentence ids."""
    text = _THINKING.sub("", text).replace("**", "").strip()
    notes = list(prompt.notes)
    if prompt.task == "answer" and _NOT_IN_ARTICLE_RE.search(text):
        return AiText("answer", engine, (), answered=False, language=prompt.language, notes=())
    units = _units(text)
    sentences: list[CitedSentence] = []
    unknown: list[int] = []
    carried: list[int] = []
    for unit_text, numbers in units:
        numbers = carried + numbers
        if not unit_text:
            if sentences and not sentences[-1].cites:
                sentences[-1] = CitedSentence(sentences[-1].text, _ids(numbers, prompt, unknown))
                carried = []
            else:
                carried = numbers
            continue
        carried = []
        sentences.append(CitedSentence(unit_text, _ids(numbers, prompt, unknown)))
    if unknown:
        listed = ", ".join(str(number) for number in dict.fromkeys(unknown))
        notes.append(f"dropped citations of sentences that do not exist: {listed}")
    return AiText(
        task=prompt.task,
        engine=engine,
        sentences=tuple(sentences),
        language=prompt.language,
        notes=tuple(notes),
    )


def _units(text: str) -> list[tuple[str, list[int]]]:
    """(clean text, cited numbers) for each output sentence, in order."""
    units: list[tuple[str, list[int]]] = []
    for raw_line in text.splitlines():
        line = _LABEL.sub("", _LEAD.sub("", raw_line)).strip()
        if not line or (line.endswith(":") and not _CITE_RE.search(line)):
            continue  # blank, or a heading such as "Key points:"
        pieces: list[str] = []
        start = 0
        for match in _UNIT_END.finditer(line):
            if not _is_abbreviation(line[start : match.start()], match.group(0)):
                pieces.append(line[start : match.end()])
                start = match.end()
        pieces.append(line[start:])
        leading: list[int] = []
        for index, piece in enumerate(filter(str.strip, pieces)):
            words, numbers = _clean(piece)
            if not words and (index == 0 or leading):
                leading.extend(numbers)  # "[2] The minister resigned.": cites what follows
                continue
            units.append((words, leading + numbers))
            leading = []
        if leading:
            units.append(("", leading))
    return units


def _clean(unit: str) -> tuple[str, list[int]]:
    numbers: list[int] = []
    for group in _CITE_RE.findall(unit):
        for item in _NUMBER_RE.findall(group):
            low, _, high = item.replace("\u2013", "-").partition("-")
            first, last = int(low), int(high or low)
            numbers.extend(range(first, min(last, first + 20) + 1) if last >= first else [first])
    words = _CITE_RE.sub(" ", unit)
    words = _SPACE_BEFORE.sub(r"\1", " ".join(words.split())).strip()
    return (words if _has_words(words) else ""), numbers


def _has_words(text: str) -> bool:
    return any(character.isalnum() for character in text)


def _is_abbreviation(before: str, end: str) -> bool:
    if not end.startswith(".") or "[" in end:
        return False
    found = _LAST_WORD.search(before)
    if not found:
        return False
    word = found.group(1).lstrip(_OPENERS + "[").lower()
    return (len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS


def _ids(numbers: list[int], prompt: Prompt, unknown: list[int]) -> tuple[str, ...]:
    ids: dict[str, None] = {}
    for number in numbers:
        sentence_id = prompt.numbers.get(number)
        if sentence_id is None:
            unknown.append(number)
        else:
            ids.setdefault(sentence_id, None)
    return tuple(ids)


# --- helpers -----------------------------------------------------------------------------------


def _heading(document: Document, position: int, count: int, since: datetime | None) -> str:
    label = f"Source {position + 1}" if count > 1 else "Source"
    parts = [f"{label}: {document.source}" if document.source else f"{label}:"]
    if document.published_at is not None:
        parts.append(f"published {document.published_at:%Y-%m-%d %H:%M}")
        if since is not None and document.published_at > since:
            parts.append("(new)")
    heading = " ".join(parts)
    if document.title:
        heading += f"\nHeadline: {' '.join(document.title.split())}"
    return heading


def _with_note(result: AiText, note: str) -> AiText:
    return replace(result, notes=(*result.notes, note))


def _check_status(response: httpx.Response, url: str) -> None:
    if response.status_code >= 400:
        response.read()
        raise SummarizeError(
            f"chat endpoint {url} answered {response.status_code}: {response.text[:200]!r}"
        )


def _message_of(answer: Any, url: str) -> tuple[str, str]:
    """The first choice's text and finish reason, or SummarizeError."""
    try:
        choice = answer["choices"][0]
        content = choice["message"]["content"]
        if not isinstance(content, str):
            raise TypeError(f"content is {type(content).__name__}")
        return content, str(choice.get("finish_reason") or "")
    except (KeyError, IndexError, TypeError, AttributeError) as e:
        excerpt = json.dumps(answer)[:200]
        raise SummarizeError(f"malformed answer from chat endpoint {url}: {e}: {excerpt}") from e


def _deltas(response: httpx.Response, url: str) -> Iterator[str]:
    """Text deltas of a server-sent-events answer (or of a plain JSON one, sent whole)."""
    if "text/event-stream" not in response.headers.get("content-type", ""):
        response.read()
        try:
            answer = response.json()
        except ValueError as e:
            raise SummarizeError(
                f"malformed answer from chat endpoint {url}: {response.text[:200]!r}"
            ) from e
        yield _message_of(answer, url)[0]
        return
    for line in response.iter_lines():
        if not line.startswith("data:"):
            continue  # blank separators, comments, event names
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
            if "error" in event:
                raise SummarizeError(f"chat endpoint {url} reported: {str(event['error'])[:200]}")
            choices = event.get("choices") or [{}]
            content = (choices[0].get("delta") or {}).get("content")
        except (ValueError, TypeError, AttributeError) as e:
            raise SummarizeError(f"malformed event from chat endpoint {url}: {data[:200]!r}") from e
        if content:
            yield str(content)

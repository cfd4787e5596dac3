"""The LLM engine: prompts, parsing, errors and streaming against a chat server on 127.0.0.1.

The first part serves the OpenAI chat-completions protocol from a small threaded HTTP server
(JSON answers, and server-sent events in chunked transfer encoding for streaming) whose answers
each test chooses. The second part runs a real model, SmolLM2-135M-Instruct, through
llama-cpp-python's server: it checks the structure of what comes back, never the wording.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from newsdesk.errors import ConfigurationError
from newsdesk.pipeline.summarize import (
    AiText,
    Document,
    Engine,
    EngineUnavailable,
    SummarizeError,
    make_document,
)
from newsdesk.pipeline.summarize.answers import finish_answer
from newsdesk.pipeline.summarize.engines import EngineSpecError, make_engine
from newsdesk.pipeline.summarize.llm import (
    ANSWER_MAX_TOKENS,
    NOT_IN_ARTICLE,
    LlmEngine,
    Prompt,
    parse_output,
)
from tests.support.chat import (  # noqa: F401 (chat_fixture is a fixture)
    ChatServer,
    Reply,
    chat_fixture,
    completion,
    events,
    status,
)
from tests.support.llm_server import LlmServer
from tests.support.server import LocalServer

FLOOD = make_document(
    "flood",
    "River bursts its banks in Riverton",
    "The Alder river burst its banks in Riverton early on Saturday. "
    "About 300 homes were flooded in the lower town. "
    "The mayor, Ines Caldwell, opened the sports hall as a shelter. "
    "No one was hurt, the fire service said. "
    "Forecasters expect the water to fall by Tuesday.",
    source="Valley Herald",
    language="en",
    published_at=datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
)
FLOOD_FOLLOW_UP = make_document(
    "flood-2",
    "Riverton counts the cost",
    "Insurers estimate the damage in Riverton at 12 million euros. "
    "The river fell below its banks on Monday night.",
    source="Daily Courier",
    language="en",
    published_at=datetime(2025, 3, 4, 8, 0, tzinfo=UTC),
)
FLOOD_IDS = [sentence.id for sentence in FLOOD.sentences]


def _engine(server: ChatServer, **options: Any) -> LlmEngine:
    options = {"retry_backoff": 0.01, **options}
    return LlmEngine(server.url("/v1"), "tiny-test-model", **options)


def _user_message(body: dict[str, Any]) -> str:
    return str(body["messages"][-1]["content"])


# --- requests and parsing --------------------------------------------------------------------


def test_summary_request_and_citations(chat: ChatServer) -> None:
    chat.answer_with(
        completion(
            "The Alder river flooded about 300 homes in Riverton [1][2]. "
            "A sports hall became a shelter [3]. The water should fall by Tuesday [5][9]."
        )
    )
    engine = LlmEngine(chat.url("/v1/"), "tiny-test-model", api_key="sekrit", max_tokens=123)

    result = engine.summarize(FLOOD, "paragraph")

    assert isinstance(engine, Engine)
    assert result.engine == "llm:tiny-test-model"
    assert result.task == "paragraph"
    assert result.language == "en"
    assert [s.text for s in result.sentences] == [
        "The Alder river flooded about 300 homes in Riverton.",
        "A sports hall became a shelter.",
        "The water should fall by Tuesday.",
    ]
    assert [s.cites for s in result.sentences] == [
        (FLOOD_IDS[0], FLOOD_IDS[1]),
        (FLOOD_IDS[2],),
        (FLOOD_IDS[4],),  # [9] names no sentence: dropped
    ]
    assert any("9" in note for note in result.notes)
    [body] = chat.bodies
    assert body["model"] == "tiny-test-model"
    assert body["temperature"] == 0
    assert body["max_tokens"] == 123
    assert body["stream"] is False
    assert [message["role"] for message in body["messages"]] == ["system", "user"]
    prompt = _user_message(body)
    for number, sentence in enumerate(FLOOD.sentences, start=1):
        assert f"[{number}] {sentence.text}" in prompt
    assert "Valley Herald" in prompt
    assert "River bursts its banks in Riverton" in prompt
    _path, headers = chat.requests[-1]
    assert headers["Authorization"] == "Bearer sekrit"


def test_sentences_without_citations_keep_none(chat: ChatServer) -> None:
    chat.answer_with(completion("Riverton flooded. Nobody was hurt [4]."))

    result = _engine(chat).summarize(FLOOD, "line")

    assert [(s.text, s.cites) for s in result.sentences] == [
        ("Riverton flooded.", ()),
        ("Nobody was hurt.", (FLOOD_IDS[3],)),
    ]
    assert all(s.supported is None for s in result.sentences)
    _path, headers = chat.requests[-1]
    assert "Authorization" not in headers


def test_key_points_lines(chat: ChatServer) -> None:
    chat.answer_with(
        completion(
            "Key points:\n- The river burst its banks on Saturday [1]\n"
            "- About 300 homes flooded. [2]\n* [4] No one was hurt.\n2. Water falls by Tuesday [5]"
        )
    )

    result = _engine(chat).summarize(FLOOD, "key_points")

    assert [(s.text, s.cites) for s in result.sentences] == [
        ("The river burst its banks on Saturday", (FLOOD_IDS[0],)),
        ("About 300 homes flooded.", (FLOOD_IDS[1],)),
        ("No one was hurt.", (FLOOD_IDS[3],)),
        ("Water falls by Tuesday", (FLOOD_IDS[4],)),
    ]


def test_answer_and_not_in_article(chat: ChatServer) -> None:
    chat.answer_with(
        completion("The mayor opened the sports hall [3]."), completion(NOT_IN_ARTICLE)
    )
    engine = _engine(chat)

    found = engine.answer(FLOOD, "Where did people  shelter?")
    missing = engine.answer(FLOOD, "Who won the football match?")

    assert found.answered is True
    assert found.task == "answer"
    assert [s.cites for s in found.sentences] == [(FLOOD_IDS[2],)]
    assert missing.answered is False
    assert missing.sentences == ()
    assert "Question: Where did people shelter?" in _user_message(chat.bodies[0])
    assert chat.bodies[0]["max_tokens"] <= ANSWER_MAX_TOKENS  # one to three sentences
    assert NOT_IN_ARTICLE in _user_message(chat.bodies[1])


def test_brief_numbers_sentences_across_documents(chat: ChatServer) -> None:
    chat.answer_with(completion("Riverton flooded [1]. Damage is put at 12 million euros [6]."))
    since = datetime(2025, 3, 2, tzinfo=UTC)

    result = _engine(chat).brief([FLOOD, FLOOD_FOLLOW_UP], since=since)

    assert result.task == "brief"
    assert [s.cites for s in result.sentences] == [(FLOOD_IDS[0],), ("flood-2:0",)]
    prompt = _user_message(chat.bodies[0])
    assert "Source 1: Valley Herald" in prompt
    assert "Source 2: Daily Courier" in prompt
    assert "[6] Insurers estimate the damage" in prompt
    assert "[7] The river fell below its banks" in prompt
    assert "new since 2025-03-02" in prompt
    assert result.cited_ids() == [FLOOD_IDS[0], "flood-2:0"]


def test_long_documents_are_cut_to_fit_the_context(chat: ChatServer) -> None:
    text = " ".join(f"Paragraph number {n} says something about the flood." for n in range(300))
    long = make_document("long", "Long", text)
    chat.answer_with(completion("Something happened [3]."))

    result = _engine(chat, max_sentences=10).summarize(long)
    _engine(chat, max_chars=1000).summarize(long)

    few, short = (_user_message(body) for body in chat.bodies)
    assert "[10] " in few and "[11] " not in few
    assert len(short) < 1000 + 600  # the sentences, plus instructions and heading
    assert any("cut to 10 sentences" in note for note in result.notes)


def test_cut_answers_are_noted(chat: ChatServer) -> None:
    chat.answer_with(completion("The river burst its banks [1]. About", finish="length"))

    result = _engine(chat).summarize(FLOOD)

    assert any("max_tokens" in note for note in result.notes)


def test_parse_output_handles_the_shapes_models_write() -> None:
    prompt = LlmEngine("http://127.0.0.1:9/v1", "m").summary_prompt(FLOOD)

    def parsed(text: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(s.text, s.cites) for s in parse_output(prompt, text, "llm:m").sentences]

    a, b, c, d, e = FLOOD_IDS
    assert parsed("Homes flooded. [2][3] A shelter opened. [3]") == [
        ("Homes flooded.", (b, c)),
        ("A shelter opened.", (c,)),
    ]
    assert parsed("Flooding [1, 2] and shelter [3]; water falls [2-4].") == [
        ("Flooding and shelter; water falls.", (a, b, c, d)),
    ]
    assert parsed(
        "<think>the user wants</think>**Summary:** The U.S. team helped [Sentence 5]."
    ) == [
        ("The U.S. team helped.", (e,)),
    ]
    assert parsed("Riverton flooded.\n[1]") == [("Riverton flooded.", (a,))]
    assert parsed("Riverton flooded [0][1][1].") == [("Riverton flooded.", (a,))]
    assert parsed("[7]\n\n  ") == []


# --- failures --------------------------------------------------------------------------------


def test_a_5xx_is_retried_once(chat: ChatServer) -> None:
    chat.answer_with(status(500), completion("Riverton flooded [1]."))

    result = _engine(chat).summarize(FLOOD)

    assert [s.cites for s in result.sentences] == [(FLOOD_IDS[0],)]
    assert chat.hits["/v1/chat/completions"] == 2


def test_a_5xx_twice_is_an_error_with_the_status_and_body(chat: ChatServer) -> None:
    chat.answer_with(status(503, b'{"error": {"message": "model is loading"}}'))

    with pytest.raises(SummarizeError, match="503") as raised:
        _engine(chat).summarize(FLOOD)

    assert "model is loading" in str(raised.value)
    assert not isinstance(raised.value, EngineUnavailable)
    assert chat.hits["/v1/chat/completions"] == 2


def test_a_4xx_is_not_retried(chat: ChatServer) -> None:
    chat.answer_with(status(400, b'{"error": {"message": "context length exceeded"}}'))

    with pytest.raises(SummarizeError, match=r"400.*context length exceeded"):
        _engine(chat).summarize(FLOOD)
    assert chat.hits["/v1/chat/completions"] == 1


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (status(200, b"<html>gateway</html>"), "malformed answer.*gateway"),
        (status(200, b'{"object": "list", "data": []}'), "malformed answer"),
        (status(200, b'{"choices": [{"message": {"content": null}}]}'), "malformed answer"),
        (completion("   \n "), "no usable text"),
    ],
)
def test_malformed_answers(chat: ChatServer, reply: Reply, message: str) -> None:
    chat.answer_with(reply)

    with pytest.raises(SummarizeError, match=message):
        _engine(chat).summarize(FLOOD)


def test_connection_refused_is_unavailable() -> None:
    server = LocalServer().start()
    url = server.url("/v1")
    server.stop()  # nothing listens there now

    with pytest.raises(EngineUnavailable, match=f"{url}/chat/completions"):
        LlmEngine(url, "m", retry_backoff=0.01).summarize(FLOOD)
    with pytest.raises(EngineUnavailable, match="cannot connect"):
        list(LlmEngine(url, "m").stream(LlmEngine(url, "m").summary_prompt(FLOOD)))


def test_a_timeout_is_retried_then_unavailable(chat: ChatServer) -> None:
    def slow(request: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        time.sleep(1.5)
        with contextlib.suppress(OSError):  # the client has given up by now
            completion("Late [1].")(request, body)

    chat.answer_with(slow)
    started = time.monotonic()

    with pytest.raises(EngineUnavailable, match="timed out"):
        _engine(chat, timeout=0.3).summarize(FLOOD)
    assert time.monotonic() - started < 1.4
    assert chat.hits["/v1/chat/completions"] == 2


# --- streaming -------------------------------------------------------------------------------


def test_stream_yields_deltas_as_they_come(chat: ChatServer) -> None:
    gate = threading.Event()
    pieces = ["The Alder", " river burst its banks [1]", ". No one", " was hurt [4][8]."]
    chat.answer_with(events(pieces, gate))
    engine = _engine(chat)
    prompt = engine.summary_prompt(FLOOD, "line")

    deltas = engine.stream(prompt)
    first = next(deltas)  # arrives while the server is still holding the rest back
    gate.set()
    text = first + "".join(deltas)
    result = parse_output(prompt, text, engine.name)

    assert first == "The Alder"
    assert text == "".join(pieces)
    assert chat.bodies[0]["stream"] is True
    assert chat.bodies[0]["temperature"] == 0
    assert isinstance(result, AiText)
    assert [s.cites for s in result.sentences] == [(FLOOD_IDS[0],), (FLOOD_IDS[3],)]


def test_stream_retries_a_5xx_and_accepts_a_plain_json_answer(chat: ChatServer) -> None:
    chat.answer_with(status(502), completion("Riverton flooded [1]."))
    engine = _engine(chat)

    assert list(engine.stream(engine.summary_prompt(FLOOD))) == ["Riverton flooded [1]."]
    assert chat.hits["/v1/chat/completions"] == 2


def test_stream_errors(chat: ChatServer) -> None:
    engine = _engine(chat)
    prompt = engine.summary_prompt(FLOOD)
    chat.answer_with(
        events(["Riverton"], tail=b'data: {"error": {"message": "out of memory"}}\n\n')
    )
    with pytest.raises(SummarizeError, match="out of memory"):
        list(engine.stream(prompt))

    chat.answer_with(events(["Riverton"], tail=b"data: {not json\n\n"))
    with pytest.raises(SummarizeError, match="malformed event"):
        list(engine.stream(prompt))

    chat.answer_with(status(401, b'{"error": "bad key"}'))
    with pytest.raises(SummarizeError, match="401"):
        list(engine.stream(prompt))


# --- the factory -----------------------------------------------------------------------------


def test_make_engine_specs() -> None:
    from newsdesk.pipeline.summarize.extractive import ExtractiveEngine

    assert isinstance(make_engine("extractive"), ExtractiveEngine)
    assert isinstance(make_engine(), ExtractiveEngine)
    engine = make_engine("openai:http://127.0.0.1:11434/v1#qwen2.5:0.5b", api_key="k")
    assert isinstance(engine, LlmEngine)
    assert engine.url == "http://127.0.0.1:11434/v1/chat/completions"
    assert engine.name == "llm:qwen2.5:0.5b"
    assert engine.model == "qwen2.5:0.5b"
    quick = make_engine("openai:https://llm.example/v1#m", timeout=2.5)
    assert isinstance(quick, LlmEngine)
    assert quick._client.timeout.read == 2.5


@pytest.mark.parametrize(
    "spec", ["", "gpt", "extractive:big", "openai:127.0.0.1#m", "openai:http://x", "openai:"]
)
def test_malformed_specs_are_refused(spec: str) -> None:
    with pytest.raises(EngineSpecError) as raised:
        make_engine(spec)

    assert isinstance(raised.value, ConfigurationError)
    assert isinstance(raised.value, ValueError)
    assert repr(spec) in str(raised.value)


# --- a real model --------------------------------------------------------------------------


def _assert_structure(result: AiText, documents: list[Document]) -> None:
    """What holds for any model: text in each sentence, citations only of given sentences."""
    known = {sentence.id for document in documents for sentence in document.sentences}
    if result.answered:
        assert result.sentences, result
    for sentence in result.sentences:
        assert sentence.text.strip()
        assert set(sentence.cites) <= known
        assert len(set(sentence.cites)) == len(sentence.cites)


@pytest.fixture(scope="module")
def real_engine(real_llm_server: LlmServer) -> Iterator[LlmEngine]:
    engine = LlmEngine(real_llm_server.base_url, real_llm_server.model, max_tokens=120)
    yield engine
    engine.close()


@pytest.mark.slow
def test_real_model_summaries(real_engine: LlmEngine) -> None:
    for task in ("line", "paragraph", "key_points"):
        result = real_engine.summarize(FLOOD, task)
        assert result.engine == "llm:smollm2-135m-instruct"
        _assert_structure(result, [FLOOD])


@pytest.mark.slow
def test_real_model_answers_and_briefs(real_engine: LlmEngine) -> None:
    answer = real_engine.answer(FLOOD, "How many homes were flooded?")
    unrelated = real_engine.answer(FLOOD, "What is the capital of Peru?")
    brief = real_engine.brief([FLOOD, FLOOD_FOLLOW_UP])

    _assert_structure(answer, [FLOOD])
    _assert_structure(unrelated, [FLOOD])
    _assert_structure(brief, [FLOOD, FLOOD_FOLLOW_UP])


@pytest.mark.slow
def test_real_model_answers_pass_the_answer_check(real_engine: LlmEngine) -> None:
    """Whatever a small model says to a question the article cannot answer, the site shows
    "the article does not say": the sentences it cites do not answer it."""
    sources = {sentence.id: sentence.text for sentence in FLOOD.sentences}

    def shown(question: str) -> AiText | None:
        """What a reader would be shown; None when the model said nothing usable (the reader
        then gets the engine's error, never an answer)."""
        try:
            return finish_answer(real_engine.answer(FLOOD, question), question, sources)
        except SummarizeError:
            return None

    unrelated = shown("What is the capital of Peru?")
    assert unrelated is None or (unrelated.answered is False and unrelated.sentences == ())
    answer = shown("How many homes were flooded?")
    if answer is not None and answer.answered:  # a toy model may refuse or cite badly
        assert any(FLOOD_IDS[1] in sentence.cites for sentence in answer.sentences)


@pytest.mark.slow
def test_real_model_streams(real_engine: LlmEngine) -> None:
    prompt = real_engine.summary_prompt(FLOOD, "paragraph")

    deltas = list(real_engine.stream(prompt))
    result = parse_output(prompt, "".join(deltas), real_engine.name)

    assert len(deltas) > 1  # token by token, not one block
    assert "".join(deltas).strip()
    _assert_structure(result, [FLOOD])


def test_prompt_is_a_plain_value() -> None:
    prompt = LlmEngine("http://127.0.0.1:9/v1", "m").summary_prompt(FLOOD)

    assert isinstance(prompt, Prompt)
    assert dict(prompt.numbers) == {n + 1: sentence_id for n, sentence_id in enumerate(FLOOD_IDS)}
    with pytest.raises(SummarizeError):
        LlmEngine("http://127.0.0.1:9/v1", "m").summary_prompt(FLOOD, "answer")

"""The neutral headline a language model writes for a clickbait one: the request, and what is
kept of the answer (one cited sentence the article supports, or nothing). Answers come from a
chat-completions server on 127.0.0.1 each test chooses, and once from a real small model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.pipeline.summarize import make_document
from newsdesk.pipeline.summarize.headline import INSTRUCTION, checked_headline, headline_prompt
from newsdesk.pipeline.summarize.llm import LlmEngine
from tests.support.chat import ChatServer, chat_fixture, completion  # noqa: F401
from tests.support.llm_server import LlmServer

FERRY = make_document(
    7,
    "You Won't Believe What This Harbour Town Did With Its Old Ferry",
    "The town of Port Ellen has turned its retired ferry into a floating library. "
    "The council bought the ferry for 40,000 pounds in March. "
    "The library opens to readers on Saturday with 12,000 books.",
    language="en",
)
IDS = [sentence.id for sentence in FERRY.sentences]


def engine(chat: ChatServer) -> LlmEngine:
    return LlmEngine(chat.url("/v1"), "tiny-test-model", retry_backoff=0.01)


def test_the_request_asks_for_a_headline_from_numbered_sentences(chat: ChatServer) -> None:
    prompt = headline_prompt(engine(chat), FERRY)
    user = prompt.messages[-1]["content"]

    assert user.startswith(INSTRUCTION + "\n\n")
    assert "[1] The town of Port Ellen" in user and "[3] The library opens" in user
    assert "Summarize" not in user
    assert prompt.max_tokens <= 60
    assert dict(prompt.numbers) == {1: IDS[0], 2: IDS[1], 3: IDS[2]}


def test_a_supported_cited_headline_is_kept(chat: ChatServer) -> None:
    chat.answer_with(
        completion('"Port Ellen turns its retired ferry into a floating library" [1].')
    )

    found = checked_headline(engine(chat), FERRY).headline

    assert found is not None
    assert found.text == "Port Ellen turns its retired ferry into a floating library"
    assert found.cites == (IDS[0],)


@pytest.mark.parametrize(
    "answer",
    [
        "Port Ellen turns its ferry into a library.",  # cites nothing
        "Glasgow council pays 90,000 pounds for a ferry [2].",  # not what [2] says
        "Port Ellen ferry library " + "and more " * 10 + "[1].",  # not a headline's length
        "You will never guess what Port Ellen did with its ferry [9].",  # cites no sentence
    ],
)
def test_anything_else_is_not_offered(chat: ChatServer, answer: str) -> None:
    chat.answer_with(completion(answer))
    assert checked_headline(engine(chat), FERRY).headline is None


@pytest.fixture(scope="module")
def real_engine(real_llm_server: LlmServer) -> Iterator[LlmEngine]:
    model = LlmEngine(real_llm_server.base_url, real_llm_server.model)
    yield model
    model.close()


@pytest.mark.slow
def test_a_real_model_answer_is_kept_only_when_checked(real_engine: LlmEngine) -> None:
    found = checked_headline(real_engine, FERRY).headline
    if found is not None:  # a toy model may cite badly; what is kept is cited and short
        assert found.text and len(found.text.split()) <= 20
        assert found.cites and set(found.cites) <= set(IDS)

"""A chat-completions server on 127.0.0.1 whose answers each test chooses.

It speaks the OpenAI protocol exactly: JSON answers, and server-sent events in chunked transfer
encoding for streaming. ``answer_with`` queues replies (the last one repeats).

``chat_fixture`` is a pytest fixture named ``chat``: import it into a test module to use it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.support.server import LocalServer

Reply = Callable[[BaseHTTPRequestHandler, dict[str, Any]], None]


class ChatServer(LocalServer):
    """Answers POST /v1/chat/completions with the queued replies (the last one repeats)."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[dict[str, Any]] = []
        self.replies: list[Reply] = []

    def answer_with(self, *replies: Reply) -> None:
        self.replies = list(replies)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        base = super()._handler_class()
        server = self

        class Handler(base):  # type: ignore[valid-type,misc]
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                server._record(self.path, dict(self.headers.items()))
                server.bodies.append(body)
                if self.path != "/v1/chat/completions":
                    send(self, 404, b'{"error": "no such route"}')
                    return
                reply = server.replies.pop(0) if len(server.replies) > 1 else server.replies[0]
                reply(self, body)

        return Handler


def send(request: BaseHTTPRequestHandler, status: int, body: bytes, kind: str = "json") -> None:
    request.send_response(status)
    request.send_header("Content-Type", f"application/{kind}")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def completion(text: str, finish: str = "stop") -> Reply:
    """A chat.completion object whose one choice says ``text``."""

    def reply(request: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        answer = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": finish,
                }
            ],
            "usage": {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70},
        }
        send(request, 200, json.dumps(answer).encode())

    return reply


def status(code: int, body: bytes = b'{"error": {"message": "model crashed"}}') -> Reply:
    return lambda request, _body: send(request, code, body)


def events(pieces: list[str], gate: threading.Event | None = None, *, tail: bytes = b"") -> Reply:
    """Server-sent chat.completion.chunk events, one chunk each; waits on ``gate`` after the
    first piece so a test can see it arrive before the rest exists."""

    def reply(request: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/event-stream")
        request.send_header("Transfer-Encoding", "chunked")
        request.end_headers()

        def chunk(delta: dict[str, str], finish: str | None = None) -> dict[str, Any]:
            return {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": 1_700_000_000,
                "model": body["model"],
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }

        frames = [chunk({"role": "assistant"})]
        frames += [chunk({"content": piece}) for piece in pieces]
        frames.append(chunk({}, "stop"))
        for index, frame in enumerate(frames):
            write_chunk(request, f"data: {json.dumps(frame)}\n\n".encode())
            if gate is not None and index == 1:
                gate.wait(5)
        write_chunk(request, tail or b"data: [DONE]\n\n")
        request.wfile.write(b"0\r\n\r\n")

    return reply


def write_chunk(request: BaseHTTPRequestHandler, data: bytes) -> None:
    request.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
    request.wfile.flush()


@pytest.fixture(name="chat")
def chat_fixture() -> Iterator[ChatServer]:
    """A started ``ChatServer``, stopped after the test."""
    server = ChatServer()
    server.start()
    yield server
    server.stop()

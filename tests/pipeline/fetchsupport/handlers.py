"""Handlers for LocalServer routes that write their reply by hand (raw bytes, slow, framed)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler

Handler = Callable[[BaseHTTPRequestHandler], None]


def raw_reply(
    status: int,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    *,
    content_length: bool = True,
    close: bool = False,
) -> Handler:
    """Write the whole reply in a single send (no Nagle/delayed-ACK stall between head and body).

    ``close`` ends the connection after the reply, for tests where the client stops reading
    early (the server would otherwise wait on the connection for a next request and be reset).
    """

    def handle(request: BaseHTTPRequestHandler) -> None:
        lines = [f"HTTP/1.1 {status} X"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if content_length:
            lines.append(f"Content-Length: {len(body)}")
        if close or not content_length:
            lines.append("Connection: close")
            request.close_connection = True
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        _write(request, [head + body])

    return handle


def streamed(
    head: dict[str, str], pieces: Iterable[bytes], *, chunked: bool = False, pause: float = 0.0
) -> Handler:
    """A 200 whose body is written piece by piece (chunked, or ended by closing the connection)."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.close_connection = True
        request.send_response(200)
        for name, value in head.items():
            request.send_header(name, value)
        if chunked:
            request.send_header("Transfer-Encoding", "chunked")
        else:
            request.send_header("Connection", "close")
        request.end_headers()
        framed = (_chunk(p) for p in pieces) if chunked else pieces
        _write(request, framed, pause=pause)

    return handle


def stall(seconds: float) -> Handler:
    """Accept the request and send nothing for ``seconds``."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.close_connection = True
        time.sleep(seconds)

    return handle


def hang_up(request: BaseHTTPRequestHandler) -> None:
    """Close the connection without answering."""
    request.close_connection = True


def _chunk(piece: bytes) -> bytes:
    return f"{len(piece):x}\r\n".encode() + piece + b"\r\n"


def _write(request: BaseHTTPRequestHandler, pieces: Iterable[bytes], pause: float = 0.0) -> None:
    try:
        for piece in pieces:
            request.wfile.write(piece)
            request.wfile.flush()
            if pause:
                time.sleep(pause)
    except OSError:
        request.close_connection = True

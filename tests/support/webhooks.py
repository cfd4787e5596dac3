"""A webhook receiver on 127.0.0.1 for tests: answers each POST from a script of replies
(status, delay), with the same extra headers on every answer, and keeps every request it got
(headers and body) to be checked afterwards."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Replies in order from ``script`` (the last one repeats); each is (status, delay)."""

    script: list[tuple[int, float]] = field(default_factory=lambda: [(200, 0.0)])
    received: list[Received] = field(default_factory=list)
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def next_reply(self) -> tuple[int, float]:
        with self._lock:
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def record(self, request: Received) -> None:
        with self._lock:
            self.received.append(request)


@contextmanager
def receiver(
    *script: tuple[int, float], headers: dict[str, str] | None = None
) -> Iterator[Receiver]:
    state = Receiver(list(script) or [(200, 0.0)])
    extra = dict(headers or {})

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.record(Received(self.path, dict(self.headers.items()), body))
            status, delay = state.next_reply()
            time.sleep(delay)
            answer = b"ok" if status < 400 else b"no"
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer)
            except OSError:
                pass  # the sender gave up waiting

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.port = int(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()

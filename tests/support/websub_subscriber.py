"""A WebSub subscriber's callback on 127.0.0.1 for tests of the site's hub: it answers an
intent verification (GET) with the challenge, as the spec asks (or refuses, with
``confirm=False``), and keeps every verification and content distribution it got. With
``failures=N`` it answers the first N distributions 503 (a subscriber that is down for a
while), keeping them in ``refused``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Subscriber:
    port: int = 0
    confirm: bool = True
    failures: int = 0
    refused: list[bytes] = field(default_factory=list)
    verifications: list[dict[str, str]] = field(default_factory=list)
    deliveries: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/callback") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def subscriber(confirm: bool = True, failures: int = 0) -> Iterator[Subscriber]:
    state = Subscriber(confirm=confirm, failures=failures)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            with state.lock:
                state.verifications.append(query)
            body = query.get("hub.challenge", "").encode() if state.confirm else b"no"
            self._answer(200 if state.confirm else 404, body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with state.lock:
                down = len(state.refused) < state.failures
                if down:
                    state.refused.append(body)
                else:
                    state.deliveries.append((dict(self.headers.items()), body))
            self._answer(503 if down else 202, b"")

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()

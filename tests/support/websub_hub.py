"""A small WebSub hub on 127.0.0.1 for tests, following the W3C Recommendation's hub side.

A subscriber POSTs ``hub.mode=subscribe`` (form-encoded) to ``hub.url()``; the hub answers 202
and then, on its own thread, verifies the intent with a GET to the callback carrying
``hub.mode``, ``hub.topic``, ``hub.challenge`` and ``hub.lease_seconds``: the subscription
counts only when the callback answers 2xx with the challenge itself. ``publish(topic, body)``
POSTs the body to every verified subscriber of the topic, signed with ``X-Hub-Signature:
sha256=...`` when a secret was given, with ``Link`` headers naming the hub and the topic.

    with websub_hub() as hub:                      # verifies as the spec says
    with websub_hub(mode="silent") as hub:         # accepts requests, never verifies
    with websub_hub(mode="deny") as hub:           # tells the callback it is denied
"""

from __future__ import annotations

import secrets
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

from newsdesk.pipeline.feeds.websub import sign


@dataclass
class Subscriber:
    callback: str
    topic: str
    secret: str
    lease_seconds: int


@dataclass
class Delivery:
    callback: str
    status: int


@dataclass
class LocalHub:
    mode: str = "verify"  # "verify", "silent" or "deny"
    lease_seconds: int = 3600
    requests: list[dict[str, str]] = field(default_factory=list)
    subscribers: list[Subscriber] = field(default_factory=list)
    verifications: list[tuple[str, int, str]] = field(default_factory=list)  # url, status, echo
    deliveries: list[Delivery] = field(default_factory=list)
    verified: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def take(self, form: dict[str, str]) -> int:
        """A subscription request: its answer's status; verification follows on a thread."""
        self.requests.append(form)
        if form.get("hub.mode") != "subscribe" or not form.get("hub.callback"):
            return 400
        if self.mode != "silent":
            threading.Thread(target=self._verify, args=(form,), daemon=True).start()
        return 202

    def _verify(self, form: dict[str, str]) -> None:
        callback, topic = form["hub.callback"], form["hub.topic"]
        if self.mode == "deny":
            query = {"hub.mode": "denied", "hub.topic": topic, "hub.reason": "not allowed here"}
            self._get(callback, query)
            self.verified.set()
            return
        challenge = secrets.token_hex(16)
        query = {
            "hub.mode": "subscribe",
            "hub.topic": topic,
            "hub.challenge": challenge,
            "hub.lease_seconds": str(self.lease_seconds),
        }
        status, echo = self._get(callback, query)
        self.verifications.append((callback, status, echo))
        if 200 <= status < 300 and echo == challenge:
            self.subscribers = [s for s in self.subscribers if s.callback != callback]
            secret = form.get("hub.secret", "")
            self.subscribers.append(Subscriber(callback, topic, secret, self.lease_seconds))
        self.verified.set()

    @staticmethod
    def _get(callback: str, query: dict[str, str]) -> tuple[int, str]:
        joiner = "&" if "?" in callback else "?"
        try:
            with urllib.request.urlopen(callback + joiner + urlencode(query), timeout=10) as reply:
                return reply.status, reply.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, ""

    def publish(
        self, topic: str, body: bytes, *, signature: str | None = None, link_topic: str = ""
    ) -> list[int]:
        """POST ``body`` to every verified subscriber of ``topic``; their answers' statuses.
        ``signature`` replaces the right one (a forged push); ``link_topic`` the topic named."""
        statuses = []
        for subscriber in [s for s in self.subscribers if s.topic == topic]:
            headers = {
                "Content-Type": "application/rss+xml",
                "Link": f'<{self.url()}>; rel="hub", <{link_topic or topic}>; rel="self"',
            }
            if signature is not None:
                headers["X-Hub-Signature"] = signature
            elif subscriber.secret:
                headers["X-Hub-Signature"] = sign(subscriber.secret, body)
            request = urllib.request.Request(subscriber.callback, body, headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=10) as reply:
                    status = reply.status
            except urllib.error.HTTPError as e:
                status = e.code
            self.deliveries.append(Delivery(subscriber.callback, status))
            statuses.append(status)
        return statuses


@contextmanager
def websub_hub(mode: str = "verify", lease_seconds: int = 3600) -> Iterator[LocalHub]:
    hub = LocalHub(mode=mode, lease_seconds=lease_seconds)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            fields = parse_qs(self.rfile.read(length).decode("ascii", "replace"))
            status = hub.take({name: values[0] for name, values in fields.items()})
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    hub.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield hub
    finally:
        server.shutdown()
        server.server_close()

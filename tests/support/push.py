"""A Web Push service on 127.0.0.1 for tests, checking what a real one checks.

Each browser it stands for has its own P-256 key pair and 16-byte auth secret, as
``PushManager.subscribe`` makes them; ``subscription()`` gives the endpoint and the public keys
to hand to newsdesk. Every POST is checked as a push service and a browser would:

- the ``Authorization: vapid t=<JWT>,k=<key>`` header (RFC 8292): ``k`` must be the key the
  subscription was made with (``expected_key``), the JWT's ES256 signature must verify with it
  (checked here with ``cryptography``, not with the library that signed it), its ``aud`` must be
  this service's origin, its ``exp`` in the future and within 24 hours, and its ``sub`` a
  ``mailto:`` or https address. A failed check answers 403, as push services do.
- the body must be ``Content-Encoding: aes128gcm`` and decrypt (``http_ece``, RFC 8291) with
  the browser's private key and auth secret into JSON; ``TTL`` must be there.

Answers follow a script (status, extra headers), the last one repeating; each request is kept
with its checked payload, or the reason it was refused.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Browser:
    """One subscribed browser: its endpoint path, private key and auth secret."""

    path: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)


@dataclass(frozen=True)
class Pushed:
    path: str
    headers: dict[str, str]
    message: dict[str, Any] | None  # the decrypted JSON, when every check passed
    refused: str  # why the request was refused ("" when accepted)
    claims: dict[str, Any]


@dataclass
class PushService:
    expected_key: str = ""  # the site's VAPID public key (base64url); set before sending
    script: list[tuple[int, dict[str, str]]] = field(default_factory=lambda: [(201, {})])
    pushed: list[Pushed] = field(default_factory=list)
    browsers: dict[str, Browser] = field(default_factory=dict)
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def subscription(self, name: str = "browser") -> tuple[str, str, str]:
        """(endpoint, p256dh, auth) of a new browser named ``name``."""
        browser = Browser(f"/push/{name}")
        self.browsers[browser.path] = browser
        return self.origin + browser.path, browser.p256dh, b64url(browser.auth)

    def answer(self, *script: tuple[int, dict[str, str]]) -> None:
        with self._lock:
            self.script = list(script)

    def next_reply(self) -> tuple[int, dict[str, str]]:
        with self._lock:
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def accepted(self) -> list[dict[str, Any]]:
        return [p.message for p in self.pushed if p.message is not None]

    def check(self, path: str, headers: dict[str, str], body: bytes) -> Pushed:
        lower = {name.lower(): value for name, value in headers.items()}
        browser = self.browsers.get(path)
        if browser is None:
            return Pushed(path, lower, None, "no such subscription", {})
        try:
            claims = self._check_vapid(lower.get("authorization", ""))
        except (ValueError, KeyError, InvalidSignature) as e:
            return Pushed(path, lower, None, f"vapid: {e!r}", {})
        if lower.get("content-encoding") != "aes128gcm" or not lower.get("ttl", "").isdigit():
            return Pushed(path, lower, None, "encoding or TTL missing", claims)
        try:
            plain = http_ece.decrypt(
                body, private_key=browser.private_key, auth_secret=browser.auth, version="aes128gcm"
            )
            message = json.loads(plain)
        except Exception as e:  # any failure to decrypt is a refusal
            return Pushed(path, lower, None, f"decrypt: {e!r}", claims)
        return Pushed(path, lower, message, "", claims)

    def _check_vapid(self, header: str) -> dict[str, Any]:
        scheme, _, rest = header.partition(" ")
        if scheme.lower() != "vapid":
            raise ValueError(f"scheme {scheme!r}")
        parts = dict(part.strip().split("=", 1) for part in rest.split(","))
        if parts["k"] != self.expected_key:
            raise ValueError("not the subscription's application server key")
        head, payload, signature = parts["t"].split(".")
        if json.loads(unb64url(head)) != {"typ": "JWT", "alg": "ES256"}:
            raise ValueError("JWT header")
        raw = unb64url(signature)
        if len(raw) != 64:
            raise ValueError("ES256 signature length")
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        public.verify(der, f"{head}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
        claims: dict[str, Any] = json.loads(unb64url(payload))
        if claims["aud"] != self.origin:
            raise ValueError(f"aud {claims['aud']!r}")
        if not time.time() < claims["exp"] <= time.time() + 24 * 3600:
            raise ValueError("exp")
        if not str(claims["sub"]).startswith(("mailto:", "https://")):
            raise ValueError("sub")
        return claims


@contextmanager
def push_service(expected_key: str = "") -> Iterator[PushService]:
    state = PushService(expected_key=expected_key)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            pushed = state.check(self.path, dict(self.headers.items()), body)
            with state._lock:
                state.pushed.append(pushed)
            status, extra = state.next_reply()
            if pushed.refused:
                status, extra = (404 if "no such" in pushed.refused else 403), {}
            answer = pushed.refused.encode() or b""
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            if 200 <= status < 300:
                self.send_header("Location", f"{state.origin}/message/{len(state.pushed)}")
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(answer)

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


def browser_keys() -> dict[str, str]:
    """The keys of a browser no push service stands behind: ``p256dh`` and ``auth``."""
    browser = Browser("/nowhere")
    return {"p256dh": browser.p256dh, "auth": b64url(browser.auth)}

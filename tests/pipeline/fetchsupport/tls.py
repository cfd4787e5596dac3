"""An HTTPS server on 127.0.0.1 for one host name, speaking HTTP/2 or HTTP/1.1 as ALPN decides.

The certificate is self-signed for that name only, made with the ``openssl`` command. The server
records, per request, the TLS SNI it was sent, the protocol agreed and the authority asked for,
so tests can see that the fetcher connected by IP but spoke TLS and HTTP to the name.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import h2.config
import h2.connection
import h2.events


@dataclass(frozen=True)
class Seen:
    sni: str | None
    protocol: str | None
    authority: str
    path: str


def make_certificate(hostname: str, directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate and key for ``hostname``; returns (cert, key) paths."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
         "-subj", f"/CN={hostname}", "-addext", f"subjectAltName=DNS:{hostname}"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class TLSServer:
    """Serves ``body`` for every GET over TLS; ``stop()`` when done."""

    def __init__(self, cert: Path, key: Path, body: bytes) -> None:
        self.body = body
        self.seen: list[Seen] = []
        self._sni: dict[int, str | None] = {}
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._context.load_cert_chain(cert, key)
        self._context.set_alpn_protocols(["h2", "http/1.1"])
        self._context.sni_callback = self._record_sni
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def stop(self) -> None:
        self._stopped = True
        self._listener.close()

    def _record_sni(self, sock: ssl.SSLObject, name: str | None, _: ssl.SSLContext) -> None:
        self._sni[id(sock)] = name

    def _accept(self) -> None:
        while not self._stopped:
            try:
                plain, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(plain,), daemon=True).start()

    def _serve(self, plain: socket.socket) -> None:
        try:
            with self._context.wrap_socket(plain, server_side=True) as sock:
                sni = self._sni.pop(id(sock), None)
                protocol = sock.selected_alpn_protocol()
                if protocol == "h2":
                    self._serve_h2(sock, sni)
                else:
                    self._serve_http11(sock, sni, protocol)
        except (OSError, ssl.SSLError):
            pass

    def _serve_h2(self, sock: ssl.SSLSocket, sni: str | None) -> None:
        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        conn.initiate_connection()
        sock.sendall(conn.data_to_send())
        while data := sock.recv(65535):
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    headers = {_text(k): _text(v) for k, v in event.headers}
                    self.seen.append(Seen(sni, "h2", headers[":authority"], headers[":path"]))
                    conn.send_headers(
                        event.stream_id,
                        [(":status", "200"), ("content-length", str(len(self.body)))],
                    )
                    conn.send_data(event.stream_id, self.body, end_stream=True)
            sock.sendall(conn.data_to_send())

    def _serve_http11(self, sock: ssl.SSLSocket, sni: str | None, protocol: str | None) -> None:
        request = b""
        while b"\r\n\r\n" not in request and (data := sock.recv(65535)):
            request += data
        lines = request.decode("latin-1").split("\r\n")
        host = next((line[5:].strip() for line in lines if line.lower().startswith("host:")), "")
        self.seen.append(Seen(sni, protocol or "http/1.1", host, lines[0].split(" ")[1]))
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(self.body)}\r\nConnection: close\r\n\r\n"
        sock.sendall(head.encode() + self.body)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value

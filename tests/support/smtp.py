"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it is sent, and the Django
settings that send to it through the project's own ``smtp://`` URL parsing.

``refuse`` makes it answer the DATA of every message with a temporary failure (451), or the
RCPT of the addresses listed with a permanent one (550), as a failing mail server does.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from newsdesk.settings import SMTP_BACKEND, Settings


@dataclass
class MailServer:
    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse_data: bool = False
    refuse_rcpt: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?starttls=off"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in str(m["To"])]


class _Handler:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, smtp: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.server.refuse_rcpt:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        if self.server.refuse_data:
            return "451 4.3.0 Try again later"
        raw = envelope.original_content or b""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.server.lock:
            self.server.messages.append(message)
            self.server.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 Message accepted"


@contextmanager
def mail_server() -> Iterator[MailServer]:
    server = MailServer(port=_free_port())
    controller = Controller(_Handler(server), hostname="127.0.0.1", port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def send_to(settings: Any, server: MailServer) -> None:
    """Point Django's mail at ``server`` as an operator's NEWSDESK_SMTP_URL would."""
    from newsdesk.conf.settings import _smtp

    for name, value in _smtp(Settings.from_env({"NEWSDESK_SMTP_URL": server.url})).items():
        setattr(settings, name, value)
    settings.EMAIL_BACKEND = SMTP_BACKEND

"""``newsdesk mail``: newsletters delivered by SMTP (aiosmtpd), or one message piped in.

``newsdesk mail`` listens on ``NEWSDESK_MAIL_LISTEN`` (127.0.0.1:2525) for the site's MTA or,
on a machine of its own, the world. Each recipient is checked at ``RCPT TO`` (an unknown one is
refused there with 550, so the sender's server bounces it); a message over
``NEWSDESK_MAIL_MAX_BYTES`` is refused with 552 (aiosmtpd's own size limit, announced in
``EHLO SIZE``); each recipient of an accepted message is delivered on its own, so one that fails
never costs the others: the message is answered 250 when any recipient took it, 451 (try again
later) when none could for a passing reason.

``newsdesk mail --stdin ADDRESS`` reads one RFC 5322 message from standard input for
``ADDRESS``, as Postfix's ``pipe`` transport runs a command; its exit status is from
``sysexits.h``, which Postfix turns into a bounce (67 unknown address, 65 too large) or a retry
(75). See docs/deploy.md.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from newsdesk.errors import MailError, MessageTooLargeError, UnknownRecipientError

logger = logging.getLogger("newsdesk.mail")

EX_OK = 0
EX_DATAERR = 65
EX_NOUSER = 67
EX_TEMPFAIL = 75


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mail = sub.add_parser(
        "mail", help="take newsletters by SMTP (or one message on standard input)"
    )
    mail.add_argument(
        "--listen",
        metavar="HOST:PORT",
        help="where to listen (default NEWSDESK_MAIL_LISTEN, 127.0.0.1:2525)",
    )
    mail.add_argument(
        "--stdin",
        metavar="ADDRESS",
        help="read one message for ADDRESS from standard input and exit (an MTA's pipe)",
    )


def run(args: argparse.Namespace) -> int:
    if args.stdin:
        return deliver_stdin(args.stdin, sys.stdin.buffer)
    from django.conf import settings

    from newsdesk.cli.stopping import handle_stop_signals
    from newsdesk.settings import _listen

    config = settings.NEWSDESK
    host, port = (
        _listen(args.listen, "--listen")
        if args.listen
        else (config.mail_listen_host, config.mail_listen_port)
    )
    listener = MailListener(host, port, config.mail_max_bytes)
    handle_stop_signals()  # SIGTERM ends the wait below as Ctrl-C does
    listener.start()
    logger.info("newsletters: listening", extra={"host": host, "port": listener.port})
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        listener.stop()
    return 0


def deliver_stdin(recipient: str, stream: Any) -> int:
    from django.conf import settings
    from django.utils import timezone

    from newsdesk.desk import newsletters

    limit = int(settings.NEWSDESK.mail_max_bytes)
    raw = stream.read(limit + 1)
    try:
        delivery = newsletters.deliver(recipient, raw, timezone.now())
    except MessageTooLargeError:
        print(f"message refused: larger than {limit} bytes", file=sys.stderr)
        return EX_DATAERR
    except UnknownRecipientError:
        print(f"no such newsletter address: {recipient}", file=sys.stderr)
        return EX_NOUSER
    except Exception:
        logger.exception("newsletter not stored", extra={"recipient": recipient})
        return EX_TEMPFAIL
    print(f"{delivery.outcome}: article {delivery.article_id}", file=sys.stderr)
    return EX_OK


class _Handler:
    """aiosmtpd's handler: the database work runs in a thread (Django's ORM is synchronous)."""

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook names
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        import asyncio  # here: every command builds this parser, and asyncio costs 35 ms

        known = await asyncio.to_thread(_in_thread, _is_known, address)
        if not known:
            return "550 5.1.1 No such newsletter address here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        import asyncio

        stored, passing = 0, 0
        for recipient in envelope.rcpt_tos:
            outcome = await asyncio.to_thread(_in_thread, _deliver_one, recipient, raw)
            stored += outcome == "ok"
            passing += outcome == "retry"
        if stored or not passing:
            return "250 2.0.0 Delivered"
        return "451 4.3.0 Could not store the newsletter now; try again later"


def _in_thread(work: Callable[..., Any], *args: Any) -> Any:
    from django.db import close_old_connections

    try:
        return work(*args)
    finally:
        close_old_connections()


def _is_known(address: str) -> bool:
    from newsdesk.desk import newsletters

    return newsletters.find_address(address) is not None


def _deliver_one(recipient: str, raw: bytes) -> str:
    """The outcome: "ok", "refused" (for good; the sender is told nothing more) or "retry"."""
    from django.utils import timezone

    from newsdesk.desk import newsletters

    try:
        delivery = newsletters.deliver(recipient, raw, timezone.now())
    except MailError as e:
        logger.warning("newsletter refused", extra={"recipient": recipient, "error": str(e)})
        return "refused"
    except Exception:
        logger.exception("newsletter not stored", extra={"recipient": recipient})
        return "retry"
    logger.info(
        "newsletter delivered",
        extra={"outcome": str(delivery.outcome), "article": delivery.article_id},
    )
    return "ok"


class MailListener:
    """The SMTP server on ``host:port`` (port 0: a free one, read from ``port`` after start)."""

    def __init__(self, host: str, port: int, max_bytes: int) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(
            _Handler(),
            hostname=host,
            port=port or _free_port(host),
            data_size_limit=max_bytes,
            server_hostname="newsdesk",
            ident="newsdesk newsletters",
        )

    @property
    def port(self) -> int:
        return int(self.controller.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


def _free_port(host: str) -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])

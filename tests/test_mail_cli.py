"""``newsdesk mail`` as an operator runs it, each in a real process with its own data directory:
``--stdin ADDRESS`` as Postfix's pipe transport calls it (exit codes from sysexits.h), and the
SMTP listener taking a message from smtplib and stopping on SIGTERM."""

from __future__ import annotations

import os
import signal
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.support.processes import free_port

MAKE_ADDRESS = (
    "from django.contrib.auth.models import User; from newsdesk.desk import newsletters; "
    "u = User.objects.create_user('ana', 'ana@example.test', 'a long pass phrase'); "
    "print(newsletters.full_address(newsletters.reader_address(u)))"
)
TITLES = (
    "from newsdesk.articles.models import Article; "
    "print('|'.join(Article.everything.order_by('pk').values_list('title', flat=True)))"
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {**os.environ, "NEWSDESK_MAIL_DOMAIN": "in.example.test"}
    environ.pop("DATABASE_URL", None)
    environ["NEWSDESK_DATA_DIR"] = str(tmp_path / "data")
    environ["NEWSDESK_MAIL_MAX_BYTES"] = "20000"
    return environ


def newsdesk(
    *args: str, env: dict[str, str], stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", *args],
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def shell(code: str, env: dict[str, str]) -> str:
    if not (Path(env["NEWSDESK_DATA_DIR"]) / "newsdesk.sqlite3").exists():
        assert newsdesk("migrate", env=env).returncode == 0
    done = newsdesk("manage", "shell", "-c", code, env=env)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode().strip().splitlines()[-1]


def message(to: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Harbour Weekly <news@harbour.example>"
    mail["To"] = to
    mail["Subject"] = subject
    mail["Message-ID"] = f"<{subject.replace(' ', '-')}@harbour.example>"
    mail.set_content(body)
    return mail


def test_stdin_delivers_one_message_with_sysexits_codes(env: dict[str, str]) -> None:
    address = shell(MAKE_ADDRESS, env)
    issue = message(address, "Issue 1", "The crane arrived.").as_bytes()
    assert newsdesk("mail", "--stdin", address, env=env, stdin=issue).returncode == 0
    again = newsdesk("mail", "--stdin", address, env=env, stdin=issue)
    assert again.returncode == 0 and b"duplicate" in again.stderr
    unknown = newsdesk("mail", "--stdin", "nobody@in.example.test", env=env, stdin=issue)
    assert unknown.returncode == 67 and b"no such newsletter address" in unknown.stderr
    huge = message(address, "Issue 2", "word " * 10_000).as_bytes()
    too_big = newsdesk("mail", "--stdin", address, env=env, stdin=huge)
    assert too_big.returncode == 65 and b"larger than 20000 bytes" in too_big.stderr
    assert shell(TITLES, env) == "Issue 1"


def test_the_listener_takes_mail_and_stops_on_sigterm(env: dict[str, str]) -> None:
    address = shell(MAKE_ADDRESS, env)
    port = free_port()
    listener = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli.main", "mail", "--listen", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                client = smtplib.SMTP("127.0.0.1", port, timeout=10)
                break
            except OSError:
                assert time.monotonic() < deadline and listener.poll() is None
                time.sleep(0.2)
        with client:
            client.send_message(message(address, "Issue 3", "By SMTP."))
            with pytest.raises(smtplib.SMTPRecipientsRefused):
                client.send_message(message("nobody@in.example.test", "Lost", "x"))
    finally:
        listener.send_signal(signal.SIGTERM)
        _, err = listener.communicate(timeout=30)
    assert listener.returncode in (0, 130), err.decode()
    assert shell(TITLES, env) == "Issue 3"

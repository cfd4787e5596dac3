"""Running the ``newsdesk`` console script as a real process against the test database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from django.db import connection

NEWSDESK = [sys.executable, "-m", "newsdesk.cli.main"]


def database_env(data_dir: Path) -> dict[str, str]:
    """Environment for a child process that uses the same database as this test."""
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_FETCH_ALLOW": "127.0.0.1/32",
        "NEWSDESK_HOST_DELAY": "0",
    }
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = (
            f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        )
    else:
        env.pop("DATABASE_URL", None)
    return env


def run_newsdesk(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEWSDESK, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

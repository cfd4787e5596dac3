"""Running a full-screen terminal program (newsboat) to its end in a pseudo-terminal of a fixed
size: what it draws is read and returned, and keys are typed when a text shows (a prompt)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class TerminalRun:
    returncode: int | None  # None: it was still running at the deadline and was stopped
    screen: str  # everything it wrote, escape sequences included


def run_in_terminal(
    argv: list[str],
    env: dict[str, str],
    timeout: float = 60,
    typed: list[tuple[str, bytes]] | None = None,
    rows: int = 40,
    cols: int = 120,
) -> TerminalRun:
    """Run ``argv``; each ``(text, keys)`` of ``typed`` types ``keys`` once ``text`` has shown
    (after the previous keys were typed), in order."""
    waiting = list(typed or [])
    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    process = subprocess.Popen(
        argv, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
    )
    os.close(child)
    output = bytearray()
    seen = 0  # what was on screen before the last keys were typed
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the program closed the terminal
                    chunk = b""
                output += chunk
                if waiting and waiting[0][0].encode() in output[seen:]:
                    seen = len(output)
                    os.write(main, waiting.pop(0)[1])
                if not chunk and process.poll() is not None:
                    break
            elif process.poll() is not None:
                break
        returncode = process.poll()
        if returncode is None:
            process.kill()
            process.wait(timeout=10)
    finally:
        os.close(main)
    return TerminalRun(returncode, output.decode("utf-8", "replace"))

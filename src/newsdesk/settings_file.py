"""The settings file of a data directory: one place that every newsdesk process reads.

``<data dir>/settings.env`` holds ``NAME=value`` lines (``#`` starts a comment line) with the same
names as the environment (``NEWSDESK_FETCH_ALLOW=127.0.0.1/32``). The command line, ``serve``,
``web`` and ``worker`` read it when they start, so a setting made once with ``newsdesk config
set`` holds for all of them; a variable set in a process's environment wins over the file. The
file may hold secrets (``DATABASE_URL``, ``NEWSDESK_SECRET_KEY``), so it is written readable by
its owner only. ``NEWSDESK_DATA_DIR`` cannot be set here: it says where the file is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from newsdesk.errors import ConfigurationError

FILE_NAME = "settings.env"
_NAME = re.compile(r"(NEWSDESK_[A-Z0-9_]+|DATABASE_URL)")
NOT_IN_FILE = frozenset({"NEWSDESK_DATA_DIR"})


def settings_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def read_settings_file(data_dir: Path) -> dict[str, str]:
    """The file's settings (empty when there is no file); ConfigurationError names a bad line."""
    path = settings_path(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigurationError(f"cannot read {path}: {e}") from e
    values: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, equals, value = stripped.partition("=")
        name = name.strip()
        if not equals or not _NAME.fullmatch(name) or name in NOT_IN_FILE:
            raise ConfigurationError(
                f"{path}, line {number}: expected NEWSDESK_NAME=value, not {stripped[:80]!r}"
            )
        values[name] = _unquoted(value.strip())
    return values


def write_settings_file(data_dir: Path, values: Mapping[str, str]) -> Path:
    """Replace the file with these settings, by name, readable by its owner only."""
    path = settings_path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    lines = ["# newsdesk settings: NAME=value; the environment wins over this file.\n"]
    lines += [f"{name}={values[name]}\n" for name in sorted(values)]
    temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.writelines(lines)
    os.replace(temporary, path)
    return path


def check_name(name: str, known: frozenset[str]) -> str:
    """A setting name that may go in the file; ConfigurationError suggests the right one."""
    upper = name.strip().upper()
    if upper in NOT_IN_FILE:
        raise ConfigurationError(f"{upper} says where the settings file is; it cannot be in it")
    if upper not in known:
        near = sorted(n for n in known if _shared_words(n, upper) >= 1)
        hint = f"; did you mean {', '.join(near[:3])}?" if near else ""
        raise ConfigurationError(f"unknown setting {name!r}{hint}")
    return upper


def _shared_words(a: str, b: str) -> int:
    ignore = {"NEWSDESK", ""}
    return len((set(a.split("_")) - ignore) & (set(b.split("_")) - ignore))


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value

"""The data directory on disk: created private, with private files in it from their first byte.

The directory is made 0700; the secret key and the SQLite database are created 0600 before
anything is written to them (SQLite gives its ``-wal`` and ``-shm`` files the database file's
mode), so no other account can read them at any moment. The process umask is left alone: files
the operator asks for elsewhere (an OPML export, a static root served by a web server) keep the
operator's usual modes.

An existing directory or file with wider modes is reported, not changed (decision 26): the
operator may share it with a backup group on purpose.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

from newsdesk.settings import Settings

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name)


def prepare(settings: Settings) -> None:
    """The data directory, and the SQLite file when SQLite is the database."""
    settings.data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if not settings.database_url:
        create_private_file(settings.sqlite_path)


def create_private_file(path: Path) -> None:
    """An empty file readable by its owner only, unless the file exists already."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(descriptor)


def secret_key(settings: Settings) -> str:
    """The operator's key, or one generated once and kept (0600) in the data directory.

    The key is written to a private temporary file and linked into place, so a second process
    starting at the same moment reads the one key, never a half-written file."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / SECRET_KEY_FILE
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    descriptor, temporary = tempfile.mkstemp(dir=settings.data_dir, prefix=".secret_key-")
    try:
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(50))
        with contextlib.suppress(FileExistsError):  # another process was first: its key wins
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path.read_text().strip()


def loose_permissions(settings: Settings) -> list[str]:
    """What in the data directory other accounts may read or enter, one line each."""
    if os.name == "nt":  # modes say nothing there; the folder's access list decides
        return []
    found = []
    candidates = [settings.data_dir, settings.data_dir / SECRET_KEY_FILE]
    if not settings.database_url:
        path = settings.sqlite_path
        candidates += [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    for path in candidates:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o077:
            wanted = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
            found.append(f"{path} is mode {mode:o}: other accounts may read it (chmod {wanted:o})")
    return found

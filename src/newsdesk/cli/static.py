"""Collecting the static files into the static root when they changed, cheaply enough to run at
every start.

The static files of newsdesk and of the Django apps it uses are copied to ``STATIC_ROOT`` with
hashed names and gzip and brotli copies (WhiteNoise's manifest storage), where WhiteNoise serves
them. A fingerprint of the source files (path, size and modification time of each, and the
versions of the libraries that process them) is kept beside them: ``serve`` and ``web`` compare
it, which takes 10 to 20 ms, and collect again only when it differs. ``newsdesk
collectstatic`` collects unconditionally, for an image build or a read-only static root.

Files are added, never cleared: a page cached somewhere with an older hashed name still finds
its file after an upgrade.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

from newsdesk.errors import ConfigurationError

logger = logging.getLogger("newsdesk.web")

STAMP = "collected.sha256"
LOCK = ".collecting.lock"


def source_fingerprint() -> str:
    """A digest of every file the finders see, and of what turns them into the static root."""
    digest = hashlib.sha256()
    for package in ("Django", "whitenoise"):
        digest.update(f"{package} {version(package)}\n".encode())
    digest.update(f"{settings.STORAGES['staticfiles']!r}\n".encode())
    entries = []
    for finder in get_finders():
        for path, storage in finder.list([]):
            info = os.stat(storage.path(path))
            prefix = getattr(storage, "prefix", None) or ""
            entries.append(f"{prefix}/{path} {info.st_size} {info.st_mtime_ns}\n")
    for entry in sorted(entries):
        digest.update(entry.encode())
    return digest.hexdigest()


def is_current(root: Path, fingerprint: str) -> bool:
    try:
        return (root / STAMP).read_text().strip() == fingerprint
    except OSError:  # missing, or the root is not a directory: collecting will say why
        return False


def collect(*, quiet: bool = True) -> None:
    """Collect every static file now and record the fingerprint."""
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    fingerprint = source_fingerprint()
    with _locked(root):
        call_command("collectstatic", interactive=False, verbosity=0 if quiet else 1)
        (root / STAMP).write_text(fingerprint + "\n")


def collect_if_changed() -> bool:
    """Collect when the static root is missing or older than the sources; True if it did."""
    root = Path(settings.STATIC_ROOT)
    fingerprint = source_fingerprint()
    if is_current(root, fingerprint):
        return False
    try:
        root.mkdir(parents=True, exist_ok=True)
        with _locked(root):
            if is_current(root, fingerprint):  # another process collected while this one waited
                return False
            logger.info("collecting static files into %s", root)
            call_command("collectstatic", interactive=False, verbosity=0)
            (root / STAMP).write_text(fingerprint + "\n")
    except OSError as e:
        raise ConfigurationError(
            f"cannot collect the static files into {root} ({e.strerror}): make it writable, "
            "or set NEWSDESK_STATIC_ROOT, or collect them ahead with `newsdesk collectstatic`"
        ) from e
    return True


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One collecting process at a time per static root (where the OS has file locks)."""
    try:
        import fcntl
    except ImportError:  # Windows runs the one-process server: nobody collects beside it
        yield
        return
    with open(root.parent / f".{root.name}{LOCK}", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)

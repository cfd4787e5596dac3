"""Loaded with ``-p`` before pytest-django reads the settings: tests get a fresh data directory.

Under pytest-xdist each worker process gets a data directory of its own inside the run's (the
workers inherit the environment of the process that started them, which set it first), so no two
workers share a SQLite file, a media folder or a settings file. pytest-django gives each worker
its own test database too (``test.sqlite3_gw0``, ``test_newsdesk_gw1`` on PostgreSQL).

Collected static files are kept between runs in one directory per checkout (collecting them
compresses a few megabytes of the admin's and the API docs' scripts); the session collects again
when a static file changed, as ``newsdesk serve`` does (under a file lock, so workers collect once).
"""

import hashlib
import os
import tempfile
from pathlib import Path

os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-"))
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER:
    _OWN = Path(os.environ["NEWSDESK_DATA_DIR"]) / _WORKER
    _OWN.mkdir(parents=True, exist_ok=True)
    os.environ["NEWSDESK_DATA_DIR"] = str(_OWN)
# Tests see every change at once; the page cache has its own test with the cache turned on.
os.environ.setdefault("NEWSDESK_PAGE_CACHE_SECONDS", "0")
_CHECKOUT = hashlib.sha256(str(Path(__file__).resolve().parents[2]).encode()).hexdigest()[:12]
os.environ.setdefault(
    "NEWSDESK_STATIC_ROOT",
    str(Path(tempfile.gettempdir()) / f"newsdesk-test-static-{os.getuid()}-{_CHECKOUT}"),
)

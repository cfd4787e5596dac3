"""Loaded with ``-p`` before pytest-django reads the settings: tests get a fresh data directory.

Collected static files are kept between runs in one directory per checkout (collecting them
compresses a few megabytes of the admin's and the API docs' scripts); the session collects again
when a static file changed, as ``newsdesk serve`` does.
"""

import hashlib
import os
import tempfile
from pathlib import Path

os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-"))
# Tests see every change at once; the page cache has its own test with the cache turned on.
os.environ.setdefault("NEWSDESK_PAGE_CACHE_SECONDS", "0")
_CHECKOUT = hashlib.sha256(str(Path(__file__).resolve().parents[2]).encode()).hexdigest()[:12]
os.environ.setdefault(
    "NEWSDESK_STATIC_ROOT",
    str(Path(tempfile.gettempdir()) / f"newsdesk-test-static-{os.getuid()}-{_CHECKOUT}"),
)

"""Loaded with ``-p`` before pytest-django reads the settings: tests get a fresh data directory."""

import os
import tempfile

os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-"))
# Tests see every change at once; the page cache has its own test with the cache turned on.
os.environ.setdefault("NEWSDESK_PAGE_CACHE_SECONDS", "0")

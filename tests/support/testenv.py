"""Loaded with ``-p`` before pytest-django reads the settings: tests get a fresh data directory."""

import os
import tempfile

os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-"))

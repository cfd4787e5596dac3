"""Shared set-up for benchmarks: a throw-away data directory, Django, and a result writer."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
sys.path.insert(0, str(REPO))


def setup_django(data_dir: Path | None = None, allow_local: bool = True) -> Path:
    """Point newsdesk at a fresh SQLite data directory (unless DATABASE_URL is set) and migrate."""
    data = data_dir or Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    os.environ["NEWSDESK_DATA_DIR"] = str(data)
    if allow_local:
        os.environ["NEWSDESK_FETCH_ALLOW"] = "127.0.0.1/32"
        # Every page is on one local host: the politeness delay would measure itself.
        os.environ["NEWSDESK_HOST_DELAY"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return data

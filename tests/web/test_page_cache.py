"""The page cache: anonymous readers get a cached page until it expires; turned off, never."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.news import article_page
from tests.support.processes import free_port

NEWSDESK = [sys.executable, "-m", "newsdesk.cli.main"]


def get(port: int, path: str = "/") -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                return str(response.read().decode())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def import_story(data: Path, env: dict[str, str], title: str, number: int) -> None:
    page = data.parent / f"page-{number}.html"
    page.write_text(article_page(title, canonical=f"https://times.example/s/{number}"))
    subprocess.run(
        [*NEWSDESK, "--data-dir", str(data), "import", str(page)],
        env=env,
        check=True,
        capture_output=True,
    )


def serve_and_add_a_story(tmp_path: Path, cache_seconds: str) -> tuple[str, str]:
    """The home page before and after a second story arrives, from one running web process."""
    data = tmp_path / "data"
    env = {**os.environ, "NEWSDESK_PAGE_CACHE_SECONDS": cache_seconds}
    env.pop("DATABASE_URL", None)
    import_story(data, env, "Harbour reopens after dredging", 1)
    port = free_port()
    web = subprocess.Popen(
        # One process: without NEWSDESK_CACHE_URL each process keeps a cache of its own, and a
        # second request answered by another process would find nothing cached.
        [*NEWSDESK, "--data-dir", str(data), "web", "--port", str(port), "--processes", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        before = get(port)
        import_story(data, env, "Orchestra announces a summer season", 2)
        after = get(port)
    finally:
        web.terminate()
        web.wait(timeout=30)
    return before, after


def test_anonymous_pages_come_from_the_cache(tmp_path: Path) -> None:
    before, after = serve_and_add_a_story(tmp_path, "60")
    assert "Harbour reopens" in before
    assert after == before  # the same page, from the cache: the new story is not there yet


def test_without_the_cache_every_page_is_fresh(tmp_path: Path) -> None:
    _, after = serve_and_add_a_story(tmp_path, "0")
    assert "Orchestra announces a summer season" in after

"""Site-wide rules kept in each web process (decision 65) are read again when another process
changes them: real ``newsdesk web`` processes, a rule saved by a separate ``newsdesk`` process."""

from __future__ import annotations

import os
import subprocess
import urllib.request
from pathlib import Path

from tests.support.news import article_page
from tests.support.processes import NEWSDESK, free_port
from tests.web.test_page_cache import get

SAVE_RULE = """
from django.contrib.auth.models import User
from newsdesk.desk.readers.rule_editing import save_rule
operator = User.objects.create_user("operator", is_staff=True)
save_rule(operator, {"terms": "celebrity", "action": "hide"}, site_wide=True)
"""


def fresh(port: int, path: str) -> str:
    """One request on a new connection (so either process of the server may answer it)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Connection": "close"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(response.read().decode())


def test_a_site_wide_rule_saved_elsewhere_reaches_every_web_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "NEWSDESK_PAGE_CACHE_SECONDS": "0"}
    env.pop("DATABASE_URL", None)
    for number, title in enumerate(("Celebrity gossip from the gala", "Harbour reopens"), 1):
        page = tmp_path / f"page-{number}.html"
        page.write_text(article_page(title, canonical=f"https://times.example/s/{number}"))
        subprocess.run(
            [*NEWSDESK, "--data-dir", str(data), "import", str(page)],
            env=env,
            check=True,
            capture_output=True,
        )
    port = free_port()
    web = subprocess.Popen(
        [*NEWSDESK, "--data-dir", str(data), "web", "--port", str(port), "--processes", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert "Celebrity gossip" in get(port)
        paths = ["/", "/api/v1/articles", "/feed.xml"] * 4
        before = [fresh(port, path) for path in paths]  # every process keeps the rules
        assert all("Celebrity gossip" in page for page in before)
        saved = subprocess.run(
            [*NEWSDESK, "--data-dir", str(data), "manage", "shell", "-c", SAVE_RULE],
            env=env,
            capture_output=True,
            text=True,
        )
        assert saved.returncode == 0, saved.stderr
        after = [fresh(port, path) for path in paths]
        assert not any("Celebrity gossip" in page for page in after)
        assert all("Harbour reopens" in page for page in after)
    finally:
        web.terminate()
        web.wait(timeout=30)

"""A site without a feed, followed through its list page: ``newsdesk add --items``, its preview,
the feed check reading the page, and OPML export to FreshRSS's form and back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.news import article_page
from tests.support.server import LocalServer

HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {**os.environ, "NEWSDESK_FETCH_ALLOW": "127.0.0.1/32", "NEWSDESK_HOST_DELAY": "0"}
    environ.pop("DATABASE_URL", None)
    return environ


def newsdesk(data: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", "--data-dir", str(data), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def serve_list_page(server: LocalServer) -> str:
    """A town hall's notices page: three notices, each with its own page; no feed anywhere."""
    cards = []
    for i, day in enumerate(("2026-12-01", "2026-12-02", "2026-12-03")):
        title = f"Harbour notice {i}"
        server.add(f"/notices/{i}", article_page(title), headers=HTML)
        cards.append(
            f'<li class="notice"><h2>{title}</h2><time datetime="{day}T09:00:00Z">{day}</time>'
            f'<a href="/notices/{i}">Read more</a></li>'
        )
    page = (
        "<!doctype html><html lang='en'><head><title>Notices</title></head>"
        f"<body><ul>{''.join(cards)}</ul></body></html>"
    )
    return server.add("/notices/", page, headers=HTML)


def test_a_list_page_is_previewed_added_and_checked_as_a_feed(
    tmp_path: Path, env: dict[str, str], local_server: LocalServer
) -> None:
    data = tmp_path / "data"
    url = serve_list_page(local_server)
    preview = newsdesk(
        data, "add", url, "--items", "li.notice", "--date", "time", "--preview", env=env
    )
    assert preview.returncode == 0, preview.stderr
    assert "3 items on the page" in preview.stdout and "Harbour notice 2" in preview.stdout
    assert json.loads(newsdesk(data, "feeds", "--json", env=env).stdout) == []  # nothing added

    wrong = newsdesk(data, "add", url, "--items", "article.story", env=env)
    assert wrong.returncode == 1 and "'article.story' matched nothing" in wrong.stderr
    assert "Traceback" not in wrong.stderr

    added = newsdesk(data, "add", url, "--items", "li.notice", "--date", "time", env=env)
    assert added.returncode == 0 and "a web feed" in added.stdout, added.stderr
    checked = newsdesk(data, "check", env=env)
    assert checked.returncode == 0, checked.stderr
    figures = json.loads(newsdesk(data, "stats", "--json", env=env).stdout)
    assert figures["articles_ready"] == 3 and figures["articles_body_from_page"] == 3
    [feed] = json.loads(newsdesk(data, "feeds", "--json", env=env).stdout)
    assert feed["url"] == url and feed["consecutive_failures"] == 0

    opml = tmp_path / "out.opml"
    assert newsdesk(data, "export-opml", str(opml), env=env).returncode == 0
    text = opml.read_text()
    assert 'type="HTML+XPath"' in text and "frss:xPathItem=" in text
    other = tmp_path / "other"
    assert "1 feeds added" in newsdesk(other, "import-opml", str(opml), env=env).stdout
    assert newsdesk(other, "check", env=env).returncode == 0
    again = json.loads(newsdesk(other, "stats", "--json", env=env).stdout)
    assert again["articles_ready"] == 3  # the XPath written for FreshRSS reads the same page

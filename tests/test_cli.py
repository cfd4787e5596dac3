"""The ``newsdesk`` console script as a user runs it: each command in a real process, with its
own data directory, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.support.news import article_page, rss_feed
from tests.support.processes import free_port
from tests.support.server import LocalServer

RSS = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {**os.environ, "NEWSDESK_FETCH_ALLOW": "127.0.0.1/32", "NEWSDESK_HOST_DELAY": "0"}
    environ.pop("DATABASE_URL", None)
    environ["NEWSDESK_DATA_DIR"] = str(tmp_path / "ignored")  # --data-dir must win
    return environ


def newsdesk(data: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", "--data-dir", str(data), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def serve_news(server: LocalServer, count: int = 3) -> str:
    items = []
    for i in range(count):
        server.add(f"/news/{i}", article_page(f"Ferry story {i}"))
        items.append({"title": f"Ferry story {i}", "link": server.url(f"/news/{i}")})
    return server.add("/feed.xml", rss_feed(items), headers=RSS)


@pytest.mark.parametrize("module", ["newsdesk.cli.main", "newsdesk"])
def test_version_prints_the_package_version(env: dict[str, str], module: str) -> None:
    from importlib.metadata import version

    result = subprocess.run(
        [sys.executable, "-m", module, "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"newsdesk {version('newsdesk')}"


def test_every_command_argument_and_option_has_help() -> None:
    from newsdesk.cli.main import build_parser

    missing = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, f"{path} {name}")
            elif not action.help:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser(), "newsdesk")
    assert missing == []


def test_the_cli_does_not_import_django_or_the_pipeline_for_help() -> None:
    code = (
        "import sys\n"
        "from newsdesk.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('django', 'trafilatura', 'numpy', 'rich', 'httpx')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('heavy modules:', ','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.splitlines()[-1] == "heavy modules: "


def test_stats_on_a_fresh_data_dir(tmp_path: Path, env: dict[str, str]) -> None:
    result = newsdesk(tmp_path / "data", "stats", "--json", env=env)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["sources"] == figures["feeds"] == figures["articles"] == 0
    assert (tmp_path / "data" / "newsdesk.sqlite3").exists()
    assert not (tmp_path / "ignored" / "newsdesk.sqlite3").exists()


def test_add_check_feeds_and_export(
    tmp_path: Path, env: dict[str, str], local_server: LocalServer
) -> None:
    data = tmp_path / "data"
    url = serve_news(local_server)
    added = newsdesk(data, "add", url, env=env)
    assert added.returncode == 0 and "added" in added.stdout, added.stderr
    checked = newsdesk(data, "check", env=env)
    assert checked.returncode == 0, checked.stderr
    figures = json.loads(newsdesk(data, "stats", "--json", env=env).stdout)
    assert figures["articles_ready"] == 3 and figures["articles_body_from_page"] == 3
    [feed] = json.loads(newsdesk(data, "feeds", "--json", env=env).stdout)
    assert feed["url"] == url and feed["last_status"] == 200 and feed["consecutive_failures"] == 0
    assert "1 feeds, 0 failing" in newsdesk(data, "feeds", env=env).stdout
    opml = tmp_path / "out.opml"
    assert newsdesk(data, "export-opml", str(opml), env=env).returncode == 0
    assert url in opml.read_text()
    other = tmp_path / "other"
    imported = newsdesk(other, "import-opml", str(opml), env=env)
    assert "1 feeds added" in imported.stdout


def test_errors_are_clear_and_exit_non_zero(tmp_path: Path, env: dict[str, str]) -> None:
    bad_url = newsdesk(tmp_path, "add", "ftp://example.com/feed", env=env)
    assert bad_url.returncode == 1 and "newsdesk: error:" in bad_url.stderr
    assert "Traceback" not in bad_url.stderr
    missing = newsdesk(tmp_path, "import", str(tmp_path / "nothing-here"), env=env)
    assert missing.returncode != 0 and "does not exist" in missing.stderr
    refused = newsdesk(tmp_path, "add", "http://10.0.0.1/feed", env=env)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr


def test_import_shows_progress_and_counts(tmp_path: Path, env: dict[str, str]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"{i}.html").write_text(
            article_page(f"Saved story {i}", canonical=f"https://t.example/s/{i}")
        )
    result = newsdesk(tmp_path / "data", "import", str(pages), env=env)
    assert result.returncode == 0, result.stderr
    assert "3 new articles" in result.stdout and "0 failures" in result.stdout
    assert "importing pages" in result.stderr


def test_serve_fetches_in_the_background_and_lists_the_newest(
    tmp_path: Path, env: dict[str, str], local_server: LocalServer
) -> None:
    data = tmp_path / "data"
    assert newsdesk(data, "add", serve_news(local_server), env=env).returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsdesk.cli.main",
            "--data-dir",
            str(data),
            "serve",
            "--port",
            str(port),
            "--add-defaults",
            "none",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        page = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and page.count("Ferry story") < 3:
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode()
            except OSError:
                continue
        assert page.count("Ferry story") == 3
        assert page.index("Ferry story 0") < page.index("Ferry story 2")  # newest first
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_default_feeds_are_listed_and_chosen(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    listing = newsdesk(data, "defaults", env=env)
    assert listing.returncode == 0 and "BBC News" in listing.stdout
    chosen = newsdesk(data, "defaults", "--add", "1", "3", env=env)
    assert chosen.returncode == 0 and chosen.stdout.count("added") == 2, chosen.stderr
    feeds = json.loads(newsdesk(data, "feeds", "--json", env=env).stdout)
    assert len(feeds) == 2 and all(f["url"].startswith("https://") for f in feeds)
    wrong = newsdesk(data, "defaults", "--add", "99", env=env)
    assert wrong.returncode != 0 and "not a number from 1 to" in wrong.stderr


@pytest.mark.postgres
def test_processes_starting_together_apply_migrations_one_at_a_time(tmp_path: Path) -> None:
    """Containers of one deployment start at once: on an empty PostgreSQL database each applies
    the migrations under one lock, so none fails on a table that another has just made."""
    import psycopg

    server = urlsplit(os.environ["DATABASE_URL"])
    maintenance = urlunsplit(server._replace(path="/postgres"))
    name = f"newsdesk_migrate_{os.getpid()}"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(server._replace(path=f"/{name}"))
    env = {**os.environ, "DATABASE_URL": url, "NEWSDESK_DATA_DIR": str(tmp_path)}
    try:
        starts = [
            subprocess.Popen(
                [sys.executable, "-m", "newsdesk.cli.main", command],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in ("migrate", "migrate", "stats")
        ]
        outputs = [start.communicate(timeout=300) for start in starts]
        assert [start.returncode for start in starts] == [0, 0, 0], [err for _, err in outputs]
        assert all("up to date" in out for out, _ in outputs[:2])
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM django_migrations").fetchone()
            assert row is not None and row[0] > 0
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_local_feed_is_refused_with_the_way_to_allow_it_then_allowed_for_every_process(
    tmp_path: Path, env: dict[str, str], local_server: LocalServer
) -> None:
    data = tmp_path / "data"
    url = serve_news(local_server, count=1)
    plain = {k: v for k, v in env.items() if k != "NEWSDESK_FETCH_ALLOW"}
    refused = newsdesk(data, "add", url, env=plain)
    assert refused.returncode == 1 and "the loopback address" in refused.stderr
    assert "newsdesk config set NEWSDESK_FETCH_ALLOW 127.0.0.1/32" in refused.stderr

    wrong = newsdesk(data, "config", "set", "NEWSDESK_FETCH_ALLOWED", "127.0.0.1/32", env=plain)
    assert wrong.returncode == 1 and "did you mean" in wrong.stderr
    assert "NEWSDESK_FETCH_ALLOW" in wrong.stderr
    bad = newsdesk(data, "config", "set", "NEWSDESK_FETCH_ALLOW", "everywhere", env=plain)
    assert bad.returncode == 1 and "NEWSDESK_FETCH_ALLOW" in bad.stderr
    allowed = newsdesk(data, "config", "set", "NEWSDESK_FETCH_ALLOW", "127.0.0.1/32", env=plain)
    assert allowed.returncode == 0, allowed.stderr
    assert (data / "settings.env").stat().st_mode & 0o777 == 0o600

    added = newsdesk(data, "add", url, env=plain)
    assert added.returncode == 0 and "added" in added.stdout, added.stderr
    assert newsdesk(data, "check", env=plain).returncode == 0
    assert json.loads(newsdesk(data, "stats", "--json", env=plain).stdout)["articles_ready"] == 1
    shown = newsdesk(data, "config", env=plain).stdout
    assert "NEWSDESK_FETCH_ALLOW=127.0.0.1/32" in shown
    assert newsdesk(data, "config", "unset", "NEWSDESK_FETCH_ALLOW", env=plain).returncode == 0
    again = newsdesk(data, "add", local_server.url("/other.xml"), env=plain)
    assert again.returncode == 1 and "NEWSDESK_FETCH_ALLOW" in again.stderr


def test_import_opml_keeps_folders_and_reports_what_is_not_a_feed(
    tmp_path: Path, env: dict[str, str]
) -> None:
    sample = Path(__file__).parent / "pipeline" / "feedsamples" / "opml" / "freshrss.opml"
    data = tmp_path / "data"
    imported = newsdesk(data, "import-opml", str(sample), env=env)
    assert imported.returncode == 1, imported.stderr  # the rest imported, the failures said
    assert "7 feeds added, 0 already there, 3 failed" in imported.stdout
    assert "exit status 1: 3 entries of the file could not be imported" in imported.stderr
    assert "The 7 new feeds are not checked yet" in imported.stderr
    assert (
        "failed: https://www.harbourtown.example/notices/" not in imported.stderr
    )  # FreshRSS's HTML+XPath web feed comes in with its recipe (decision 63)
    assert (
        "failed: https://www.portauthority.example/press.xml: a FreshRSS web-scraping source "
        '(type "XML+XPath"), not a feed'
    ) in imported.stderr
    exported = newsdesk(data, "export-opml", env=env).stdout
    assert '<outline text="Blogroll" title="Blogroll">' in exported
    assert 'htmlUrl="https://jvns.ca/"' in exported


def test_feeds_and_defaults_fit_an_80_column_terminal(
    tmp_path: Path, env: dict[str, str], local_server: LocalServer
) -> None:
    data = tmp_path / "data"
    narrow = {**env, "COLUMNS": "80"}
    good = serve_news(local_server, count=1)
    assert newsdesk(data, "add", good, env=narrow).returncode == 0
    listed = newsdesk(data, "feeds", env=narrow).stdout
    assert "not checked yet" in listed and "…" not in listed
    assert all(len(line) <= 80 for line in listed.splitlines())
    assert newsdesk(data, "check", env=narrow).returncode == 0
    listed = newsdesk(data, "feeds", env=narrow).stdout
    assert good in listed and " ok" in listed and "1 feeds, 0 failing" in listed
    defaults = newsdesk(data, "defaults", env=narrow).stdout
    assert "…" not in defaults and all(len(line) <= 80 for line in defaults.splitlines())
    assert "https://feeds.bbci.co.uk/news/world/rss.xml" in defaults
    out = tmp_path / "out.opml"
    exported = newsdesk(data, "export-opml", str(out), env=narrow)
    assert f"1 feeds written to {out}" in exported.stderr


def test_broken_and_missing_feeds_are_refused_or_shown_failing_with_the_reason(
    tmp_path: Path, env: dict[str, str], local_server: LocalServer
) -> None:
    data = tmp_path / "data"
    broken = local_server.add(
        "/broken.xml", b'<rss version="2.0"><channel><title>B</title><<<item>', headers=RSS
    )
    refused = newsdesk(data, "add", broken, env=env)
    assert refused.returncode == 1 and "malformed feed" in refused.stderr
    assert "line 1, column" in refused.stderr

    opml = tmp_path / "list.opml"
    missing = local_server.url("/missing.xml")
    opml.write_text(
        f'<opml version="2.0"><body><outline type="rss" text="Gone" xmlUrl="{missing}"/>'
        f'<outline type="rss" text="Broken" xmlUrl="{broken}"/></body></opml>'
    )
    imported = newsdesk(data, "import-opml", str(opml), env=env)
    assert imported.returncode == 0 and "2 feeds added" in imported.stdout
    assert "not checked yet" in imported.stderr
    assert newsdesk(data, "check", env=env).returncode == 0
    feeds = {
        feed["url"]: feed for feed in json.loads(newsdesk(data, "feeds", "--json", env=env).stdout)
    }
    assert feeds[missing]["consecutive_failures"] == 1 and "404" in feeds[missing]["last_error"]
    assert feeds[broken]["consecutive_failures"] == 1
    assert "malformed feed" in feeds[broken]["last_error"]
    listed = newsdesk(data, "feeds", env={**env, "COLUMNS": "80"}).stdout
    assert "2 feeds, 2 failing" in listed and "malformed feed" in listed


def test_import_exits_non_zero_when_items_failed(tmp_path: Path, env: dict[str, str]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.html").write_text(article_page("Saved story", canonical="https://t.example/s"))
    (pages / "feed.xml").write_bytes(b'<rss version="2.0"><channel><title>B</title><<<item>')
    result = newsdesk(tmp_path / "data", "import", str(pages), env=env)
    assert result.returncode == 1, result.stdout
    assert "1 new articles" in result.stdout and "1 failures" in result.stdout
    assert "exit status 1" in result.stderr and "malformed feed" in result.stderr


def test_the_eval_commands_offer_the_label_sets_own_splits() -> None:
    from newsdesk.cli.main import LABEL_SPLITS
    from newsdesk.eval import claims, questions

    assert LABEL_SPLITS == (*questions.SPLITS, "all") == (*claims.SPLITS, "all")

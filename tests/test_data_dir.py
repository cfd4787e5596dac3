"""The data directory on disk: private from the first start, and left alone when it exists."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from newsdesk.conf import datadir
from newsdesk.settings import Settings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_start_makes_everything_private(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    env.pop("NEWSDESK_SECRET_KEY", None)
    # A permissive umask, as many desktops have: the modes must not depend on it.
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o002); from newsdesk.cli.main import "
         "main; sys.exit(main(['stats', '--json']))"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700
    database = data / "newsdesk.sqlite3"
    assert database.stat().st_size > 0  # migrated
    for path in (database, data / "secret_key"):
        assert mode(path) == 0o600, path
    # WAL mode: SQLite gives its side files, made while a connection writes, the database's mode.
    previous = os.umask(0o002)
    try:
        with closing(sqlite3.connect(database)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            connection.execute("CREATE TABLE probe (x)")
            connection.commit()
            for side in ("-wal", "-shm"):
                assert mode(database.with_name(database.name + side)) == 0o600, side
    finally:
        os.umask(previous)
    assert datadir.loose_permissions(Settings.from_env({"NEWSDESK_DATA_DIR": str(data)})) == []


def test_the_secret_key_is_made_once_and_kept(tmp_path: Path) -> None:
    settings = Settings.from_env({"NEWSDESK_DATA_DIR": str(tmp_path)})
    first = datadir.secret_key(settings)
    assert len(first) > 50 and datadir.secret_key(settings) == first
    assert mode(tmp_path / "secret_key") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]  # no temporary left


def test_wider_modes_are_reported_not_changed(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    (tmp_path / "secret_key").write_text("kept")
    (tmp_path / "secret_key").chmod(0o644)
    settings = Settings.from_env({"NEWSDESK_DATA_DIR": str(tmp_path)})
    problems = datadir.loose_permissions(settings)
    assert len(problems) == 2 and "chmod 700" in problems[0] and "chmod 600" in problems[1]
    datadir.prepare(settings)
    assert mode(tmp_path) == 0o755 and mode(tmp_path / "secret_key") == 0o644
    assert datadir.secret_key(settings) == "kept"
    assert mode(settings.sqlite_path) == 0o600  # a new file is private all the same

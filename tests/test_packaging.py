"""The release files: ``python -m build`` makes an sdist and a wheel (built from that sdist) that
carry everything newsdesk needs, and the wheel, installed on its own, serves the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from newsdesk import __version__
from tests.support.processes import free_port

REPO = Path(__file__).resolve().parent.parent
# What a checkout holds that is no part of a release.
LEFTOVERS = (".git", ".venv", "*.egg-info", "build", "dist", "__pycache__", ".*_cache")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Built from a copy without the checkout's build leftovers: setuptools adds every file an
    # old src/newsdesk.egg-info/SOURCES.txt lists to the sdist, so a file package-data does not
    # name would reach the wheel here and be missing from a release built from a fresh clone.
    source = tmp_path_factory.mktemp("source") / "newsdesk"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*LEFTOVERS))
    # No isolation: the build tools come from the test environment, not from a download.
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def test_sdist_and_wheel_carry_the_licence_data_and_version(dist: Path) -> None:
    wheel = dist / f"newsdesk-{__version__}-py3-none-any.whl"
    sdist = dist / f"newsdesk-{__version__}.tar.gz"
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"newsdesk-{__version__}.dist-info/licenses/LICENSE" in names
    for needed in (
        "newsdesk/web/templates/web/base.html",
        "newsdesk/web/templates/web/news_sitemap.xml",
        "newsdesk/locale/de/LC_MESSAGES/django.mo",
        "newsdesk/sources/migrations/0001_initial.py",
    ):
        assert needed in names
    # Every template the site can load, whatever its extension (a Jinja2 template may end in
    # .jinja or .j2, which no other rule of package-data would name).
    package = REPO / "src" / "newsdesk"
    templates = [
        path.relative_to(package.parent).as_posix()
        for folder in ("web/jinja", "web/templates")
        for path in (package / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert len(templates) > 50
    assert sorted(set(templates) - names) == []
    metadata = zipfile.ZipFile(wheel).read(f"newsdesk-{__version__}.dist-info/METADATA").decode()
    assert f"Version: {__version__}" in metadata
    assert "License-Expression: AGPL-3.0-or-later" in metadata
    with tarfile.open(sdist) as archive:
        members = set(archive.getnames())
    assert f"newsdesk-{__version__}/LICENSE" in members
    assert f"newsdesk-{__version__}/src/newsdesk/web/templates/web/base.html" in members


def test_the_installed_wheel_serves_the_site(dist: Path, tmp_path: Path) -> None:
    target = tmp_path / "site-packages"
    wheel = dist / f"newsdesk-{__version__}-py3-none-any.whl"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True,
        timeout=300,
    )  # fmt: skip
    # The wheel's copy first on the path: the dependencies come from this environment.
    env = {**os.environ, "PYTHONPATH": str(target), "NEWSDESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    probe = [sys.executable, "-c", "import newsdesk; print(newsdesk.__file__)"]
    assert str(target) in subprocess.run(probe, env=env, capture_output=True, text=True).stdout
    port = free_port()
    command = [sys.executable, "-m", "newsdesk.cli.main", "serve", "--port", str(port),
               "--add-defaults", "none", "--workers", "0"]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        page = _get(f"http://127.0.0.1:{port}/", deadline=time.monotonic() + 90)
        assert "<html" in page and "newsdesk" in page
        assert "Page not found" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)

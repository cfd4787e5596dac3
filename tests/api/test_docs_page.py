"""The API's docs page (Swagger UI from ninja's static files) in real Chromium, under the site's
Content-Security-Policy: it lists the operations and the console shows no CSP violation."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.processes import free_port
from tests.web.site import CHROMIUM, CHROMIUM_ARGS

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
NEWSDESK = [sys.executable, "-m", "newsdesk.cli.main"]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "api-docs.png"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("docs-site")
    env = {**os.environ, "NEWSDESK_PAGE_CACHE_SECONDS": "30"}
    env.pop("DATABASE_URL", None)
    port = free_port()
    web = subprocess.Popen(
        [*NEWSDESK, "--data-dir", str(data), "web", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=5):
                break
        except OSError:
            if time.monotonic() > deadline:
                web.terminate()
                raise
            time.sleep(0.3)
    yield base
    web.terminate()
    web.wait(timeout=30)


def test_docs_page_lists_the_operations_under_the_csp(site: str) -> None:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
        response = page.goto(f"{site}/api/v1/docs", wait_until="networkidle")
        assert response is not None and response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        operations = page.locator(".opblock-summary-path")
        operations.first.wait_for(timeout=15_000)
        paths = set(operations.all_inner_texts())
        assert {"/api/v1/stories", "/api/v1/articles/{article_id}", "/api/v1/me/tokens"} <= {
            p.replace("\u200b", "") for p in paths
        }
        assert page.locator(".opblock-tag", has_text="stories").count() == 1
        violations = [line for line in console if "Content Security Policy" in line]
        assert violations == [], violations
        assert not [line for line in console if line.startswith("pageerror")], console
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        browser.close()

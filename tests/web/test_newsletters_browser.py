"""The reader's newsletter address in real Chromium against a real ``newsdesk serve``: the copy
button puts the address on the clipboard (the page's own script, under the site's CSP), an
issue delivered to the address opens from /me/newsletters/ without its tracking pixel, and
"Make a new address" replaces it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import CHROMIUM, Site, run_in_site, sign_up, start_site

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
DELIVER = (
    "from django.contrib.auth.models import User; from django.utils import timezone; "
    "from newsdesk.desk import newsletters; "
    "to = newsletters.full_address(newsletters.reader_address(User.objects.get(email={email!r}))); "
    "mail = ('From: Harbour Weekly <news@harbour.example>\\r\\nTo: ' + to + '\\r\\n'"
    " 'Subject: Harbour Weekly 12\\r\\nContent-Type: text/html\\r\\n\\r\\n'"
    " '<p>The crane arrived.</p>'"
    " '<img src=\"https://t.example/open/abcdefgh1234\" width=1 height=1>'); "
    "print(newsletters.deliver(to, mail.encode(), timezone.now()).outcome)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    running = start_site(tmp_path_factory.mktemp("newsletters-site"))
    yield running
    running.stop()


def test_copy_read_and_rotate_the_newsletter_address(browser: Any, site: Site) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    sign_up(page, site, "letters@example.test")
    page.goto(site.url + "/me/")
    address = page.locator("[data-newsletter-address]").inner_text().strip()
    assert address.startswith("news-") and address.endswith("@localhost")
    copy = page.locator("#newsletters button[data-copy]")
    expect(copy).to_be_visible()  # shown by the script, hidden without it
    copy.click()
    expect(page.locator("#newsletters [data-copy-status]")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == address

    assert "new" in run_in_site(site, DELIVER.format(email="letters@example.test"))
    page.goto(site.url + "/me/newsletters/")
    page.get_by_role("link", name="Harbour Weekly 12").click()
    expect(page.locator("h1")).to_have_text("Harbour Weekly 12")
    expect(page.locator(".article-body")).to_contain_text("The crane arrived.")
    assert page.locator(".article-body img").count() == 0  # the pixel is gone

    page.goto(site.url + "/me/")
    page.get_by_role("button", name="Make a new address").click()
    page.wait_for_url("**/me/#newsletters")
    rotated = page.locator("[data-newsletter-address]").inner_text().strip()
    assert rotated != address and rotated.startswith("news-")
    assert refused == []
    context.close()

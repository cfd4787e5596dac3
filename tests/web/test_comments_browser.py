"""Comments in real Chromium against a real ``newsdesk serve`` with the page cache on, as the
site runs: readers sign up through the real sign-up page, comment and reply in place (htmx),
another reader reports, a moderator hides the comment in the admin, and others no longer see it."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import (
    CHROMIUM,
    Site,
    headline,
    route_images,
    run_in_site,
    sign_up,
    start_site,
)

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
FIRST = "The new ferry stops will help commuters on the east bank."
REPLY = "Update: the council confirmed the timetable for spring."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    # The page cache as the real site has it (tests elsewhere run with it off).
    running = start_site(tmp_path_factory.mktemp("comments-site"), page_cache_seconds=30)
    yield running
    running.stop()


def new_page(browser: Any, javascript: bool = True) -> Any:
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    route_images(context)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def make_moderator(site: Site, email: str) -> None:
    code = (
        "from django.contrib.auth.models import User; "
        "from newsdesk.desk.readers.profiles import set_role; "
        f"set_role(User.objects.get(email={email!r}), 'moderator')"
    )
    run_in_site(site, code)


@pytest.fixture(scope="module")
def article(browser: Any, site: Site) -> str:
    """The address of an article whose story is ready for comments."""
    page = new_page(browser)
    page.goto(site.url + "/")
    # The article's card in the river (a top story led by it links to the story's page).
    page.locator("#river").get_by_role("link", name=headline(1), exact=True).first.click()
    page.wait_for_url(re.compile(r".*/article/\d+/[\w-]+/$"))
    # Placed in its story before the tests begin (start_site): its comments are open.
    expect(page.get_by_text("Comments open once")).to_have_count(0)
    url = str(page.url)
    page.context.close()
    return url


def test_comment_reply_report_and_hide(browser: Any, site: Site, article: str) -> None:
    ana = new_page(browser)
    errors: list[str] = []
    ana.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_up(ana, site, "ana@example.test")
    url = article
    ana.goto(url)

    section = ana.locator("#comments")
    expect(section.get_by_text("No comments yet.")).to_be_visible()
    section.get_by_label("Add a comment").fill(FIRST)
    section.get_by_role("button", name="Post comment").click()
    first = section.locator(".comment").filter(has_text=FIRST).first
    expect(first).to_be_visible()
    expect(section.get_by_text("Your comment is posted.")).to_be_visible()
    assert ana.url == url  # posted in place by htmx, no reload to #comments

    first.locator("summary", has_text="Reply").click()
    first.get_by_label("Your reply").fill(REPLY)
    first.get_by_role("button", name="Post reply").click()
    reply = section.locator(".comment-replies .comment").filter(has_text=REPLY)
    expect(reply).to_be_visible()
    assert ana.url == url
    assert not [e for e in errors if "Content Security Policy" in e], errors

    ben = new_page(browser)
    sign_up(ben, site, "ben@example.test")
    ben.goto(url)
    theirs = ben.locator("#comments .comment").filter(has_text=FIRST).first
    expect(theirs).to_be_visible()
    theirs.locator("summary", has_text="Report").first.click()
    theirs.get_by_label("What is wrong with it?").first.fill("Off topic")
    theirs.get_by_role("button", name="Report comment").first.click()
    expect(ben.get_by_text("the moderators will take a look")).to_be_visible()

    mod = new_page(browser)
    sign_up(mod, site, "mod@example.test")
    make_moderator(site, "mod@example.test")
    mod.goto(site.url + "/admin/comments/comment/")
    row = mod.locator("#result_list tbody tr").filter(has_text=FIRST[:40])
    expect(row).to_have_count(1)
    assert row.locator("td.field-report_count").inner_text() == "1"
    row.locator("input.action-select").check()
    mod.select_option("select[name=action]", "hide")
    mod.locator("button[name=index], input[name=index]").first.click()
    expect(mod.get_by_text("1 comment hidden.")).to_be_visible()

    seen_by_ben = ben.goto(url)
    assert "no-store" in seen_by_ben.headers["cache-control"]  # made for ben alone
    expect(ben.locator("#comments")).to_contain_text(REPLY)
    expect(ben.locator("#comments")).not_to_contain_text(FIRST)
    expect(ben.locator("#comments .comment-placeholder")).to_have_text("[removed]")
    # Visitors share one cached page (30 s, decision 13): the copy from before the thread
    # existed, until it expires; then the fresh page, without the hidden comment.
    visitor = new_page(browser)
    seen_by_visitor = visitor.goto(url)
    assert "max-age=30" in seen_by_visitor.headers["cache-control"]
    deadline = time.monotonic() + 90  # 30 s of cache, on a loaded machine
    while REPLY not in visitor.locator("#comments").inner_text():
        assert time.monotonic() < deadline, "the visitors' page never refreshed"
        time.sleep(2)
        visitor.reload()
    expect(visitor.locator("#comments")).not_to_contain_text(FIRST)
    expect(visitor.get_by_role("link", name="Sign in to comment")).to_be_visible()
    ana.goto(url)
    expect(ana.locator("#comments")).to_contain_text(FIRST)
    expect(ana.locator("#comments")).to_contain_text("Hidden by a moderator")
    for page in (ana, ben, mod, visitor):
        page.context.close()


def test_without_javascript_the_forms_post_and_come_back(
    browser: Any, site: Site, article: str
) -> None:
    page = new_page(browser, javascript=False)
    sign_up(page, site, "nojs@example.test")
    url = article
    page.goto(url)
    text = "Posted from a browser with scripts turned off."
    section = page.locator("#comments")
    section.get_by_label("Add a comment").fill(text)
    section.get_by_role("button", name="Post comment").click()
    page.wait_for_url(url + "#comments")
    expect(section.get_by_text("Your comment is posted.")).to_be_visible()
    expect(section.locator(".comment").filter(has_text=text)).to_have_count(1)
    section.get_by_label("Add a comment").fill(text)
    section.get_by_role("button", name="Post comment").click()
    expect(section.get_by_text("You already posted this comment.")).to_be_visible()
    expect(section.locator(".comment").filter(has_text=text)).to_have_count(1)
    page.context.close()

"""The "For you" page, follow and mute buttons without JavaScript, the following page, the
reader's OPML and the private "For you" feed."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers import following, saved
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.readers.models import (
    Follow,
    FollowKind,
    Mute,
    ReadMark,
    SavedArticle,
    TokenScope,
)
from newsdesk.sources.models import Feed
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in() -> Client:
    client = Client()
    client.force_login(make_reader("ana"))
    return client


def test_for_you_invites_visitors_to_sign_in(client: Client) -> None:
    page = client.get("/for-you/")
    assert page.status_code == 200
    assert b"/accounts/login/?next=/for-you/" in page.content
    assert "no-cache" in page["Cache-Control"]


def test_follow_button_without_javascript_then_for_you(signed_in: Client) -> None:
    now = timezone.now()
    harbour, wire = make_source("Harbour Post", now), make_source("Wire", now)
    make_article(harbour, "Ferry timetable changes", now, hours_ago=20)
    make_article(wire, "Markets open higher", now, hours_ago=0.2)

    source_page = signed_in.get("/source/harbour-post/")
    assert b'name="action" value="follow"' in source_page.content
    answer = signed_in.post(
        "/me/follow/",
        {
            "kind": "source",
            "value": "harbour-post",
            "action": "follow",
            "next": "/source/harbour-post/",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == "/source/harbour-post/"
    again = signed_in.get("/source/harbour-post/")
    assert b'name="action" value="unfollow"' in again.content

    page = signed_in.get("/for-you/").content.decode()
    assert page.index("Ferry timetable changes") < page.index("Markets open higher")
    assert "Harbour Post" in page

    signed_in.post("/me/mute/", {"source": "wire", "action": "mute", "next": "/for-you/"})
    assert "Markets open higher" not in signed_in.get("/for-you/").content.decode()
    assert Mute.objects.filter(source=wire).count() == 1


def test_follow_button_with_htmx_answers_the_button(signed_in: Client) -> None:
    now = timezone.now()
    story = make_story([make_article(make_source("Wire", now), "Bridge reopens", now)], now)
    page = signed_in.get(f"/story/{story.pk}/", follow=True)
    assert b'name="kind" value="story"' in page.content
    assert "private" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    answer = signed_in.post(
        "/me/follow/", {"kind": "story", "value": str(story.pk)}, HTTP_HX_REQUEST="true"
    )
    assert answer.status_code == 200
    assert b"Following" in answer.content and b"<html" not in answer.content
    assert Follow.objects.filter(kind="story", value=str(story.pk)).exists()


def test_for_you_pages_with_more_and_htmx(signed_in: Client) -> None:
    now = timezone.now()
    wire = make_source("Wire", now)
    for n in range(25):
        make_article(wire, f"Wire report {n}", now, hours_ago=n + 1)
    first = signed_in.get("/for-you/").content.decode()
    assert first.count('<article class="card') == 20
    start = first.index('href="/for-you/?cursor=') + len('href="')
    more = first[start : first.index('"', start)]
    rest = signed_in.get(more, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in rest
    assert rest.count('<article class="card') == 5
    assert "Wire report 24" in rest and "Wire report 0" not in rest


def test_visitors_get_a_sign_in_link_and_cannot_follow(client: Client) -> None:
    make_source("Wire", timezone.now())
    page = client.get("/source/wire/")
    assert b"/accounts/login/?next=/source/wire/" in page.content
    assert b'name="action"' not in page.content
    answer = client.post("/me/follow/", {"kind": "source", "value": "wire"})
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
    assert not Follow.objects.exists()


def test_following_page_adds_and_removes(signed_in: Client) -> None:
    make_source("Wire", timezone.now())
    signed_in.post("/me/follow/", {"kind": "topic", "value": "Elections", "next": "/me/following/"})
    signed_in.post("/me/follow/", {"kind": "source", "value": "wire"})
    bad = signed_in.post("/me/follow/", {"kind": "topic", "value": "x"}, follow=True)
    assert b"2 to 60 characters" in bad.content
    page = signed_in.get("/me/following/").content.decode()
    assert "elections" in page and "Wire" in page
    signed_in.post("/me/follow/", {"kind": "topic", "value": "elections", "action": "unfollow"})
    assert list(Follow.objects.values_list("kind", flat=True)) == ["source"]
    assert Client().get("/me/following/").status_code == 302


def test_opml_lists_only_the_readers_followed_sources(signed_in: Client) -> None:
    now = timezone.now()
    make_source("Harbour Post", now)
    make_source("Wire", now)
    Feed.objects.create(
        source=make_source("Harbour Extra", now, feed=False),
        url="https://extra.example.test/rss",
        next_check_at=now,
    )
    ben = make_reader("ben")
    following.follow(ben, FollowKind.SOURCE, "wire", now)
    signed_in.post("/me/follow/", {"kind": "source", "value": "harbour-post"})
    signed_in.post("/me/follow/", {"kind": "source", "value": "harbour-extra"})
    response = signed_in.get("/me/opml/")
    assert response["Content-Type"].startswith("text/x-opml")
    root = ElementTree.fromstring(response.content)
    urls = sorted(o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl"))
    assert urls == ["https://extra.example.test/rss", "https://harbour-post.example.test/feed.xml"]


def test_private_feed_with_a_good_and_a_bad_token(signed_in: Client) -> None:
    now = timezone.now()
    harbour = make_source("Harbour Post", now)
    make_article(harbour, "Ferry timetable changes", now)
    signed_in.post("/me/follow/", {"kind": "source", "value": "harbour-post"})
    made = signed_in.post("/me/feed-token/", {"action": "new"})
    assert made.status_code == 302
    page = signed_in.get("/me/following/").content.decode()
    start = page.index("http://testserver/feeds/for-you/")
    address = page[start : page.index('"', start)]
    assert "/feeds/for-you/" not in signed_in.get("/me/following/").content.decode()

    feed = Client().get(address.removeprefix("http://testserver"))
    assert feed.status_code == 200
    assert b"Ferry timetable changes" in feed.content
    assert "no-cache" in feed["Cache-Control"]
    assert Client().get("/feeds/for-you/nd_wrong.xml").status_code == 404
    api_token = issue_token(make_reader("ben"), now, scope=TokenScope.API).secret
    assert Client().get(f"/feeds/for-you/{api_token}.xml").status_code == 404

    signed_in.post("/me/feed-token/", {"action": "revoke"})
    assert Client().get(address.removeprefix("http://testserver")).status_code == 404


def test_saved_page_offers_sync_only_to_readers(signed_in: Client, client: Client) -> None:
    assert b"data-saved-sync" not in client.get("/saved/").content
    page = signed_in.get("/saved/").content.decode()
    assert 'data-saved-sync="/api/v1/me/saved/sync"' in page
    assert "csrftoken" in signed_in.cookies


# In Chromium: the follow button swapped by htmx, the read beacon, the reading list sync.

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def reader_browser(live_server: Any, monkeypatch: Any) -> Iterator[tuple[Any, Any]]:
    """A Chromium page signed in as "ana" (her session cookie) on the live server.

    Playwright's sync API keeps an event loop in this thread; the test's own database calls are
    plain synchronous ones, so Django is told they are safe here.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Pages name static files by their hashed names, which WhiteNoise serves from the collected
    # files as in production; the live server's own static handler knows only the source files.
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    from tests.web.site import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    ana = make_reader("ana")
    client = Client()
    client.force_login(ana)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        yield ana, context.new_page()
        browser.close()
        # The test's queries ran beside Playwright's event loop, on connections of their own.
        connections.close_all()


def wait_for(check: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_in_the_browser_follow_read_and_sync(
    live_server: Any, reader_browser: tuple[Any, Any]
) -> None:
    ana, page = reader_browser
    now = timezone.now()
    harbour = make_source("Harbour Post", now)
    on_device = make_article(harbour, "Ferry timetable changes", now)
    on_server = make_article(harbour, "Harbour dredging starts", now, hours_ago=2)
    saved.save(ana, on_server.pk, now)

    page.goto(f"{live_server.url}/source/harbour-post/")
    page.get_by_role("button", name="Follow", exact=True).click()
    sync_api.expect(page.get_by_role("button", name="Following")).to_be_visible()
    assert Follow.objects.filter(user=ana, kind="source", value="harbour-post").exists()

    page.goto(f"{live_server.url}/article/{on_device.pk}/")
    assert wait_for(lambda: ReadMark.objects.filter(user=ana, article=on_device).exists())
    page.get_by_role("button", name="Save for offline").click()
    sync_api.expect(page.get_by_role("button", name="Saved · remove")).to_be_visible()
    assert wait_for(lambda: SavedArticle.objects.filter(user=ana, article=on_device).exists())
    page.get_by_role("button", name="Saved · remove").click()
    assert wait_for(lambda: not SavedArticle.objects.filter(article=on_device).exists())
    page.get_by_role("button", name="Save for offline").click()
    sync_api.expect(page.get_by_role("button", name="Saved · remove")).to_be_visible()
    assert wait_for(lambda: SavedArticle.objects.filter(article=on_device).exists())
    SavedArticle.objects.filter(article=on_device).delete()  # as if saved while offline

    page.goto(f"{live_server.url}/saved/")
    sync_api.expect(page.locator("[data-saved-status]")).to_contain_text("2 saved")
    sync_api.expect(page.locator("[data-saved-list] li")).to_have_count(2)
    assert set(SavedArticle.objects.filter(user=ana).values_list("article_id", flat=True)) == {
        on_device.pk,
        on_server.pk,
    }
    cached = page.evaluate(
        "caches.open('newsdesk-saved').then(c => c.keys()).then(k => k.map(r => r.url))"
    )
    assert any(f"/article/{on_server.pk}/" in url for url in cached)

    page.locator("[data-saved-list] li", has_text="Harbour dredging").get_by_role(
        "button", name="Remove"
    ).click()
    sync_api.expect(page.locator("[data-saved-list] li")).to_have_count(1)
    assert wait_for(lambda: not SavedArticle.objects.filter(article=on_server).exists())


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_articles_synced_from_the_account_open_offline(
    live_server: Any, reader_browser: tuple[Any, Any]
) -> None:
    """A fresh browser profile: the reading list comes from the account, then opens offline."""
    ana, page = reader_browser
    now = timezone.now()
    article = make_article(make_source("Harbour Post", now), "Harbour dredging starts", now)
    saved.save(ana, article.pk, now)

    page.goto(f"{live_server.url}/saved/")
    sync_api.expect(page.locator("[data-saved-status]")).to_contain_text("1 saved")
    page.evaluate("navigator.serviceWorker.ready")
    full_address = page.locator("[data-saved-list] li a").first.get_attribute("href")
    assert full_address.startswith(f"/article/{article.pk}/") and full_address.count("/") > 3

    page.context.set_offline(True)
    try:
        for address in (full_address, f"/article/{article.pk}/"):
            page.goto(live_server.url + address)
            sync_api.expect(page.locator("h1.headline")).to_have_text("Harbour dredging starts")
    finally:
        page.context.set_offline(False)

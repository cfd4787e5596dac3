"""A Fever client nobody here wrote: freshrss-api (PyPI), pointed at a live server on 127.0.0.1.

It builds its address as FreshRSS's (``host + /api/fever.php``), signs in with md5 of
"e-mail:app password", lists feeds and groups, reads items by id, marks them read, saved and
unsaved; each step is checked against the server's own rows. Its date queries are left out:
they take FreshRSS's item ids for microsecond timestamps, which no other Fever server's are.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from freshrss_api import FreshRSSAPI
from freshrss_api.utils.errors import APIError, AuthenticationError

from newsdesk.desk.readers import folders, following
from newsdesk.desk.readers.signin_limits import FAILURES_PER_ADDRESS
from newsdesk.readers.models import FollowKind, ReadMark, SavedArticle
from tests.support.following import APP_PASSWORD, make_article, make_reader, make_source

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "ana@example.test"


@pytest.fixture
def world(live_server: Any) -> dict[str, Any]:
    now = timezone.now()
    ana = make_reader("ana", app_password=APP_PASSWORD)
    harbour, wire, other = (make_source(n, now) for n in ("Harbour Post", "Wire", "Other"))
    articles = [make_article(harbour, f"Harbour {n}", now, hours_ago=n + 1) for n in range(3)]
    articles.append(make_article(wire, "Wire news", now, hours_ago=30))
    make_article(other, "Not subscribed", now, hours_ago=0.1)
    following.follow(ana, FollowKind.SOURCE, "harbour-post", now)
    following.follow(ana, FollowKind.SOURCE, "wire", now)
    folders.set_folders(ana, harbour, ["Morning"], now)
    folders.set_folders(ana, wire, ["Morning", "World"], now)
    return {"url": live_server.url, "reader": ana, "articles": articles, "sources": (harbour, wire)}


def test_freshrss_api_reads_and_marks_through_our_fever_endpoint(world: dict[str, Any]) -> None:
    reader, articles = world["reader"], world["articles"]
    harbour, wire = world["sources"]
    api = FreshRSSAPI(host=world["url"], username=EMAIL, password=APP_PASSWORD)
    assert api.api_endpoint == f"{world['url']}/api/fever.php"

    feeds = api.get_feeds()
    assert {(f["id"], f["title"]) for f in feeds["feeds"]} == {
        (harbour.pk, "Harbour Post"),
        (wire.pk, "Wire"),
    }
    groups = api.get_groups()  # the reader's folders, a feed in two of them in both
    titles = {group["id"]: group["title"] for group in groups["groups"]}
    filed = {titles[g["group_id"]]: g["feed_ids"].split(",") for g in groups["feeds_groups"]}
    assert filed == {"Morning": [str(harbour.pk), str(wire.pk)], "World": [str(wire.pk)]}

    unread = api.get_unreads()
    assert [item.id for item in unread] == sorted(a.pk for a in articles)
    by_id = {item.id: item for item in unread}
    first, second = articles[0], articles[1]
    assert by_id[first.pk].title == "Harbour 0" and by_id[first.pk].feed_id == harbour.pk
    assert "The details of the report." in by_id[first.pk].readable
    assert not by_id[first.pk].is_read and not by_id[first.pk].is_saved

    api.set_mark("read", first.pk)
    assert list(ReadMark.objects.filter(user=reader).values_list("article_id", flat=True)) == [
        first.pk
    ]
    assert first.pk not in [item.id for item in api.get_unreads()]

    api.set_mark("saved", second.pk)
    assert list(SavedArticle.objects.filter(user=reader).values_list("article_id", flat=True)) == [
        second.pk
    ]
    saved = api.get_saved()
    assert [(item.id, item.is_saved) for item in saved] == [(second.pk, True)]
    assert api.get_items_from_ids([first.pk])[0].is_read

    api.set_mark("unsaved", second.pk)
    assert not SavedArticle.objects.filter(user=reader).exists()
    assert api.get_saved() == []


def test_freshrss_api_at_the_address_the_profile_page_gives(world: dict[str, Any]) -> None:
    api = FreshRSSAPI(host=world["url"], username=EMAIL, password=APP_PASSWORD)
    api.api_endpoint = f"{world['url']}/api/fever/"
    api.set_mark("saved", world["articles"][3].pk)
    assert SavedArticle.objects.get().article_id == world["articles"][3].pk


def test_freshrss_api_is_refused_a_wrong_password_then_the_right_one_past_the_limit(
    world: dict[str, Any],
) -> None:
    cache.clear()
    for _ in range(FAILURES_PER_ADDRESS):
        with pytest.raises(AuthenticationError):
            FreshRSSAPI(host=world["url"], username=EMAIL, password="a wrong guess")
    with pytest.raises(APIError, match="429"):  # its request error, after its one retry
        FreshRSSAPI(host=world["url"], username=EMAIL, password=APP_PASSWORD)
    cache.clear()  # the window passes
    assert FreshRSSAPI(host=world["url"], username=EMAIL, password=APP_PASSWORD).get_saved() == []

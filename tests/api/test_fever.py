"""The Fever API spoken as the apps speak it (the Fever API document: POST api_key to ?api plus
the things to read, and mark=… writes), over a real server on 127.0.0.1 with httpx."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.core.cache import cache
from django.utils import timezone

from newsdesk.desk.readers import folders, following
from newsdesk.readers.models import Folder, FollowKind, ReadMark, SavedArticle
from tests.support.following import APP_PASSWORD, make_article, make_reader, make_source

pytestmark = pytest.mark.django_db(transaction=True)
API_KEY = hashlib.md5(f"ana@example.test:{APP_PASSWORD}".encode()).hexdigest()


@pytest.fixture
def world(live_server: Any) -> Iterator[dict[str, Any]]:
    now = timezone.now()
    ana = make_reader("ana", app_password=APP_PASSWORD)
    harbour, wire, other = (make_source(n, now) for n in ("Harbour Post", "Wire", "Other"))
    articles = [make_article(harbour, f"Harbour {n}", now, hours_ago=n + 1) for n in range(3)]
    articles.append(make_article(wire, "Wire news", now, hours_ago=30))
    hidden = make_article(other, "Not subscribed", now, hours_ago=0.1)
    following.follow(ana, FollowKind.SOURCE, "wire", now)
    local = folders.add_to_folder(ana, "Local", harbour, now)
    folders.create_folder(ana, "Empty")
    with httpx.Client(base_url=f"{live_server.url}/api/fever/", timeout=10) as client:
        yield {
            "client": client,
            "articles": articles,
            "hidden": hidden,
            "sources": (harbour, wire),
            "folder": local,
        }


def call(world: dict[str, Any], query: str, **form: Any) -> dict[str, Any]:
    answer = world["client"].post(f"?api{query}", data={"api_key": API_KEY, **form})
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    assert body["api_version"] == 3
    return body


def test_a_wrong_key_is_answered_with_auth_0(world: dict[str, Any]) -> None:
    answer = world["client"].post("?api&items", data={"api_key": "0" * 32})
    assert answer.status_code == 200
    assert answer.json() == {"api_version": 3, "auth": 0}
    assert world["client"].post("?api", data={}).json()["auth"] == 0
    assert world["client"].post("?api", data={"api_key": "\x00" * 32}).json()["auth"] == 0


def test_groups_feeds_and_favicons(world: dict[str, Any]) -> None:
    harbour, wire = world["sources"]
    body = call(world, "")
    assert body["auth"] == 1 and body["last_refreshed_on_time"] > 0
    groups = call(world, "&groups")
    local, empty = world["folder"], Folder.objects.get(name="Empty")
    # Groups are the reader's folders; a feed in no folder is in no group.
    assert groups["groups"] == [
        {"id": empty.pk, "title": "Empty"},
        {"id": local.pk, "title": "Local"},
    ]
    assert groups["feeds_groups"] == [{"group_id": local.pk, "feed_ids": f"{harbour.pk}"}]
    feeds = call(world, "&feeds")["feeds"]
    assert [(f["id"], f["title"], f["url"]) for f in feeds] == [
        (harbour.pk, "Harbour Post", "https://harbour-post.example.test/feed.xml"),
        (wire.pk, "Wire", "https://wire.example.test/feed.xml"),
    ]
    assert feeds[0]["favicon_id"] == call(world, "&favicons")["favicons"][0]["id"]
    assert call(world, "&links")["links"] == []


def test_items_pages_and_marks(world: dict[str, Any]) -> None:
    ids = sorted(a.pk for a in world["articles"])
    first = call(world, "&items", since_id="0")
    assert first["total_items"] == 4
    assert [item["id"] for item in first["items"]] == ids
    assert world["hidden"].pk not in [item["id"] for item in first["items"]]
    item = first["items"][0]
    assert set(item) == {
        "id",
        "feed_id",
        "title",
        "author",
        "html",
        "url",
        "is_saved",
        "is_read",
        "created_on_time",
    }
    assert item["is_read"] == 0 and item["html"].startswith("<p>")
    assert call(world, "&items", since_id=str(ids[1]))["items"][0]["id"] == ids[2]
    older = call(world, "&items", max_id=str(ids[2]))["items"]
    assert [i["id"] for i in older] == [ids[1], ids[0]]
    chosen = call(world, "&items", with_ids=f"{ids[3]},{world['hidden'].pk}")["items"]
    assert [i["id"] for i in chosen] == [ids[3]]

    unread = call(world, "&unread_item_ids")["unread_item_ids"]
    assert unread == ",".join(map(str, ids))
    marked = call(world, "", mark="item", **{"as": "read"}, id=str(ids[0]))
    assert marked["unread_item_ids"] == ",".join(map(str, ids[1:]))
    saved = call(world, "", mark="item", **{"as": "saved"}, id=str(ids[1]))
    assert saved["saved_item_ids"] == str(ids[1])
    assert call(world, "&saved_item_ids")["saved_item_ids"] == str(ids[1])
    assert list(SavedArticle.objects.values_list("article_id", flat=True)) == [ids[1]]
    again = call(world, "&items", with_ids=str(ids[1]))["items"][0]
    assert (again["is_saved"], again["is_read"]) == (1, 0)
    call(world, "", mark="item", **{"as": "unread"}, id=str(ids[0]))
    call(world, "", mark="item", **{"as": "unsaved"}, id=str(ids[1]))
    assert not SavedArticle.objects.exists() and not ReadMark.objects.exists()
    call(world, "", mark="item", **{"as": "read"}, id=str(world["hidden"].pk))
    assert not ReadMark.objects.exists()


def test_mark_feed_and_group_read_before_a_time(world: dict[str, Any]) -> None:
    harbour, wire = world["sources"]
    wire_item = world["articles"][3]
    before = int(wire_item.published_at.timestamp()) + 60
    body = call(world, "", mark="feed", **{"as": "read"}, id=str(harbour.pk), before=str(before))
    assert body["unread_item_ids"] == ",".join(
        str(a.pk) for a in sorted(world["articles"], key=lambda a: a.pk)
    )
    call(world, "", mark="feed", **{"as": "read"}, id=str(wire.pk), before=str(before))
    assert list(ReadMark.objects.values_list("article_id", flat=True)) == [wire_item.pk]
    now = int(timezone.now().timestamp())
    call(world, "", mark="group", **{"as": "read"}, id=str(world["folder"].pk), before=str(now))
    assert ReadMark.objects.count() == 4  # the folder holds Harbour Post: its 3 articles
    ReadMark.objects.filter(article__source=harbour).delete()
    done = call(world, "", mark="group", **{"as": "read"}, id="0", before=str(now))
    assert done["unread_item_ids"] == ""
    assert ReadMark.objects.count() == 4


@pytest.mark.parametrize(
    "address",
    [
        "/api/fever/?api",
        "/api/fever?api",
        "/api/fever.php?api",
        "/fever/?api",
        "/fever?api",
        "/fever.php?api",
    ],
)
def test_every_address_apps_call_answers_a_post_without_redirect(
    world: dict[str, Any], live_server: Any, address: str
) -> None:
    with httpx.Client(base_url=live_server.url, follow_redirects=False, timeout=10) as client:
        answer = client.post(f"{address}&groups", data={"api_key": API_KEY})
    assert answer.status_code == 200, answer.headers.get("Location")
    body = answer.json()
    assert body["auth"] == 1  # the key in the body was read: no redirect dropped it
    assert [group["title"] for group in body["groups"]] == ["Empty", "Local"]


def wrong_key(world: dict[str, Any], number: int) -> httpx.Response:
    return world["client"].post("?api&items", data={"api_key": f"{number:032x}"})


def test_failed_keys_are_limited_per_client_address(world: dict[str, Any]) -> None:
    from newsdesk.desk.readers.signin_limits import FAILURES_PER_ADDRESS, WINDOW_SECONDS

    answers = [wrong_key(world, n) for n in range(60)]
    statuses = [a.status_code for a in answers]
    assert statuses == [200] * FAILURES_PER_ADDRESS + [429] * (60 - FAILURES_PER_ADDRESS)
    assert all(a.json() == {"api_version": 3, "auth": 0} for a in answers)
    assert answers[-1].headers["Retry-After"] == str(WINDOW_SECONDS)
    refused = world["client"].post("?api&saved_item_ids", data={"api_key": API_KEY})
    assert refused.status_code == 429  # the right key too, until the window passes
    assert refused.json() == {"api_version": 3, "auth": 0}
    assert not ReadMark.objects.exists()
    cache.clear()  # the window passes
    assert call(world, "&saved_item_ids")["auth"] == 1


def test_an_account_locked_by_failed_app_sign_ins_is_refused_its_right_key(
    world: dict[str, Any], live_server: Any
) -> None:
    from newsdesk.desk.readers.signin_limits import FAILURES_PER_EMAIL

    with httpx.Client(base_url=f"{live_server.url}/api/greader/", timeout=10) as greader:
        for _ in range(FAILURES_PER_EMAIL):
            wrong = {"Email": "ana@example.test", "Passwd": "a guess"}
            assert greader.post("accounts/ClientLogin", data=wrong).status_code == 401
    refused = world["client"].post("?api&items", data={"api_key": API_KEY})
    assert refused.status_code == 429 and "items" not in refused.json()
    other = make_reader("bo", app_password=APP_PASSWORD)  # the same address, another account
    bo_key = hashlib.md5(f"{other.email}:{APP_PASSWORD}".encode()).hexdigest()
    assert world["client"].post("?api", data={"api_key": bo_key}).json()["auth"] == 1


def test_a_request_without_a_key_is_not_counted_as_a_failure(world: dict[str, Any]) -> None:
    for _ in range(30):
        assert world["client"].post("?api", data={}).json() == {"api_version": 3, "auth": 0}
    assert call(world, "")["auth"] == 1

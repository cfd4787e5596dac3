"""The Google Reader API spoken as the apps speak it (FreshRSS's documented requests), over a
real server on 127.0.0.1 with httpx: sign in, list subscriptions, fetch unread ids, fetch
contents, mark read, star, and see the state change on the site's side too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from django.utils import timezone

from newsdesk.desk.readers import following
from newsdesk.readers.models import FollowKind, ReadMark, SavedArticle
from tests.support.following import APP_PASSWORD, make_article, make_reader, make_source

pytestmark = pytest.mark.django_db(transaction=True)
READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"


@pytest.fixture
def world(live_server: Any) -> Iterator[dict[str, Any]]:
    now = timezone.now()
    ana = make_reader("ana", app_password=APP_PASSWORD)
    ben = make_reader("ben", app_password="another app password")
    harbour, wire, other = (make_source(n, now) for n in ("Harbour Post", "Wire", "Other"))
    articles = [make_article(harbour, f"Harbour {n}", now, hours_ago=n + 1) for n in range(3)]
    articles.append(make_article(wire, "Wire news", now, hours_ago=0.5))
    hidden = make_article(other, "Not subscribed", now, hours_ago=0.1)
    following.follow(ana, FollowKind.SOURCE, "harbour-post", now)
    following.follow(ana, FollowKind.SOURCE, "wire", now)
    following.follow(ben, FollowKind.SOURCE, "other", now)
    with httpx.Client(base_url=f"{live_server.url}/api/greader/", timeout=10) as client:
        yield {"client": client, "ana": ana, "articles": articles, "hidden": hidden}


def login(client: httpx.Client, email: str, password: str) -> httpx.Response:
    return client.post("accounts/ClientLogin", data={"Email": email, "Passwd": password})


def signed_in(world: dict[str, Any]) -> dict[str, str]:
    answer = login(world["client"], "ana@example.test", APP_PASSWORD)
    assert answer.status_code == 200
    fields = dict(line.split("=", 1) for line in answer.text.strip().splitlines())
    assert set(fields) == {"SID", "LSID", "Auth"}
    return {"Authorization": f"GoogleLogin auth={fields['Auth']}"}


def test_bad_credentials_are_refused(world: dict[str, Any]) -> None:
    client = world["client"]
    assert login(client, "ana@example.test", "wrong password").status_code == 401
    assert login(client, "nobody@example.test", APP_PASSWORD).status_code == 401
    assert login(client, "ana@example.test\x00", APP_PASSWORD).status_code == 401
    assert client.get("reader/api/0/user-info").status_code == 401
    bad = {"Authorization": "GoogleLogin auth=nd_not_a_token"}
    assert client.get("reader/api/0/subscription/list?output=json", headers=bad).status_code == 401


def test_repeated_failed_sign_ins_are_refused_even_with_the_right_password(
    world: dict[str, Any],
) -> None:
    from django.core.cache import cache

    from newsdesk.desk.readers.signin_limits import FAILURES_PER_EMAIL

    cache.clear()
    client = world["client"]
    for _ in range(FAILURES_PER_EMAIL):
        assert login(client, "ana@example.test", "wrong password").status_code == 401
    refused = login(client, "ana@example.test", APP_PASSWORD)
    assert refused.status_code == 429 and "Auth=" not in refused.text
    cache.clear()
    assert login(client, "ana@example.test", APP_PASSWORD).status_code == 200


def test_a_session_of_an_app(world: dict[str, Any]) -> None:
    client, auth = world["client"], signed_in(world)
    harbour0, harbour1, harbour2, wire = world["articles"]

    info = client.get("reader/api/0/user-info?output=json", headers=auth).json()
    assert info["userName"] == "ana" and info["userEmail"] == "ana@example.test"
    action = client.get("reader/api/0/token", headers=auth).text
    assert len(action) == 57

    tags = client.get("reader/api/0/tag/list?output=json", headers=auth).json()["tags"]
    assert {"id": STARRED} in tags
    subs = client.get("reader/api/0/subscription/list?output=json", headers=auth).json()
    ids = [s["id"] for s in subs["subscriptions"]]
    assert ids == [
        "feed/https://harbour-post.example.test/feed.xml",
        "feed/https://wire.example.test/feed.xml",
    ]
    assert subs["subscriptions"][0]["categories"][0]["label"] == "newsdesk"

    unread = client.get(
        f"reader/api/0/stream/items/ids?n=1000&output=json&s={READING_LIST}&xt={READ}",
        headers=auth,
    ).json()
    refs = [int(ref["id"]) for ref in unread["itemRefs"]]
    assert refs == [wire.pk, harbour0.pk, harbour1.pk, harbour2.pk]
    assert world["hidden"].pk not in refs

    long_form = f"tag:google.com,2005:reader/item/{harbour0.pk:016x}"
    contents = client.post(
        "reader/api/0/stream/items/contents?output=json",
        data={"i": [str(wire.pk), long_form, str(world["hidden"].pk)], "T": action},
        headers=auth,
    ).json()
    items = contents["items"]
    assert [item["title"] for item in items] == ["Wire news", "Harbour 0"]
    item = items[1]
    assert item["id"] == long_form
    assert item["origin"]["streamId"] == "feed/https://harbour-post.example.test/feed.xml"
    assert item["origin"]["title"] == "Harbour Post"
    assert item["canonical"][0]["href"] == harbour0.url
    assert item["alternate"][0]["href"] == harbour0.url
    assert "Harbour 0" in item["summary"]["content"]
    assert int(item["timestampUsec"]) // 1_000_000 == item["published"]
    assert READ not in item["categories"]

    marked = client.post(
        "reader/api/0/edit-tag",
        data={"i": [long_form, str(wire.pk)], "a": READ, "T": action},
        headers=auth,
    )
    assert marked.text == "OK"
    starred = client.post(
        "reader/api/0/edit-tag",
        data={"i": str(harbour1.pk), "a": "user/-/state/com.google/starred", "T": action},
        headers=auth,
    )
    assert starred.status_code == 200
    assert set(ReadMark.objects.values_list("article_id", flat=True)) == {harbour0.pk, wire.pk}
    assert list(SavedArticle.objects.values_list("article_id", flat=True)) == [harbour1.pk]

    still_unread = client.get(
        f"reader/api/0/stream/items/ids?n=1000&s={READING_LIST}&xt={READ}", headers=auth
    ).json()
    assert [int(r["id"]) for r in still_unread["itemRefs"]] == [harbour1.pk, harbour2.pk]
    stars = client.get(f"reader/api/0/stream/items/ids?n=1000&s={STARRED}", headers=auth).json()
    assert [int(r["id"]) for r in stars["itemRefs"]] == [harbour1.pk]
    counts = client.get("reader/api/0/unread-count?output=json", headers=auth).json()
    assert counts["max"] == 2
    per_feed = {row["id"]: row["count"] for row in counts["unreadcounts"]}
    assert per_feed["feed/https://wire.example.test/feed.xml"] == 0

    unmark = client.post("reader/api/0/edit-tag", data={"i": long_form, "r": READ}, headers=auth)
    assert unmark.status_code == 200
    assert not ReadMark.objects.filter(article_id=harbour0.pk).exists()
    bad_token = client.post(
        "reader/api/0/edit-tag", data={"i": long_form, "a": READ, "T": "x" * 57}, headers=auth
    )
    assert bad_token.status_code == 401

    done = client.post(
        "reader/api/0/mark-all-as-read",
        data={"s": "feed/https://harbour-post.example.test/feed.xml", "T": action},
        headers=auth,
    )
    assert done.text == "OK"
    left = client.get(f"reader/api/0/stream/items/ids?s={READING_LIST}&xt={READ}", headers=auth)
    assert left.json()["itemRefs"] == []


def test_stream_contents_pages_with_continuation(world: dict[str, Any]) -> None:
    client, auth = world["client"], signed_in(world)
    seen: list[str] = []
    continuation = ""
    for _ in range(5):
        query = f"?n=3&c={continuation}" if continuation else "?n=3"
        page = client.get(
            f"reader/api/0/stream/contents/{READING_LIST}{query}", headers=auth
        ).json()
        seen += [item["title"] for item in page["items"]]
        continuation = page.get("continuation", "")
        if not continuation:
            break
    assert seen == ["Wire news", "Harbour 0", "Harbour 1", "Harbour 2"]
    feed = client.get(
        "reader/api/0/stream/contents/feed/https://wire.example.test/feed.xml?r=o",
        headers=auth,
    ).json()
    assert [item["title"] for item in feed["items"]] == ["Wire news"]
    since = int((timezone.now() - timedelta(hours=1.5)).timestamp())
    recent = client.get(
        f"reader/api/0/stream/items/ids?s={READING_LIST}&ot={since}", headers=auth
    ).json()
    harbour0, harbour1, harbour2, wire = world["articles"]
    assert [int(r["id"]) for r in recent["itemRefs"]] == [wire.pk, harbour0.pk]
    older = client.get(
        f"reader/api/0/stream/items/ids?s={READING_LIST}&nt={since}&r=o", headers=auth
    ).json()
    assert [int(r["id"]) for r in older["itemRefs"]] == [harbour2.pk, harbour1.pk]


def test_subscribe_and_unsubscribe(world: dict[str, Any]) -> None:
    client, auth = world["client"], signed_in(world)
    added = client.post(
        "reader/api/0/subscription/edit",
        data={"ac": "subscribe", "s": "feed/https://other.example.test/feed.xml"},
        headers=auth,
    )
    assert added.text == "OK"
    unknown = client.post(
        "reader/api/0/subscription/edit",
        data={"ac": "subscribe", "s": "feed/https://unknown.example.test/rss"},
        headers=auth,
    )
    assert unknown.status_code == 404
    quick = client.post(
        "reader/api/0/subscription/quickadd",
        data={"quickadd": "https://other.example.test/feed.xml"},
        headers=auth,
    ).json()
    assert quick["numResults"] == 1 and quick["streamName"] == "Other"
    ids = client.get(f"reader/api/0/stream/items/ids?s={READING_LIST}", headers=auth).json()
    assert world["hidden"].pk in [int(r["id"]) for r in ids["itemRefs"]]
    gone = client.post(
        "reader/api/0/subscription/edit",
        data={"ac": "unsubscribe", "s": "feed/https://wire.example.test/feed.xml"},
        headers=auth,
    )
    assert gone.text == "OK"
    subs = client.get("reader/api/0/subscription/list?output=json", headers=auth).json()
    assert [s["title"] for s in subs["subscriptions"]] == ["Harbour Post", "Other"]
    assert client.get("reader/api/0/subscription/edit", headers=auth).status_code == 405

"""The Google Reader API spoken as the apps speak it (FreshRSS's documented requests), over a
real server on 127.0.0.1 with httpx: sign in, list subscriptions, fetch unread ids, fetch
contents, mark read, star, and see the state change on the site's side too."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from statistics import median
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.readers.models import ReadMark, SavedArticle
from tests.support.following import APP_PASSWORD, make_reader
from tests.support.greader import (
    READ,
    READING_LIST,
    STARRED,
    World,
    auth_token,
    greader_world,
    login,
    signed_in,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(live_server: Any) -> Iterator[World]:
    with greader_world(live_server.url) as made:
        yield made


def test_bad_credentials_are_refused(world: World) -> None:
    client = world.client
    assert login(client, "ana@example.test", "wrong password").status_code == 401
    assert login(client, "nobody@example.test", APP_PASSWORD).status_code == 401
    assert login(client, "ana@example.test\x00", APP_PASSWORD).status_code == 401
    assert client.get("reader/api/0/user-info").status_code == 401
    bad = {"Authorization": "GoogleLogin auth=nd_not_a_token"}
    assert client.get("reader/api/0/subscription/list?output=json", headers=bad).status_code == 401


def test_bearer_tokens_are_accepted_like_googlelogin_ones(world: World) -> None:
    client, token = world.client, auth_token(world)
    info = client.get("reader/api/0/user-info", headers={"Authorization": f"Bearer {token}"})
    assert info.status_code == 200 and info.json()["userName"] == "ana"
    lower = client.get("reader/api/0/token", headers={"Authorization": f"bearer  {token}"})
    assert lower.status_code == 200 and len(lower.text) == 57
    for header in (f"Bearer {token}x", "Bearer", f"Basic {token}", f"Bearer {token} extra"):
        refused = client.get("reader/api/0/user-info", headers={"Authorization": header})
        assert refused.status_code == 401, header


@pytest.mark.usefixtures("production_password_hashing")  # before `world` is made
def test_client_login_does_not_tell_who_is_registered(world: World) -> None:
    """A known address with a wrong password, a known address without an app password and an
    unknown address get the same answer in about the same time (a password hash is checked
    each time), so neither the answer nor its timing tells whether an address has an account."""
    from django.core.cache import cache

    make_reader("cy")  # an account without an app password
    emails = {"known": "ana@example.test", "no app password": "cy@example.test"}
    emails["unknown"] = "nobody@example.test"
    timings: dict[str, list[float]] = {kind: [] for kind in emails}
    answers = set()
    login(world.client, "nobody@example.test", "warm up the server")
    for _ in range(7):
        for kind, email in emails.items():
            cache.clear()  # failed sign-ins are limited; these tries measure the check itself
            # CPU time of this process (the test client runs the view here): what the check
            # costs, which load from other processes on a shared machine does not blur.
            started = time.process_time()
            answer = login(world.client, email, "not the app password")
            timings[kind].append(time.process_time() - started)
            answers.add((answer.status_code, answer.text, answer.headers["Content-Type"]))
    assert answers == {(401, "Error=BadAuthentication\n", "text/plain")}
    medians = {kind: median(seconds) for kind, seconds in timings.items()}
    # Unequal before: about 215 ms against 41 ms. A generous band, so load cannot make it flaky.
    assert min(medians.values()) >= 0.6 * max(medians.values()), medians


def test_repeated_failed_sign_ins_are_refused_even_with_the_right_password(
    world: World,
) -> None:
    from django.core.cache import cache

    from newsdesk.desk.readers.signin_limits import FAILURES_PER_EMAIL

    cache.clear()
    client = world.client
    for _ in range(FAILURES_PER_EMAIL):
        assert login(client, "ana@example.test", "wrong password").status_code == 401
    refused = login(client, "ana@example.test", APP_PASSWORD)
    assert refused.status_code == 429 and "Auth=" not in refused.text
    cache.clear()
    assert login(client, "ana@example.test", APP_PASSWORD).status_code == 200


def test_a_session_of_an_app(world: World) -> None:
    client, auth = world.client, signed_in(world)
    harbour0, harbour1, harbour2, wire = world.articles

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
    assert subs["subscriptions"][0]["categories"] == []  # in none of ana's folders

    unread = client.get(
        f"reader/api/0/stream/items/ids?n=1000&output=json&s={READING_LIST}&xt={READ}",
        headers=auth,
    ).json()
    refs = [int(ref["id"]) for ref in unread["itemRefs"]]
    assert refs == [wire.pk, harbour0.pk, harbour1.pk, harbour2.pk]
    assert world.hidden.pk not in refs

    long_form = f"tag:google.com,2005:reader/item/{harbour0.pk:016x}"
    contents = client.post(
        "reader/api/0/stream/items/contents?output=json",
        data={"i": [str(wire.pk), long_form, str(world.hidden.pk)], "T": action},
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


def test_stream_contents_pages_with_continuation(world: World) -> None:
    client, auth = world.client, signed_in(world)
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
    harbour0, harbour1, harbour2, wire = world.articles
    assert [int(r["id"]) for r in recent["itemRefs"]] == [wire.pk, harbour0.pk]
    older = client.get(
        f"reader/api/0/stream/items/ids?s={READING_LIST}&nt={since}&r=o", headers=auth
    ).json()
    assert [int(r["id"]) for r in older["itemRefs"]] == [harbour2.pk, harbour1.pk]


def test_subscribe_and_unsubscribe(world: World) -> None:
    client, auth = world.client, signed_in(world)
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
    assert world.hidden.pk in [int(r["id"]) for r in ids["itemRefs"]]
    gone = client.post(
        "reader/api/0/subscription/edit",
        data={"ac": "unsubscribe", "s": "feed/https://wire.example.test/feed.xml"},
        headers=auth,
    )
    assert gone.text == "OK"
    subs = client.get("reader/api/0/subscription/list?output=json", headers=auth).json()
    assert [s["title"] for s in subs["subscriptions"]] == ["Harbour Post", "Other"]
    assert client.get("reader/api/0/subscription/edit", headers=auth).status_code == 405


def test_streams_filtered_by_read_and_starred_states(world: World) -> None:
    """``it`` keeps only the items in a state and ``xt`` leaves them out, for read and starred
    alike (the reader's history is looked up by the database, however long it is)."""
    client, auth = world.client, signed_in(world)
    harbour0, harbour1, harbour2, wire = world.articles
    user = world.ana
    ReadMark.objects.create(user=user, article=harbour1, read_at=timezone.now())
    SavedArticle.objects.create(user=user, article=wire, saved_at=timezone.now())

    def ids(**state: str) -> set[int]:
        params = {"s": READING_LIST, "n": "1000", "output": "json", **state}
        answer = client.get("reader/api/0/stream/items/ids", params=params, headers=auth)
        assert answer.status_code == 200
        return {int(ref["id"]) for ref in answer.json()["itemRefs"]}

    everything = {harbour0.pk, harbour1.pk, harbour2.pk, wire.pk}
    assert ids(it=READ) == {harbour1.pk}
    assert ids(xt=READ) == everything - {harbour1.pk}
    assert ids(it=STARRED) == {wire.pk}
    assert ids(xt=STARRED) == everything - {wire.pk}

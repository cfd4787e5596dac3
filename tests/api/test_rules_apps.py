"""Rules in the feed-reader apps, over a real server on 127.0.0.1: the Google Reader API's
streams leave out what a rule hides (and page on past it), file what a rule puts in a folder
under that label; the Fever API never hands out a hidden item; unread counts leave hidden items
out, and count a digest's articles for the digest's subscription."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.utils import timezone

from newsdesk.desk.readers import following
from newsdesk.readers.models import FollowKind
from newsdesk.readers.rules import Rule
from tests.support.following import APP_PASSWORD, make_article, make_source
from tests.support.greader import READING_LIST, World, greader_world, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(live_server: Any) -> Iterator[World]:
    with greader_world(live_server.url) as made:
        yield made


def test_google_reader_streams_honour_the_rules(world: World) -> None:
    harbour0, _hidden, harbour2, wire = world.articles
    Rule.objects.create(user=world.ana, terms=["harbour 1"], action="hide", field="title")
    Rule.objects.create(user=world.ana, terms=["wire"], action="folder", folder="Wires")
    auth = signed_in(world)
    ids = world.client.get(
        f"reader/api/0/stream/items/ids?n=1000&output=json&s={READING_LIST}", headers=auth
    ).json()
    assert [int(ref["id"]) for ref in ids["itemRefs"]] == [wire.pk, harbour0.pk, harbour2.pk]

    seen: list[str] = []
    query = "?n=2"
    while True:  # two at a time: the page with the hidden item still continues past it
        page = world.client.get(
            f"reader/api/0/stream/contents/{READING_LIST}{query}", headers=auth
        ).json()
        seen += [item["title"] for item in page["items"]]
        for item in page["items"]:
            filed = "user/-/label/Wires" in item["categories"]
            assert filed == (item["title"] == "Wire news")
        if "continuation" not in page:
            break
        query = f"?n=2&c={page['continuation']}"
    assert seen == ["Wire news", "Harbour 0", "Harbour 2"]


def test_fever_never_hands_out_a_hidden_item(world: World) -> None:
    harbour0, harbour1, harbour2, wire = world.articles
    Rule.objects.create(user=world.ana, terms=["harbour 1"], action="hide", field="title")
    key = hashlib.md5(f"ana@example.test:{APP_PASSWORD}".encode()).hexdigest()
    fever = httpx.Client(base_url=world.base_url.replace("/greader", "/fever/"), timeout=10)
    with fever:
        items = fever.post("?api&items", data={"api_key": key}).json()["items"]
        asked = fever.post(
            "?api&items", data={"api_key": key, "with_ids": f"{harbour1.pk},{harbour0.pk}"}
        ).json()["items"]
    assert harbour1.pk not in [item["id"] for item in items]
    assert {harbour0.pk, harbour2.pk, wire.pk} <= {item["id"] for item in items}
    assert [item["id"] for item in asked] == [harbour0.pk]


def test_unread_counts_leave_out_what_the_rules_hide(world: World) -> None:
    _harbour0, hidden, _harbour2, _wire = world.articles
    auth = signed_in(world)

    def counts() -> dict[str, int]:
        answer = world.client.get("reader/api/0/unread-count?output=json", headers=auth).json()
        return {row["id"]: row["count"] for row in answer["unreadcounts"]}

    before = counts()
    assert before[READING_LIST] == 4
    Rule.objects.create(user=world.ana, terms=["harbour 1"], action="hide", field="title")
    after = counts()
    assert after[READING_LIST] == 3
    harbour = next(stream for stream in after if "harbour-post" in stream)
    assert (before[harbour], after[harbour]) == (3, 2)

    key = hashlib.md5(f"ana@example.test:{APP_PASSWORD}".encode()).hexdigest()
    with httpx.Client(base_url=world.base_url.replace("/greader", "/fever/"), timeout=10) as fever:
        unread = fever.post("?api&unread_item_ids", data={"api_key": key}).json()
    ids = {int(pk) for pk in unread["unread_item_ids"].split(",")}
    assert hidden.pk not in ids and len(ids) == 3


def test_a_digest_subscription_counts_the_articles_its_feed_brought(world: World) -> None:
    digest = make_source("Morning Digest", timezone.now())
    publisher = world.sources["other"]  # ana does not follow it
    make_article(publisher, "Via the digest", timezone.now(), feed=digest.feeds.get())
    following.follow(world.ana, FollowKind.SOURCE, "morning-digest", timezone.now())
    answer = world.client.get(
        "reader/api/0/unread-count?output=json", headers=signed_in(world)
    ).json()
    rows = {row["id"]: row["count"] for row in answer["unreadcounts"]}
    digest_row = next(count for stream, count in rows.items() if "morning-digest" in stream)
    assert digest_row == 1
    assert rows[READING_LIST] == 5

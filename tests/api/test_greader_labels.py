"""Subscriptions and labels in the Google Reader API, over a real server on 127.0.0.1: renaming a
subscription for one reader, labels (the reader's folders) on subscriptions, in tag/list, in
unread counts and as streams, renaming and deleting labels, OPML export and import, icons, and
quickadd of a feed newsdesk does not have yet (fetched through the guarded fetcher)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsdesk.desk.readers import folders, following, subscriptions
from newsdesk.pipeline.feeds import parse_opml
from newsdesk.readers.models import Folder, FollowKind
from newsdesk.sources.models import Feed, Source
from tests.support.greader import (
    HARBOUR_FEED,
    OTHER_FEED,
    READ,
    READING_LIST,
    WIRE_FEED,
    World,
    greader_world,
    signed_in,
)
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db(transaction=True)
API = "reader/api/0/"
LOCAL = "user/-/label/Local"


@pytest.fixture
def world(live_server: Any) -> Iterator[World]:
    with greader_world(live_server.url) as made:
        yield made


@pytest.fixture
def app(world: World) -> httpx.Client:
    """The world's client, signed in as ana."""
    world.client.headers.update(signed_in(world))
    return world.client


def edit(app: httpx.Client, **form: Any) -> httpx.Response:
    return app.post(f"{API}subscription/edit", data=form)


def listed(app: httpx.Client) -> dict[str, dict[str, Any]]:
    subs = app.get(f"{API}subscription/list?output=json").json()["subscriptions"]
    return {sub["id"]: sub for sub in subs}


def labels_of(sub: dict[str, Any]) -> list[str]:
    return [category["label"] for category in sub["categories"]]


def test_a_subscription_is_renamed_for_its_reader_only(world: World, app: httpx.Client) -> None:
    ben = User.objects.get(username="ben")
    following.follow(ben, FollowKind.SOURCE, "harbour-post", timezone.now())
    renamed = edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", t="  My   harbour ")
    assert renamed.status_code == 200 and renamed.text == "OK"
    assert listed(app)[f"feed/{HARBOUR_FEED}"]["title"] == "My harbour"
    items = app.get(f"{API}stream/contents/feed/{HARBOUR_FEED}?n=1").json()["items"]
    assert items[0]["origin"]["title"] == "My harbour"
    assert Source.objects.get(slug="harbour-post").name == "Harbour Post"
    assert {sub.title for sub in subscriptions.subscriptions(ben)} == {"Harbour Post", "Other"}

    assert edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", t="").text == "OK"
    assert listed(app)[f"feed/{HARBOUR_FEED}"]["title"] == "Harbour Post"
    refused = edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", t="bad\x00title")
    assert refused.status_code == 400
    not_followed = edit(app, ac="edit", s=f"feed/{OTHER_FEED}", t="Other news")
    assert not_followed.status_code == 404
    assert f"feed/{OTHER_FEED}" not in listed(app)


def test_labels_are_added_and_removed_on_subscriptions(world: World, app: httpx.Client) -> None:
    assert listed(app)[f"feed/{HARBOUR_FEED}"]["categories"] == []
    assert edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", a=LOCAL).text == "OK"
    assert edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", a="user/-/label/News/World").text == "OK"
    harbour = listed(app)[f"feed/{HARBOUR_FEED}"]
    assert harbour["categories"] == [
        {"id": LOCAL, "label": "Local", "type": "folder"},
        {"id": "user/-/label/News/World", "label": "News/World", "type": "folder"},
    ]
    assert folders.folder_names_by_source(world.ana)[world.sources["harbour"].pk] == [
        "Local",
        "News/World",
    ]
    assert edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", r=LOCAL).text == "OK"
    assert labels_of(listed(app)[f"feed/{HARBOUR_FEED}"]) == ["News/World"]

    both = edit(app, ac="subscribe", s=f"feed/{OTHER_FEED}", a="user/-/label/Later", t="Others")
    assert both.text == "OK"
    other = listed(app)[f"feed/{OTHER_FEED}"]
    assert other["title"] == "Others" and labels_of(other) == ["Later"]
    assert following.is_following(world.ana, FollowKind.SOURCE, "other")

    numeric = f"user/{world.ana.pk}/label/Later"
    assert edit(app, ac="edit", s=f"feed/{OTHER_FEED}", r=numeric).text == "OK"
    assert labels_of(listed(app)[f"feed/{OTHER_FEED}"]) == []
    bad = edit(app, ac="edit", s=f"feed/{OTHER_FEED}", a="user/-/label/\x01")
    assert bad.status_code == 400


def test_tags_are_the_readers_folders(world: World, app: httpx.Client) -> None:
    edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", a=LOCAL)
    folders.create_folder(world.ana, "Empty")
    tags = app.get(f"{API}tag/list?output=json").json()["tags"]
    assert [tag["id"] for tag in tags] == [
        "user/-/state/com.google/starred",
        "user/-/label/Empty",
        LOCAL,
    ]
    assert all(tag["type"] == "folder" for tag in tags[1:])

    renamed = app.post(f"{API}rename-tag", data={"s": LOCAL, "dest": "user/-/label/Nearby"})
    assert renamed.text == "OK"
    assert labels_of(listed(app)[f"feed/{HARBOUR_FEED}"]) == ["Nearby"]
    by_name = app.post(f"{API}rename-tag", data={"t": "Nearby", "dest": "user/-/label/Close"})
    assert by_name.text == "OK"
    missing = app.post(f"{API}rename-tag", data={"s": LOCAL, "dest": "user/-/label/X"})
    assert missing.status_code == 404

    deleted = app.post(f"{API}disable-tag", data={"s": "user/-/label/Close"})
    assert deleted.text == "OK"
    assert not Folder.objects.filter(user=world.ana, name="Close").exists()
    harbour = listed(app)[f"feed/{HARBOUR_FEED}"]
    assert harbour["categories"] == []  # the label is gone, the subscription stays
    assert app.post(f"{API}disable-tag", data={"s": "user/-/label/Close"}).status_code == 404
    assert app.get(f"{API}disable-tag", params={"s": "user/-/label/Empty"}).status_code == 405


def test_label_streams_and_counts(world: World, app: httpx.Client) -> None:
    harbour0, harbour1, harbour2, wire = world.articles
    edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", a=LOCAL)
    stream = app.get(f"{API}stream/contents/{LOCAL}?n=2").json()
    assert stream["id"] == LOCAL
    assert [item["title"] for item in stream["items"]] == ["Harbour 0", "Harbour 1"]
    assert LOCAL in stream["items"][0]["categories"]
    rest = app.get(f"{API}stream/contents/{LOCAL}?n=2&c={stream['continuation']}").json()
    assert [item["title"] for item in rest["items"]] == ["Harbour 2"]

    app.post(f"{API}edit-tag", data={"i": str(harbour1.pk), "a": READ})
    ids = app.get(f"{API}stream/items/ids", params={"s": LOCAL, "xt": READ}).json()
    assert [int(ref["id"]) for ref in ids["itemRefs"]] == [harbour0.pk, harbour2.pk]
    counts = app.get(f"{API}unread-count?output=json").json()
    by_id = {row["id"]: row["count"] for row in counts["unreadcounts"]}
    assert by_id[LOCAL] == 2 and by_id[f"feed/{HARBOUR_FEED}"] == 2
    assert by_id[f"feed/{WIRE_FEED}"] == 1 and by_id[READING_LIST] == 3
    assert "user/-/label/newsdesk" not in by_id

    unknown = app.get(f"{API}stream/contents/user/-/label/Nothing").json()
    assert unknown["items"] == []
    app.post(f"{API}mark-all-as-read", data={"s": LOCAL})
    after = app.get(f"{API}unread-count?output=json").json()
    assert {row["id"]: row["count"] for row in after["unreadcounts"]}[LOCAL] == 0
    assert wire.pk in [int(r["id"]) for r in _unread_ids(app)]


def _unread_ids(app: httpx.Client) -> list[dict[str, str]]:
    answer = app.get(f"{API}stream/items/ids", params={"s": READING_LIST, "xt": READ})
    refs: list[dict[str, str]] = answer.json()["itemRefs"]
    return refs


def test_icons_are_the_logo_or_the_sites_favicon(world: World, app: httpx.Client) -> None:
    Source.objects.filter(slug="harbour-post").update(
        logo_url="https://cdn.example.test/harbour.png"
    )
    subs = listed(app)
    assert subs[f"feed/{HARBOUR_FEED}"]["iconUrl"] == "https://cdn.example.test/harbour.png"
    assert subs[f"feed/{WIRE_FEED}"]["iconUrl"] == "https://wire.example.test/favicon.ico"
    # Once the site keeps the publisher's logo, apps get that copy, from this site.
    Source.objects.filter(slug="harbour-post").update(logo_version=3)
    icon = listed(app)[f"feed/{HARBOUR_FEED}"]["iconUrl"]
    assert icon == f"{app.base_url.scheme}://{app.base_url.netloc.decode()}" + (
        "/source/harbour-post/logo-128.png?v=3"
    )


def test_subscriptions_export_as_opml_with_labels_as_folders(
    world: World, app: httpx.Client
) -> None:
    edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", a=LOCAL, t="My harbour")
    edit(app, ac="edit", s=f"feed/{HARBOUR_FEED}", a="user/-/label/News/World")
    Feed.objects.filter(url=HARBOUR_FEED).update(html_url="https://harbour-post.example.test/news")
    answer = app.get(f"{API}subscription/export")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/x-opml")
    assert "attachment" in answer.headers["Content-Disposition"]
    outlines = parse_opml(answer.content)
    rows = sorted((o.xml_url, o.title, o.html_url, o.categories) for o in outlines)
    harbour_rows = [row for row in rows if row[0] == HARBOUR_FEED]
    assert harbour_rows == [
        (
            HARBOUR_FEED,
            "My harbour",
            "https://harbour-post.example.test/news",
            ("Local", "News/World"),
        )
    ]
    assert (WIRE_FEED, "Wire", "https://wire.example.test/", ()) in rows
    assert OTHER_FEED not in [row[0] for row in rows]
    assert "<outline" in answer.text and 'text="Local"' in answer.text
    assert 'text="World"' in answer.text  # "News/World" is nested: News, then World


def test_subscriptions_import_from_opml(world: World, app: httpx.Client) -> None:
    opml = f"""<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="Abroad">
    <outline type="rss" text="Other, renamed" xmlUrl="{OTHER_FEED}"/>
    <outline type="rss" text="Fresh" xmlUrl="https://fresh.example.test/rss"/>
  </outline>
  <outline type="rss" text="Broken" xmlUrl="ftp://nowhere.example.test/feed"/>
</body></opml>"""
    answer = app.post(
        f"{API}subscription/import",
        content=opml.encode(),
        headers={"Content-Type": "text/x-opml"},
    )
    assert answer.status_code == 200 and answer.text == "OK"
    subs = listed(app)
    assert labels_of(subs[f"feed/{OTHER_FEED}"]) == ["Abroad"]
    assert subs[f"feed/{OTHER_FEED}"]["title"] == "Other, renamed"
    assert labels_of(subs["feed/https://fresh.example.test/rss"]) == ["Abroad"]
    assert Feed.objects.filter(url="https://fresh.example.test/rss").exists()
    assert "feed/ftp://nowhere.example.test/feed" not in subs
    as_file = opml.replace(OTHER_FEED, WIRE_FEED).replace("Abroad", "Wires")
    uploaded = app.post(f"{API}subscription/import", files={"opml": ("x.opml", as_file.encode())})
    assert uploaded.text == "OK" and labels_of(listed(app)[f"feed/{WIRE_FEED}"]) == ["Wires"]
    not_opml = app.post(f"{API}subscription/import", content=b"<html>no</html>")
    assert not_opml.status_code == 400


FEED_XML = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Quay Gazette</title><link>{home}</link>
<item><title>Boats return</title><link>{home}boats</link><guid>{home}boats</guid></item>
</channel></rss>"""


def test_quickadd_fetches_a_feed_newsdesk_does_not_have(
    world: World, app: httpx.Client, local_server: LocalServer, allow_local_fetch: None
) -> None:
    feed_url = local_server.add(
        "/gazette.xml",
        FEED_XML.format(home=local_server.url("/")),
        headers={"Content-Type": "application/rss+xml"},
    )
    added = app.post(f"{API}subscription/quickadd", data={"quickadd": feed_url})
    assert added.status_code == 200
    body = added.json()
    assert body["numResults"] == 1 and body["streamId"] == f"feed/{feed_url}"
    assert body["streamName"] == "Quay Gazette"
    assert listed(app)[f"feed/{feed_url}"]["title"] == "Quay Gazette"

    second = local_server.add(
        "/second.xml",
        FEED_XML.format(home="https://second.example.test/"),
        headers={"Content-Type": "application/rss+xml"},
    )
    assert edit(app, ac="subscribe", s=f"feed/{second}", a=LOCAL).text == "OK"
    assert labels_of(listed(app)[f"feed/{second}"]) == ["Local"]

    local_server.add("/missing.xml", "gone", status=404)
    for query in (local_server.url("/missing.xml"), "not a feed address", "feed/"):
        failed = app.post(f"{API}subscription/quickadd", data={"quickadd": query})
        assert failed.status_code == 200, query
        assert failed.json()["numResults"] == 0 and failed.json()["error"], query
    refused = edit(app, ac="subscribe", s=f"feed/{local_server.url('/missing.xml')}")
    assert refused.status_code == 404


def test_quickadd_cannot_reach_private_addresses(
    world: World, app: httpx.Client, local_server: LocalServer
) -> None:
    feed_url = local_server.add("/private.xml", FEED_XML.format(home="https://p.example.test/"))
    answer = app.post(f"{API}subscription/quickadd", data={"quickadd": feed_url})
    assert answer.status_code == 200 and answer.json()["numResults"] == 0
    assert local_server.hits["/private.xml"] == 0
    assert not Feed.objects.filter(url=feed_url).exists()

"""The Atom form of the Google Reader streams (``/reader/atom/<stream>``), which older apps
read, over a real server on 127.0.0.1: Google Reader's item ids, state and label categories,
``gr:continuation`` and the ``n``, ``c``, ``xt``, ``ot`` and ``r`` parameters of the JSON
streams."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element

import httpx
import pytest
from defusedxml.ElementTree import fromstring
from django.utils import timezone

from tests.support.greader import (
    HARBOUR_FEED,
    READ,
    READING_LIST,
    STARRED,
    World,
    greader_world,
    signed_in,
)

pytestmark = pytest.mark.django_db(transaction=True)
NS = {"a": "http://www.w3.org/2005/Atom", "gr": "http://www.google.com/schemas/reader/atom/"}
SCHEME = "http://www.google.com/reader/"
API = "reader/api/0/"


@pytest.fixture
def world(live_server: Any) -> Iterator[World]:
    with greader_world(live_server.url) as made:
        yield made


@pytest.fixture
def app(world: World) -> httpx.Client:
    world.client.headers.update(signed_in(world))
    return world.client


def atom(app: httpx.Client, path: str, **params: Any) -> Element:
    answer = app.get(path, params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("application/atom+xml")
    root: Element = fromstring(answer.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root


def titles(root: Element) -> list[str]:
    return [entry.findtext("a:title", namespaces=NS) or "" for entry in entries(root)]


def entries(root: Element) -> list[Element]:
    return root.findall("a:entry", NS)


def labels(entry: Element) -> set[str]:
    found = entry.findall("a:category", NS)
    return {c.get("label", "") for c in found if c.get("scheme") == SCHEME}


def test_the_reading_list_as_atom_pages_with_continuation(world: World, app: httpx.Client) -> None:
    harbour0 = world.articles[0]
    first = atom(app, "reader/atom/", n=3)
    assert titles(first) == ["Wire news", "Harbour 0", "Harbour 1"]
    assert first.findtext("a:id", namespaces=NS).endswith("/state/com.google/reading-list")
    entry = entries(first)[1]
    assert entry.findtext("a:id", namespaces=NS) == (
        f"tag:google.com,2005:reader/item/{harbour0.pk:016x}"
    )
    assert entry.find("a:id", NS).get(f"{{{NS['gr']}}}original-id") == harbour0.url
    assert entry.find("a:link", NS).get("href") == harbour0.url
    assert "Harbour 0" in (entry.findtext("a:content", namespaces=NS) or "")
    assert entry.findtext("a:published", namespaces=NS).endswith("Z")
    source = entry.find("a:source", NS)
    assert source.get(f"{{{NS['gr']}}}stream-id") == f"feed/{HARBOUR_FEED}"
    assert source.findtext("a:title", namespaces=NS) == "Harbour Post"
    assert labels(entry) == {"reading-list", "fresh"}

    continuation = first.findtext("gr:continuation", namespaces=NS)
    assert continuation
    rest = atom(app, f"reader/atom/{READING_LIST}", n=3, c=continuation)
    assert titles(rest) == ["Harbour 2"]
    assert rest.find("gr:continuation", NS) is None
    assert world.hidden.title not in titles(first) + titles(rest)


def test_atom_streams_filter_like_the_json_ones(world: World, app: httpx.Client) -> None:
    harbour0, harbour1, _, wire = world.articles
    app.post(f"{API}edit-tag", data={"i": [str(harbour0.pk), str(wire.pk)], "a": READ})
    app.post(f"{API}edit-tag", data={"i": str(harbour1.pk), "a": STARRED})
    app.post(
        f"{API}subscription/edit",
        data={"ac": "edit", "s": f"feed/{HARBOUR_FEED}", "a": "user/-/label/Local"},
    )

    everything = atom(app, "reader/atom/user/-/state/com.google/reading-list")
    by_title = {e.findtext("a:title", namespaces=NS): e for e in entries(everything)}
    assert labels(by_title["Harbour 0"]) == {"reading-list", "read", "Local"}
    assert labels(by_title["Harbour 1"]) == {"reading-list", "fresh", "starred", "Local"}

    unread = atom(app, f"reader/atom/{READING_LIST}", xt=READ)
    assert titles(unread) == ["Harbour 1", "Harbour 2"]
    escaped = quote(f"feed/{HARBOUR_FEED}", safe="")
    feed = atom(app, f"reader/atom/{escaped}", n=20, r="o")
    assert titles(feed) == ["Harbour 2", "Harbour 1", "Harbour 0"]
    assert feed.findtext("a:title", namespaces=NS) == "Harbour Post"
    assert feed.findtext("a:id", namespaces=NS) == f"tag:google.com,2005:reader/feed/{HARBOUR_FEED}"
    since = int((timezone.now() - timedelta(hours=1.5)).timestamp())
    assert titles(atom(app, f"reader/atom/feed/{HARBOUR_FEED}", ot=since)) == ["Harbour 0"]
    assert titles(atom(app, f"reader/atom/{STARRED}")) == ["Harbour 1"]
    assert titles(atom(app, "reader/atom/user/-/label/Local", n=1)) == ["Harbour 0"]


def test_atom_streams_need_a_signed_in_app(world: World) -> None:
    assert world.client.get("reader/atom/").status_code == 401
    bad = {"Authorization": "GoogleLogin auth=nd_not_a_token"}
    assert world.client.get(f"reader/atom/{READING_LIST}", headers=bad).status_code == 401
    signed = signed_in(world)
    assert world.client.get("reader/atom/user/-/nonsense", headers=signed).status_code == 400

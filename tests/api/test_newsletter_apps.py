"""A reader's newsletters in their feed-reader apps, over a real server on 127.0.0.1: the Google
Reader API lists the newsletter as a subscription and serves its issue (mark read included), the
Fever API as a feed with its item; another reader's apps see neither."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from django.utils import timezone

from newsdesk.desk import newsletters
from newsdesk.readers.models import ReadMark
from tests.support.following import APP_PASSWORD, make_reader
from tests.support.greader import READING_LIST

pytestmark = pytest.mark.django_db(transaction=True)

OTHER_PASSWORD = "another app password"
ISSUE = (
    "From: Harbour Weekly <news@harbour.example>\r\nTo: {to}\r\nSubject: Harbour Weekly 12\r\n"
    "List-Id: Harbour Weekly <weekly.harbour.example>\r\n"
    "Message-ID: <issue-12@harbour.example>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    "<p>The crane arrived at dawn.</p><img src='https://harbour.example/open/abcdefgh12' "
    "width='1' height='1'>\r\n"
)


@pytest.fixture
def issue(live_server: Any, settings: Any) -> Iterator[dict[str, Any]]:
    settings.NEWSDESK = replace(settings.NEWSDESK, mail_domain="in.example.test")
    ana = make_reader("ana", app_password=APP_PASSWORD)
    make_reader("ben", app_password=OTHER_PASSWORD)
    to = newsletters.full_address(newsletters.reader_address(ana))
    delivered = newsletters.deliver(to, ISSUE.format(to=to).encode(), timezone.now())
    assert delivered.article_id is not None and delivered.pixels_removed == 1
    with httpx.Client(base_url=f"{live_server.url}/api/", timeout=10) as client:
        yield {"client": client, "id": delivered.article_id, "ana": ana}


def greader_auth(client: httpx.Client, email: str, password: str) -> dict[str, str]:
    answer = client.post("greader/accounts/ClientLogin", data={"Email": email, "Passwd": password})
    assert answer.status_code == 200
    token = dict(line.split("=", 1) for line in answer.text.strip().splitlines())["Auth"]
    return {"Authorization": f"GoogleLogin auth={token}"}


def test_google_reader_shows_the_newsletter_to_its_reader_only(issue: dict[str, Any]) -> None:
    client = issue["client"]
    auth = greader_auth(client, "ana@example.test", APP_PASSWORD)
    subs = client.get("greader/reader/api/0/subscription/list?output=json", headers=auth).json()
    [sub] = subs["subscriptions"]
    assert sub["title"] == "Harbour Weekly" and sub["id"].startswith("feed/newsdesk:source:")
    stream = client.get(
        f"greader/reader/api/0/stream/contents/{sub['id']}?output=json", headers=auth
    ).json()
    [item] = stream["items"]
    assert item["title"] == "Harbour Weekly 12"
    assert "crane arrived" in item["summary"]["content"]
    assert "harbour.example/open" not in item["summary"]["content"]
    ids = client.get(
        f"greader/reader/api/0/stream/items/ids?n=100&output=json&s={READING_LIST}",
        headers=auth,
    ).json()
    assert [int(ref["id"]) for ref in ids["itemRefs"]] == [issue["id"]]
    action = client.get("greader/reader/api/0/token", headers=auth).text.strip()
    marked = client.post(
        "greader/reader/api/0/edit-tag",
        data={"i": str(issue["id"]), "a": "user/-/state/com.google/read", "T": action},
        headers=auth,
    )
    assert marked.status_code == 200
    assert ReadMark.objects.filter(user=issue["ana"], article_id=issue["id"]).exists()

    other = greader_auth(client, "ben@example.test", OTHER_PASSWORD)
    theirs = client.get("greader/reader/api/0/subscription/list?output=json", headers=other)
    assert theirs.json()["subscriptions"] == []
    seen = client.get(
        f"greader/reader/api/0/stream/items/ids?n=100&output=json&s={READING_LIST}",
        headers=other,
    ).json()
    assert seen["itemRefs"] == []
    stolen = client.get(
        f"greader/reader/api/0/stream/contents/{sub['id']}?output=json", headers=other
    )
    assert stolen.status_code == 404 or stolen.json()["items"] == []
    fetched = client.post(
        "greader/reader/api/0/stream/items/contents?output=json",
        data={"i": str(issue["id"])},
        headers=other,
    )
    assert fetched.status_code == 404 or fetched.json()["items"] == []


def test_fever_shows_the_newsletter_to_its_reader_only(issue: dict[str, Any]) -> None:
    client = issue["client"]

    def fever(email: str, password: str, query: str) -> dict[str, Any]:
        key = hashlib.md5(f"{email}:{password}".encode()).hexdigest()
        answer = client.post(f"fever/?api{query}", data={"api_key": key})
        assert answer.status_code == 200 and answer.json()["auth"] == 1
        body: dict[str, Any] = answer.json()
        return body

    feeds = fever("ana@example.test", APP_PASSWORD, "&feeds")["feeds"]
    assert [f["title"] for f in feeds] == ["Harbour Weekly"]
    items = fever("ana@example.test", APP_PASSWORD, "&items")["items"]
    assert [(i["id"], i["title"]) for i in items] == [(issue["id"], "Harbour Weekly 12")]
    assert fever("ben@example.test", OTHER_PASSWORD, "&feeds")["feeds"] == []
    assert fever("ben@example.test", OTHER_PASSWORD, "&items")["items"] == []
    asked = fever("ben@example.test", OTHER_PASSWORD, f"&items&with_ids={issue['id']}")
    assert asked["items"] == []

"""Apps get bodies whose images are the site's copies: the JSON API, the Google Reader API (JSON
and Atom) and Fever give each kept image by its full address on this site, leave out the image
that could not be kept, and never name the publisher's address."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers import following
from newsdesk.readers.models import FollowKind
from tests.support.body_images import CAPTION, LOST_CAPTION, give_body_pictures
from tests.support.following import APP_PASSWORD, make_article, make_reader, make_source
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
KEPT_COPY = re.compile(r'src="http://testserver/media/[0-9a-f]{32}/[0-9a-f]{64}\.webp"')
READING_LIST = "user/-/state/com.google/reading-list"


@pytest.fixture
def pictured(local_server: LocalServer) -> dict[str, Any]:
    now = timezone.now()
    ana = make_reader("ana", app_password=APP_PASSWORD)
    harbour = make_source("Harbour Post", now)
    article = make_article(harbour, "Ferry reaches the east bank", now)
    following.follow(ana, FollowKind.SOURCE, "harbour-post", now)
    return {"article": article, "pictures": give_body_pictures(local_server, article)}


def assert_the_sites_copies_only(html: str, pictured: dict[str, Any]) -> None:
    assert len(KEPT_COPY.findall(html)) == 1 and html.count("<img") == 1
    assert CAPTION in html and LOST_CAPTION not in html
    assert "127.0.0.1" not in html  # neither the kept image's publisher nor the lost one's


def test_the_json_api_gives_the_sites_copies(pictured: dict[str, Any]) -> None:
    answer = Client().get(f"/api/v1/articles/{pictured['article'].pk}")
    assert answer.status_code == 200
    body = answer.json()["body"]
    assert body["mode"] == "full"
    assert_the_sites_copies_only(body["html"], pictured)


def test_google_reader_apps_get_the_sites_copies(pictured: dict[str, Any]) -> None:
    client = Client()
    login = client.post(
        "/api/greader/accounts/ClientLogin",
        {"Email": "ana@example.test", "Passwd": APP_PASSWORD},
    )
    auth = dict(line.split("=", 1) for line in login.content.decode().split())["Auth"]
    headers = {"HTTP_AUTHORIZATION": f"GoogleLogin auth={auth}"}
    stream = client.get(f"/api/greader/reader/api/0/stream/contents/{READING_LIST}", **headers)
    [item] = stream.json()["items"]
    assert_the_sites_copies_only(item["summary"]["content"], pictured)
    atom = client.get(f"/api/greader/reader/atom/{READING_LIST}", **headers)
    assert atom.status_code == 200
    assert b"127.0.0.1" not in atom.content and b"testserver/media/" in atom.content


def test_fever_apps_get_the_sites_copies(pictured: dict[str, Any]) -> None:
    key = hashlib.md5(f"ana@example.test:{APP_PASSWORD}".encode()).hexdigest()
    answer = Client().post("/api/fever/?api&items", {"api_key": key})
    [item] = answer.json()["items"]
    assert_the_sites_copies_only(item["html"], pictured)

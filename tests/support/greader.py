"""A reader's world for the Google Reader API tests: ana (with an app password) follows Harbour
Post (three articles) and Wire (one), Other's article is not hers; helpers to sign in over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from django.contrib.auth.models import User
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.readers import following
from newsdesk.readers.models import FollowKind
from newsdesk.sources.models import Source
from tests.support.following import APP_PASSWORD, make_article, make_reader, make_source

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
HARBOUR_FEED = "https://harbour-post.example.test/feed.xml"
WIRE_FEED = "https://wire.example.test/feed.xml"
OTHER_FEED = "https://other.example.test/feed.xml"


@dataclass
class World:
    client: httpx.Client
    ana: User
    articles: list[Article]  # Harbour 0, Harbour 1, Harbour 2 (newest first), Wire news
    hidden: Article  # Other's article: ana does not follow Other
    sources: dict[str, Source]
    base_url: str  # the API's root, ending in /api/greader


@contextmanager
def greader_world(server_url: str) -> Iterator[World]:
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
    base = f"{server_url}/api/greader"
    sources = {"harbour": harbour, "wire": wire, "other": other}
    with httpx.Client(base_url=f"{base}/", timeout=10) as client:
        yield World(client, ana, articles, hidden, sources, base)


def login(client: httpx.Client, email: str, password: str) -> httpx.Response:
    return client.post("accounts/ClientLogin", data={"Email": email, "Passwd": password})


def auth_token(world: World) -> str:
    """The Auth value of a ClientLogin of ana's."""
    answer = login(world.client, "ana@example.test", APP_PASSWORD)
    assert answer.status_code == 200
    fields = dict(line.split("=", 1) for line in answer.text.strip().splitlines())
    assert set(fields) == {"SID", "LSID", "Auth"}
    return fields["Auth"]


def signed_in(world: World) -> dict[str, str]:
    return {"Authorization": f"GoogleLogin auth={auth_token(world)}"}

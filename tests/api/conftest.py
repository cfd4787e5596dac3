"""Fixtures for the JSON API tests: readers with tokens, sources, articles and stories.

Every test starts with an empty cache, so the API's rate limits (counted in the cache) and
sign-in failures of one test never reach the next.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.desk.stories import refresh_story
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement, Story
from tests.web.conftest import keep_image  # noqa: F401  (a fixture the API tests share)

_numbers = count(1)
MakeArticle = Callable[..., Article]
BODY = (
    "The city council voted on Tuesday to expand the river ferry service to three new stops. "
    "Commuters on the east bank have asked for the ferry for more than a decade. Officials said "
    "the first boats would run in the spring, once the landing stages are rebuilt. Mayor Ana "
    "Lopez said the Harbour Authority would fund the landings and that fares would stay the same."
)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_rate_limits() -> Iterator[None]:
    """The API's rate limits lifted for one test (they have their own tests)."""
    from newsdesk.api.main import api

    throttles = list(api.throttle)  # type: ignore[arg-type]
    saved = [t.num_requests for t in throttles]
    for throttle in throttles:
        throttle.num_requests = 10**9
    yield
    for throttle, number in zip(throttles, saved, strict=True):
        throttle.num_requests = number


@dataclass
class ApiReader:
    user: User
    token: str
    client: Client  # sends the token on every request

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_reader(email: str = "reader@example.test", **flags: Any) -> ApiReader:
    name = email.split("@")[0]
    user = User.objects.create_user(name, email=email, password="a long pass phrase", **flags)
    secret = issue_token(user, timezone.now(), name="tests").secret
    return ApiReader(user, secret, Client(HTTP_AUTHORIZATION=f"Bearer {secret}"))


@pytest.fixture
def reader(db: None) -> ApiReader:
    return make_reader()


def make_source(name: str, **fields: Any) -> Source:
    slug = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
    return Source.objects.create(
        name=name, slug=slug, home_url=f"https://{slug}.test/", domain=f"{slug}.test", **fields
    )


@pytest.fixture
def source(db: None) -> Source:
    return make_source("The Example Times")


@pytest.fixture
def make_article(source: Source) -> MakeArticle:
    def make(
        title: str = "Ferry service reaches the east bank",
        *,
        age: timedelta = timedelta(hours=4),
        of: Source | None = None,
        **fields: Any,
    ) -> Article:
        number = next(_numbers)
        published: datetime = timezone.now() - age
        defaults: dict[str, Any] = {
            "url": f"https://example.test/news/{number}",
            "url_hash": f"api{number:029d}",
            "source": of or source,
            "title": title,
            "byline": "Jane Reporter",
            "published_at": published,
            "language": "en",
            "description": "The council voted to extend the river ferry to three new stops.",
            "text": BODY,
            "html": "".join(f"<p>{line}.</p>" for line in BODY.split(". ")),
            "image_url": "https://images.example.test/ferry.jpg",
            "body_origin": BodyOrigin.PAGE,
            "status": ArticleStatus.READY,
        }
        return Article.objects.create(**{**defaults, **fields})

    return make


def make_story(articles: list[Article], copies: dict[Article, Article] | None = None) -> Story:
    """A story of ``articles`` written straight to the database (the first one started it)."""
    story = Story.objects.create(changed_at=timezone.now())
    copies = copies or {}
    for i, article in enumerate(articles):
        original = copies.get(article)
        Placement.objects.create(
            article=article,
            story=story,
            score=None if i == 0 else (1.0 if original else 0.62),
            shared_entities=[] if i == 0 else ["Ana Lopez", "Harbour Authority"],
            duplicate_of=original,
            published_at=article.published_at,
            placed_at=timezone.now(),
        )
    refresh_story(story, timezone.now())
    story.refresh_from_db()
    return story


def body(response: Any) -> Any:
    return json.loads(response.content)


def error_of(response: Any) -> dict[str, Any]:
    """The error body's inner object, after checking its shape."""
    data = body(response)
    assert set(data) == {"error"}, data
    error = data["error"]
    assert set(error) == {"status", "code", "message", "details"}, error
    assert error["status"] == response.status_code
    return dict(error)

"""One error body for every failure: unknown paths, wrong methods, bad JSON, wrong types,
rate limits; and answers that stay right under the site's page cache."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from newsdesk.api.auth import ReaderThrottle, VisitorThrottle
from newsdesk.api.main import api
from newsdesk.sources.models import Feed
from tests.api.conftest import ApiReader, MakeArticle, body, error_of, make_reader, make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/nothing-here",
        "/api/v1/stories/1/2/3",
        "/api/v1/stories/",
        "/api/v1/x/y",
    ],
)
def test_unknown_paths_answer_with_the_error_body(client: Client, path: str):
    for method in ("get", "post", "delete"):
        response = getattr(client, method)(path)
        assert response.status_code == 404, (method, path)
        assert response["Content-Type"].startswith("application/json")
        assert error_of(response)["code"] == "not_found"


def test_wrong_method_is_405_with_allow(client: Client, reader: ApiReader):
    response = client.delete("/api/v1/stories")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]
    assert reader.client.put("/api/v1/me/tokens").status_code == 405


def test_bad_json_and_wrong_types_are_422(reader: ApiReader, make_article: MakeArticle):
    article = make_article()
    broken = reader.client.post(
        f"/api/v1/ai/articles/{article.pk}", "{not json", content_type="application/json"
    )
    assert broken.status_code in (400, 422)
    assert error_of(broken)["code"] in ("bad_request", "invalid")
    wrong_type = reader.client.patch(
        "/api/v1/me", {"languages": "en"}, content_type="application/json"
    )
    assert wrong_type.status_code == 422
    details = error_of(wrong_type)["details"]
    assert details and details[0]["loc"][-1] == "languages" and details[0]["message"]
    not_a_number = reader.client.get("/api/v1/stories/abc")
    assert not_a_number.status_code == 422 and error_of(not_a_number)["code"] == "invalid"
    too_big = reader.client.get(f"/api/v1/articles/{2**64}")
    assert too_big.status_code == 422
    assert reader.client.get("/api/v1/stories", {"page_size": "many"}).status_code == 422


@pytest.fixture
def low_limits() -> Iterator[None]:
    """The API's own throttles, allowing 3 requests a minute to visitors and 5 to readers."""
    throttles = list(api.throttle)  # type: ignore[arg-type]
    saved = [(t.rate, t.num_requests, t.duration) for t in throttles]
    for throttle in throttles:
        rate = "3/m" if isinstance(throttle, VisitorThrottle) else "5/m"
        assert isinstance(throttle, VisitorThrottle | ReaderThrottle)
        throttle.rate = rate
        throttle.num_requests, throttle.duration = throttle.parse_rate(rate)
    yield
    for throttle, (rate, number, duration) in zip(throttles, saved, strict=True):
        throttle.rate, throttle.num_requests, throttle.duration = rate, number, duration


def test_rate_limits_answer_429_with_retry_after(low_limits: None, make_article: MakeArticle):
    make_article()
    visitor = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(3):
        assert visitor.get("/api/v1/articles").status_code == 200
    limited = visitor.get("/api/v1/articles")
    assert limited.status_code == 429
    assert error_of(limited)["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 61
    assert Client(REMOTE_ADDR="10.0.0.8").get("/api/v1/articles").status_code == 200
    reader = make_reader()
    same_address = Client(REMOTE_ADDR="10.0.0.7", HTTP_AUTHORIZATION=f"Bearer {reader.token}")
    for _ in range(5):
        assert same_address.get("/api/v1/me").status_code == 200
    assert same_address.get("/api/v1/articles").status_code == 429


def test_a_forged_forwarded_address_does_not_escape_the_limit(
    low_limits: None, make_article: MakeArticle
):
    make_article()
    visitor = Client(REMOTE_ADDR="10.0.0.9")
    answers = [
        visitor.get("/api/v1/articles", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(4)
    ]
    assert answers == [200, 200, 200, 429]


@pytest.fixture
def page_cache(settings: Any) -> None:
    """The site's page cache middleware (decision 13), on for this test."""
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 30


def test_public_answers_are_cached_and_personal_ones_never(
    page_cache: None, make_article: MakeArticle
):
    make_article("First")
    visitor = Client()
    before = visitor.get("/api/v1/articles")
    make_article("Second", age=timedelta(minutes=1))
    assert visitor.get("/api/v1/articles").content == before.content  # from the page cache
    first, second = make_reader("a@example.test"), make_reader("b@example.test")
    assert body(first.client.get("/api/v1/me"))["email"] == "a@example.test"
    assert body(second.client.get("/api/v1/me"))["email"] == "b@example.test"
    assert Client().get("/api/v1/me").status_code == 401
    gazette = make_source("River Gazette")
    Feed.objects.create(source=gazette, url="https://g.test/feed", next_check_at=gazette.created_at)
    assert body(visitor.get("/api/v1/sources/river-gazette"))["feeds"] is None
    staff = make_reader("editor@example.test", is_staff=True)
    assert len(body(staff.client.get("/api/v1/sources/river-gazette"))["feeds"]) == 1
    assert body(visitor.get("/api/v1/sources/river-gazette"))["feeds"] is None
    assert body(first.client.get("/api/v1/sources/river-gazette"))["feeds"] is None


def test_nul_characters_are_refused_before_any_route(reader: ApiReader):
    made = reader.client.post(
        "/api/v1/me/tokens", '{"name": "pho\\u0000ne"}', content_type="application/json"
    )
    assert made.status_code == 422 and "NUL" in error_of(made)["message"]
    assert reader.client.get("/api/v1/articles", {"source": "a\x00b"}).status_code == 422
    assert reader.client.get("/api/v1/sources/a%00b").status_code == 422
    fine = reader.client.post(
        "/api/v1/me/tokens", '{"name": "back\\\\u0000slash"}', content_type="application/json"
    )
    assert fine.status_code == 201 and body(fine)["name"] == "back\\u0000slash"

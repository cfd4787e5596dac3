"""Fixtures for the reader pages: sources and ready articles written straight to the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.sources.models import Source

_numbers = count(1)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per browser test module."""
    from tests.web.site import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


MakeArticle = Callable[..., Article]


@pytest.fixture
def source(db: None) -> Source:
    return Source.objects.create(
        name="The Example Times",
        slug="example-times",
        home_url="https://example.test/",
        domain="example.test",
    )


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
            "url_hash": f"{number:032d}",
            "source": of or source,
            "title": title,
            "byline": "Jane Reporter",
            "published_at": published,
            "description": "The council voted to extend the river ferry to three new stops.",
            "text": "The council voted to extend the river ferry to three new stops.",
            "html": "<p>The council voted to extend the river ferry to three new stops.</p>",
            "image_url": "https://images.example.test/ferry.jpg",
            "body_origin": BodyOrigin.PAGE,
            "status": ArticleStatus.READY,
        }
        return Article.objects.create(**{**defaults, **fields})

    return make

"""Fixtures for the reader pages: sources and ready articles written straight to the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin, CachedImage
from newsdesk.desk.media import claim_article_image, fetch_image
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.sources.models import Source
from tests.support.images import png
from tests.support.server import LocalServer

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


KeepImage = Callable[..., CachedImage]


@pytest.fixture
def keep_image(local_server: LocalServer, db: None) -> Iterator[KeepImage]:
    """Give an article a lead image served on 127.0.0.1 and run the image job for it, as the
    worker would: the article then shows the site's copy."""
    with Fetcher(FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=10)) as fetcher:

        def keep(article: Article, width: int = 1200, height: int = 675) -> CachedImage:
            path = f"/images/{article.pk}-{width}x{height}.png"
            url = local_server.add(path, png(width, height), headers={"Content-Type": "image/png"})
            Article.objects.filter(pk=article.pk).update(image_url=url, image=None)
            claim = claim_article_image(article.pk)
            assert claim is not None
            fetch_image(claim, fetcher)
            article.refresh_from_db()
            assert article.image is not None
            return article.image

        yield keep

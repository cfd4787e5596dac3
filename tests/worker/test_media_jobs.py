"""The image job on the real queues: an article's page is followed by its lead image's fetch."""

from __future__ import annotations

import pytest

from newsdesk.articles.models import Article, CachedImage, ImageStatus
from newsdesk.desk.sources import register_feed
from newsdesk.worker.runner import run_until_idle
from tests.support.images import png
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

RSS = {"Content-Type": "application/rss+xml"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_local_fetch", "in_process_queue")
def test_workers_keep_the_lead_images_of_a_feeds_articles(local_server: LocalServer) -> None:
    items = []
    for i in range(3):
        image = local_server.add(
            f"/images/{i}.png", png(900, 500), headers={"Content-Type": "image/png"}
        )
        meta = f'<meta property="og:image" content="{image}"></head>'
        page = article_page(f"Story number {i}").replace("</head>", meta, 1)
        local_server.add(f"/news/{i}", page)
        items.append({"title": f"Story number {i}", "link": local_server.url(f"/news/{i}")})
    register_feed(local_server.add("/news.xml", rss_feed(items), headers=RSS))
    run_until_idle(threads=2)
    assert CachedImage.objects.filter(status=ImageStatus.READY).count() == 3
    assert not Article.objects.filter(image__isnull=True).exists()
    assert all(local_server.hits[f"/images/{i}.png"] == 1 for i in range(3))

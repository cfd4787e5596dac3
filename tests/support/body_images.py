"""Bodies with pictures for the tests: one image the publisher serves, one it has lost, both
fetched by the image job as a worker would run it."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.articles.models import Article
from newsdesk.desk.body_images import claim_body_images
from newsdesk.desk.media import fetch_image
from newsdesk.pipeline.extract import sanitize_html
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from tests.support.images import png
from tests.support.server import LocalServer

CAPTION = "The new landing stage at dawn"
LOST_CAPTION = "A chart the publisher has lost"


@dataclass(frozen=True)
class PicturedBody:
    kept: str  # the publisher's address of the image kept
    lost: str  # the publisher's address of the image that could not be kept


def body_with_pictures(kept: str, lost: str) -> str:
    return sanitize_html(
        "<p>The ferry now stops at three new landings.</p>"
        f'<figure><img src="{kept}" alt="Landing stage"><figcaption>{CAPTION}</figcaption>'
        f'</figure><p>Fares stay the same.</p><figure><img src="{lost}" alt="Chart">'
        f"<figcaption>{LOST_CAPTION}</figcaption></figure><p>The first boats run in spring.</p>"
    )


def give_body_pictures(server: LocalServer, article: Article) -> PicturedBody:
    """Put two pictures in the article's body and run the image jobs for them."""
    kept = server.add(
        f"/body/{article.pk}-landing.png", png(1600, 900), headers={"Content-Type": "image/png"}
    )
    lost = server.add(f"/body/{article.pk}-chart.png", b"gone", status=404)
    Article.objects.filter(pk=article.pk).update(
        html=body_with_pictures(kept, lost), body_images_linked_at=None
    )
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=10)
    with Fetcher(policy) as fetcher:
        for claim in claim_body_images(article.pk):
            fetch_image(claim, fetcher)
    article.refresh_from_db()
    return PicturedBody(kept, lost)

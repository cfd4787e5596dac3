"""Kept lead images: linking, the fetch job against a real server on 127.0.0.1, remembered
failures and their rare retries, and the files on disk."""

from __future__ import annotations

from datetime import timedelta
from http.server import BaseHTTPRequestHandler

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, CachedImage, ImageStatus
from newsdesk.desk import media
from newsdesk.desk.media import (
    ImageClaim,
    ImageOutcome,
    claim_article_image,
    claim_due_images,
    fetch_image,
    file_path,
    link_images,
    shown_image,
)
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.sources.models import Source
from tests.desk.conftest import LOCAL
from tests.pipeline.fetchsupport.handlers import stall
from tests.support.images import SVG_WITH_SCRIPT, decoded, jpeg, png
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
PNG = {"Content-Type": "image/png"}


@pytest.fixture
def source() -> Source:
    return Source.objects.create(
        name="Harbour Post", slug="harbour-post", home_url="https://h.test/"
    )


def article_with(source: Source, image_url: str, number: int = 1) -> Article:
    return Article.objects.create(
        url=f"https://h.test/news/{number}",
        url_hash=f"{number:032d}",
        source=source,
        title=f"Story {number}",
        image_url=image_url,
        status=ArticleStatus.READY,
    )


def run(claim: ImageClaim | None, fetcher: Fetcher) -> ImageOutcome:
    assert claim is not None
    return fetch_image(claim, fetcher)


def test_an_image_is_fetched_once_and_kept_as_files(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    url = local_server.add("/lead.jpg", jpeg(2000, 1125), headers={"Content-Type": "image/jpeg"})
    first = article_with(source, url, 1)
    second = article_with(source, url, 2)  # the same picture on another article
    assert run(claim_article_image(first.pk), fetcher) == ImageOutcome.READY
    assert claim_article_image(second.pk) is None  # ready: nothing to fetch
    image = CachedImage.objects.get()
    assert set(Article.objects.values_list("image_id", flat=True)) == {image.pk}
    assert image.status == ImageStatus.READY and (image.width, image.height) == (2000, 1125)
    assert image.source_format == "JPEG" and image.source_bytes > 0
    assert [(v["type"], v["width"]) for v in image.variants] == [
        ("image/webp", 1280),
        ("image/webp", 640),
        ("image/webp", 320),
        ("image/jpeg", 1200),
    ]
    for variant in image.variants:
        path = file_path(variant["file"])
        assert path.stat().st_size == variant["bytes"]
        assert decoded(path.read_bytes()).width == variant["width"]
    assert local_server.hits["/lead.jpg"] == 1
    shown = shown_image(image)
    assert shown is not None and shown.width == 1280 and shown.height == 720
    assert shown.srcset.count("/media/") == 3 and shown.srcset.endswith(" 1280w")
    assert shown.src.endswith(".webp") and shown.share_path.endswith(".jpg")


def test_the_same_bytes_are_one_file(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    body = png(700, 400)
    for number in (1, 2):
        url = local_server.add(f"/copy-{number}.png", body, headers=PNG)
        run(claim_article_image(article_with(source, url, number).pk), fetcher)
    one, two = CachedImage.objects.order_by("id")
    assert one.url != two.url and one.variants == two.variants


def test_the_sweep_links_every_article_then_claims_each_image_once(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    urls = [local_server.add(f"/{n}.png", png(400, 300), headers=PNG) for n in range(3)]
    for number, url in enumerate([*urls, urls[0]]):
        article_with(source, url, number)  # as an import stores them: no job ran
    article_with(source, "", 10)  # no image: never linked
    now = timezone.now()
    claims = claim_due_images(now)
    assert len(claims) == 3 and CachedImage.objects.count() == 3
    assert Article.objects.filter(image__isnull=True).count() == 1
    assert claim_due_images(now) == []  # claimed: not handed out twice
    assert link_images(now) == 0
    assert {fetch_image(claim, fetcher) for claim in claims} == {ImageOutcome.READY}
    assert fetch_image(claims[0], fetcher) == ImageOutcome.SKIPPED  # a claim is used once
    assert sum(local_server.hits.values()) == 3


def test_a_lost_job_is_handed_out_again_after_its_lease(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    url = local_server.add("/lead.png", png(400, 300), headers=PNG)
    assert claim_due_images(timezone.now()) == []  # no article uses it yet
    article_with(source, url)
    now = timezone.now()
    [lost] = claim_due_images(now)
    later = now + media.QUEUE_LEASE + timedelta(seconds=1)
    [again] = claim_due_images(later)
    assert again.token != lost.token
    assert fetch_image(lost, fetcher) == ImageOutcome.SKIPPED
    assert fetch_image(again, fetcher, now=later) == ImageOutcome.READY


def test_a_failure_is_remembered_and_retried_rarely(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    url = local_server.add("/gone.jpg", b"not here", status=404)
    article_with(source, url)
    now = timezone.now()
    [claim] = claim_due_images(now)
    outcomes = [fetch_image(claim, fetcher, now=now)]
    for delay in media.RETRY_DELAYS:
        now += delay
        assert claim_due_images(now - timedelta(seconds=1)) == []  # not due before its time
        [claim] = claim_due_images(now)
        outcomes.append(fetch_image(claim, fetcher, now=now))
    assert outcomes == [ImageOutcome.RETRY] * 3 + [ImageOutcome.FAILED]
    image = CachedImage.objects.get()
    assert image.status == ImageStatus.FAILED and image.next_try_at is None
    assert image.attempts == 4 and "HTTP 404" in image.last_error
    assert claim_due_images(now + timedelta(days=365)) == []  # given up
    assert local_server.hits["/gone.jpg"] == 4
    assert shown_image(image) is None


@pytest.mark.parametrize(
    ("path", "body", "headers", "error"),
    [
        ("/script.svg", SVG_WITH_SCRIPT, {"Content-Type": "image/svg+xml"}, "svg"),
        ("/page.html", png(400, 300), {"Content-Type": "text/html"}, "not an image type"),
        ("/huge.jpg", bytes(11 * 2**20), {"Content-Type": "image/jpeg"}, "over"),
        ("/tiny.png", png(40, 40), PNG, "too small"),
    ],
)
def test_a_refused_image_is_never_tried_again(
    local_server: LocalServer,
    fetcher: Fetcher,
    source: Source,
    path: str,
    body: bytes,
    headers: dict[str, str],
    error: str,
) -> None:
    url = local_server.add(path, body, headers=headers)
    assert run(claim_article_image(article_with(source, url).pk), fetcher) == ImageOutcome.FAILED
    image = CachedImage.objects.get()
    assert image.next_try_at is None and error in image.last_error.lower()
    assert image.variants == [] and claim_due_images(timezone.now() + timedelta(days=30)) == []


def test_a_redirect_to_a_private_address_is_refused(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    url = local_server.add(
        "/moved.jpg", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    assert run(claim_article_image(article_with(source, url).pk), fetcher) == ImageOutcome.FAILED
    assert "169.254.169.254" in CachedImage.objects.get().last_error


def test_a_slow_server_is_given_up_on_and_tried_later(
    local_server: LocalServer, source: Source
) -> None:
    url = local_server.add("/slow.jpg", handler=stall(3.0))
    policy = FetchPolicy(allow_networks=LOCAL, total_timeout=1.0)
    with Fetcher(policy) as fetcher:
        claim = claim_article_image(article_with(source, url).pk)
        assert run(claim, fetcher) == ImageOutcome.RETRY
    image = CachedImage.objects.get()
    assert image.status == ImageStatus.FAILED and image.next_try_at is not None
    assert image.next_try_at > timezone.now() + timedelta(minutes=14)


def test_an_address_that_is_no_url_fails_without_a_fetch(source: Source) -> None:
    article = article_with(source, "javascript:alert(5)")
    assert claim_article_image(article.pk) is None
    image = CachedImage.objects.get()
    assert image.status == ImageStatus.FAILED and image.next_try_at is None
    assert Article.objects.get().image_id == image.pk


def test_a_changed_address_is_linked_anew(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    first = local_server.add("/a.png", png(400, 300), headers=PNG)
    article = article_with(source, first)
    run(claim_article_image(article.pk), fetcher)
    second = local_server.add("/b.png", png(500, 300, colour=(160, 82, 45)), headers=PNG)
    Article.objects.filter(pk=article.pk).update(image_url=second, image=None)
    run(claim_article_image(article.pk), fetcher)
    article.refresh_from_db()
    assert article.image is not None and article.image.url == second


class CountingHandler:
    """Counts requests: a page view must never reach the publisher."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.count = 0

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        self.count += 1
        request.send_response(200)
        request.send_header("Content-Type", "image/png")
        request.send_header("Content-Length", str(len(self.body)))
        request.end_headers()
        request.wfile.write(self.body)


def test_pages_never_fetch(local_server: LocalServer, source: Source, client: Client) -> None:
    handler = CountingHandler(png(400, 300))
    url = local_server.add("/lead.png", handler=handler)
    article = article_with(source, url)
    for path in ("/", f"/article/{article.pk}/"):
        client.get(path, follow=True)
    assert handler.count == 0

"""The media route and the pictures on the pages: signed addresses, cache headers, ETag and 304,
srcset and sizes, the placeholder, and link previews pointing at the site's own copy."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from newsdesk.articles.models import Article, CachedImage, ImageStatus
from newsdesk.desk.media import file_path, signature, signed_path
from newsdesk.web.links import article_path
from tests.support.body_images import CAPTION, LOST_CAPTION, give_body_pictures
from tests.support.images import decoded
from tests.web.conftest import KeepImage, MakeArticle

pytestmark = pytest.mark.django_db
MEDIA_URL = re.compile(r"/media/[0-9a-f]{32}/[0-9a-f]{64}\.(?:webp|jpg)")


def webp_path(image: CachedImage, width: int) -> str:
    [variant] = [v for v in image.variants if v["type"] == "image/webp" and v["width"] == width]
    return signed_path(variant["file"])


def test_a_kept_file_is_served_with_long_cache_headers(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    image = keep_image(make_article())
    path = webp_path(image, 640)
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    name = path.rsplit("/", 1)[1]
    assert body == file_path(name).read_bytes() and decoded(body).size == (640, 360)
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"] == f'"{name.removesuffix(".webp")}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-site"
    assert "Content-Encoding" not in response  # an image is not gzipped again
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")
    share = next(v for v in image.variants if v["type"] == "image/jpeg")
    jpeg = client.get(signed_path(share["file"]))
    assert jpeg["Content-Type"] == "image/jpeg"
    assert decoded(b"".join(jpeg.streaming_content)).format == "JPEG"


def test_a_client_holding_the_file_gets_304(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    path = webp_path(keep_image(make_article()), 320)
    etag = client.get(path)["ETag"]
    for held in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get(path, HTTP_IF_NONE_MATCH=held)
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag and "immutable" in again["Cache-Control"]
    assert client.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert client.head(path).status_code == 200


def test_only_addresses_the_site_signed_are_answered(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    path = webp_path(keep_image(make_article()), 320)
    _, _, sig, name = path.split("/")
    other = "0" * 64 + ".webp"
    refused = [
        f"/media/{'0' * 32}/{name}",  # a made-up signature
        f"/media/{signature(other)}/{name}",  # another file's signature
        f"/media/{sig}/{name.replace('.webp', '.jpg')}",  # the signature binds the type too
        f"/media/{sig}/{name}/",
        f"/media/{sig}/../../secret_key",
        f"/media/{sig}/{name[:-5]}.svg",
        "/media/",
    ]
    for address in refused:
        response = client.get(address)
        assert response.status_code == 404, address
        assert response["Content-Type"].startswith("text/plain")
        assert response["X-Content-Type-Options"] == "nosniff"
    missing = client.get(signed_path(other))  # signed, but no such file kept
    assert missing.status_code == 404 and missing["Cache-Control"] == "no-cache"
    assert client.post(path).status_code == 405


def test_cards_show_the_kept_copy_at_the_page_widths(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    article = make_article("Ferry timetable changes")
    image = keep_image(article, width=1600, height=900)
    older = make_article("Ferry timetable consultation", age=timedelta(hours=6))
    keep_image(older, width=1600, height=900)
    html = client.get("/").content.decode()
    [card, next_card] = re.findall(r'<div class="card-media".*?</div>', html, re.S)
    assert 'class="card-initial">T<' in card  # The Example Times, under the picture
    [img] = re.findall(r"<img [^>]+>", card)
    # The first card is in sight when the page opens: its image is fetched at once, first; the
    # others wait until they come near the window.
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert 'loading="lazy"' in next_card and "fetchpriority" not in next_card
    srcset = re.search(r'srcset="([^"]+)"', img)
    assert srcset is not None
    assert [c.split()[1] for c in srcset.group(1).split(", ")] == ["320w", "640w", "1280w"]
    assert all(MEDIA_URL.fullmatch(c.split()[0]) for c in srcset.group(1).split(", "))
    assert f'src="{webp_path(image, 640)}"' in img
    assert 'width="1280" height="720"' in img and 'alt=""' in img
    assert 'sizes="(min-width: 1100px) 363px' in img
    assert "127.0.0.1" not in html and "images.example.test" not in html


def test_an_article_without_a_kept_image_shows_the_placeholder(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    waiting = make_article("Waiting for its image")  # image_url set, not fetched yet
    none = make_article("No image at all", image_url="")
    failed = make_article("A broken image")
    keep_image(failed)
    CachedImage.objects.filter(articles=failed).update(status=ImageStatus.FAILED)
    html = client.get("/").content.decode()
    placeholders = re.findall(r'<div class="card-media is-placeholder" aria-hidden="true">', html)
    assert len(placeholders) == 3
    assert "<img" not in html.split('id="river"')[1].split("</main>")[0]
    for article in (waiting, none, failed):
        page = client.get(article_path(article)).content.decode()
        assert 'class="lead-image"' not in page and "og:image" not in page
        assert '<meta name="twitter:card" content="summary">' in page


def test_the_article_page_and_its_previews_use_the_kept_copy(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    article = make_article()
    image = keep_image(article, width=2000, height=1000)
    html = client.get(article_path(article)).content.decode()
    [figure] = re.findall(r'<figure class="lead-image">.*?</figure>', html, re.S)
    assert 'width="1280" height="640"' in figure and 'fetchpriority="high"' in figure
    assert 'sizes="(min-width: 736px) 704px, calc(100vw - 32px)"' in figure
    assert "loading=" not in figure  # the first thing seen is not held back
    [share] = [v for v in image.variants if v["type"] == "image/jpeg"]
    absolute = f"http://testserver{signed_path(share['file'])}"
    assert f'<meta property="og:image" content="{absolute}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="600">' in html
    assert f'<meta name="twitter:image" content="{absolute}">' in html
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block)["image"] == [absolute]
    assert image.url not in html  # the publisher's address appears nowhere


def test_related_cards_ask_for_the_small_file(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    keep_image(make_article("Bridge repairs begin next week", age=timedelta(days=1)))
    article = make_article()
    html = client.get(article_path(article)).content.decode()
    assert 'sizes="112px"' in html


def test_cards_cost_no_query_per_image(
    client: Client,
    make_article: MakeArticle,
    keep_image: KeepImage,
    django_assert_max_num_queries: Any,
) -> None:
    articles = [make_article(f"Story {n}", age=timedelta(hours=n + 1)) for n in range(12)]
    for article in articles[:8]:
        keep_image(article, width=700 + len(str(article.pk)), height=400)
    client.get("/")  # the session, the language: whatever a first request sets up
    with django_assert_max_num_queries(4):  # two today: the cards, the top stories
        html = client.get("/").content.decode()
    assert html.count('<div class="card-media"') == 8
    assert html.count("is-placeholder") == 4
    assert Article.objects.filter(image__status=ImageStatus.READY).count() == 8


def test_body_images_on_the_page_are_the_sites_copies_under_a_strict_policy(
    client: Client, make_article: MakeArticle, local_server: Any
) -> None:
    article = make_article()
    pictured = give_body_pictures(local_server, article)
    response = client.get(article_path(article))
    page = response.content.decode()
    body = page.split('<div class="article-body"', 1)[1].split("</div>", 1)[0]
    [image] = re.findall(r"<img [^>]*>", body)
    assert MEDIA_URL.search(image) and 'alt="Landing stage"' in image
    assert CAPTION in body and LOST_CAPTION not in body  # the lost one left with its figure
    assert "127.0.0.1" not in page and pictured.kept not in page
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data:;" in policy and "https:" not in policy

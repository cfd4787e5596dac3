"""Images inside article bodies: linked, fetched and kept as lead images are, failures recorded on
the image and never on the article, and bodies shown with the site's copies only."""

from __future__ import annotations

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, CachedImage, ImageStatus
from newsdesk.desk.articles import ingest_entries, url_hash
from newsdesk.desk.body_images import (
    MAX_BODY_IMAGES,
    claim_body_images,
    link_body_images,
    sizes_for,
)
from newsdesk.desk.media import ImageOutcome, claim_due_images, fetch_image
from newsdesk.desk.reading import BodyMode, readable_body
from newsdesk.pipeline.extract import sanitize_html
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.sources.models import Source
from newsdesk.types import FeedEntry
from tests.support.images import SVG_WITH_SCRIPT, encoded, picture, png
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
PNG = {"Content-Type": "image/png"}
IMG = re.compile(r"<img [^>]*>")


@pytest.fixture
def source() -> Source:
    return Source.objects.create(
        name="Harbour Post", slug="harbour-post", home_url="https://h.test/"
    )


def stored(source: Source, html: str, number: int = 1, **fields: object) -> Article:
    """A ready article as one stored before body images were kept: not linked."""
    values: dict[str, object] = {
        "url": f"https://h.test/news/{number}",
        "url_hash": url_hash(f"https://h.test/news/{number}"),
        "source": source,
        "title": f"Story {number}",
        "text": "Words.",
        "html": html,
        "status": ArticleStatus.READY,
    }
    return Article.objects.create(**{**values, **fields})


def images_in(html: str) -> list[str]:
    return IMG.findall(html)


def test_body_images_are_kept_and_the_body_shows_only_the_sites_copies(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    served = {
        "photo": local_server.add("/photo.png", png(1600, 900), headers=PNG),
        "small": local_server.add("/small.png", png(400, 300), headers=PNG),
        "script": local_server.add(
            "/script.svg", SVG_WITH_SCRIPT, headers={"Content-Type": "image/svg+xml"}
        ),
        "pixel": local_server.add(
            "/pixel.gif", encoded(picture(1, 1), "GIF"), headers={"Content-Type": "image/gif"}
        ),
        "gone": local_server.add("/gone.jpg", b"not here", status=404),
    }
    pictures = (f'<p><img src="{url}" alt="{n}"> {n} text</p>' for n, url in served.items())
    html = sanitize_html("<p>Opening words.</p>" + "".join(pictures))
    article = stored(source, html)
    # Before anything is kept the body shows no picture, and never the publisher's.
    before = readable_body(article)
    assert before.mode == BodyMode.FULL and images_in(before.html) == []
    assert "Opening words." in before.html and "photo text" in before.html

    claims = claim_body_images(article.pk)
    assert len(claims) == len(served)
    outcomes = {CachedImage.objects.get(pk=c.image_id).url: fetch_image(c, fetcher) for c in claims}
    assert outcomes == {
        served["photo"]: ImageOutcome.READY,
        served["small"]: ImageOutcome.READY,
        served["script"]: ImageOutcome.FAILED,
        served["pixel"]: ImageOutcome.FAILED,
        served["gone"]: ImageOutcome.RETRY,
    }
    errors = dict(CachedImage.objects.exclude(last_error="").values_list("url", "last_error"))
    assert "svg" in errors[served["script"]] and "too small" in errors[served["pixel"]]
    assert "404" in errors[served["gone"]]
    article.refresh_from_db()  # the article is untouched by its images' failures
    assert article.status == ArticleStatus.READY and article.last_error == ""

    shown = readable_body(Article.objects.get(pk=article.pk)).html
    photo, small = images_in(shown)
    assert "127.0.0.1" not in shown  # no publisher's address left, kept or not
    assert 'alt="photo"' in photo and 'width="1280" height="720"' in photo
    assert f'sizes="{sizes_for(1280)}"' in photo and photo.count("/media/") == 4  # src + 3 files
    assert 'alt="small"' in small and 'width="400"' in small and sizes_for(400) in small
    assert "script text" in shown and "gone text" in shown  # the words stay
    src = re.search(r'src="([^"]+)"', photo)
    assert src is not None and Client().get(src.group(1)).status_code == 200

    full = readable_body(article, lambda path: f"https://news.example.org{path}").html
    assert full.count('src="https://news.example.org/media/') == 2
    assert " /media/" not in full and '"/media/' not in full


def test_at_most_the_first_images_of_a_body_are_kept(source: Source) -> None:
    urls = [f"https://cdn.example.test/{n}.jpg" for n in range(MAX_BODY_IMAGES + 3)]
    article = stored(source, "".join(f'<p><img src="{url}"></p>' for url in urls))
    claims = claim_body_images(article.pk)
    assert len(claims) == MAX_BODY_IMAGES
    linked = set(article.body_images.values_list("url", flat=True))
    assert linked == set(urls[:MAX_BODY_IMAGES])
    CachedImage.objects.update(status=ImageStatus.READY, variants=[])  # as if kept, no files
    assert images_in(readable_body(article).html) == []  # nothing shown without files


def test_the_sweep_links_articles_from_before_and_a_changed_body_anew(
    local_server: LocalServer, fetcher: Fetcher, source: Source
) -> None:
    first = local_server.add("/first.png", png(800, 450), headers=PNG)
    second = local_server.add("/second.png", png(800, 450, (160, 82, 45)), headers=PNG)
    old = stored(source, f'<p>Old.</p><p><img src="{first}"></p>', 1)
    stored(source, "<p>No pictures.</p>", 2)
    stored(source, f'<p><img src="{first}"></p>', 3, status=ArticleStatus.PENDING)
    now = timezone.now()
    assert link_body_images(now) == 2  # the ready ones; a pending one waits for its page
    assert link_body_images(now) == 0
    [claim] = claim_due_images(now)  # the scheduler's look then hands out its image
    assert fetch_image(claim, fetcher) == ImageOutcome.READY
    assert len(images_in(readable_body(Article.objects.get(pk=old.pk)).html)) == 1

    # A feed file imported again with another picture: the body is linked anew.
    entry = FeedEntry(
        guid="1",
        url=old.url,
        title="Story 1",
        content_html=f'<p>New words for the story.</p><p><img src="{second}"></p>',
    )
    ingest_entries([entry], "https://h.test/feed.xml", "https://h.test/", "Harbour Post", now)
    changed = Article.objects.get(url=old.url)  # updated in place
    assert changed.body_images_linked_at is None
    assert images_in(readable_body(changed).html) == []  # the old link is not the body's
    later = now + timedelta(seconds=1)
    assert link_body_images(later) == 1
    assert list(changed.body_images.values_list("url", flat=True)) == [second]
    [claim] = claim_due_images(later)
    fetch_image(claim, fetcher)
    assert len(images_in(readable_body(Article.objects.get(pk=old.pk)).html)) == 1


def test_the_migration_leaves_only_bodies_with_images_to_the_sweep(source: Source) -> None:
    with_image = stored(source, '<p><img src="https://cdn.example.test/a.jpg"></p>', 1)
    without = stored(source, "<p>Words only.</p>", 2)
    migration = importlib.import_module("newsdesk.articles.migrations.0006_body_images")
    migration.mark_bodies_without_images(apps, None)
    waiting = Article.objects.filter(body_images_linked_at__isnull=True)
    assert list(waiting.values_list("pk", flat=True)) == [with_image.pk]
    assert Article.objects.get(pk=without.pk).body_images_linked_at is not None

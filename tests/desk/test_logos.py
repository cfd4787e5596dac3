"""Source logos: the icons a publisher's pages offer are fetched once by a job, stored, served
from our origin and refreshed rarely; failures are recorded and never touch articles."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.articles import process_article
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.logos import (
    FIRST_WAIT,
    REFRESH,
    RETRY,
    LogoOutcome,
    claim_due_logos,
    icon_policy,
    logo_image,
    refresh_logo,
)
from newsdesk.desk.sources import add_source
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.pipeline.icons import MAX_BYTES
from newsdesk.sources.models import Source, SourceLogo
from tests.desk.conftest import LOCAL
from tests.support.publishers import PLAGUE, digest_feed, icon_png, resolve_locally
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
PNG = {"Content-Type": "image/png"}


@pytest.fixture
def icon_fetcher() -> Iterator[Fetcher]:
    policy = icon_policy(FetchPolicy(allow_networks=LOCAL, total_timeout=10))
    with Fetcher(policy, resolver=resolve_locally) as fetcher:
        yield fetcher


@pytest.fixture
def page_fetcher() -> Iterator[Fetcher]:
    with Fetcher(
        FetchPolicy(allow_networks=LOCAL, total_timeout=10), resolver=resolve_locally
    ) as f:
        yield f


def read_digest(
    server: LocalServer, datasets: Path, fetcher: Fetcher, *, icons: bool = True
) -> None:
    [added] = add_source(digest_feed(server, datasets, PLAGUE, icons=icons), fetcher)
    for claim in check_feed(added.feed.pk, None, fetcher).claims:
        process_article(claim, fetcher)


def run_due_logos(fetcher: Fetcher, now: datetime | None = None) -> dict[str, LogoOutcome]:
    moment = now or timezone.now()
    outcomes = {}
    for source_id, token in claim_due_logos(moment):
        name = Source.objects.get(pk=source_id).name
        outcomes[name] = refresh_logo(source_id, token, fetcher, moment)
    return outcomes


def after_first_look() -> datetime:
    """The scheduler gives sources their logo rows, due once their pages had a chance."""
    now = timezone.now()
    assert claim_due_logos(now) == []
    return now + FIRST_WAIT


def test_each_publisher_of_a_digest_gets_its_icon_once(
    local_server: LocalServer, datasets: Path, page_fetcher: Fetcher, icon_fetcher: Fetcher
) -> None:
    read_digest(local_server, datasets, page_fetcher)
    outcomes = run_due_logos(icon_fetcher)
    assert outcomes == {
        "New York Post": LogoOutcome.STORED,
        "The Sun": LogoOutcome.STORED,
        "Express.co.uk": LogoOutcome.STORED,
    }  # the digest's own row waits for pages of its own (none come)
    chosen = dict(SourceLogo.objects.values_list("source__name", "fetched_from"))
    assert chosen["New York Post"].endswith("/apple-icons/nypost/apple-icon.png")  # 180 px
    assert chosen["The Sun"].endswith("icon-e1459786005667.png?strip=all&w=192")
    assert chosen["Express.co.uk"].endswith("/apple-touch-icon-180x180.png")
    sun = Source.objects.get(name="The Sun")
    image = logo_image(sun.slug, 64)
    assert image is not None and image.etag == sun.logo_version
    assert Image.open(io.BytesIO(image.content)).size == (64, 64)
    assert logo_image(sun.slug, 128) is not None and logo_image(sun.slug, 100) is None
    hits = sum(local_server.hits.values())
    assert run_due_logos(icon_fetcher) == {}  # not again until the refresh is due
    later = timezone.now() + REFRESH + timedelta(minutes=1)
    assert set(run_due_logos(icon_fetcher, later).values()) == {LogoOutcome.STORED}
    assert sum(local_server.hits.values()) > hits


def test_a_source_without_pages_read_uses_its_home_page(
    local_server: LocalServer, icon_fetcher: Fetcher
) -> None:
    port = local_server.port
    local_server.add("/", '<html><head><link rel="apple-touch-icon" href="/t.png"></head></html>')
    local_server.add("/t.png", icon_png(152), headers=PNG)
    source = Source.objects.create(
        name="Harbour Post", slug="harbour", domain="harbourpost.com",
        home_url=f"http://www.harbourpost.com:{port}/",
    )  # fmt: skip
    assert run_due_logos(icon_fetcher, after_first_look()) == {"Harbour Post": LogoOutcome.STORED}
    assert SourceLogo.objects.get(pk=source.pk).fetched_from.endswith("/t.png")


def test_failures_are_recorded_and_articles_are_untouched(
    local_server: LocalServer, datasets: Path, page_fetcher: Fetcher, icon_fetcher: Fetcher
) -> None:
    read_digest(local_server, datasets, page_fetcher, icons=False)  # every icon answers 404
    now = timezone.now()
    outcomes = run_due_logos(icon_fetcher, now)
    assert set(outcomes.values()) == {LogoOutcome.NONE}
    for row in SourceLogo.objects.exclude(checked_at=None):
        assert row.last_error.startswith("no usable icon: ") and "HTTP 404" in row.last_error
        assert row.next_check_at == now + REFRESH and row.failures == 1
    assert not Source.objects.exclude(logo_version="").exists()
    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.READY}


def test_a_server_error_is_tried_again_the_next_day_and_a_stored_logo_is_kept(
    local_server: LocalServer, icon_fetcher: Fetcher
) -> None:
    port = local_server.port
    local_server.add("/t.png", icon_png(64), headers=PNG)
    home = f"http://harbourpost.com:{port}/"
    local_server.add("/", '<html><head><link rel="apple-touch-icon" href="/t.png"></head></html>')
    source = Source.objects.create(name="Harbour", slug="harbour", home_url=home)
    now = after_first_look()
    assert run_due_logos(icon_fetcher, now) == {"Harbour": LogoOutcome.STORED}
    version = Source.objects.get(pk=source.pk).logo_version
    local_server.add("/t.png", "overloaded", status=503)
    local_server.add("/favicon.ico", "overloaded", status=503)
    later = now + REFRESH
    assert run_due_logos(icon_fetcher, later) == {"Harbour": LogoOutcome.NONE}
    row = SourceLogo.objects.get(pk=source.pk)
    assert row.next_check_at == later + RETRY and "HTTP 503" in row.last_error
    assert Source.objects.get(pk=source.pk).logo_version == version
    assert logo_image("harbour", 64) is not None


def test_an_oversized_or_fake_icon_gives_way_to_the_next_candidate(
    local_server: LocalServer, icon_fetcher: Fetcher
) -> None:
    port = local_server.port
    local_server.add("/huge.png", b"\x89PNG" + b"\x00" * (MAX_BYTES + 1), headers=PNG)
    local_server.add("/fake.png", "<html>sign in</html>", headers={"Content-Type": "text/html"})
    local_server.add("/icon.svg", "<svg/>", headers={"Content-Type": "image/svg+xml"})
    local_server.add("/favicon.ico", icon_png(48), headers={"Content-Type": "image/x-icon"})
    local_server.add(
        "/",
        '<html><head><link rel="apple-touch-icon" href="/huge.png">'
        '<link rel="icon" sizes="192x192" href="/fake.png">'
        '<link rel="icon" type="image/svg+xml" href="/icon.svg"></head></html>',
    )
    source = Source.objects.create(name="H", slug="h", home_url=f"http://h.example:{port}/")
    assert run_due_logos(icon_fetcher, after_first_look()) == {"H": LogoOutcome.STORED}
    assert SourceLogo.objects.get(pk=source.pk).fetched_from.endswith("/favicon.ico")
    assert local_server.hits["/icon.svg"] == 0


def test_a_claim_is_used_once(local_server: LocalServer, icon_fetcher: Fetcher) -> None:
    source = Source.objects.create(name="H", slug="h", home_url=local_server.url("/"))
    now = after_first_look()
    [(source_id, token)] = claim_due_logos(now)
    assert claim_due_logos(now) == []  # leased
    assert refresh_logo(source_id, "forged", icon_fetcher, now) == LogoOutcome.SKIPPED
    assert refresh_logo(source_id, token, icon_fetcher, now) == LogoOutcome.NONE
    assert refresh_logo(source_id, token, icon_fetcher, now) == LogoOutcome.SKIPPED
    assert source.pk == source_id


def test_the_icon_fetcher_keeps_the_process_policy_with_an_images_caps() -> None:
    base = FetchPolicy(allow_networks=LOCAL, user_agent="newsdesk/test")
    policy = icon_policy(base)
    assert policy == replace(
        base, max_bytes=MAX_BYTES, max_decompressed_bytes=2 * MAX_BYTES, total_timeout=20.0
    )

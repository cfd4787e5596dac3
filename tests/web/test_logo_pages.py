"""Source logos on the pages: served from our origin with long cache headers, shown beside the
source's name; a source without one shows its monogram, never a broken image."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.pipeline.icons import make_logo
from newsdesk.sources.models import Source, SourceLogo
from newsdesk.web.links import article_path
from newsdesk.web.templatetags.logos import hue, monogram
from tests.support.publishers import icon_png
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db


def give_logo(source: Source) -> str:
    logo = make_logo(icon_png(180), "image/png")
    SourceLogo.objects.create(
        source=source, small=logo.images[64], large=logo.images[128], etag="0123456789abcdef",
        next_check_at=timezone.now(),
    )  # fmt: skip
    Source.objects.filter(pk=source.pk).update(logo_version="0123456789abcdef")
    source.logo_version = "0123456789abcdef"
    return "0123456789abcdef"


def test_the_logo_route_serves_the_stored_png_with_cache_headers(
    client: Client, source: Source
) -> None:
    version = give_logo(source)
    versioned = client.get(f"/source/{source.slug}/logo-64.png?v={version}")
    assert versioned.status_code == 200 and versioned["Content-Type"] == "image/png"
    assert versioned.content.startswith(b"\x89PNG")
    assert versioned["ETag"] == f'"{version}"'
    assert versioned["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = client.get(f"/source/{source.slug}/logo.png")
    assert plain.content == versioned.content and plain["Cache-Control"] == "public, max-age=86400"
    large = client.get(f"/source/{source.slug}/logo-128.png?v=old")
    assert large.status_code == 200 and large["Cache-Control"] == "public, max-age=86400"
    again = client.get(f"/source/{source.slug}/logo-64.png", HTTP_IF_NONE_MATCH=f'"{version}"')
    assert again.status_code == 304 and again.content == b""
    assert client.head(f"/source/{source.slug}/logo.png").status_code == 200
    assert client.post(f"/source/{source.slug}/logo.png").status_code == 405
    assert client.get(f"/source/{source.slug}/logo-100.png").status_code == 404
    assert client.get("/source/nobody/logo.png").status_code == 404


def test_a_source_without_a_stored_logo_has_no_logo_route(client: Client, source: Source) -> None:
    source.logo_url = "https://example.test/logo.png"
    source.save()
    assert client.get(f"/source/{source.slug}/logo.png").status_code == 404


def test_pages_show_the_logo_from_our_origin(
    client: Client, source: Source, make_article: MakeArticle
) -> None:
    version = give_logo(source)
    Source.objects.filter(pk=source.pk).update(logo_url="https://example.test/hotlink.png")
    article = make_article()
    expected = f'src="/source/example-times/logo-64.png?v={version}"'
    for path in (article_path(article), "/source/example-times/", "/"):
        html = client.get(path).content.decode()
        assert expected in html, path
        assert "hotlink.png" not in html, path
        assert f"/source/example-times/logo-128.png?v={version} 128w" in html
        assert "source-mark" not in html


def test_a_source_without_a_logo_shows_its_monogram(
    client: Client, source: Source, make_article: MakeArticle
) -> None:
    other = Source.objects.create(name="  ¡Harbour Post!", slug="harbour", domain="harbour.test")
    make_article(of=other)
    article = make_article()
    html = client.get(article_path(article)).content.decode()
    mark = (
        f'<span class="source-mark s24 hue-{hue(source.name)}" data-letter="T" aria-hidden="true">'
    )
    assert mark in html
    assert "<img" not in html.split('class="story-source"', 1)[1].split("</p>", 1)[0]
    home = client.get("/").content.decode()
    assert re.search(r'source-mark s16 hue-\d" data-letter="H" aria-hidden="true"></span>', home)
    assert monogram("  ¡Harbour Post!") == "H" and monogram("") == "?"
    assert monogram("«الجزيرة»") == "\u0627"  # alef
    assert hue("Harbour Post") == hue(" harbour  post ") and 0 <= hue("x") < 8


def test_staff_see_how_the_logo_fetch_went(client: Client, source: Source) -> None:
    from django.contrib.auth.models import User

    SourceLogo.objects.create(
        source=source, next_check_at=timezone.now(), checked_at=timezone.now(),
        last_error="no usable icon: https://example.test/favicon.ico: HTTP 404",
    )  # fmt: skip
    page = f"/source/{source.slug}/"
    assert "no usable icon" not in client.get(page).content.decode()
    client.force_login(User.objects.create_user("op", is_staff=True))
    html = client.get(page).content.decode()
    assert "Last logo check: no usable icon: https://example.test/favicon.ico: HTTP 404" in html

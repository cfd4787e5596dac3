"""The reader pages through Django's test client: what each page shows, and what it never shows."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client

from newsdesk.sources.models import Feed, RightsPolicy, Source
from newsdesk.web.links import article_path
from newsdesk.web.templatetags.reading import relative_time
from tests.web.conftest import KeepImage, MakeArticle

pytestmark = pytest.mark.django_db


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_article_page_shows_every_part(
    client: Client, make_article: MakeArticle, keep_image: KeepImage
) -> None:
    older = make_article("Bridge repairs begin next week", age=timedelta(days=1))
    article = make_article()
    keep_image(article)
    html = page(client, article_path(article))
    assert '<h1 class="headline">Ferry service reaches the east bank</h1>' in html
    assert 'href="/source/example-times/"' in html
    assert 'href="https://example.test/news/' in html and "Read the original" in html
    assert "By Jane Reporter" in html
    assert ">4 hours ago</time>" in html and "data-absolute" in html
    assert 'alt="Photo for the article' in html
    assert "<p>The council voted to extend the river ferry to three new stops.</p>" in html
    assert "Key points</button>" in html and 'name="question"' in html
    assert "No comments yet." in html
    assert "Bridge repairs begin next week" in html and article_path(older) in html
    assert "data-install-banner" in html
    canonical = f'<link rel="canonical" href="http://testserver{article_path(article)}">'
    assert canonical in html
    assert '<meta property="og:title" content="Ferry service reaches the east bank">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_article_json_ld_is_a_news_article(client: Client, make_article: MakeArticle) -> None:
    article = make_article('Quotes "and" </script><script>alert(1)</script>')
    html = page(client, article_path(article))
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle" and data["headline"].startswith('Quotes "and"')
    assert data["publisher"]["name"] == "The Example Times"
    assert "<script>alert" not in html


def test_wrong_slug_redirects_to_the_canonical_address(
    client: Client, make_article: MakeArticle
) -> None:
    article = make_article()
    response = client.get(f"/article/{article.pk}/something-else/")
    assert response.status_code == 301 and response["Location"] == article_path(article)
    assert client.get(f"/article/{article.pk}/").status_code == 301
    assert client.get("/article/999999/x/").status_code == 404


def test_rights_policy_limits_the_body(
    client: Client, make_article: MakeArticle, source: Source
) -> None:
    source.rights = RightsPolicy.EXCERPT
    source.save()
    article = make_article(html="<p>The whole body, paragraph one.</p>", description="Short bit.")
    html = page(client, article_path(article))
    assert "The whole body" not in html and "Short bit." in html
    assert "Originally published by" in html
    source.rights = RightsPolicy.LINK_ONLY
    source.save()
    html = page(client, article_path(article))
    assert "The whole body" not in html and "on its own site" in html
    assert "Originally published by" in html


def test_hostile_text_is_escaped(client: Client, make_article: MakeArticle) -> None:
    article = make_article(
        "<img src=x onerror=alert(1)>",
        byline="<script>alert(2)</script>",
        description="<b onmouseover=alert(3)>x</b>",
        url="javascript:alert(4)",
        image_url="javascript:alert(5)",
    )
    html = page(client, article_path(article)) + page(client, "/")
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "<b onmouseover" not in html and "javascript:" not in html


def test_relative_time_words() -> None:
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert relative_time(now - timedelta(seconds=20), now) == "just now"
    assert relative_time(now - timedelta(minutes=1), now) == "1 minute ago"
    assert relative_time(now - timedelta(hours=4, minutes=59), now) == "4 hours ago"
    assert relative_time(now - timedelta(days=3), now) == "3 days ago"
    assert relative_time(now - timedelta(days=400), now) == "1 year ago"
    assert relative_time(now + timedelta(hours=2), now) == "in 2 hours"


def test_home_lists_cards_and_pages_with_htmx(client: Client, make_article: MakeArticle) -> None:
    for i in range(25):
        make_article(f"River story {i:02d}", age=timedelta(minutes=10 + i))
    html = page(client, "/")
    assert html.count('<article class="card') == 20
    assert html.count('<h2 class="card-title">') == 20  # h1 "Latest", then one h2 a card
    assert html.index("River story 00") < html.index("River story 19")
    assert 'hx-get="/?page=2"' in html and 'hx-trigger="intersect once"' in html
    assert 'href="/?page=2"' in html  # the same link works without JavaScript
    partial = client.get("/?page=2", HTTP_HX_REQUEST="true")
    text = partial.content.decode()
    assert (
        "<html" not in text and text.count('<article class="card') == 5 and "River story 24" in text
    )
    assert 'class="more"' not in text
    assert "HX-Request" in partial["Vary"]
    for odd in ("0", "-3", "x", "9" * 40):
        assert client.get(f"/?page={odd}").status_code == 200, odd


def test_source_page_shows_feed_health_to_staff_only(
    client: Client, make_article: MakeArticle, source: Source
) -> None:
    make_article()
    Feed.objects.create(
        source=source,
        url="https://example.test/feed.xml",
        next_check_at=datetime(2026, 1, 1, tzinfo=UTC),
        consecutive_failures=3,
        last_status=503,
        last_error="HTTP 503 from the publisher",
    )
    html = page(client, "/source/example-times/")
    assert "Ferry service reaches the east bank" in html and "Feed health" not in html
    staff = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(staff)
    html = page(client, "/source/example-times/")
    assert "Feed health" in html and "HTTP 503 from the publisher" in html and ">503<" in html
    assert client.get("/source/nobody/").status_code == 404


def test_security_headers(client: Client, make_article: MakeArticle) -> None:
    response = client.get(article_path(make_article()))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "img-src 'self' data:;" in policy
    assert "https:" not in policy  # no image comes from anywhere else (decisions 36 and 40)
    assert "'unsafe-inline'" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in response.content.decode()  # no inline script, only JSON-LD data


def test_feeds_sitemap_robots(client: Client, make_article: MakeArticle, source: Source) -> None:
    article = make_article()
    other = Source.objects.create(name="Other", slug="other")
    make_article("Not in the first source's feed", of=other)
    rss = page(client, "/feed.xml")
    assert "<rss" in rss and article_path(article) in rss
    source_rss = page(client, "/source/example-times/feed.xml")
    assert article_path(article) in source_rss and "first source" not in source_rss
    sitemap = page(client, "/sitemap.xml")
    assert article_path(article) in sitemap and "/source/other/" in sitemap
    robots = page(client, "/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_pwa_manifest_and_service_worker(client: Client) -> None:
    manifest = json.loads(page(client, "/manifest.webmanifest"))
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    # The shell names the collected, hashed files, and its cache is named after them.
    assert f'"{static("web/site.css")}"' in body and "&quot;" not in body
    assert re.search(r'"/static/web/site\.[0-9a-f]{12}\.css"', body)
    assert re.search(r'SHELL_CACHE = "newsdesk-shell-[0-9a-f]{12}"', body)
    for path in ("/saved/", "/offline/"):
        assert client.get(path).status_code == 200, path
    for name in ("web/icon-192.png", "web/icon-512.png", "web/htmx.min.js", "web/saved.js"):
        assert finders.find(name), name


def test_search_page_finds_and_filters(
    client: Client, make_article: MakeArticle, source: Source
) -> None:
    wanted = make_article("Harbour dredging plan approved", text="The harbour will be dredged.")
    other = Source.objects.create(name="Other", slug="other")
    make_article("Harbour dredging elsewhere", of=other, text="Another harbour.")
    html = page(client, "/search/?q=dredging")
    assert article_path(wanted) in html and "2 results" in html
    assert "<mark>" in html
    html = page(client, "/search/?q=dredging&source=example-times")
    assert article_path(wanted) in html and "1 result " in html
    assert "elsewhere" not in html
    html = page(client, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert" not in html
    assert client.get("/search/?since=not-a-date&q=x").status_code == 200


def test_article_page_weight_before_images(client: Client, make_article: MakeArticle) -> None:
    html = page(client, article_path(make_article()))
    hashed = re.findall(r'(?:src|href)="/static/([^"]+\.(?:js|css))"', html)
    assets = [re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", name) for name in hashed]
    assert "web/htmx.min.js" in assets  # the AI panel swaps its results in
    # What a reader's browser downloads: the page and its scripts and styles, compressed as they
    # are sent (the page by GZipMiddleware, static files precompressed by WhiteNoise).
    files = [Path(str(finders.find(name))).read_bytes() for name in assets]
    weight = sum(len(gzip.compress(body, 9)) for body in [html.encode(), *files])
    assert weight < 35_000, weight

"""``newsdesk import``: saved pages, feed files and WARC archives, with per-item failures."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.articles.models import Article, BodyOrigin
from newsdesk.desk.importer import import_path
from tests.support.news import article_page, rss_feed

pytestmark = pytest.mark.django_db


def test_import_pages_feeds_and_warc_with_failures(tmp_path: Path) -> None:
    canonical = "https://times.example/2026/03/ferry"
    (tmp_path / "page.html").write_text(article_page("Ferry", canonical=canonical))
    (tmp_path / "page2.html.gz").write_bytes(gzip.compress(article_page("Ferry two").encode()))
    (tmp_path / "feed.xml").write_text(
        rss_feed(
            [
                {
                    "title": "Wire story",
                    "link": "https://wire.example/a?utm_source=x",
                    "summary": "A wire story summary with enough words to be kept as the body.",
                },
                {"title": "Bad link", "link": "javascript:void(0)"},
            ],
            link="https://wire.example/",
        )
    )
    (tmp_path / "empty.html").write_text("")
    (tmp_path / "broken.html.gz").write_bytes(b"not gzip at all")
    with (tmp_path / "crawl.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://post.example/news/ferry",
            "response",
            payload=io.BytesIO(article_page("Ferry from WARC").encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    report = import_path(tmp_path)
    assert report.documents == 6
    assert report.pages == 3 and report.feeds == 1
    assert report.new_articles == 4
    failed = sorted(Path(origin.split(":")[0]).name for origin, _ in report.failures)
    assert failed == ["broken.html.gz", "empty.html", "feed.xml"]
    assert Article.objects.get(url=canonical).body_origin == BodyOrigin.PAGE
    wire = Article.objects.get(url="https://wire.example/a")
    assert wire.body_origin == BodyOrigin.FEED and wire.source.domain == "wire.example"
    assert Article.objects.get(url="https://post.example/news/ferry").title == "Ferry from WARC"
    again = import_path(tmp_path)
    assert again.new_articles == 0 and Article.objects.count() == 4

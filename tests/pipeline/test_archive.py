"""Offline input: saved pages (plain and gzipped), feed files, WARC archives, broken files."""

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.pipeline.archive import count_documents, iter_archive


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, content_type, body, status in records:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def test_reads_pages_gzipped_pages_and_feeds(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<html><body><p>one</p></body></html>")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(b"<html><p>two</p></html>"))
    (tmp_path / "c.xml").write_bytes(b"<rss version='2.0'><channel></channel></rss>")
    docs = list(iter_archive(tmp_path))
    assert [Path(d.origin).name for d in docs] == ["a.html", "b.html.gz", "c.xml"]
    assert docs[1].content == b"<html><p>two</p></html>"
    assert [d.content_type for d in docs] == ["text/html", "text/html", "application/xml"]
    assert all(d.url.startswith("file://") and not d.error for d in docs)
    assert count_documents(tmp_path) == 3


def test_reads_warc_responses_with_their_urls(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(
        warc,
        [
            ("https://news.example/a", "text/html", b"<html>a</html>", "200 OK"),
            ("https://news.example/missing", "text/html", b"gone", "404 Not Found"),
            ("https://news.example/feed", "application/rss+xml", b"<rss/>", "200 OK"),
        ],
    )
    docs = list(iter_archive(warc))
    assert [(d.url, d.content) for d in docs] == [
        ("https://news.example/a", b"<html>a</html>"),
        ("https://news.example/feed", b"<rss/>"),
    ]
    assert docs[1].content_type == "application/rss+xml"
    assert "@" in docs[0].origin
    assert count_documents(warc) is None


def test_broken_files_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "bad.html.gz").write_bytes(b"this is not gzip")
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08garbage")
    docs = list(iter_archive(tmp_path))
    assert len(docs) == 2
    assert all(d.error for d in docs)
    missing = list(iter_archive(tmp_path / "nope"))
    assert missing[0].error == "no such file or directory"

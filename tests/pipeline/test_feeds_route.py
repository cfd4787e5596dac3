"""The reader of a feed document is chosen before parsing, and the document is parsed once.

Each test records which libraries were called: one, or none for a document lxml reads (an
itemless one, or a small or well-formed one with items).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import fastfeedparser
import pytest

from newsdesk.pipeline.feeds import parse as parse_module
from newsdesk.pipeline.feeds.parse import FallbackPolicy, parse_with_details
from newsdesk.pipeline.feeds.route import (
    CHANNEL,
    FASTFEEDPARSER,
    FEEDPARSER,
    ITEMS,
    ITEMS_MAX_BYTES,
    choose_reader,
)
from newsdesk.pipeline.feeds.safety import prepare_xml
from newsdesk.types import FeedKind

CLEAN_RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour</title>'
    b"<link>https://h.example/</link><item><title>Ferry &amp; quay</title>"
    b"<link>https://h.example/1</link><pubDate>Tue, 01 Apr 2025 10:00:00 +0100</pubDate>"
    b"</item></channel></rss>"
)
# Channel Definition Format: a root fastfeedparser does not know.
CDF = (
    b'<CHANNEL HREF="https://cdf.example/"><TITLE>Old channel</TITLE>'
    b'<ITEM HREF="https://cdf.example/1"><TITLE>First</TITLE></ITEM></CHANNEL>'
)
XHTML_ATOM = (
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>'
    b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>bold</b> move</div>'
    b'</title><link href="https://x.example/1"/><id>urn:x:1</id></entry></feed>'
)

LIBRARIES_ONLY = FallbackPolicy(items=False)  # the libraries, as before lxml read items


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the libraries called, in order (each still does its work: the parse code
    catches what a library raises, so a raising stub would not show a second parse)."""
    called: list[str] = []
    feedparser_call, fastfeedparser_call = parse_module._feedparser, fastfeedparser.parse

    def feedparser_spy(*args: Any, **kwargs: Any) -> Any:
        called.append("feedparser")
        return feedparser_call(*args, **kwargs)

    def fastfeedparser_spy(*args: Any, **kwargs: Any) -> Any:
        called.append("fastfeedparser")
        return fastfeedparser_call(*args, **kwargs)

    monkeypatch.setattr(parse_module, "_feedparser", feedparser_spy)
    monkeypatch.setattr(fastfeedparser, "parse", fastfeedparser_spy)
    yield called


def test_a_small_clean_feed_is_read_by_lxml_alone(calls: list[str]) -> None:
    assert choose_reader(prepare_xml(CLEAN_RSS)).reader == ITEMS
    outcome = parse_with_details(CLEAN_RSS, "https://h.example/rss")
    assert outcome.feed.parser == "lxml"
    assert outcome.fallback_reason == ""
    [entry] = outcome.feed.entries
    assert (entry.title, entry.url) == ("Ferry & quay", "https://h.example/1")
    assert entry.published == datetime(2025, 4, 1, 9, 0, tzinfo=UTC)
    assert calls == []


def test_a_large_clean_feed_takes_fastfeedparser_alone(calls: list[str]) -> None:
    items = b"".join(
        b"<item><title>Story %d</title><link>https://h.example/%d</link>"
        b"<description>%s</description></item>" % (number, number, b"word " * 40)
        for number in range(60)
    )
    rss = b"<rss version='2.0'><channel><title>Harbour</title>%s</channel></rss>" % items
    assert len(rss) > ITEMS_MAX_BYTES
    assert choose_reader(prepare_xml(rss)).reader == FASTFEEDPARSER
    feed = parse_with_details(rss, "https://h.example/rss").feed
    assert (feed.parser, len(feed.entries)) == ("fastfeedparser", 60)
    assert calls == ["fastfeedparser"]


def test_a_document_cut_off_at_its_end_is_read_by_lxml(calls: list[str]) -> None:
    cut = CLEAN_RSS[: CLEAN_RSS.index(b"</channel>")] + b"</channel></rs"
    feed = parse_with_details(cut, "https://h.example/rss").feed
    assert (feed.parser, feed.title, [entry.url for entry in feed.entries]) == (
        "lxml",
        "Harbour",
        ["https://h.example/1"],
    )
    itemless = b"<rss><channel><title>Half</title><link>https://b.example/</link></chan"
    assert parse_with_details(itemless, "https://b.example/rss").feed.parser == "lxml"
    assert calls == []


def test_a_document_broken_inside_goes_to_the_libraries(calls: list[str]) -> None:
    broken = CLEAN_RSS.replace(b"<link>https://h.example/1", b"<link>https://h.example/1<")
    outcome = parse_with_details(broken, "https://h.example/rss")
    assert outcome.feed.parser in ("fastfeedparser", "feedparser")
    assert outcome.feed.entries[0].title == "Ferry & quay"
    assert calls[0] == "fastfeedparser"


def test_a_root_fastfeedparser_refuses_goes_to_feedparser_alone(calls: list[str]) -> None:
    route = choose_reader(prepare_xml(CDF))
    assert (route.reader, route.reason) == (FEEDPARSER, "root element <CHANNEL>")
    feed = parse_with_details(CDF, "https://cdf.example/channel.cdf").feed
    assert feed.parser == "feedparser"
    assert feed.title == "Old channel"
    assert [entry.url for entry in feed.entries] == ["https://cdf.example/1"]
    assert calls == ["feedparser"]


def test_an_xhtml_title_is_read_by_lxml_alone(calls: list[str]) -> None:
    outcome = parse_with_details(XHTML_ATOM, "https://x.example/atom")
    assert outcome.feed.parser == "lxml"
    assert outcome.feed.entries[0].title == "A bold move"
    assert calls == []
    # Without lxml for items, the document needs feedparser.
    libraries = parse_with_details(XHTML_ATOM, "https://x.example/atom", "", LIBRARIES_ONLY)
    assert libraries.fallback_reason == 'title or summary of type="xhtml"'
    assert libraries.feed.entries[0].title == "A bold move"
    assert calls == ["feedparser"]


def test_a_large_document_fastfeedparser_loses_from_goes_to_lxml(calls: list[str]) -> None:
    entry = XHTML_ATOM[XHTML_ATOM.index(b"<entry>") : XHTML_ATOM.index(b"</feed>")]
    atom = XHTML_ATOM.replace(b"</feed>", entry * 60 + b"</feed>")
    assert len(atom) > ITEMS_MAX_BYTES
    route = choose_reader(prepare_xml(atom))
    assert (route.reader, route.reason) == (ITEMS, 'title or summary of type="xhtml"')
    feed = parse_with_details(atom, "https://x.example/atom").feed
    assert (feed.parser, len(feed.entries), feed.entries[60].title) == ("lxml", 61, "A bold move")
    assert calls == []


def test_an_rss_without_channel_goes_to_feedparser_alone(calls: list[str]) -> None:
    rss = b"<rss version='0.91'><item><title>Loose</title><link>https://l.example/1</link></item></rss>"
    assert choose_reader(prepare_xml(rss)).reason == "<rss> without a <channel>"
    feed = parse_with_details(rss, "https://l.example/rss").feed
    assert feed.parser == "feedparser"
    assert [entry.title for entry in feed.entries] == ["Loose"]
    assert calls == ["feedparser"]


def test_an_itemless_feed_is_read_by_lxml_alone(calls: list[str]) -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en_GB" '
        b'xml:base="https://a.example/blog/"><title type="html">A &amp;lt;b&amp;gt; '
        b'<![CDATA[<b>bold</b>]]> blog</title><link rel="self" href="atom.xml"/>'
        b'<link href="home"/><subtitle>News</subtitle></feed>'
    )
    assert choose_reader(prepare_xml(atom)).reader == CHANNEL
    feed = parse_with_details(atom, "https://a.example/atom.xml").feed
    assert (feed.parser, feed.kind, feed.entries) == ("lxml", FeedKind.ATOM, ())
    assert feed.title == "A <b> bold blog"
    assert feed.home_url == "https://a.example/blog/home"
    assert (feed.description, feed.language) == ("News", "en-GB")
    assert calls == []


def test_an_itemless_rss_with_a_base64_or_uppercase_title(calls: list[str]) -> None:
    rss = b"<rss><channel><TiTlE>Podcast</TiTlE><link>https://p.example/</link></channel></rss>"
    feed = parse_with_details(rss, "https://p.example/rss").feed
    assert (feed.title, feed.home_url) == ("Podcast", "https://p.example/")
    atom03 = (
        b'<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="base64">'
        b"PGI+SGk8L2I+IHRoZXJl</title></feed>"
    )
    assert parse_with_details(atom03, "https://p.example/atom").feed.title == "Hi there"
    assert calls == []


def test_a_broken_itemless_document_still_goes_to_the_libraries() -> None:
    broken = b"<rss><channel><title>Half</title><link>https://b.example/</link></chan</rss>"
    outcome = parse_with_details(broken, "https://b.example/rss")
    assert outcome.feed.parser in ("fastfeedparser", "feedparser")
    assert outcome.feed.title == "Half"


def test_xml_base_on_content_alone_stays_on_the_fast_path(calls: list[str]) -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>e</title>'
        b'<link href="https://m.example/post"/><id>urn:x:1</id>'
        b'<content type="html" xml:base="https://m.example/">&lt;p&gt;hi&lt;/p&gt;</content>'
        b"</entry></feed>"
    )
    feed = parse_with_details(atom, "https://m.example/atom").feed
    assert feed.parser == "lxml"
    assert feed.entries[0].url == "https://m.example/post"
    assert calls == []
    libraries = parse_with_details(atom, "https://m.example/atom", "", LIBRARIES_ONLY).feed
    assert (libraries.parser, libraries.entries[0].url) == ("fastfeedparser", feed.entries[0].url)
    assert calls == ["fastfeedparser"]

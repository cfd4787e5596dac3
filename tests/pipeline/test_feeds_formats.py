"""parse_feed on hand-written samples of every format: RSS 0.91/0.92/1.0/2.0, Atom 0.3/1.0,
JSON Feed 1.0/1.1 and sitemaps (tests/pipeline/feedsamples/)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.errors import FeedParseError
from newsdesk.pipeline.feeds import parse as parse_module
from newsdesk.pipeline.feeds import parse_feed, parse_subscribed_feed
from newsdesk.pipeline.feeds.parse import (
    BASE_POLICY,
    FALLBACK_MAX_BYTES,
    FEEDPARSER_ONLY,
    FallbackPolicy,
    parse_with_details,
)
from newsdesk.types import Enclosure, FeedKind, ParsedFeed

SAMPLES = Path(__file__).parent / "feedsamples"
LIBRARIES_ONLY = FallbackPolicy(items=False)  # the libraries, as before lxml read items


def sample(name: str, url: str) -> ParsedFeed:
    return parse_feed((SAMPLES / name).read_bytes(), url)


def test_rss091_declared_latin1_with_relative_link() -> None:
    feed = sample("rss091.xml", "https://gazette.example.org/rss")
    assert feed.kind is FeedKind.RSS
    assert feed.parser == "lxml"  # small and well-formed: read from the element tree
    assert feed.title == "Harbour Gazette"
    assert feed.language == "en-us"
    assert [entry.title for entry in feed.entries] == [
        "Ferry timetable changes from Monday",
        "Café reopens on the quay",
    ]
    assert feed.entries[1].url == "https://gazette.example.org/news/cafe-reopens"
    assert all(entry.language == "en-us" for entry in feed.entries)


def test_rss092_item_without_link_keeps_html_description() -> None:
    feed = sample("rss092.xml", "https://radio.example.net/rss")
    (entry,) = feed.entries
    # No link of its own: the episode is its file.
    assert entry.url == "https://radio.example.net/audio/bulletin.mp3"
    assert entry.enclosures == (
        Enclosure("https://radio.example.net/audio/bulletin.mp3", "audio/mpeg", 1234567),
    )
    assert entry.title == "Evening bulletin"
    assert entry.summary == "<p>Flood warnings lifted for the <b>lower valley</b>.</p>"
    assert entry.image_url == ""  # an audio enclosure is not an image


def test_rss10_rdf() -> None:
    feed = sample("rss10.rdf", "https://science.example.com/rss")
    assert feed.kind is FeedKind.RDF
    assert feed.title == "Science Desk"
    assert feed.language == "fr"
    (entry,) = feed.entries
    assert entry.url == "https://science.example.com/2024/comet"
    assert entry.title == "Une comète visible à l\u2019œil nu"
    assert entry.author == "Claire Martin"
    assert entry.published == datetime(2024, 3, 5, 17, 30, tzinfo=UTC)


def test_rss20_fields() -> None:
    feed = sample("rss20.xml", "https://daily.example.com/feeds/rss.xml")
    assert feed.title == "Example & Daily"
    assert feed.home_url == "https://daily.example.com/"
    assert feed.description == "World and local news"
    first, second, third = feed.entries

    assert first.url == "https://daily.example.com/local/bridge-approved?src=rss&id=42"
    assert first.guid == "daily-42"
    assert first.title == "Council approves new bridge"
    assert first.summary == "<p>The vote passed 9 to 2.</p>"
    assert first.content_html.startswith("<p>The vote passed <strong>9 to 2</strong>")
    assert '<img src="/img/bridge.jpg">' in first.content_html  # as given, not rewritten
    assert first.author == "Sam Reporter"
    assert first.published == datetime(2024, 3, 5, 8, 15, tzinfo=UTC)
    assert first.image_url == "https://cdn.example.com/bridge-large.jpg"
    assert first.language == "en-gb"

    assert second.url == "https://daily.example.com/weather/storm-schools"  # the permalink guid
    assert second.author == "Alex Writer"  # "email (name)"
    assert second.image_url == "https://cdn.example.com/storm.png"

    assert third.published is None  # "not a date at all"
    assert third.image_url == "https://cdn.example.com/markets-thumb.jpg"


def test_atom03() -> None:
    feed = sample("atom03.xml", "https://old.example.org/atom.xml")
    assert feed.kind is FeedKind.ATOM
    (entry,) = feed.entries
    assert entry.url == "https://old.example.org/2004/12/still-here"
    assert entry.guid == "tag:old.example.org,2004:1"
    assert entry.content_html == "<p>A post from <i>2004</i>.</p>"
    assert entry.author == "Pat Blogger"
    assert entry.published == datetime(2004, 12, 13, 12, 29, 29, tzinfo=UTC)
    assert entry.updated == datetime(2004, 12, 13, 18, 30, 2, tzinfo=UTC)


def test_atom10_with_root_xml_base() -> None:
    feed = sample("atom10.xml", "https://blog.example.de/journal/atom.xml")
    assert feed.parser == "lxml"  # xml:base applied where it is written
    assert feed.title == "Notizen & Berichte"  # type="html": markup decoded once
    assert feed.description == "Aus der Redaktion"
    assert feed.home_url == "https://blog.example.de/"
    assert feed.language == "de"
    first, second = feed.entries
    assert first.url == "https://blog.example.de/journal/2024/wahl"
    assert first.image_url == "https://blog.example.de/journal/bilder/wahl.jpg"
    assert first.summary == "Kurz: die Opposition gewinnt."
    assert first.content_html == '<p>Die <a href="/journal/2024/zahlen">Zahlen</a> im Detail.</p>'
    assert first.author == "Eva Schreiber"
    assert first.published == datetime(2024, 3, 4, 19, 0, tzinfo=UTC)
    assert first.updated == datetime(2024, 3, 5, 7, 0, tzinfo=UTC)
    assert second.content_html == "<p>Inhalt <em>xhtml</em></p>"  # the xhtml div unwrapped
    assert second.updated == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)  # naive: taken as UTC


def test_json_feed_11() -> None:
    feed = sample("jsonfeed11.json", "https://micro.example.com/feed.json")
    assert feed.kind is FeedKind.JSON
    assert feed.parser == "jsonfeed"
    assert (feed.title, feed.home_url, feed.language) == (
        "Micro News",
        "https://micro.example.com/",
        "en",
    )
    assert len(feed.entries) == 2  # a string item and an item with no usable field are skipped
    first, second = feed.entries
    assert first.title == "Rail strike & delays"
    assert first.content_html == "<p>Trains run <b>hourly</b>.</p>"
    assert first.image_url == "https://micro.example.com/img/rail.jpg"
    assert first.published == datetime(2024, 3, 5, 11, 0, tzinfo=UTC)
    assert first.author == "Dana Lee"
    assert first.language == "en-US"
    assert second.guid == "2"
    assert second.url == "https://other.example.org/story"
    assert second.content_html == "<p>First paragraph.</p><p>Second &lt;paragraph&gt;.</p>"
    assert second.author == "Micro Team"  # the feed's authors
    assert second.published is None


def test_json_feed_10() -> None:
    feed = sample("jsonfeed10.json", "https://oldjson.example.com/feed.json")
    (entry,) = feed.entries
    assert entry.url == "https://oldjson.example.com/posts/1"
    assert entry.author == "Solo Writer"
    assert entry.image_url == "https://oldjson.example.com/banner.png"


def test_json_that_is_not_a_feed() -> None:
    with pytest.raises(FeedParseError, match="JSON"):
        parse_feed(b'{"hello": "world"}', "https://example.com/api")
    with pytest.raises(FeedParseError, match="invalid JSON"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1", ', "https://example.com/")
    with pytest.raises(FeedParseError):
        parse_feed(b"[" * 100_000, "https://example.com/")


def test_news_sitemap() -> None:
    feed = sample("news-sitemap.xml", "https://paper.example.com/news-sitemap.xml")
    assert feed.kind is FeedKind.SITEMAP
    assert feed.parser == "sitemap"
    assert feed.title == "The Example Paper"
    assert feed.language == "en"
    assert len(feed.entries) == 2  # the javascript: URL is dropped
    first, second = feed.entries
    assert first.url == "https://paper.example.com/world/2024/03/05/summit"
    assert first.title == "Leaders meet at summit & agree on trade"
    assert first.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert first.updated == datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    assert first.image_url == "https://paper.example.com/img/summit.jpg"
    assert first.language == "en"
    assert second.url == "https://paper.example.com/world/2024/03/04/ceasefire"
    assert second.updated == datetime(2024, 3, 4, tzinfo=UTC)
    assert second.published is None


def test_sitemap_index_lists_children_once() -> None:
    feed = sample("sitemap-index.xml", "https://paper.example.com/sitemap.xml")
    assert feed.entries == ()
    assert feed.sub_sitemaps == (
        "https://paper.example.com/sitemaps/news.xml",
        "https://paper.example.com/sitemaps/archive-2023.xml.gz",
    )


def test_sitemap_without_namespace_and_gzipped() -> None:
    body = b"<urlset><url><loc>https://a.example/1</loc></url></urlset>"
    for content in (body, gzip.compress(body)):
        feed = parse_feed(content, "https://a.example/sitemap.xml.gz")
        assert [entry.url for entry in feed.entries] == ["https://a.example/1"]


def test_relative_links_resolve_against_the_feed_url() -> None:
    rss = (
        b"<rss version='2.0'><channel><title>t</title><link>/</link>"
        b"<item><title>a</title><link>../story/1</link></item>"
        b"<item><title>b</title><link>javascript:alert(1)</link></item></channel></rss>"
    )
    feed = parse_feed(rss, "https://site.example/feeds/main/rss.xml")
    assert feed.home_url == "https://site.example/"
    assert [entry.url for entry in feed.entries] == ["https://site.example/feeds/story/1", ""]


def test_nested_xml_base_is_applied_by_lxml_or_falls_back_to_feedparser() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b'<entry xml:base="https://other.example/sub/"><title>e</title>'
        b'<link href="post"/><id>urn:x:1</id></entry></feed>'
    )
    outcome = parse_with_details(atom, "https://site.example/atom.xml")
    assert outcome.feed.parser == "lxml"
    assert outcome.feed.entries[0].url == "https://other.example/sub/post"
    libraries = parse_with_details(atom, "https://site.example/atom.xml", "", LIBRARIES_ONLY)
    assert libraries.feed.parser == "feedparser"
    assert libraries.fallback_reason == "xml:base below the root element"
    assert libraries.feed.entries[0].url == "https://other.example/sub/post"
    # Without the rule the fast parser's result is kept, and the link resolves wrongly.
    fast = parse_with_details(atom, "https://site.example/atom.xml", policy=BASE_POLICY)
    assert fast.feed.entries[0].url == "https://site.example/post"


def test_xhtml_titles_are_read_by_lxml_or_fall_back_to_feedparser() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>'
        b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>bold</b> move'
        b'</div></title><link href="https://x.example/1"/><id>urn:x:1</id></entry></feed>'
    )
    feed = parse_feed(atom, "https://x.example/atom")
    assert feed.parser == "lxml"
    assert feed.entries[0].title == "A bold move"
    libraries = parse_with_details(atom, "https://x.example/atom", "", LIBRARIES_ONLY).feed
    assert (libraries.parser, libraries.entries[0].title) == ("feedparser", "A bold move")


def test_undecodable_fast_result_falls_back_and_names_the_parser() -> None:
    # A CDF channel: fastfeedparser does not know the format, feedparser does.
    cdf = b'<CHANNEL HREF="https://cdf.example/"><TITLE>Old channel</TITLE></CHANNEL>'
    feed = parse_feed(cdf, "https://cdf.example/channel.cdf")
    assert feed.parser == "feedparser"
    assert feed.title == "Old channel"


def test_summary_and_content_do_not_depend_on_the_parser() -> None:
    description_only = (
        b"<rss version='2.0'><channel><title>t</title><item><title>a</title>"
        b"<link>https://x.example/a</link><description>&lt;p&gt;Only a summary&lt;/p&gt;"
        b"</description></item></channel></rss>"
    )
    content_only = (
        b"<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
        b"<channel><title>t</title><item><title>a</title><link>https://x.example/a</link>"
        b"<content:encoded>&lt;p&gt;Only &lt;b&gt;content&lt;/b&gt;&lt;/p&gt;</content:encoded>"
        b"</item></channel></rss>"
    )
    for document in (description_only, content_only):
        fast = parse_with_details(document, "https://x.example/rss").feed.entries[0]
        slow = parse_with_details(document, "https://x.example/rss", "", FEEDPARSER_ONLY)
        slow_entry = slow.feed.entries[0]
        assert slow.feed.parser == "feedparser"
        assert (fast.summary, fast.content_html) == (slow_entry.summary, slow_entry.content_html)
    entry = parse_feed(content_only, "https://x.example/rss").entries[0]
    assert entry.content_html == "<p>Only <b>content</b></p>"
    assert entry.summary == "Only content"


def test_large_documents_are_not_handed_to_feedparser() -> None:
    xhtml_title = b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title>'
    entry = b"<entry>%s<link href='https://x.example/%%d'/><id>urn:%%d</id></entry>" % xhtml_title
    entries = b"".join(entry % (number, number) for number in range(FALLBACK_MAX_BYTES // 100))
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>' + entries + b"</feed>"
    outcome = parse_with_details(atom, "https://x.example/atom", "", LIBRARIES_ONLY)
    assert outcome.feed.parser == "fastfeedparser"
    assert "feedparser is given" in outcome.fallback_reason
    assert outcome.feed.entries[5].url == "https://x.example/5"
    # Well-formed, it is read by lxml, whatever its size, titles included.
    read = parse_with_details(atom, "https://x.example/atom").feed
    assert (read.parser, read.entries[5].url, read.entries[5].title) == (
        "lxml",
        "https://x.example/5",
        "x",
    )
    junk = b"<rss>" + b"<" * (FALLBACK_MAX_BYTES + 1)
    with pytest.raises(FeedParseError, match="feedparser is given"):
        parse_feed(junk, "https://x.example/rss")


def test_a_crash_in_feedparser_keeps_the_fast_result(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(data: bytes, base: str) -> None:
        raise KeyError("where")

    monkeypatch.setattr(parse_module, "_feedparser", crash)
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>'
        b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title>'
        b'<link href="https://x.example/1"/><id>urn:1</id></entry></feed>'
    )
    outcome = parse_with_details(atom, "https://x.example/atom", "", LIBRARIES_ONLY)
    assert outcome.feed.parser == "fastfeedparser"
    assert "feedparser raised KeyError" in outcome.fallback_reason
    with pytest.raises(FeedParseError, match="feedparser raised KeyError"):
        parse_feed(b"<CHANNEL><TITLE>cdf</TITLE></CHANNEL>", "https://x.example/")


@pytest.mark.parametrize(
    ("document", "where"),
    [
        (b'<rss version="2.0"><channel><title>T</title><<<item>', "line 1, column 46"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>', "line 2"),
    ],
)
def test_a_broken_document_with_no_items_is_refused_with_where_it_breaks(
    document: bytes, where: str
) -> None:
    parse_feed(document, "https://example.test/feed")  # the libraries read what they can
    with pytest.raises(FeedParseError, match="malformed feed") as refused:
        parse_subscribed_feed(document, "https://example.test/feed")
    assert where in str(refused.value)


def test_an_empty_feed_and_items_recovered_from_a_broken_one_are_kept() -> None:
    empty = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_subscribed_feed(empty, "https://example.test/feed").entries == ()
    broken = (
        b'<rss version="2.0"><channel><title>B</title>'
        b"<item><title>One</title><link>https://example.test/a</link></item><item><title>Two"
    )
    assert len(parse_subscribed_feed(broken, "https://example.test/feed").entries) >= 1

"""The lxml reader of feed documents with items (pipeline/feeds/items.py), through parse_feed.

Each document here is small and well-formed, so parse_feed reads it with lxml alone; each test
checks the FeedEntry fields against what the document says, and against feedparser's reading
where the two could differ.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.pipeline.feeds import parse_feed
from newsdesk.pipeline.feeds.parse import FEEDPARSER_ONLY, parse_with_details

RSS_NAMESPACES = (
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    b'xmlns:media="http://search.yahoo.com/mrss/"'
)


def test_an_rss_item_with_the_usual_modules() -> None:
    rss = (
        b"<rss version='2.0' %s><channel><title>Quay &amp; Co</title>"
        b"<link>https://q.example/</link><description>Harbour news</description>"
        b"<language>en-GB</language><item><title>Tide &lt;b&gt;high&lt;/b&gt;</title>"
        b"<link>/news/1</link><guid isPermaLink='false'>q-1</guid>"
        b"<dc:creator>Ann Reporter</dc:creator><dc:date>2025-04-01T10:00:00+01:00</dc:date>"
        b"<description>Short</description>"
        b"<content:encoded><![CDATA[<p>Long <b>text</b></p>]]></content:encoded>"
        b"<media:thumbnail url='https://cdn.q.example/1.jpg'/></item></channel></rss>"
    ) % RSS_NAMESPACES
    feed = parse_feed(rss, "https://q.example/rss")
    assert feed.parser == "lxml"
    assert (feed.title, feed.home_url, feed.description, feed.language) == (
        "Quay & Co",
        "https://q.example/",
        "Harbour news",
        "en-GB",
    )
    [entry] = feed.entries
    assert (entry.url, entry.guid, entry.title) == ("https://q.example/news/1", "q-1", "Tide high")
    assert (entry.summary, entry.content_html) == ("Short", "<p>Long <b>text</b></p>")
    assert entry.author == "Ann Reporter"
    assert entry.published == datetime(2025, 4, 1, 9, 0, tzinfo=UTC)
    assert entry.image_url == "https://cdn.q.example/1.jpg"
    assert entry.language == "en-GB"


def test_atom_text_constructs_links_and_people() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Blog</title>'
        b'<link rel="self" href="https://b.example/atom"/><link href="https://b.example/"/>'
        b'<entry><title type="html">A &amp;amp; B</title>'
        b'<link rel="enclosure" type="image/png" href="https://b.example/a.png"/>'
        b'<link rel="alternate" href="https://b.example/a"/><id>urn:b:1</id>'
        b"<author><name>Bo</name><email>bo@b.example</email></author>"
        b"<updated>2024-12-01T08:00:00Z</updated>"
        b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        b"<p>One &lt;two&gt;</p></div></content></entry></feed>"
    )
    feed = parse_feed(atom, "https://b.example/atom")
    assert (feed.parser, feed.title, feed.home_url, feed.language) == (
        "lxml",
        "Blog",
        "https://b.example/",
        "de",
    )
    [entry] = feed.entries
    assert (entry.url, entry.guid, entry.title, entry.author) == (
        "https://b.example/a",
        "urn:b:1",
        "A & B",
        "Bo",
    )
    # The XHTML wrapper is gone, and with it every namespace declaration; text stays escaped.
    assert entry.content_html == "<p>One &lt;two&gt;</p>"
    assert entry.summary == "One <two>"
    assert entry.updated == entry.published == datetime(2024, 12, 1, 8, 0, tzinfo=UTC)
    assert entry.image_url == "https://b.example/a.png"
    assert entry.language == "de"


def test_xml_base_and_xml_lang_apply_where_they_are_written() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://s.example/blog/" '
        b'xml:lang="en"><title>t</title>'
        b'<entry xml:base="https://other.example/sub/"><title xml:lang="fr">Un</title>'
        b'<link href="post"/><id>urn:1</id></entry>'
        b'<entry><title>Two</title><link href="two"/><id>urn:2</id></entry></feed>'
    )
    feed = parse_feed(atom, "https://s.example/atom.xml")
    assert feed.parser == "lxml"
    assert [entry.url for entry in feed.entries] == [
        "https://other.example/sub/post",
        "https://s.example/blog/two",
    ]
    assert [entry.language for entry in feed.entries] == ["fr", "en"]
    slow = parse_with_details(atom, "https://s.example/atom.xml", "", FEEDPARSER_ONLY).feed
    assert [entry.url for entry in slow.entries] == [entry.url for entry in feed.entries]
    assert [entry.language for entry in slow.entries] == ["fr", "en"]


def test_rss_1_0_items_beside_the_channel() -> None:
    rdf = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://r.example/">'
        b"<title>RDF</title><link>https://r.example/</link></channel>"
        b'<item rdf:about="https://r.example/1"><title>First</title></item>'
        b'<item rdf:about="https://r.example/2"><title>Second</title>'
        b"<link>https://r.example/two</link></item></rdf:RDF>"
    )
    feed = parse_feed(rdf, "https://r.example/index.rdf")
    assert (feed.parser, feed.title) == ("lxml", "RDF")
    assert [(entry.title, entry.url) for entry in feed.entries] == [
        ("First", "https://r.example/1"),
        ("Second", "https://r.example/two"),
    ]


def test_atom_0_3_base64_and_escaped_modes() -> None:
    atom = (
        b'<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title><entry>'
        b'<title mode="base64">PGI+SGk8L2I+IHRoZXJl</title><id>urn:o:1</id>'
        b'<link rel="alternate" href="https://o.example/1"/>'
        b'<content type="text/html" mode="escaped">&lt;p&gt;Body&lt;/p&gt;</content>'
        b"<issued>2004-12-13T12:29:29Z</issued></entry></feed>"
    )
    [entry] = parse_feed(atom, "https://o.example/atom").entries
    assert (entry.title, entry.content_html) == ("Hi there", "<p>Body</p>")
    assert entry.published == datetime(2004, 12, 13, 12, 29, 29, tzinfo=UTC)


def test_unknown_elements_and_namespaces_are_ignored() -> None:
    rss = (
        b"<rss version='2.0' xmlns:x='https://x.example/ns'><channel><title>t</title>"
        b"<item><x:title>not this</x:title><title>this</title><x:link>https://no/</x:link>"
        b"<link>https://t.example/1</link><comments>https://t.example/1#c</comments>"
        b"</item></channel></rss>"
    )
    [entry] = parse_feed(rss, "https://t.example/rss").entries
    assert (entry.title, entry.url) == ("this", "https://t.example/1")

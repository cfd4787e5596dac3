"""Hostile and broken input: entity bombs, external entities, wrong encodings, non-feeds, junk.

parse_feed must return a ParsedFeed or raise FeedParseError, never anything else; it must never
expand an entity bomb, read a file or open a connection.
"""

from __future__ import annotations

import gzip
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import FeedParseError
from newsdesk.pipeline.feeds import parse as parse_module
from newsdesk.pipeline.feeds import parse_feed
from newsdesk.pipeline.feeds.parse import FallbackPolicy, parse_with_details
from newsdesk.pipeline.feeds.safety import MAX_DOCUMENT_BYTES, prepare_xml
from newsdesk.types import ParsedFeed
from tests.support.server import LocalServer

URL = "https://feeds.example.com/rss.xml"
ITEM = b"<item><title>%s</title><link>https://feeds.example.com/a</link></item>"


def rss(doctype: bytes = b"", title: bytes = b"Title", prolog: bytes = b"") -> bytes:
    return (
        prolog + b'<?xml version="1.0"?>\n' + doctype + b'\n<rss version="2.0"><channel>'
        b"<title>Feed</title>" + ITEM % title + b"</channel></rss>"
    )


def all_text(feed: ParsedFeed) -> str:
    parts = [feed.title, feed.description]
    for entry in feed.entries:
        parts += [entry.title, entry.summary, entry.content_html, entry.url, entry.guid]
    return " ".join(parts)


# ----------------------------------------------------------------------------- entities


def test_billion_laughs_is_refused_quickly() -> None:
    levels = [b'<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        reference = b"&lol%d;" % (level - 1)
        levels.append(b'<!ENTITY lol%d "%s">' % (level, reference * 10))
    doctype = b"<!DOCTYPE rss [\n" + b"\n".join(levels) + b"\n]>"
    started = time.perf_counter()
    with pytest.raises(FeedParseError, match="entity expansion bomb"):
        parse_feed(rss(doctype, title=b"&lol9;"), URL)
    assert time.perf_counter() - started < 1


def test_quadratic_blowup_is_refused() -> None:
    doctype = b'<!DOCTYPE rss [<!ENTITY a "' + b"x" * 50_000 + b'">]>'
    started = time.perf_counter()
    with pytest.raises(FeedParseError, match="over budget"):
        parse_feed(rss(doctype, title=b"&a;" * 50_000), URL)
    assert time.perf_counter() - started < 1


def test_a_few_simple_entities_are_expanded_within_budget() -> None:
    doctype = b'<!DOCTYPE rss [\n  <!ENTITY org "Example &#38; Co">\n  <!ENTITY nb "&#160;">\n]>'
    feed = parse_feed(rss(doctype, title=b"News from &org;&nb;today"), URL)
    # Titles are plain text: the no-break space is collapsed like any other space.
    assert feed.entries[0].title == "News from Example & Co today"


def test_entities_in_cdata_are_left_alone() -> None:
    doctype = b'<!DOCTYPE rss [<!ENTITY org "Example">]>'
    feed = parse_feed(rss(doctype, title=b"<![CDATA[&org; stays]]> &org;"), URL)
    assert feed.entries[0].title == "&org; stays Example"


def test_external_entity_to_a_file_is_refused_and_the_file_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    doctype = b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "%s">]>' % secret.as_uri().encode()
    with pytest.raises(FeedParseError, match="XXE") as raised:
        parse_feed(rss(doctype, title=b"&xxe;"), URL)
    assert "TOP-SECRET-MARKER" not in str(raised.value)


def test_external_parameter_entity_is_dropped_without_reading(tmp_path: Path) -> None:
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "TOP-SECRET-MARKER">')
    doctype = b'<!DOCTYPE rss [<!ENTITY %% ext SYSTEM "%s"> %%ext;]>' % secret.as_uri().encode()
    feed = parse_feed(rss(doctype, title=b"Title &leak;"), URL)
    assert "TOP-SECRET-MARKER" not in all_text(feed)
    assert feed.entries[0].title.startswith("Title")


@pytest.mark.parametrize("libraries", [False, True])
@pytest.mark.parametrize("fallback", [False, True])
def test_no_network_access_for_dtds_or_entities(
    local_server: LocalServer, fallback: bool, libraries: bool
) -> None:
    dtd = local_server.add("/evil.dtd", b'<!ENTITY leak "REMOTE-MARKER">').encode()
    # type="xhtml" titles send the document on to feedparser as well.
    title = b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title>'
    entry = title if fallback else b"<title>x</title>"
    documents = [
        b'<!DOCTYPE feed SYSTEM "%s"><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>t</title><entry>%s<id>urn:a</id>&leak;</entry></feed>" % (dtd, entry),
        b'<!DOCTYPE feed [<!ENTITY %% r SYSTEM "%s"> %%r;]>'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<entry>%s<id>urn:a</id><summary>&leak;</summary></entry></feed>" % (dtd, entry),
    ]
    policy = FallbackPolicy(items=not libraries)
    for document in documents:
        outcome = parse_with_details(document, URL, "", policy)
        expected = ("feedparser" if fallback else "fastfeedparser") if libraries else "lxml"
        assert outcome.feed.parser == expected
        assert "REMOTE-MARKER" not in all_text(outcome.feed)
    remote_entity = b'<!DOCTYPE feed [<!ENTITY leak SYSTEM "%s">]><feed/>' % dtd
    with pytest.raises(FeedParseError, match="XXE"):
        parse_feed(remote_entity, URL)
    assert local_server.hits["/evil.dtd"] == 0


def test_sitemap_with_external_entity_is_refused() -> None:
    sitemap = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>https://a.example/&x;</loc></url></urlset>"
    )
    with pytest.raises(FeedParseError, match="XXE"):
        parse_feed(sitemap, "https://a.example/sitemap.xml")


def test_entity_declaration_after_junk_is_refused() -> None:
    document = b"<br> junk <?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'b'>]>" + rss()
    with pytest.raises(FeedParseError, match="entity declaration"):
        parse_feed(document, URL)


def test_unterminated_doctype_is_refused() -> None:
    with pytest.raises(FeedParseError, match="DOCTYPE"):
        parse_feed(b'<!DOCTYPE rss [<!ENTITY a "b">' + b" " * 1000, URL)


def test_bytes_naming_a_file_are_not_read_as_that_file(tmp_path: Path) -> None:
    # feedparser.parse(b"/some/path") opens the file; parse_feed hands it a BytesIO.
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<rss version='2.0'><channel><title>FROM DISK</title></channel></rss>")
    with pytest.raises(FeedParseError, match="no XML element"):
        parse_feed(str(path).encode(), URL)
    # The same bytes given straight to the fallback call: parsed as a document, not opened.
    result = parse_module._feedparser(str(path).encode(), "")
    assert result["feed"].get("title") != "FROM DISK"


def test_no_dtd_reaches_the_parsers() -> None:
    doctype = b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://x/">'
    prepared = prepare_xml(rss(doctype))
    assert b"<!DOCTYPE" not in prepared.data
    assert parse_feed(rss(doctype), URL).entries[0].title == "Title"


# ----------------------------------------------------------------------------- encodings


def feed_title(document: bytes, content_type: str = "") -> str:
    return parse_feed(document, URL, content_type).entries[0].title


def test_declared_latin1_but_utf8_bytes() -> None:
    document = rss(title="Café déjà vu".encode()).replace(
        b'"1.0"?>', b'"1.0" encoding="ISO-8859-1"?>'
    )
    assert feed_title(document) == "Café déjà vu"


def test_declared_utf8_but_windows_1252_bytes() -> None:
    title = "Caf\xe9 \u2013 menu"
    document = rss(title=title.encode("cp1252"))
    assert feed_title(document.replace(b'"1.0"?>', b'"1.0" encoding="utf-8"?>')) == title


def test_http_charset_is_used_when_the_document_names_none() -> None:
    document = rss(title="Привет".encode("koi8-r"))
    assert feed_title(document, "application/rss+xml; charset=KOI8-R") == "Привет"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_and_without_marks(encoding: str) -> None:
    text = rss(title="Ünïcödé “quotes”".encode()).decode()
    declared = text.replace('"1.0"?>', f'"1.0" encoding="{encoding.split("-sig")[0]}"?>')
    assert feed_title(declared.encode(encoding)) == "Ünïcödé “quotes”"


def test_ebcdic_document() -> None:
    text = rss(title=b"Mainframe news").decode().replace('"1.0"?>', '"1.0" encoding="cp037"?>')
    assert feed_title(text.encode("cp037")) == "Mainframe news"


def test_bom_wins_over_a_wrong_declaration() -> None:
    document = b"\xef\xbb\xbf" + rss(title="naïve".encode()).replace(
        b'"1.0"?>', b'"1.0" encoding="utf-16"?>'
    )
    assert feed_title(document) == "naïve"


def test_html_entities_and_windows_1252_references() -> None:
    title = b"Caf&eacute;&nbsp;&amp; don&#146;t &#X41;&copy; &unknown; AT&T"
    assert feed_title(rss(title=title)) == "Café & don\u2019t A© &unknown; AT&T"


def test_control_characters_are_dropped() -> None:
    assert feed_title(rss(title=b"Form\x0cfeed\x00 title\x1b")) == "Formfeed title"


def test_bare_ampersand_in_a_link_survives() -> None:
    document = rss().replace(b"https://feeds.example.com/a", b"https://feeds.example.com/a?x=1&y=2")
    assert parse_feed(document, URL).entries[0].url == "https://feeds.example.com/a?x=1&y=2"


# ----------------------------------------------------------------------------- not feeds


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b" \n\t ", "empty document"),
        (b"\xef\xbb\xbf  ", "empty document"),
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body>x</body></html>", "HTML"),
        (b"<html><body><p>Not found</p></body></html>", "HTML"),
        (b"  <!doctype html>\n<meta charset=utf-8><p>hi", "HTML"),
        (b"plain text, no markup at all", "no XML element"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>", "root element <svg>"),
        (b"<opml version='2.0'><body/></opml>", "OPML"),
        (b"\x1f\x8bnot really gzip", "corrupt gzip"),
        (b"<!-- only a comment -->", "no XML element"),
    ],
)
def test_not_feeds_give_clear_errors(content: bytes, message: str) -> None:
    with pytest.raises(FeedParseError, match=message):
        parse_feed(content, URL)


def test_binary_junk() -> None:
    junk = random.Random(7).randbytes(200_000)
    with pytest.raises(FeedParseError):
        parse_feed(junk, URL)


def test_too_large_and_gzip_bombs_are_refused() -> None:
    with pytest.raises(FeedParseError, match="too large"):
        parse_feed(b" " * (MAX_DOCUMENT_BYTES + 1), URL)
    bomb = gzip.compress(b"\0" * (MAX_DOCUMENT_BYTES + 1024), compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(FeedParseError, match="inflates past"):
        parse_feed(bomb, URL)


def test_malformed_but_recoverable_feed() -> None:
    broken = b"<rss version='2.0'><channel><title>Broken</title><item><title>One</title>"
    broken += b"<link>https://x.example/1</link></item><item><title>Two <b>unclosed"
    feed = parse_feed(broken, URL)
    assert feed.title == "Broken"
    assert feed.entries[0].title == "One"


def test_huge_valid_feed_parses() -> None:
    items = b"".join(ITEM % (b"Item %d" % number) for number in range(20_000))
    document = b"<rss version='2.0'><channel><title>Big</title>" + items + b"</channel></rss>"
    feed = parse_feed(document, URL)
    assert len(feed.entries) == 20_000


# ----------------------------------------------------------------------------- properties

ANY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def outcome_of(content: bytes) -> ParsedFeed | FeedParseError:
    try:
        return parse_feed(content, URL)
    except FeedParseError as error:
        assert str(error)
        return error


@ANY_SETTINGS
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_only_raise_feed_parse_error(content: bytes) -> None:
    outcome_of(content)


@ANY_SETTINGS
@given(
    prefix=st.sampled_from([b"", b"<?xml version='1.0'?>", b"\xef\xbb\xbf", b"\xff\xfe", b"{"]),
    root=st.sampled_from([b"rss", b"feed", b"rdf:RDF", b"urlset", b"sitemapindex", b"channel"]),
    body=st.binary(max_size=2048),
)
def test_feed_shaped_junk_only_raises_feed_parse_error(
    prefix: bytes, root: bytes, body: bytes
) -> None:
    outcome_of(prefix + b"<" + root + b">" + body)


@ANY_SETTINGS
@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_text_in_feed_fields(title: str, link: str) -> None:
    item = f"<item><title>{title}</title><link>{link}</link><pubDate>{title}</pubDate></item>"
    document = f"<rss version='2.0'><channel><title>{link}</title>{item}</channel></rss>"
    outcome_of(document.encode("utf-8", errors="surrogatepass"))


@ANY_SETTINGS
@given(st.data())
def test_corrupted_samples_only_raise_feed_parse_error(data: st.DataObject) -> None:
    samples = sorted(p for p in (Path(__file__).parent / "feedsamples").iterdir() if p.is_file())
    content = bytearray(data.draw(st.sampled_from(samples)).read_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    outcome_of(bytes(content))

"""OPML import and export: nested folders, round trips, malformed and hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import OPMLError
from newsdesk.pipeline.feeds import OutlineFeed, parse_opml, render_opml

SAMPLES = Path(__file__).parent / "feedsamples"


def test_parse_nested_outlines() -> None:
    feeds = parse_opml((SAMPLES / "subscriptions.opml").read_bytes())
    assert feeds == [
        OutlineFeed(
            xml_url="https://daily.example.com/rss.xml",
            title="Example Daily",
            html_url="https://daily.example.com/",
            categories=("News/World",),
        ),
        # xmlurl in lower case, and a bare "&" in the attribute, as hand-edited files have them
        OutlineFeed(
            xml_url="https://gazette.example.org/rss?a=1&b=2",
            title="Harbour Gazette",
            categories=("News",),
        ),
        OutlineFeed(xml_url="https://top.example.net/feed", title="Top level"),
        # every path of the category attribute
        OutlineFeed(
            xml_url="https://tagged.example.net/feed",
            title="Tagged",
            categories=("Tech/Phones", "Other"),
        ),
        # kept as written, so the importer reports it rather than dropping it unseen
        OutlineFeed(xml_url="file:///etc/passwd", title="Bad scheme"),
    ]  # the non-feed outline is left out; the duplicate is one feed (see below)


def test_round_trip() -> None:
    feeds = [
        OutlineFeed("https://a.example/rss", "A & B <news>", "https://a.example/", ("News",)),
        OutlineFeed("https://b.example/atom?x=1&y=2", "B", "", ("News",)),
        OutlineFeed("https://c.example/feed", "", "", ()),
        OutlineFeed("https://d.example/feed", "D \"quoted\" 'title'", "", ("Tech/Phones",)),
        OutlineFeed("https://e.example/feed", "É", "", ("Tech",)),
    ]
    text = render_opml(feeds, title="Mine")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "<title>Mine</title>" in text
    assert parse_opml(text.encode()) == feeds


def test_round_trip_groups_by_category_in_first_seen_order() -> None:
    feeds = [
        OutlineFeed("https://1.example/", "1", categories=("B",)),
        OutlineFeed("https://2.example/", "2", categories=("A",)),
        OutlineFeed("https://3.example/", "3", categories=("B",)),
    ]
    parsed = parse_opml(render_opml(feeds).encode())
    assert [feed.xml_url for feed in parsed] == [
        "https://1.example/",
        "https://3.example/",
        "https://2.example/",
    ]
    assert sorted(parsed, key=lambda feed: feed.xml_url) == feeds


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(
            OutlineFeed,
            xml_url=st.integers(0, 10**6).map(lambda number: f"https://feeds.example/{number}"),
            title=st.text(st.characters(exclude_categories=["Cs", "Cc", "Cn"]), max_size=40).map(
                lambda text: " ".join(text.split())
            ),
            categories=st.lists(
                st.sampled_from(["News", "News/World", "Tech", "Café & Co"]), unique=True
            ).map(tuple),
        ),
        max_size=15,
        unique_by=lambda feed: feed.xml_url,
    )
)
def test_round_trip_property(feeds: list[OutlineFeed]) -> None:
    parsed = parse_opml(render_opml(feeds).encode())
    assert as_sets(parsed) == as_sets(feeds)


def as_sets(feeds: list[OutlineFeed]) -> dict[str, tuple[str, str, frozenset[str]]]:
    """Feeds by URL with their categories as a set: folders are written in first-seen order, so
    a feed's categories come back in the order of the folders, not of its own list."""
    return {f.xml_url: (f.title, f.html_url, frozenset(f.categories)) for f in feeds}


def test_characters_xml_cannot_carry_are_dropped_on_export() -> None:
    feeds = [OutlineFeed("https://a.example/", "bad\x00\ufffe title\x1b", categories=("x\x0cy",))]
    assert parse_opml(render_opml(feeds, title="t\x00").encode()) == [
        OutlineFeed("https://a.example/", "bad title", categories=("xy",))
    ]


def test_opml_10_without_head_and_in_latin1() -> None:
    opml = '<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><body>'
    opml += '<outline text="Caf\xe9" type="rss" xmlUrl="feed://cafe.example/rss"/></body></opml>'
    assert parse_opml(opml.encode("latin-1")) == [
        OutlineFeed(xml_url="http://cafe.example/rss", title="Café")
    ]


def test_empty_body_is_an_empty_list() -> None:
    assert parse_opml(b"<opml version='2.0'><head/><body/></opml>") == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"not xml at all", "malformed"),
        (b"<opml><body><outline></body></opml>", "malformed"),
        (b"<rss version='2.0'><channel/></rss>", "root element <rss>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (
            b'<!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<opml><body><outline xmlUrl="https://x.example/&b;"/></body></opml>',
            "unsafe",
        ),
        (
            b'<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<opml><body><outline text='&x;' xmlUrl='https://x.example/'/></body></opml>",
            "unsafe",
        ),
    ],
)
def test_malformed_and_unsafe_opml(content: bytes, message: str) -> None:
    with pytest.raises(OPMLError, match=message):
        parse_opml(content)


def test_deeply_nested_folders_do_not_recurse() -> None:
    depth = 5000
    opml = b"<opml><body>" + b"<outline text='f'>" * depth
    opml += b"<outline xmlUrl='https://deep.example/'/>" + b"</outline>" * depth + b"</body></opml>"
    (feed,) = parse_opml(opml)
    (category,) = feed.categories
    assert category.count("/") == depth - 1

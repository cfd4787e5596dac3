"""OPML as Miniflux, FreshRSS, Feedly and Inoreader export it: folders (one feed in two of them),
``title`` against ``text``, the category attribute, and entries that are not feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.pipeline.feeds import OutlineFeed, parse_opml, read_opml, render_opml

SHAPES = Path(__file__).parent / "feedsamples" / "opml"
APPS = ("miniflux", "freshrss", "feedly", "inoreader")


def read(app: str) -> bytes:
    return (SHAPES / f"{app}.opml").read_bytes()


def by_url(feeds: list[OutlineFeed]) -> dict[str, OutlineFeed]:
    return {feed.xml_url: feed for feed in feeds}


def test_miniflux_categories_titles_and_its_own_attributes() -> None:
    document = read_opml(read("miniflux"))
    assert document.skipped == []
    feeds = by_url(document.feeds)
    assert len(feeds) == 7
    assert feeds["https://lwn.net/headlines/rss"] == OutlineFeed(
        "https://lwn.net/headlines/rss", "LWN.net", "https://lwn.net", ("All",)
    )
    assert feeds["https://feeds.arstechnica.com/arstechnica/index"].categories == (
        "Science & Tech",
    )
    le_monde = feeds["https://www.lemonde.fr/rss/une.xml"]
    assert le_monde.title == "Le Monde.fr - Actualités et Infos en France et dans le monde"
    assert le_monde.categories == ("News",)
    # a feed Miniflux keeps disabled is still a subscription
    assert "https://feeds.npr.org/1001/rss.xml" in feeds


def test_freshrss_feeds_and_the_entries_that_are_not_feeds() -> None:
    document = read_opml(read("freshrss"))
    feeds = by_url(document.feeds)
    assert list(feeds) == [
        "https://github.com/FreshRSS/FreshRSS/releases.atom",
        "https://www.theguardian.com/world/rss",
        "https://www.aljazeera.com/xml/rss/all.xml",
        "https://www.harbourtown.example/notices/",  # HTML+XPath: a web feed with its recipe
        "https://www.jsonfeed.org/feed.json",  # type="JSONFeed" is a JSON Feed: a feed
        "https://daringfireball.net/feeds/main",
        "https://jvns.ca/atom.xml",
    ]
    # FreshRSS writes "text" only; it is the feed's name
    assert feeds["https://www.theguardian.com/world/rss"].title == "The Guardian - World news"
    assert feeds["https://github.com/FreshRSS/FreshRSS/releases.atom"].categories == (
        "Uncategorized",
    )
    assert feeds["https://jvns.ca/atom.xml"].categories == ("Blogroll",)
    assert feeds["https://www.harbourtown.example/notices/"].recipe == {
        "syntax": "xpath",
        "item": '//div[@class="notice"]',
        "title": "descendant::h3",
        "link": "descendant::a/@href",
        "date": "descendant::time/@datetime",
        "summary": 'descendant::div[@class="body"]',
        "image": "descendant::img/@src",
    }
    assert feeds["https://www.theguardian.com/world/rss"].recipe == {}

    reasons = {entry.url: entry.reason for entry in document.skipped}
    assert [entry.title for entry in document.skipped] == [
        "Ferry timetable changes",
        "Port authority press",
        "Blogroll",
    ]
    assert (
        '(type "JSON+DotNotation")' in reasons["https://api.harbourferries.example/v1/changes.json"]
    )
    assert '(type "XML+XPath")' in reasons["https://www.portauthority.example/press.xml"]
    assert "another OPML file" in reasons["https://blogroll.example.org/friends.opml"]
    # parse_opml gives the feeds alone
    assert parse_opml(read("freshrss")) == document.feeds


def test_feedly_one_feed_in_two_folders_keeps_both() -> None:
    feeds = by_url(parse_opml(read("feedly")))
    assert len(feeds) == 5
    assert feeds["https://feeds.bbci.co.uk/news/world/rss.xml"] == OutlineFeed(
        "https://feeds.bbci.co.uk/news/world/rss.xml",
        "BBC News",
        "https://www.bbc.co.uk/news/world",
        ("World", "Must Read"),
    )
    assert feeds["https://www.theverge.com/rss/index.xml"].categories == ("Must Read", "Tech")
    assert feeds["https://rss.nytimes.com/services/xml/rss/nyt/World.xml"].title == (
        "NYT > World News"
    )


def test_inoreader_two_folders_title_over_text_and_a_feed_in_no_folder() -> None:
    feeds = by_url(parse_opml(read("inoreader")))
    ars = feeds["https://feeds.arstechnica.com/arstechnica/index"]
    assert ars.categories == ("Technology", "Morning reading")
    # "title" is the feed's own title, "text" what the app showed: the feed's own wins
    assert feeds["https://rss.dw.com/rdf/rss-en-all"].title == "DW | Deutsche Welle"
    assert feeds["https://hnrss.org/frontpage"].categories == ()


@pytest.mark.parametrize("app", APPS)
def test_each_shape_reads_back_the_same_after_export(app: str) -> None:
    feeds = parse_opml(read(app))
    again = parse_opml(render_opml(feeds).encode())
    assert {f.xml_url: (f.title, f.html_url, set(f.categories)) for f in again} == {
        f.xml_url: (f.title, f.html_url, set(f.categories)) for f in feeds
    }


def test_a_feed_in_two_folders_is_written_in_both() -> None:
    feed = OutlineFeed("https://a.example/rss", "A", "https://a.example/", ("News", "Tech/Phones"))
    text = render_opml([feed, OutlineFeed("https://b.example/rss", "B")])
    assert text.count('xmlUrl="https://a.example/rss"') == 2
    assert parse_opml(text.encode()) == [feed, OutlineFeed("https://b.example/rss", "B")]


def test_folders_merge_with_the_category_attribute_and_a_second_listing_fills_gaps() -> None:
    opml = b"""<opml version="2.0"><body>
      <outline text="News"><outline text="Gazette" xmlUrl="https://g.example/rss"/></outline>
      <outline title="Local"><outline type="rss" xmlUrl="https://g.example/rss"
        htmlUrl="https://g.example/" category="/News,/Harbour/Ferries"/></outline>
    </body></opml>"""
    assert parse_opml(opml) == [
        OutlineFeed(
            "https://g.example/rss",
            "Gazette",
            "https://g.example/",
            ("News", "Local", "Harbour/Ferries"),
        )
    ]


@pytest.mark.parametrize(
    ("outline", "reason"),
    [
        ('type="HTML+XPath+JSON+DotNotation" xmlUrl="https://x.example/"', "web-scraping"),
        ('type="JSON+DotPath" xmlUrl="https://x.example/"', "web-scraping"),
        ('type="opml" xmlUrl="https://x.example/list.opml"', "another OPML file"),
        ('type="include" url="https://x.example/list.opml"', "another OPML file"),
        ('type="html" xmlUrl="https://x.example/"', 'not a feed: outline type "html"'),
    ],
)
def test_outlines_that_are_not_feeds_are_reported(outline: str, reason: str) -> None:
    document = read_opml(f'<opml><body><outline text="X" {outline}/></body></opml>'.encode())
    assert document.feeds == []
    (skipped,) = document.skipped
    assert skipped.url.startswith("https://x.example/") and skipped.title == "X"
    assert reason in skipped.reason


@pytest.mark.parametrize("kind", ["", "rss", "RSS", "atom", "JSONFeed", "application/rss+xml"])
def test_feed_types_are_feeds(kind: str) -> None:
    opml = f'<opml><body><outline type="{kind}" xmlUrl="https://x.example/f"/></body></opml>'
    document = read_opml(opml.encode())
    assert document.feeds == [OutlineFeed("https://x.example/f")]
    assert document.skipped == []


def test_links_and_notes_are_neither_feeds_nor_reported() -> None:
    opml = b"""<opml><body><outline type="link" text="Home" url="https://x.example/"/>
      <outline text="A note"/></body></opml>"""
    assert read_opml(opml) == read_opml(b"<opml><body/></opml>")

"""Episodes in feeds: audio and video files from RSS enclosures, Atom enclosure links,
Media RSS and JSON Feed attachments, with the iTunes fields the libraries leave out, read the
same whichever library parsed the feed."""

from __future__ import annotations

import json

import pytest

from newsdesk.pipeline.feeds import parse_feed
from newsdesk.pipeline.feeds.episodes import media_type_of, parse_duration
from newsdesk.pipeline.feeds.parse import FEEDPARSER_ONLY, parse_with_details
from newsdesk.pipeline.feeds.route import FallbackPolicy
from newsdesk.types import Enclosure

PODCAST = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Harbour Hour</title><link>https://pod.example/</link>
<itunes:image href="https://pod.example/show.jpg"/>
<item><title>Episode 1</title><guid isPermaLink="false">ep-1</guid>
  <content:encoded><![CDATA[<p>Show notes</p>]]></content:encoded>
  <enclosure url="/files/ep1.mp3" length="12345" type="audio/mpeg"/>
  <itunes:duration>1:02:03</itunes:duration>
  <itunes:image href="https://pod.example/ep1.jpg"/>
</item>
<item><title>Episode 2</title><link>https://pod.example/ep2</link>
  <itunes:summary>Notes from the summary</itunes:summary>
  <enclosure url="https://cdn.pod.example/ep2.m4a" length="99" type=""/>
  <itunes:duration>754</itunes:duration>
</item>
<item><title>A clip</title><link>https://pod.example/clip</link>
  <media:content url="https://cdn.pod.example/clip.mp4" type="video/mp4" medium="video"/>
  <media:content url="https://cdn.pod.example/clip.jpg" medium="image"/>
</item>
<item><title>News with a picture</title><link>https://pod.example/news</link>
  <description>Words</description>
  <enclosure url="https://pod.example/pic.jpg" length="10" type="image/jpeg"/>
</item>
</channel></rss>"""


READERS = {
    "lxml": None,
    "fastfeedparser": FallbackPolicy(items=False),
    "feedparser": FEEDPARSER_ONLY,
}


@pytest.mark.parametrize("reader", list(READERS))
def test_podcast_items_become_episodes(reader: str) -> None:
    url = "https://pod.example/feed.xml"
    policy = READERS[reader]
    feed = (
        parse_with_details(PODCAST, url, policy=policy).feed if policy else parse_feed(PODCAST, url)
    )
    assert feed.parser == reader
    first, second, clip, news = feed.entries
    assert first.enclosures == (
        Enclosure("https://pod.example/files/ep1.mp3", "audio/mpeg", 12345, 3723),
    )
    assert first.url == "https://pod.example/files/ep1.mp3"  # no page: the episode is its file
    assert first.image_url == "https://pod.example/ep1.jpg"
    assert "Show notes" in first.content_html
    assert second.enclosures == (
        Enclosure("https://cdn.pod.example/ep2.m4a", "audio/mp4", 99, 754),
    )
    assert second.summary == "Notes from the summary"  # itunes:summary when nothing else
    assert second.image_url == "https://pod.example/show.jpg"  # the show's image
    assert [e.url for e in clip.enclosures] == ["https://cdn.pod.example/clip.mp4"]
    assert clip.enclosures[0].medium == "video"
    assert clip.image_url == "https://cdn.pod.example/clip.jpg"
    assert news.enclosures == () and news.image_url == "https://pod.example/pic.jpg"


def test_atom_enclosure_links_and_json_feed_attachments() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Clips</title>
<entry><title>One</title><id>urn:x:1</id><link href="https://clips.example/1"/>
<link rel="enclosure" href="https://clips.example/1.webm" type="video/webm" length="500"/>
<updated>2026-12-01T06:00:00Z</updated></entry></feed>"""
    (entry,) = parse_feed(atom, "https://clips.example/atom").entries
    # (fastfeedparser keeps no length of an Atom link)
    assert [(e.url, e.media_type) for e in entry.enclosures] == [
        ("https://clips.example/1.webm", "video/webm")
    ]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Show",
        "items": [
            {
                "id": "7",
                "content_html": "<p>Notes</p>",
                "attachments": [
                    {
                        "url": "https://show.example/7.mp3",
                        "mime_type": "audio/mpeg",
                        "size_in_bytes": 2048,
                        "duration_in_seconds": 1800,
                    },
                    {"url": "https://show.example/7.pdf", "mime_type": "application/pdf"},
                    {"url": "javascript:alert(1)", "mime_type": "audio/mpeg"},
                ],
            }
        ],
    }
    (item,) = parse_feed(json.dumps(document).encode(), "https://show.example/feed.json").entries
    assert item.enclosures == (Enclosure("https://show.example/7.mp3", "audio/mpeg", 2048, 1800),)
    assert item.url == "https://show.example/7.mp3"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("3723", 3723),
        ("3723.6", 3723),
        ("62:03", 3723),
        ("1:02:03", 3723),
        (" 0:45 ", 45),
        ("", None),
        ("0", None),
        ("an hour", None),
        ("1:2:3:4", None),
        ("99999999", None),
    ],
)
def test_durations(text: str, seconds: int | None) -> None:
    assert parse_duration(text) == seconds


def test_media_types_from_declared_type_or_extension() -> None:
    assert media_type_of("audio/mpeg; charset=x", "https://a.example/x") == "audio/mpeg"
    assert media_type_of("", "https://a.example/x.MP3?token=1") == "audio/mpeg"
    assert media_type_of("application/octet-stream", "https://a.example/x.m4a") == "audio/mp4"
    assert media_type_of("", "https://a.example/x.mp4", medium="audio") == "audio/mp4"
    assert media_type_of("image/jpeg", "https://a.example/x.mp3") == ""
    assert media_type_of("", "https://a.example/x") == ""
    assert media_type_of("", "https://a.example/x.mp3/") == ""

"""Feed dates become aware UTC datetimes; what cannot be read becomes None."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.pipeline.feeds import parse_feed
from newsdesk.pipeline.feeds.dates import parse_datetime
from newsdesk.pipeline.feeds.parse import STRICT_FAST_DATES, FallbackPolicy, parse_with_details


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 05 Mar 2024 09:15:00 +0100", datetime(2024, 3, 5, 8, 15, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 09:15:00 GMT", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("05 Mar 2024 09:15:00 EST", datetime(2024, 3, 5, 14, 15, tzinfo=UTC)),
        ("Tue, 5 Mar 2024 09:15 PDT", datetime(2024, 3, 5, 16, 15, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 09:15:00 CEST", datetime(2024, 3, 5, 7, 15, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 09:15:00", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("Tuesday, 05 Mar 24 09:15:00 +0000", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("2024-03-05T09:15:00Z", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("2024-03-05T09:15:00.123456789+05:30", datetime(2024, 3, 5, 3, 45, 0, 123456, UTC)),
        ("2024-03-05T09:15:00-0400", datetime(2024, 3, 5, 13, 15, tzinfo=UTC)),
        ("2024-03-05 09:15:00", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("2024-03-05T09:15", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
        ("2024-03-05T24:00:00Z", datetime(2024, 3, 6, tzinfo=UTC)),
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
        ("2024-03", datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024", datetime(2024, 1, 1, tzinfo=UTC)),
        ("  2024-03-05T09:15:00z \n", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
    ],
)
def test_readable_dates(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "not a date",
        "yesterday",
        "2024-13-45",
        "2024-02-30T10:00:00Z",
        "Tue, 32 Mar 2024 09:15:00 GMT",
        "2024-03-05T09:15:00+25:00",
        "9" * 500,
        "0000-01-01T00:00:00+01:00",
    ],
)
def test_unreadable_dates_are_none(text: str | None) -> None:
    assert parse_datetime(text) is None


def test_dates_in_a_parsed_feed_are_aware_utc() -> None:
    rss = b"""<rss version="2.0"><channel><title>t</title>
      <item><title>a</title><link>https://x.example/a</link>
        <pubDate>Mon, 04 Mar 2024 23:30:00 -0800</pubDate></item>
      <item><title>b</title><link>https://x.example/b</link>
        <pubDate>2024-03-05T10:00:00</pubDate></item>
      <item><title>c</title><link>https://x.example/c</link>
        <pubDate>sometime soon</pubDate></item>
    </channel></rss>"""
    entries = parse_feed(rss, "https://x.example/rss").entries
    assert entries[0].published == datetime(2024, 3, 5, 7, 30, tzinfo=UTC)
    assert entries[1].published == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    assert entries[2].published is None
    for entry in entries[:2]:
        assert entry.published is not None and entry.published.utcoffset() is not None


def test_the_fast_parser_invents_no_dates() -> None:
    """fastfeedparser alone reads "Tuesday" as next Tuesday and a numeric guid as a day."""
    assert STRICT_FAST_DATES, "fastfeedparser's date function was not replaced: check fastdates"
    items = "".join(
        f"<item><title>{value}</title><link>https://x.example/{number}</link>"
        f"<guid isPermaLink='false'>{number + 10}</guid><pubDate>{value}</pubDate></item>"
        for number, value in enumerate(["Tuesday", "yesterday", "12", "Jan 2024", ""])
    )
    document = f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()
    feed = parse_with_details(document, "https://x.example/rss", "", FallbackPolicy(items=False))
    assert feed.feed.parser == "fastfeedparser"
    assert [entry.published for entry in feed.feed.entries] == [None] * 5
    read = parse_feed(document, "https://x.example/rss")  # lxml: the same date reader
    assert read.parser == "lxml"
    assert [entry.published for entry in read.entries] == [None] * 5

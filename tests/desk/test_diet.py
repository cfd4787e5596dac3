"""A reader's reading diet: the spread of 30 days of reading, and other voices on their stories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from newsdesk.desk.readers.diet import reading_diet
from newsdesk.desk.readers.following import follow
from newsdesk.readers.models import FollowKind, ReadMark
from newsdesk.sources.models import Source
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def source(name: str, country: str = "", ownership: str = "") -> Source:
    made = make_source(name, NOW, feed=False)
    Source.objects.filter(pk=made.pk).update(country=country, ownership=ownership)
    made.refresh_from_db()
    return made


def test_the_spread_counts_every_read_and_unknowns_too() -> None:
    reader = make_reader("ana")
    times, post, wire = source("Times", "GB", "private"), source("Post", "US"), source("Wire")
    reads = [make_article(times, f"Times {i}", NOW, language="en") for i in range(3)]
    reads.append(make_article(post, "Post story", NOW, language="en"))
    reads.append(make_article(wire, "Agence story", NOW, language="fr"))
    old = make_article(post, "Old story", NOW)
    for article in reads:
        ReadMark.objects.create(user=reader, article=article, read_at=NOW - timedelta(days=2))
    ReadMark.objects.create(user=reader, article=old, read_at=NOW - timedelta(days=31))

    diet = reading_diet(reader, NOW)

    assert diet.reads == 5  # the read of 31 days ago is out
    assert [(row.key, row.count) for row in diet.sources] == [
        ("Times", 3),
        ("Post", 1),
        ("Wire", 1),
    ]
    assert [(row.key, row.count) for row in diet.countries] == [("GB", 3), ("US", 1), ("", 1)]
    assert [(row.key, row.count) for row in diet.languages] == [("en", 4), ("fr", 1)]
    assert [(row.key, row.share) for row in diet.ownership] == [("private", 0.6), ("", 0.4)]
    assert reading_diet(make_reader("ben"), NOW).reads == 0


def test_other_voices_come_from_unread_sources_least_read_kinds_first() -> None:
    reader = make_reader("ana")
    usual = source("Times", "GB", "private")
    state, public, other_private = (
        source("State Daily", "CN", "state"),
        source("Public Radio", "DE", "public"),
        source("Other Times", "GB", "private"),
    )
    lead = make_article(usual, "Port strike ends", NOW, hours_ago=5)
    story = make_story(
        [
            lead,
            make_article(other_private, "Port strike over", NOW, hours_ago=4),
            make_article(state, "Strike at port ends", NOW, hours_ago=3),
            make_article(public, "Hafenstreik beendet", NOW, hours_ago=2),
            make_article(public, "Hafen wieder offen", NOW, hours_ago=1),
        ],
        NOW,
    )
    follow(reader, FollowKind.STORY, str(story.pk), NOW)
    ReadMark.objects.create(user=reader, article=lead, read_at=NOW - timedelta(hours=1))

    suggested = reading_diet(reader, NOW).suggestions

    # Not the source already read; one article a source; other countries and owners first.
    assert [a.source.name for a in suggested][:2] in (
        ["State Daily", "Public Radio"],
        ["Public Radio", "State Daily"],
    )
    assert [a.source.name for a in suggested][2:] == ["Other Times"]
    assert lead not in suggested


def test_the_page_is_the_readers_own(client: Client) -> None:
    reader = make_reader("ana")
    times = source("Times", "GB", "private")
    ReadMark.objects.create(
        user=reader, article=make_article(times, "Harbour bridge", NOW), read_at=NOW
    )
    client.force_login(reader)
    page = client.get("/me/diet/")
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    text = page.content.decode()
    assert "You opened 1 article in the last 30 days." in text
    assert 'data-diet="countries"' in text and "GB" in text and "Private" in text
    client.force_login(make_reader("ben"))
    assert "You have not opened an article" in client.get("/me/diet/").content.decode()

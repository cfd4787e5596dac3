"""Episodes in the service layer: stored ready with their notes beside ordinary entries that wait
for their pages, republished in place with their new notes and files, imported with their files."""

from __future__ import annotations

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin, Enclosure
from newsdesk.desk.articles import ingest_entries, store_entries
from newsdesk.sources.models import Feed, Source
from newsdesk.types import Enclosure as File
from newsdesk.types import FeedEntry

pytestmark = pytest.mark.django_db
EPISODE = "https://pod.example/episodes/7"


@pytest.fixture
def feed() -> Feed:
    source = Source.objects.create(
        name="Harbour Hour", slug="harbour-hour", home_url="https://pod.example/"
    )
    return Feed.objects.create(
        source=source, url="https://pod.example/feed.xml", next_check_at=timezone.now()
    )


def episode(notes: str, file: str) -> FeedEntry:
    return FeedEntry(
        url=EPISODE,
        title="Episode 7",
        content_html=f"<p>{notes}</p>",
        enclosures=(File(file, "audio/mpeg", 1000, 1800),),
    )


def files() -> list[tuple[str, int | None]]:
    return list(Enclosure.objects.order_by("rank").values_list("url", "duration"))


def test_episodes_are_ready_and_only_pages_are_claimed(feed: Feed) -> None:
    story = FeedEntry(url="https://pod.example/news/1", title="News", summary="A summary.")
    report = store_entries(
        feed, [episode("The notes.", "https://cdn.pod.example/7.mp3"), story], timezone.now()
    )
    assert report.new == 2 and report.updated == 0
    (claim,) = report.claims
    assert Article.objects.get(pk=claim.article_id).url == "https://pod.example/news/1"
    stored = Article.objects.get(url=EPISODE)
    assert stored.status == ArticleStatus.READY and stored.body_origin == BodyOrigin.FEED
    assert stored.claim == "" and stored.claimed_until is None
    assert stored.text == "The notes."
    assert files() == [("https://cdn.pod.example/7.mp3", 1800)]


def test_a_republished_episode_takes_its_new_notes_and_files(feed: Feed) -> None:
    store_entries(feed, [episode("First notes.", "https://cdn.pod.example/7.mp3")], timezone.now())
    again = store_entries(
        feed, [episode("Corrected notes.", "https://cdn.pod.example/7-fixed.mp3")], timezone.now()
    )
    assert again.updated == 1 and again.new == 0 and again.claims == []
    stored = Article.objects.get(url=EPISODE)
    assert stored.status == ArticleStatus.READY and stored.text == "Corrected notes."
    assert files() == [("https://cdn.pod.example/7-fixed.mp3", 1800)]
    unchanged = store_entries(
        feed, [episode("Corrected notes.", "https://cdn.pod.example/7-fixed.mp3")], timezone.now()
    )
    assert (unchanged.new, unchanged.updated, unchanged.claims) == (0, 0, [])


def test_imported_episodes_keep_their_files() -> None:
    report = ingest_entries(
        [episode("Notes.", "https://cdn.pod.example/7.mp3")],
        "https://pod.example/feed.xml",
        "https://pod.example/",
        "Harbour Hour",
    )
    assert report.new == 1
    assert files() == [("https://cdn.pod.example/7.mp3", 1800)]

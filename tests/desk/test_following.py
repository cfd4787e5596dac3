"""Follows, mutes, the reading list, reading history and the "For you" ranking."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.desk.readers import following, history, saved
from newsdesk.desk.readers.for_you import Position, for_you
from newsdesk.desk.readers.profiles import update_profile
from newsdesk.desk.stories.upkeep import merge_stories
from newsdesk.readers.models import Follow, FollowKind, ReadMark
from tests.support.following import (
    make_article,
    make_copy,
    make_reader,
    make_source,
    make_story,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def test_follow_rules_normalize_and_refuse() -> None:
    reader = make_reader("ana")
    make_source("Harbour Post", NOW)
    story = make_story([make_article(make_source("Other", NOW), "Bridge opens", NOW)], NOW)

    followed = following.follow(reader, FollowKind.SOURCE, "harbour-post", NOW)
    assert following.follow(reader, FollowKind.SOURCE, "harbour-post", NOW).pk == followed.pk
    topic = following.follow(reader, FollowKind.TOPIC, "  Climate   Policy ", NOW)
    assert topic.value == "climate policy"
    region = following.follow(reader, FollowKind.REGION, " Lyon ", NOW)
    assert following.follow(reader, FollowKind.REGION, "LYON", NOW).pk == region.pk
    assert following.follow(reader, FollowKind.STORY, str(story.pk), NOW).value == str(story.pk)

    for kind, value in [
        (FollowKind.SOURCE, "no-such-source"),
        (FollowKind.STORY, "999999"),
        (FollowKind.STORY, "not a number"),
        (FollowKind.TOPIC, "x"),
        (FollowKind.TOPIC, "y" * 61),
        ("planet", "mars"),
    ]:
        with pytest.raises(following.FollowError):
            following.follow(reader, kind, value, NOW)

    kinds = [(f.kind, f.value) for f in following.follows_of(reader)]
    assert kinds == [
        ("region", "Lyon"),
        ("source", "harbour-post"),
        ("story", str(story.pk)),
        ("topic", "climate policy"),
    ]
    assert following.unfollow(reader, FollowKind.TOPIC, "CLIMATE policy")
    assert not following.unfollow(reader, FollowKind.TOPIC, "climate policy")
    assert following.unfollow(reader, FollowKind.REGION, "lyon")
    assert [f.kind for f in following.follows_of(reader)] == ["source", "story"]


def test_a_merged_story_is_followed_as_the_live_one() -> None:
    reader = make_reader("ben")
    paper = make_source("Paper", NOW)
    live = make_story([make_article(paper, "Dam repairs begin", NOW)], NOW)
    absorbed = make_story([make_article(paper, "Dam repairs start today", NOW)], NOW)
    merge_stories(absorbed.pk, live.pk, NOW)
    assert following.follow(reader, FollowKind.STORY, str(absorbed.pk), NOW).value == str(live.pk)
    entries = following.described_follows(reader)
    live.refresh_from_db()
    assert entries[0].story == live
    assert entries[0].label == live.headline


def test_mutes_exclude_follows_and_are_per_reader() -> None:
    ana, ben = make_reader("ana"), make_reader("ben")
    loud = make_source("Loud Daily", NOW)
    following.follow(ana, FollowKind.SOURCE, "loud-daily", NOW)
    following.mute(ana, "loud-daily")
    assert following.muted_source_ids(ana) == {loud.pk}
    assert following.follows_of(ana) == []
    assert following.muted_source_ids(ben) == set()
    following.follow(ana, FollowKind.SOURCE, "loud-daily", NOW)
    assert following.muted_source_ids(ana) == set()
    with pytest.raises(following.FollowError):
        following.mute(ana, "nobody")
    following.mute(ana, "loud-daily")
    assert following.unmute(ana, "loud-daily")
    assert not following.unmute(ana, "loud-daily")


def test_saved_sync_merges_the_device_list_with_the_server() -> None:
    ana, ben = make_reader("ana"), make_reader("ben")
    paper = make_source("Paper", NOW)
    a, b, c = (make_article(paper, f"Item {n}", NOW) for n in "abc")
    saved.save(ana, a.pk, NOW - timedelta(hours=2))
    saved.save(ana, a.pk, NOW)  # saving again keeps the first time
    merged = saved.sync_saved(ana, [b.pk, c.pk, 987654], NOW)
    assert [s.article_id for s in merged] == [c.pk, b.pk, a.pk]
    assert merged[-1].saved_at == NOW - timedelta(hours=2)
    assert saved.sync_saved(ben, [], NOW) == []
    assert saved.unsave(ana, b.pk)
    assert [s.article_id for s in saved.sync_saved(ana, [], NOW)] == [c.pk, a.pk]
    with pytest.raises(saved.SavedError):
        saved.save(ana, 987654, NOW)
    with pytest.raises(saved.SavedError):
        saved.sync_saved(ana, list(range(saved.MAX_SYNC_IDS + 1)), NOW)


def test_history_marks_are_idempotent() -> None:
    ana = make_reader("ana")
    paper = make_source("Paper", NOW)
    a, b = make_article(paper, "First", NOW), make_article(paper, "Second", NOW)
    first = history.mark_read(ana, a.pk, NOW - timedelta(hours=1))
    assert history.mark_read(ana, a.pk, NOW).read_at == first.read_at
    history.mark_read(ana, b.pk, NOW)
    assert [m.article_id for m in history.read_history(ana)] == [b.pk, a.pk]
    assert history.mark_unread(ana, a.pk)
    assert not history.mark_unread(ana, a.pk)
    assert history.mark_many_read(ana, [a.pk, b.pk], NOW) == 1
    assert ReadMark.objects.filter(user=ana).count() == 2
    with pytest.raises(history.HistoryError):
        history.mark_read(ana, 987654, NOW)


def titles(page_articles: list) -> list[str]:
    return [article.title for article in page_articles]


def test_for_you_ranks_followed_sources_above_others_and_hides_muted() -> None:
    ana = make_reader("ana")
    followed, other, loud = (make_source(n, NOW) for n in ("Followed", "Other", "Loud"))
    make_article(followed, "Followed yesterday", NOW, hours_ago=30)
    make_article(other, "Other just now", NOW, hours_ago=0.1)
    make_article(loud, "Loud just now", NOW, hours_ago=0.05)
    make_article(other, "Too old", NOW, hours_ago=24 * 4)
    following.follow(ana, FollowKind.SOURCE, "followed", NOW)
    following.mute(ana, "loud")
    assert titles(for_you(ana, NOW).articles) == ["Followed yesterday", "Other just now"]


def test_a_followed_digest_lifts_the_articles_its_feed_brought_from_other_publishers() -> None:
    ana = make_reader("ana")
    digest, publisher, other = (make_source(n, NOW) for n in ("Digest", "Publisher", "Other"))
    make_article(other, "Other just now", NOW, hours_ago=0.1)
    make_article(publisher, "Credited to its publisher", NOW, hours_ago=5, feed=digest.feeds.get())
    make_article(publisher, "From the publisher's own feed", NOW, hours_ago=5.5)
    following.follow(ana, FollowKind.SOURCE, "digest", NOW)
    page = for_you(ana, NOW)
    assert titles(page.articles)[0] == "Credited to its publisher"
    assert page.picks[0].reasons[0] == "source"


def test_for_you_topics_regions_stories_and_copies() -> None:
    ana = make_reader("ana")
    wire, paper = make_source("Wire", NOW), make_source("Paper", NOW)
    plain = make_article(wire, "Council meets", NOW, hours_ago=0.2)
    topical = make_article(paper, "Solar farms expand", NOW, hours_ago=5)
    make_article(paper, "Insolar is a brand, not a topic", NOW, hours_ago=0.3)
    local = make_article(wire, "Floods in Lyon suburbs", NOW, hours_ago=6)
    storied = make_article(paper, "Strike talks resume", NOW, hours_ago=12)
    story = make_story([storied], NOW)
    copy = make_copy(storied, wire, NOW)
    following.follow(ana, FollowKind.TOPIC, "solar", NOW)
    following.follow(ana, FollowKind.REGION, "Lyon", NOW)
    following.follow(ana, FollowKind.STORY, str(story.pk), NOW)
    picks = for_you(ana, NOW).picks
    ranked = [pick.article.pk for pick in picks]
    assert ranked[:3] == [storied.pk, topical.pk, local.pk]
    assert copy.pk not in ranked
    assert ranked.index(plain.pk) > 2
    assert picks[0].reasons == ("story",)


def test_the_profile_region_counts_as_a_followed_place() -> None:
    ana = make_reader("ana")
    update_profile(ana, region="Lagos", languages=["en"], time_zone="UTC")
    wire = make_source("Wire", NOW)
    make_article(wire, "Markets steady", NOW, hours_ago=0.1)
    make_article(wire, "Lagos opens a new rail line", NOW, hours_ago=8)
    assert titles(for_you(ana, NOW).articles)[0] == "Lagos opens a new rail line"
    assert "region" in for_you(ana, NOW).picks[0].reasons


def test_for_you_reading_history_gives_affinity_and_read_articles_sink() -> None:
    ana = make_reader("ana")
    liked, other = make_source("Liked", NOW), make_source("Other", NOW)
    for n in range(3):
        history.mark_read(ana, make_article(liked, f"Old liked {n}", NOW, hours_ago=90).pk, NOW)
    fresh_other = make_article(other, "Other fresh", NOW, hours_ago=1)
    liked_new = make_article(liked, "Liked new", NOW, hours_ago=3)
    already = make_article(other, "Other fresher but read", NOW, hours_ago=0.5)
    history.mark_read(ana, already.pk, NOW)
    ranked = [a.pk for a in for_you(ana, NOW).articles]
    assert ranked == [liked_new.pk, fresh_other.pk, already.pk]


def test_empty_profile_gets_top_stories_first() -> None:
    ana = make_reader("ana")
    one, two = make_source("One", NOW), make_source("Two", NOW)
    big = [make_article(one, "Big story", NOW, hours_ago=3), make_article(two, "Big too", NOW, 3)]
    make_story(big, NOW)
    make_article(one, "Newest small item", NOW, hours_ago=0.1)
    page = for_you(ana, NOW)
    assert set(titles(page.articles)[:2]) == {"Big story", "Big too"}
    assert "Newest small item" in titles(page.articles)


def test_for_you_pages_do_not_repeat_or_skip() -> None:
    ana = make_reader("ana")
    paper = make_source("Paper", NOW)
    made = [make_article(paper, f"Item {n}", NOW, hours_ago=n + 1) for n in range(7)]
    first = for_you(ana, NOW, limit=3)
    assert first.next is not None
    make_article(paper, "Arrived later", NOW + timedelta(minutes=5), hours_ago=0)
    token = first.next.token()
    second = for_you(ana, NOW + timedelta(minutes=10), limit=3, before=Position.parse(token))
    third = for_you(ana, NOW, limit=3, before=second.next)
    seen = [a.pk for page in (first, second, third) for a in page.articles]
    assert seen == [a.pk for a in made]
    assert third.next is None
    assert Position.parse("junk") is None
    assert Position.parse("999999999999.0") is None  # past the calendar's last year
    assert Position.parse("99999999999.5000") is not None


def test_for_you_stays_fast_with_many_articles_and_follows() -> None:
    ana = make_reader("ana")
    sources = [make_source(f"Paper {n}", NOW, feed=False) for n in range(20)]
    for n in range(1500):
        make_article(sources[n % 20], f"Report {n} on harbour works", NOW, hours_ago=n / 20)
    for n in range(5):
        following.follow(ana, FollowKind.SOURCE, sources[n].slug, NOW)
        following.follow(ana, FollowKind.TOPIC, f"works {n}", NOW)
    following.follow(ana, FollowKind.REGION, "Harbour", NOW)
    started = time.perf_counter()
    page = for_you(ana, NOW, limit=20)
    elapsed = time.perf_counter() - started
    assert len(page.articles) == 20
    assert Follow.objects.filter(user=ana).count() == 11
    assert elapsed < 1.5, f"For you took {elapsed:.2f}s"


def test_a_place_followed_by_its_slug_is_described_by_its_name() -> None:
    from newsdesk.places.models import Place

    reader = make_reader("ana")
    Place.objects.create(
        id=5128581, name="New York City", slug="new-york-city", kind="city",
        country_code="US", latitude=40.7, longitude=-74.0,
    )  # fmt: skip
    following.follow(reader, FollowKind.REGION, "new-york-city", NOW)
    following.follow(reader, FollowKind.REGION, "Lyon", NOW)
    labels = sorted(entry.label for entry in following.described_follows(reader))
    assert labels == ["Lyon", "New York City"]

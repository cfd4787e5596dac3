"""A reader's OPML: feeds new to the site registered without a fetch, sources followed and put in
the file's folders, failures reported with reasons; the reader's export in their folders."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.desk.readers import folders, following
from newsdesk.desk.readers.opml import MAX_BYTES, export_for_reader, import_for_reader
from newsdesk.errors import OPMLError
from newsdesk.pipeline.feeds import OutlineFeed, parse_opml
from newsdesk.pipeline.fetch import check_url
from newsdesk.readers.models import Follow, FollowKind
from newsdesk.sources.models import Feed
from tests.support.following import make_reader, make_source

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
SHAPES = Path(__file__).parents[1] / "pipeline" / "feedsamples" / "opml"
APPS = ("miniflux", "freshrss", "feedly", "inoreader")


def sample(app: str) -> bytes:
    return (SHAPES / f"{app}.opml").read_bytes()


def folders_of(feeds: list[OutlineFeed]) -> dict[str, tuple[str, frozenset[str]]]:
    return {check_url(f.xml_url): (f.html_url, frozenset(f.categories)) for f in feeds}


def test_feeds_new_to_the_site_are_registered_followed_and_filed() -> None:
    ana = make_reader("ana")
    report = import_for_reader(ana, sample("feedly"), NOW)
    assert len(report.added) == 5 and report.failures == [] and report.already == []
    assert len(report.followed) == 5
    assert report.folders == ["World", "Must Read", "Tech"]
    bbc = Feed.objects.get(url="https://feeds.bbci.co.uk/news/world/rss.xml")
    assert bbc.html_url == "https://www.bbc.co.uk/news/world"
    assert bbc.last_checked_at is None  # nothing fetched: checked on schedule
    assert bbc.categories == []  # the operator's categories are not the reader's folders
    assert folders.folder_names_by_source(ana)[bbc.source_id] == ["Must Read", "World"]
    assert following.is_following(ana, FollowKind.SOURCE, bbc.source.slug)


def test_known_feeds_and_followed_sources_are_counted_as_such() -> None:
    ana, ben = make_reader("ana"), make_reader("ben")
    import_for_reader(ben, sample("inoreader"), NOW)
    lwn = Feed.objects.get(url="https://lwn.net/headlines/rss").source
    following.follow(ana, FollowKind.SOURCE, lwn.slug, NOW)
    report = import_for_reader(ana, sample("inoreader"), NOW)
    assert report.added == []
    assert report.already == [lwn] and len(report.followed) == 4
    again = import_for_reader(ana, sample("inoreader"), NOW)
    assert again.followed == [] and len(again.already) == 5


def test_what_is_not_a_feed_and_bad_addresses_are_failures_and_the_rest_is_imported() -> None:
    ana = make_reader("ana")
    report = import_for_reader(ana, sample("freshrss"), NOW)
    failures = dict(report.failures)
    assert "HTML+XPath" in failures["https://www.harbourtown.example/notices/"]
    assert "JSON+DotNotation" in failures["https://api.harbourferries.example/v1/changes.json"]
    assert len(report.followed) == 6
    assert not Feed.objects.filter(url__contains="harbour").exists()

    bad = b"""<opml><body><outline text="Bad">
      <outline text="Script" xmlUrl="javascript:alert(1)"/>
      <outline text="Ok" xmlUrl="https://ok.example/rss"/>
    </outline><outline text="{}"><outline xmlUrl="https://ok.example/rss"/></outline>
    </body></opml>""".replace(b"{}", b"y" * 150)
    report = import_for_reader(ana, bad, NOW)
    reasons = [reason for _, reason in report.failures]
    assert [url for url, _ in report.failures] == ["javascript:alert(1)", "https://ok.example/rss"]
    assert "http" in reasons[0] and "left out" in reasons[1]
    assert report.folders == ["Bad"] and len(report.added) == 1


def test_a_reader_at_the_follow_limit_adds_no_feed_to_the_site() -> None:
    ana = make_reader("ana")
    known = make_source("Wire", NOW)
    Follow.objects.bulk_create(
        Follow(user=ana, kind=FollowKind.TOPIC, value=f"topic {n}")
        for n in range(following.MAX_FOLLOWS)
    )
    opml = b"""<opml><body><outline xmlUrl="https://new.example/rss"/>
      <outline xmlUrl="https://wire.example.test/feed.xml"/></body></opml>"""
    report = import_for_reader(ana, opml, NOW)
    assert [url for url, _ in report.failures] == [
        "https://new.example/rss",
        "https://wire.example.test/feed.xml",
    ]
    assert all("at most" in reason for _, reason in report.failures)
    assert not Feed.objects.filter(url="https://new.example/rss").exists()
    assert not following.is_following(ana, FollowKind.SOURCE, known.slug)


def test_unreadable_and_oversized_files_are_clear_errors() -> None:
    ana = make_reader("ana")
    with pytest.raises(OPMLError, match="malformed"):
        import_for_reader(ana, b"<opml><body><outline", NOW)
    with pytest.raises(OPMLError, match="at most 5 MB"):
        import_for_reader(ana, b" " * (MAX_BYTES + 1), NOW)


@pytest.mark.parametrize("app", APPS)
def test_the_readers_export_after_an_import_has_the_same_folders(app: str) -> None:
    ana = make_reader("ana")
    import_for_reader(ana, sample(app), NOW)
    exported = parse_opml(export_for_reader(ana).encode())
    # Web feeds are the operator's to add (decision 63): a reader's import leaves them out.
    readable = [feed for feed in parse_opml(sample(app)) if not feed.recipe]
    assert folders_of(exported) == folders_of(readable)


def test_the_export_is_the_readers_own_folders() -> None:
    ana, ben = make_reader("ana"), make_reader("ben")
    wire = make_source("Wire", NOW)
    folders.add_to_folder(ana, "Morning", wire, NOW)
    folders.add_to_folder(ana, "News/World", wire, NOW)
    folders.add_to_folder(ben, "Elsewhere", wire, NOW)
    [outline] = parse_opml(export_for_reader(ana).encode())
    assert set(outline.categories) == {"Morning", "News/World"}
    # a feed with no site address of its own gives its source's home page
    assert outline.html_url == "https://wire.example.test/"

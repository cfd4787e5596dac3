"""A reader's folders: names, membership, renames that merge, and leaving on unfollow or mute."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.desk.readers import folders, following
from newsdesk.readers.models import FollowKind
from tests.support.following import make_reader, make_source

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def test_names_are_cleaned_and_compared_without_case() -> None:
    reader = make_reader("ana")
    made = folders.create_folder(reader, "  News /  World  //")
    assert made.name == "News/World"
    assert folders.create_folder(reader, "news/world").pk == made.pk
    for bad in ["", " / ", "x" * 101, "tab\there", "nul\x00", "\ud800"]:
        with pytest.raises(folders.FolderError):
            folders.create_folder(reader, bad)


def test_a_source_in_two_folders_and_unfiled_sources() -> None:
    reader = make_reader("ana")
    post, wire = make_source("Harbour Post", NOW), make_source("Wire", NOW)
    folders.add_to_folder(reader, "Local", post, NOW)
    folders.add_to_folder(reader, "Morning", post, NOW)
    following.follow(reader, FollowKind.SOURCE, wire.slug, NOW)

    assert following.is_following(reader, FollowKind.SOURCE, post.slug)
    assert folders.folder_names_by_source(reader) == {post.pk: ["Local", "Morning"]}
    assert folders.unfiled_sources(reader) == [wire]
    assert folders.remove_from_folder(reader, "local", post)
    assert not folders.remove_from_folder(reader, "local", post)
    assert folders.folder_names_by_source(reader) == {post.pk: ["Morning"]}
    assert following.is_following(reader, FollowKind.SOURCE, post.slug)


def test_set_folders_rename_merge_and_delete() -> None:
    reader = make_reader("ana")
    post, wire = make_source("Harbour Post", NOW), make_source("Wire", NOW)
    folders.set_folders(reader, post, ["A", "B"], NOW)
    folders.set_folders(reader, wire, ["C"], NOW)
    folders.set_folders(reader, post, ["B"], NOW)
    assert folders.folder_names_by_source(reader) == {post.pk: ["B"], wire.pk: ["C"]}

    merged = folders.rename_folder(reader, "b", "C")
    assert merged is not None and merged.name == "C"
    assert {f.name for f in folders.folders_of(reader)} == {"A", "C"}
    assert set(merged.sources.all()) == {post, wire}
    assert folders.rename_folder(reader, "missing", "D") is None
    assert folders.delete_folder(reader, "c")
    assert folders.folder_names_by_source(reader) == {}
    assert following.is_following(reader, FollowKind.SOURCE, wire.slug)


def test_unfollow_and_mute_take_a_source_out_of_folders_of_that_reader_only() -> None:
    ana, ben = make_reader("ana"), make_reader("ben")
    post, wire = make_source("Harbour Post", NOW), make_source("Wire", NOW)
    for reader in (ana, ben):
        folders.add_to_folder(reader, "Local", post, NOW)
    folders.add_to_folder(ana, "Local", wire, NOW)

    following.unfollow(ana, FollowKind.SOURCE, post.slug)
    following.mute(ana, wire.slug)
    assert folders.folder_names_by_source(ana) == {}
    assert folders.folder_names_by_source(ben) == {post.pk: ["Local"]}
    assert [f.name for f in folders.folders_of(ana)] == ["Local"]


def test_move_between_folders_into_and_out_of_any() -> None:
    reader = make_reader("ana")
    post, wire = make_source("Harbour Post", NOW), make_source("Wire", NOW)
    folders.add_to_folder(reader, "Local", post, NOW)
    folders.add_to_folder(reader, "Morning", post, NOW)
    folders.move_to_folder(reader, post, "local", "Evening", NOW)
    assert folders.folder_names_by_source(reader) == {post.pk: ["Evening", "Morning"]}
    folders.move_to_folder(reader, post, "Evening", "evening", NOW)  # onto itself: no change
    assert folders.folder_names_by_source(reader) == {post.pk: ["Evening", "Morning"]}
    folders.move_to_folder(reader, post, "Morning", "", NOW)
    folders.move_to_folder(reader, wire, "", "Morning", NOW)  # from no folder; follows it
    assert folders.folder_names_by_source(reader) == {post.pk: ["Evening"], wire.pk: ["Morning"]}
    assert following.is_following(reader, FollowKind.SOURCE, wire.slug)


def test_a_folder_by_id_is_the_readers_own() -> None:
    ana, ben = make_reader("ana"), make_reader("ben")
    mine = folders.create_folder(ana, "Local")
    assert folders.folder_by_id(ana, mine.pk) == mine
    assert folders.folder_by_id(ben, mine.pk) is None
    assert folders.folder_by_id(ana, 2**63) is None

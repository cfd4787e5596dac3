"""A reader's folders: named groups of followed sources (OPML categories, Google Reader labels).

A folder name is trimmed, inner spaces collapsed, 1 to 100 characters, with no control
characters; nested folders are written as one name with "/" between the levels ("News/World"),
each level trimmed and empty levels dropped. Names are compared without regard to case, so
"news" and "News" are one folder (the first spelling is kept). A source may be in several
folders; putting a source in a folder follows it, and a folder left empty is kept until it is
deleted (an app may make a label before it puts anything in it).
"""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from newsdesk.desk.readers.following import FollowError, follow, followed_sources
from newsdesk.readers.models import Folder, FollowKind
from newsdesk.sources.models import Source

NAME_MAX = 100
MAX_FOLDERS = 200
LEVEL_SEPARATOR = "/"
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


class FolderError(FollowError):
    """A folder that cannot be made, renamed or filled: a bad name, too many folders."""


def clean_name(name: object) -> str:
    """The stored form of a folder name; raises FolderError."""
    text = str(name)
    if _CONTROL.search(text):
        raise FolderError(gettext("Folder names cannot hold control characters"))
    levels = (_SPACES.sub(" ", level).strip() for level in text.split(LEVEL_SEPARATOR))
    cleaned = LEVEL_SEPARATOR.join(level for level in levels if level)
    if not 1 <= len(cleaned) <= NAME_MAX:
        raise FolderError(
            gettext("A folder name has 1 to %(high)d characters") % {"high": NAME_MAX}
        )
    return cleaned


def folders_of(user: User) -> list[Folder]:
    """The reader's folders by name, each with its sources (by name) prefetched."""
    return list(Folder.objects.filter(user=user).prefetch_related("sources").order_by("name"))


def folder_named(user: User, name: str) -> Folder | None:
    try:
        cleaned = clean_name(name)
    except FolderError:
        return None
    return Folder.objects.filter(user=user, name__iexact=cleaned).first()


def folder_by_id(user: User, folder_id: int) -> Folder | None:
    """One of the reader's folders by its id (None for another reader's or none)."""
    if not 0 < folder_id < 2**63:
        return None
    return Folder.objects.filter(user=user, pk=folder_id).prefetch_related("sources").first()


def folder_names_by_source(user: User) -> dict[int, list[str]]:
    """Per source id, the names of the reader's folders it is in (by name)."""
    names: dict[int, list[str]] = {}
    rows = Folder.sources.through.objects.filter(folder__user=user).values_list(
        "source_id", "folder__name"
    )
    for source_id, name in sorted(rows, key=lambda row: row[1].lower()):
        names.setdefault(source_id, []).append(name)
    return names


def create_folder(user: User, name: str) -> Folder:
    """The reader's folder of this name, made when it does not exist yet."""
    cleaned = clean_name(name)
    existing = Folder.objects.filter(user=user, name__iexact=cleaned).first()
    if existing is not None:
        return existing
    if Folder.objects.filter(user=user).count() >= MAX_FOLDERS:
        raise FolderError(
            gettext("A reader has at most %(count)d folders") % {"count": MAX_FOLDERS}
        )
    try:
        with transaction.atomic():
            return Folder.objects.create(user=user, name=cleaned)
    except IntegrityError:
        return Folder.objects.get(user=user, name=cleaned)


@transaction.atomic
def add_to_folder(user: User, name: str, source: Source, now: datetime) -> Folder:
    """Put a source in a folder (made if needed), following the source."""
    folder = create_folder(user, name)
    follow(user, FollowKind.SOURCE, source.slug, now)
    folder.sources.add(source)
    return folder


def remove_from_folder(user: User, name: str, source: Source) -> bool:
    """Take a source out of a folder; the source stays followed. False when it was not in it."""
    folder = folder_named(user, name)
    if folder is None or not folder.sources.filter(pk=source.pk).exists():
        return False
    folder.sources.remove(source)
    return True


@transaction.atomic
def set_folders(user: User, source: Source, names: list[str], now: datetime) -> list[Folder]:
    """Put a followed source in exactly these folders (none: in no folder)."""
    wanted = [create_folder(user, name) for name in names]
    follow(user, FollowKind.SOURCE, source.slug, now)
    for folder in Folder.objects.filter(user=user, sources=source):
        if folder not in wanted:
            folder.sources.remove(source)
    for folder in wanted:
        folder.sources.add(source)
    return wanted


@transaction.atomic
def move_to_folder(user: User, source: Source, old: str, new: str, now: datetime) -> None:
    """Move a source from folder ``old`` to folder ``new``. With ``old`` empty the source, in no
    folder, is put in ``new``; with ``new`` empty it leaves ``old`` for no other. Its other
    folders stay as they are; the source stays followed."""
    if new:
        add_to_folder(user, new, source, now)
    if old and (not new or clean_name(old).lower() != clean_name(new).lower()):
        remove_from_folder(user, old, source)


@transaction.atomic
def rename_folder(user: User, old: str, new: str) -> Folder | None:
    """Rename a folder; renaming onto an existing folder merges the two. None: no such folder."""
    folder = folder_named(user, old)
    if folder is None:
        return None
    cleaned = clean_name(new)
    target = Folder.objects.filter(user=user, name__iexact=cleaned).exclude(pk=folder.pk).first()
    if target is None:
        folder.name = cleaned
        folder.save(update_fields=["name"])
        return folder
    target.sources.add(*folder.sources.all())
    folder.delete()
    return target


def delete_folder(user: User, name: str) -> bool:
    """Delete a folder; its sources stay followed. False when there is no such folder."""
    folder = folder_named(user, name)
    if folder is None:
        return False
    folder.delete()
    return True


def unfiled_sources(user: User) -> list[Source]:
    """Followed sources in none of the reader's folders, by name."""
    filed = Folder.sources.through.objects.filter(folder__user=user).values("source_id")
    return list(followed_sources(user).exclude(pk__in=filed).order_by("name", "id"))

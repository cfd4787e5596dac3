"""Follows and mutes: the sources, stories, topics and regions a reader follows, the sources muted.

What a follow's ``value`` holds, by kind:

- ``source``: the source's slug; the source must exist.
- ``story``: the story's id; the story must exist. A merged story is followed as the live story
  it joined, so the follow keeps working.
- ``topic``: a term, lowercased, trimmed, inner spaces collapsed, 2 to 60 characters.
- ``region``: a place name, trimmed, inner spaces collapsed, 2 to 100 characters; compared without
  regard to case (free text until places are matched against a gazetteer).

Following a source lifts its mute, and muting a source drops its follow: a reader cannot want
both. Each follow is kept once per reader (following twice is not an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from newsdesk.desk.stories.reading import resolve_story
from newsdesk.errors import NewsdeskError
from newsdesk.places.models import Place
from newsdesk.readers.models import Folder, Follow, FollowKind, Mute
from newsdesk.sources.models import Feed, Source
from newsdesk.stories.models import Story

TOPIC_MIN, TOPIC_MAX = 2, 60
REGION_MIN, REGION_MAX = 2, 100
MAX_FOLLOWS = 500
_SPACES = re.compile(r"\s+")
# Control characters (NUL above all, which PostgreSQL refuses in text) never name anything.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FollowError(NewsdeskError):
    """A follow or mute that cannot be made: an unknown kind, source or story, a bad term."""


@dataclass(frozen=True)
class FollowEntry:
    """A follow with what a page shows for it: a label and, for sources and stories, the thing."""

    follow: Follow
    label: str
    source: Source | None = None
    story: Story | None = None


def _clean(value: object) -> str:
    text = str(value)
    if _CONTROL.search(text):
        raise FollowError(gettext("Names and terms cannot hold control characters"))
    return _SPACES.sub(" ", text).strip()


def normalize_value(kind: str, value: str) -> str:
    """The stored form of a follow's value (see the module docstring); raises FollowError."""
    if kind not in FollowKind.values:
        raise FollowError(f"Unknown kind {kind!r}; kinds are {', '.join(FollowKind.values)}")
    text = _clean(value)
    if kind == FollowKind.SOURCE:
        if not Source.objects.filter(slug=text).exists():
            raise FollowError(gettext("No source %(name)r") % {"name": text})
        return text
    if kind == FollowKind.STORY:
        story = resolve_story(int(text)) if text.isdigit() and len(text) < 19 else None
        if story is None:
            raise FollowError(gettext("No story %(name)r") % {"name": text})
        return str(story.pk)
    if kind == FollowKind.TOPIC:
        term = text.lower()
        if not TOPIC_MIN <= len(term) <= TOPIC_MAX:
            raise FollowError(
                gettext("A topic has %(low)d to %(high)d characters")
                % {"low": TOPIC_MIN, "high": TOPIC_MAX}
            )
        return term
    if not REGION_MIN <= len(text) <= REGION_MAX:
        raise FollowError(
            gettext("A region has %(low)d to %(high)d characters")
            % {"low": REGION_MIN, "high": REGION_MAX}
        )
    return text


@transaction.atomic
def follow(user: User, kind: str, value: str, now: datetime) -> Follow:
    """Follow something; following it again returns the existing follow."""
    stored = normalize_value(kind, value)
    lookup = {"value__iexact": stored} if kind == FollowKind.REGION else {"value": stored}
    existing = Follow.objects.filter(user=user, kind=kind, **lookup).first()
    if existing is not None:
        return existing
    if Follow.objects.filter(user=user).count() >= MAX_FOLLOWS:
        raise FollowError(
            gettext("A reader follows at most %(count)d things") % {"count": MAX_FOLLOWS}
        )
    if kind == FollowKind.SOURCE:
        Mute.objects.filter(user=user, source__slug=stored).delete()
    found, _ = Follow.objects.get_or_create(user=user, kind=kind, value=stored)
    return found


def unfollow(user: User, kind: str, value: str) -> bool:
    """Stop following; False when the reader did not follow it."""
    if kind not in FollowKind.values:
        raise FollowError(f"Unknown kind {kind!r}")
    text = _clean(value)
    follows = Follow.objects.filter(user=user, kind=kind)
    if kind == FollowKind.TOPIC:
        follows = follows.filter(value=text.lower())
    elif kind == FollowKind.REGION:
        follows = follows.filter(value__iexact=text)
    elif kind == FollowKind.STORY and text.isdigit() and len(text) < 19:
        story = resolve_story(int(text))
        follows = follows.filter(value__in={text, str(story.pk) if story else text})
    else:
        follows = follows.filter(value=text)
        _leave_folders(user, text)
    deleted, _ = follows.delete()
    return deleted > 0


def _leave_folders(user: User, source_slug: str) -> None:
    """A source no longer followed leaves the reader's folders."""
    Folder.sources.through.objects.filter(folder__user=user, source__slug=source_slug).delete()


def unfollow_by_id(user: User, follow_id: int) -> bool:
    """Remove one of the reader's follows by its id; False when it is not theirs or not there."""
    if not 0 < follow_id < 2**63:
        return False
    found = Follow.objects.filter(user=user, pk=follow_id).first()
    if found is None:
        return False
    if found.kind == FollowKind.SOURCE:
        _leave_folders(user, found.value)
    found.delete()
    return True


def is_following(user: User, kind: str, value: str) -> bool:
    if _CONTROL.search(str(value)):
        return False
    lookup = {"value__iexact": value} if kind == FollowKind.REGION else {"value": str(value)}
    return Follow.objects.filter(user=user, kind=kind, **lookup).exists()


def follows_of(user: User) -> list[Follow]:
    """The reader's follows, by kind and value."""
    return list(Follow.objects.filter(user=user).order_by("kind", "value", "id"))


def described_follows(user: User) -> list[FollowEntry]:
    """The reader's follows with labels: source names, story headlines, the terms themselves."""
    follows = follows_of(user)
    slugs = [f.value for f in follows if f.kind == FollowKind.SOURCE]
    story_ids = [int(f.value) for f in follows if f.kind == FollowKind.STORY]
    mine = Q(private_to__isnull=True) | Q(private_to=user)  # their newsletters too
    sources = {s.slug: s for s in Source.everything.filter(mine, slug__in=slugs)}
    stories = {s.pk: s for s in Story.objects.filter(pk__in=story_ids)}
    # A place followed from its page is kept by its slug ("new-york-city"): shown by its name.
    regions = [f.value for f in follows if f.kind == FollowKind.REGION]
    place_names = dict(Place.objects.filter(slug__in=regions).values_list("slug", "name"))
    entries = []
    for item in follows:
        if item.kind == FollowKind.SOURCE:
            source = sources.get(item.value)
            entries.append(FollowEntry(item, source.name if source else item.value, source=source))
        elif item.kind == FollowKind.STORY:
            story = stories.get(int(item.value))
            label = (story.headline if story else "") or f"Story #{item.value}"
            entries.append(FollowEntry(item, label, story=story))
        elif item.kind == FollowKind.REGION:
            entries.append(FollowEntry(item, place_names.get(item.value, item.value)))
        else:
            entries.append(FollowEntry(item, item.value))
    return entries


def followed_values(user: User, kind: str) -> list[str]:
    return list(
        Follow.objects.filter(user=user, kind=kind)
        .order_by("value")
        .values_list("value", flat=True)
    )


def followed_sources(user: User) -> QuerySet[Source]:
    """The sources the reader follows and has not muted, by name; their own newsletters
    (private sources, decision 67) among them."""
    slugs = Follow.objects.filter(user=user, kind=FollowKind.SOURCE).values("value")
    return Source.everything.filter(
        Q(private_to__isnull=True) | Q(private_to=user), slug__in=slugs
    ).exclude(pk__in=muted_source_ids(user))


def followed_feeds(user: User) -> QuerySet[Feed]:
    """Every feed of the sources the reader follows (their OPML export)."""
    return (
        Feed.objects.filter(source__in=followed_sources(user))
        .select_related("source")
        .order_by("source__name", "url")
    )


@transaction.atomic
def mute(user: User, source_slug: str) -> Mute:
    """Never show this source to the reader; drops a follow of it."""
    source = Source.objects.filter(slug=_clean(source_slug)).first()
    if source is None:
        raise FollowError(f"No source {source_slug!r}")
    Follow.objects.filter(user=user, kind=FollowKind.SOURCE, value=source.slug).delete()
    _leave_folders(user, source.slug)
    found, _ = Mute.objects.get_or_create(user=user, source=source)
    return found


def unmute(user: User, source_slug: str) -> bool:
    if _CONTROL.search(str(source_slug)):
        return False
    deleted, _ = Mute.objects.filter(user=user, source__slug=str(source_slug).strip()).delete()
    return deleted > 0


def mutes_of(user: User) -> list[Mute]:
    return list(Mute.objects.filter(user=user).select_related("source").order_by("source__name"))


def is_muted(user: User, source_slug: str) -> bool:
    if _CONTROL.search(str(source_slug)):
        return False
    return Mute.objects.filter(user=user, source__slug=source_slug).exists()


def muted_source_ids(user: User) -> set[int]:
    return set(Mute.objects.filter(user=user).values_list("source_id", flat=True))

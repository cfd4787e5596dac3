"""The scheduler's look for what readers with push on should be told: news of the stories they
follow, and new stories on the topics and places they follow (decision 58).

For each reader with a browser subscribed and one of those kinds on, the articles placed and
the stories made since their ``scanned_until`` (and the ``LOOK_BACK`` before it, as a placement
is stamped before its transaction commits) are looked at:

- a followed story (a merged one counts as the story it went into) that gained articles from
  sources it did not have is told with those sources' names ("new sources"; their ids are in
  the notice's subject, so a source is told once a story); one that gained ``BIG_UPDATE``
  articles or more from sources it had since it was last told of is told as a big update.
- a new story with an article on a followed topic or place (as ``desk.readers.matching``
  decides, muted sources left out; the profile's region alone does not count) is told once,
  naming the topic or place. Stories the reader follows are told as such only.

Notices go through ``desk.readers.push.queue_notice`` in the reader's language.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from newsdesk.articles.models import Article
from newsdesk.desk.readers.matching import Follows, matching_articles, reader_follows
from newsdesk.desk.readers.push import queue_notice, reader_language
from newsdesk.readers.push import PushKind, PushNotice, PushSettings, PushSubscription
from newsdesk.stories.models import Placement, Story

LOOK_BACK = timedelta(minutes=5)
BIG_UPDATE = 3  # new articles from known sources that make a followed story's big update
SCAN_LIMIT = 200  # stories and placements looked at per reader and pass
READERS_PER_PASS = 500
NAMES_SHOWN = 3
SOURCES_RECORDED = 20  # new sources' ids kept in a notice's subject


def scan_followed(now: datetime) -> int:
    """Queue the notices of followed stories, topics and places for every reader due; returns
    how many were queued."""
    newest = _newest_change()
    if newest is None:
        return 0
    subscribed = PushSubscription.objects.values("user_id")
    due = (
        PushSettings.objects.filter(user_id__in=subscribed, scanned_until__lt=newest + LOOK_BACK)
        .exclude(stories=False, topics=False, places=False)
        .select_related("user")
        .order_by("scanned_until")[:READERS_PER_PASS]
    )
    queued = 0
    for row in due:
        with translation.override(reader_language(row.user)):
            queued += _scan_reader(row, now)
        PushSettings.objects.filter(pk=row.pk, scanned_until=row.scanned_until).update(
            scanned_until=now
        )
    return queued


def _newest_change() -> datetime | None:
    placed = Placement.objects.aggregate(newest=Max("placed_at"))["newest"]
    made = Story.objects.aggregate(newest=Max("created_at"))["newest"]
    times = [t for t in (placed, made) if t is not None]
    return max(times) if times else None


def _scan_reader(row: PushSettings, now: datetime) -> int:
    user = row.user
    since = row.scanned_until - LOOK_BACK
    follows = reader_follows(user)
    queued = 0
    if row.stories and follows.stories:
        queued += _story_updates(user, follows.stories, since, now)
    if row.topics or row.places:
        queued += _new_stories(user, row, follows, since, now)
    return queued


def _story_updates(user: User, story_ids: set[int], since: datetime, now: datetime) -> int:
    fresh = (
        Placement.objects.filter(story_id__in=story_ids, placed_at__gt=since, placed_at__lte=now)
        .select_related("article__source")
        .order_by("placed_at", "pk")[:SCAN_LIMIT]
    )
    by_story: dict[int, list[Placement]] = defaultdict(list)
    for placement in fresh:
        by_story[placement.story_id].append(placement)
    queued = 0
    for story in Story.objects.filter(pk__in=list(by_story)).select_related("lead_article"):
        if _tell_update(user, story, by_story[story.pk], since, now):
            queued += 1
    return queued


def _tell_update(
    user: User, story: Story, fresh: list[Placement], since: datetime, now: datetime
) -> bool:
    told_sources, told_at = _told(user, story)
    known = told_sources | set(
        Placement.objects.filter(story=story, placed_at__lte=since).values_list(
            "article__source_id", flat=True
        )
    )
    new_sources: dict[int, str] = {}
    for placement in fresh:
        source = placement.article.source
        if source.pk not in known:
            new_sources.setdefault(source.pk, source.name)
    newest = fresh[-1].article
    if new_sources:
        shown = ", ".join(list(new_sources.values())[:NAMES_SHOWN])
        body = ngettext("New source: %(names)s", "New sources: %(names)s", len(new_sources)) % {
            "names": shown
        }
        ids = ".".join(str(pk) for pk in sorted(new_sources)[:SOURCES_RECORDED])
        subject = f"story:{story.pk}:src:{ids}"
    else:
        reports = [p for p in fresh if told_at is None or p.placed_at > told_at]
        if len(reports) < BIG_UPDATE:
            return False
        body = ngettext(
            "%(count)d new report: %(title)s", "%(count)d new reports: %(title)s", len(reports)
        ) % {"count": len(reports), "title": newest.title}
        subject = f"story:{story.pk}:big:{newest.pk}"
    notice = queue_notice(
        user,
        PushKind.STORY,
        subject=subject,
        title=_headline(story),
        body=body,
        url=reverse("web:story-short", args=[story.pk]),
        now=now,
    )
    return notice is not None


def _told(user: User, story: Story) -> tuple[set[int], datetime | None]:
    """The sources the reader was told of for ``story`` (their ids are in the subjects), and
    when they were last told of it."""
    sources: set[int] = set()
    last: datetime | None = None
    told = PushNotice.objects.filter(user=user, subject__startswith=f"story:{story.pk}:")
    for subject, made in told.values_list("subject", "created_at"):
        parts = subject.split(":")
        if len(parts) == 4 and parts[2] == "src":
            sources.update(int(pk) for pk in parts[3].split(".") if pk.isdigit())
        last = made if last is None or made > last else last
    return sources, last


def _new_stories(
    user: User, row: PushSettings, follows: Follows, since: datetime, now: datetime
) -> int:
    stories = list(
        Story.objects.filter(
            created_at__gt=since,
            created_at__lte=now,
            merged_into__isnull=True,
            lead_article__isnull=False,
        )
        .exclude(pk__in=follows.stories)
        .select_related("lead_article")
        .order_by("created_at", "pk")[:SCAN_LIMIT]
    )
    if not stories:
        return 0
    ids = [story.pk for story in stories]
    reasons: dict[int, tuple[PushKind, str]] = {}
    for kind, term, single in _terms(row, follows):
        articles = Article.objects.filter(placement__story_id__in=ids)
        matched = matching_articles(user, single, articles).values_list(
            "placement__story_id", flat=True
        )
        for story_id in matched:
            reasons.setdefault(story_id, (kind, term))
    queued = 0
    for story in stories:
        if story.pk not in reasons:
            continue
        kind, term = reasons[story.pk]
        if kind == PushKind.TOPIC:
            body = gettext("A new story on %(topic)s, a topic you follow") % {"topic": term}
        else:
            body = gettext("A new story from %(place)s, a place you follow") % {"place": term}
        notice = queue_notice(
            user,
            kind,
            subject=f"story:{story.pk}",
            title=_headline(story),
            body=body,
            url=reverse("web:story-short", args=[story.pk]),
            now=now,
        )
        queued += notice is not None
    return queued


def _terms(row: PushSettings, follows: Follows) -> list[tuple[PushKind, str, Follows]]:
    """Each followed topic and place on its own, as a ``Follows`` of that one term."""
    terms: list[tuple[PushKind, str, Follows]] = []
    if row.topics:
        for topic in follows.topics:
            only = Follows(sources=set(), stories=set(), topics=[topic], places=[], place_ids=[])
            terms.append((PushKind.TOPIC, topic, only))
    if row.places:
        from newsdesk.desk.places.reading import region_ids_for_names

        for place in follows.places:
            if place == follows.home:
                continue
            only = Follows(
                sources=set(),
                stories=set(),
                topics=[],
                places=[place],
                place_ids=region_ids_for_names([place]),
            )
            terms.append((PushKind.PLACE, place, only))
    return terms


def _headline(story: Story) -> str:
    lead = story.lead_article
    return story.headline or (lead.title if lead else "") or gettext("A story you follow")

"""The matching of articles to what a reader follows, shared by digests and webhooks."""

from __future__ import annotations

import pytest
from django.utils import timezone

from newsdesk.desk.readers.following import follow, mute
from newsdesk.desk.readers.matching import matching_articles, reader_follows
from newsdesk.readers.models import FollowKind, Reader
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


def test_each_kind_of_follow_matches_and_muted_sources_never_do() -> None:
    now = timezone.now()
    reader = make_reader("matcher")
    harbour = make_source("Harbour Times", now, feed=False)
    valley = make_source("Valley Post", now, feed=False)
    noisy = make_source("Noisy Wire", now, feed=False)
    from_source = make_article(harbour, "Council meets", now)
    in_story = make_article(valley, "Quiet evening", now)
    followed_story = make_story([in_story], now)
    on_topic = make_article(valley, "Floods close the ferry", now)
    in_home = make_article(valley, "News from Lisbon today", now)
    unrelated = make_article(valley, "Nothing to see", now)
    muted = make_article(noisy, "Floods again", now)
    follow(reader, FollowKind.SOURCE, "harbour-times", now)
    follow(reader, FollowKind.STORY, str(followed_story.pk), now)
    follow(reader, FollowKind.TOPIC, "floods", now)
    Reader.objects.update_or_create(user=reader, defaults={"region": "Lisbon"})
    mute(reader, "noisy-wire")

    follows = reader_follows(reader)
    found = set(matching_articles(reader, follows).values_list("pk", flat=True))

    assert follows.home == "Lisbon" and not follows.empty
    assert found == {from_source.pk, in_story.pk, on_topic.pk, in_home.pk}
    assert unrelated.pk not in found and muted.pk not in found

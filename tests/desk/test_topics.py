"""Topics on the desk: tagging articles (stored, replaced, kept close to the best), a story's
topics, the stories of a topic, and the places the classifier is told about."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import timezone

from newsdesk.desk import topics
from newsdesk.desk.readers.for_you import for_you
from newsdesk.desk.tagging import articles_to_tag, tag_articles
from newsdesk.pipeline.topics import TopicScore
from newsdesk.readers.models import Follow, FollowKind
from newsdesk.topics.models import ArticleTopic
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db

FOOTBALL = (
    "Liverpool beat Arsenal 3-1 in the Premier League",
    "The striker scored twice in the second half as Liverpool won the league match at Anfield; "
    "the goalkeeper saved a penalty and the coach praised the team's defence.",
)
MARKETS = (
    "Stocks fall as investors weigh interest rates",
    "Shares on Wall Street slid on Tuesday and the dollar rose after the central bank signalled "
    "that interest rates would stay high; bond yields climbed and oil prices fell.",
)


def _article(title: str, text: str, **fields: object):  # type: ignore[no-untyped-def]
    source = fields.pop("source", None) or make_source(f"Desk {title[:12]}", timezone.now())
    return make_article(source, title, timezone.now(), text=text, description=text, **fields)


def test_tagging_stores_the_best_topic_first_and_is_idempotent() -> None:
    article = _article(*FOOTBALL, language="en")
    scores = topics.tag_article_topics(article)
    rows = list(ArticleTopic.objects.filter(article=article).order_by("rank"))
    assert [row.slug for row in rows] == [s.slug for s in scores]
    assert rows[0].rank == 0 and rows[0].slug.startswith("sports")
    assert "sports" in {row.slug for row in rows}
    topics.tag_article_topics(article)
    assert ArticleTopic.objects.filter(article=article).count() == len(rows)
    assert topics.article_topics(article.pk) == [row.slug for row in rows]


def test_a_new_text_replaces_the_old_topics() -> None:
    article = _article(*FOOTBALL, language="en")
    topics.tag_article_topics(article)
    article.title, article.text = MARKETS
    article.save()
    topics.tag_article_topics(article)
    slugs = topics.article_topics(article.pk)
    assert "business" in slugs and not any(slug.startswith("sports") for slug in slugs)


def test_only_topics_close_to_the_best_are_kept() -> None:
    scores = [
        TopicScore("sports", 0.9),
        TopicScore("sports-football", 0.3),
        TopicScore("sports-tennis", 0.1),
        TopicScore("business", 0.5),
        TopicScore("business-markets", 0.4),
        TopicScore("health", 0.3),
        TopicScore("health-medicine", 0.9),  # under a topic that is not kept
        TopicScore("no-such-topic", 0.8),
    ]
    assert [s.slug for s in topics.kept(scores)] == [
        "sports",
        "sports-football",
        "business",
        "business-markets",
    ]
    assert topics.kept([]) == []
    assert topics.kept([TopicScore("world", 0.0)]) == []
    assert topics.kept([TopicScore("sports-football", 0.9)]) == []


def test_finer_topics_of_real_text_are_kept() -> None:
    article = _article(*MARKETS, language="en")
    slugs = {s.slug for s in topics.tag_article_topics(article)}
    assert {"business", "business-markets"} <= slugs


def test_a_story_takes_the_topics_most_of_its_articles_share() -> None:
    now = timezone.now()
    first = _article(*FOOTBALL)
    second = _article("Liverpool win again", FOOTBALL[1])
    third = _article(*MARKETS)
    story = make_story([first, second, third], now)
    for article in (first, second, third):
        topics.tag_article_topics(article)
    shared = topics.story_topics(story.pk)
    assert shared and shared[0] == "sports"
    assert "business" not in shared


def test_a_topic_lists_its_stories_and_those_of_finer_topics() -> None:
    now = timezone.now()
    match = _article(*FOOTBALL)
    money = _article(*MARKETS)
    sport_story, money_story = make_story([match], now), make_story([money], now)
    ArticleTopic.objects.create(article=match, slug="sports-football", score=0.8, rank=0)
    ArticleTopic.objects.create(article=money, slug="business", score=0.8, rank=0)
    assert list(topics.topic_stories("sports")) == [sport_story]
    assert list(topics.topic_stories("sports-football")) == [sport_story]
    assert list(topics.topic_stories("business")) == [money_story]
    assert list(topics.topic_stories("health")) == []
    assert topics.topic_counts() == {"sports-football": 1, "business": 1}


def test_the_batch_tags_topics_and_carries_on_past_a_missing_article() -> None:
    article = _article(*MARKETS)
    report = tag_articles([article.pk, 987654321])
    assert "business" in topics.article_topics(article.pk)
    assert report.tagged == 1 and report.topic_rows >= 1
    assert [article_id for article_id, _ in report.failures] == [987654321]


@pytest.mark.skipif(
    not apps.is_installed("newsdesk.places"), reason="the places app is not installed"
)
def test_places_abroad_are_foreign_to_the_source() -> None:
    from newsdesk.places.models import ArticlePlace, Place

    source = make_source("Home Paper", timezone.now())
    source.country = "GB"
    source.save()
    article = _article("Talks in Kyiv", "Ministers met in Kyiv.", source=source)
    assert topics.about_foreign_places(article) is False
    ukraine = Place.objects.create(
        id=690791, name="Ukraine", slug="ukraine", kind="country", country_code="UA",
        latitude=49.0, longitude=32.0,
    )  # fmt: skip
    ArticlePlace.objects.create(article=article, place=ukraine, direct=True, origin="text")
    assert topics.about_foreign_places(article) is True
    source.country = "UA"
    source.save()
    article.refresh_from_db()
    assert topics.about_foreign_places(article) is False


def test_for_you_matches_followed_topics_by_slug_and_free_text_by_words() -> None:
    now = timezone.now()
    reader = make_reader("follows-topics")
    Follow.objects.create(user=reader, kind=FollowKind.TOPIC, value="business-markets")
    Follow.objects.create(user=reader, kind=FollowKind.TOPIC, value="ferry")
    source = make_source("Mixed Paper", now)
    tagged = make_article(source, "Shares slide in late trading", now, hours_ago=2)
    ArticleTopic.objects.create(article=tagged, slug="business-markets", score=0.9, rank=0)
    worded = make_article(source, "Ferry timetable changes", now, hours_ago=2)
    plain = make_article(source, "Orchestra plans a summer season", now, hours_ago=1)
    picks = {pick.article.pk: pick for pick in for_you(reader, now).picks}
    assert "topic" in picks[tagged.pk].reasons
    assert "topic" in picks[worded.pk].reasons
    assert "topic" not in picks[plain.pk].reasons
    assert picks[tagged.pk].score > picks[plain.pk].score


def test_articles_without_topics_are_still_to_tag() -> None:
    source = make_source("Wall Street Paper", timezone.now())
    source.country = "US"  # its home country is a place of every article it publishes
    source.save()
    article = _article(*MARKETS, source=source)
    assert article.pk in articles_to_tag(missing=True)
    tag_articles([article.pk])
    assert ArticleTopic.objects.filter(article=article).exists()
    assert article.places.exists()  # type: ignore[attr-defined]
    assert article.pk not in articles_to_tag(missing=True)
    ArticleTopic.objects.filter(article=article).delete()
    assert article.pk in articles_to_tag(missing=True)

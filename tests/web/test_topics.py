"""Topic pages: every topic, one topic's stories with its follow button and RSS, and the topic
chips of the story and article pages."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.desk.topics import tag_article_topics
from newsdesk.pipeline.topics import TOPICS
from newsdesk.readers.models import Follow, FollowKind
from newsdesk.web.links import article_path, story_path
from newsdesk.web.topics import TOPIC_NAMES
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db

MATCH = (
    "Liverpool beat Arsenal in the Premier League",
    "The striker scored twice in the second half as Liverpool won the league match; the "
    "goalkeeper saved a penalty and the coach praised the team.",
)
RATES = (
    "Stocks slide as interest rates stay high",
    "Shares fell on Wall Street and bond yields rose after the central bank held interest rates; "
    "investors sold bank stocks and the dollar climbed.",
)


def _tagged_story(title: str, text: str, hours_ago: float = 1.0):  # type: ignore[no-untyped-def]
    now = timezone.now()
    source = make_source(f"Paper {title[:10]}", now)
    article = make_article(source, title, now, hours_ago=hours_ago, text=text, description=text)
    tag_article_topics(article)
    return make_story([article], now), article


def test_every_topic_has_a_translatable_name() -> None:
    assert {topic.slug for topic in TOPICS} <= set(TOPIC_NAMES)


def test_the_topics_page_groups_finer_topics_under_the_top_level(client: Client) -> None:
    _tagged_story(*MATCH)
    page = client.get("/topics/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index('href="/topic/sports/"') < text.index('href="/topic/sports-football/"')
    assert text.index('href="/topic/sports-football/"') < text.index('href="/topic/entertainment/"')
    assert "Artificial intelligence" in text and "1 article" in text


def test_a_topic_page_lists_its_stories_with_follow_and_rss(client: Client) -> None:
    story, _ = _tagged_story(*MATCH)
    other, _ = _tagged_story(*RATES)
    page = client.get("/topic/sports/")
    assert page.status_code == 200
    text = page.content.decode()
    assert story_path(story) in text and story_path(other) not in text
    assert 'href="/topic/sports/feed.xml"' in text
    assert "/accounts/login/?next=" in text  # visitors are asked to sign in to follow
    assert story_path(other) in client.get("/topic/business/").content.decode()
    assert client.get("/topic/no-such-topic/").status_code == 404
    assert "No stories about this topic yet" in client.get("/topic/health/").content.decode()


def test_top_orders_by_sources_and_newest_by_time(client: Client) -> None:
    now = timezone.now()
    sources = [make_source(f"Sports desk {n}", now) for n in range(3)]
    broad_articles = [
        make_article(s, MATCH[0], now, hours_ago=5, text=MATCH[1], description=MATCH[1])
        for s in sources
    ]
    broad = make_story(broad_articles, now)
    fresh, _ = _tagged_story("Arsenal sign a new striker", MATCH[1], hours_ago=0.2)
    for article in broad_articles:
        tag_article_topics(article)
    newest = client.get("/topic/sports/").content.decode()
    top = client.get("/topic/sports/?order=top").content.decode()
    assert newest.index(story_path(fresh)) < newest.index(story_path(broad))
    assert top.index(story_path(broad)) < top.index(story_path(fresh))


def test_following_a_topic_stores_its_slug() -> None:
    client = Client()
    reader = make_reader("topics-fan")
    client.force_login(reader)
    page = client.get("/topic/business-markets/").content.decode()
    assert 'name="kind" value="topic"' in page and 'name="value" value="business-markets"' in page
    answer = client.post(
        "/me/follow/",
        {
            "kind": "topic",
            "value": "business-markets",
            "action": "follow",
            "next": "/topic/business-markets/",
        },
    )
    assert answer.status_code == 302
    assert Follow.objects.filter(
        user=reader, kind=FollowKind.TOPIC, value="business-markets"
    ).exists()
    assert 'value="unfollow"' in client.get("/topic/business-markets/").content.decode()


def test_the_topic_feed_lists_its_stories(client: Client) -> None:
    story, _ = _tagged_story(*MATCH)
    answer = client.get("/topic/sports/feed.xml")
    assert answer.status_code == 200 and "xml" in answer["Content-Type"]
    channel = ElementTree.fromstring(answer.content).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "newsdesk: Sports"
    links = [item.findtext("link") or "" for item in channel.findall("item")]
    assert [link.endswith(story_path(story)) for link in links] == [True]
    assert client.get("/topic/nothing-here/feed.xml").status_code == 404


def test_story_and_article_pages_show_their_topics_as_links(client: Client) -> None:
    story, article = _tagged_story(*MATCH)
    story_page = client.get(story_path(story)).content.decode()
    assert 'class="chip chip-topic"><a href="/topic/sports/">Sports</a>' in story_page
    article_page = client.get(article_path(article)).content.decode()
    assert 'href="/topic/sports/"' in article_page


def test_followed_topics_are_listed_by_name_and_free_text_by_its_words() -> None:
    client = Client()
    reader = make_reader("names")
    client.force_login(reader)
    Follow.objects.create(user=reader, kind=FollowKind.TOPIC, value="business-markets")
    Follow.objects.create(user=reader, kind=FollowKind.TOPIC, value="harbour")
    page = client.get("/me/following/").content.decode()
    assert "Markets" in page and "harbour" in page
    assert ">business-markets<" not in page

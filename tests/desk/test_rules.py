"""Rules on every read path: the front page, For you, lists, search, the JSON API, the private
feed, digests and webhooks' matching; muting a story for good; site-wide rules; notify matches
recorded once; previews and counts of what a rule catches."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers import rule_editing
from newsdesk.desk.readers.following import follow
from newsdesk.desk.readers.matching import matching_articles, reader_follows
from newsdesk.desk.readers.rules import screen_for
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.desk.search import rebuild_search_index
from newsdesk.pipeline.rules import RuleError
from newsdesk.readers.models import FollowKind, TokenScope
from newsdesk.readers.rules import Rule, RuleCatch
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def news() -> dict[str, Any]:
    now = timezone.now()
    harbour, wire = make_source("Harbour Post", now), make_source("Wire", now)
    return {
        "now": now,
        "harbour": harbour,
        "gossip": make_article(wire, "Celebrity gossip from the gala", now, hours_ago=0.5),
        "ferry": make_article(harbour, "Ferry timetable changes", now, hours_ago=1),
        "council": make_article(harbour, "Council meets on Monday", now, hours_ago=2),
    }


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hide(user: User | None, *terms: str, **more: Any) -> Rule:
    return Rule.objects.create(user=user, terms=list(terms), action="hide", **more)


def test_a_hide_rule_works_on_the_pages_the_reader_reads(news: dict[str, Any]) -> None:
    ana = make_reader("ana")
    follow(ana, FollowKind.SOURCE, "wire", news["now"])
    hide(ana, "gossip")
    rebuild_search_index()
    client = signed_in(ana)
    pages = {
        "home": client.get("/").content,
        "for you": client.get("/for-you/").content,
        "source": client.get("/source/wire/").content,
        "search": client.get("/search/", {"q": "gossip gala"}).content,
    }
    for name, content in pages.items():
        assert b"Celebrity gossip" not in content, name
    assert b"Ferry timetable" in pages["home"]
    visitor = Client().get("/").content  # the reader's rule is theirs alone
    assert b"Celebrity gossip" in visitor


def test_the_json_api_and_private_feed_honour_the_rules_and_keep_the_answer_private(
    news: dict[str, Any],
) -> None:
    ana = make_reader("ana")
    hide(ana, "gossip")
    secret = issue_token(ana, news["now"], scope=TokenScope.API).secret
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    answer = Client().get("/api/v1/articles", **auth)
    titles = [card["title"] for card in answer.json()["results"]]
    assert "Celebrity gossip from the gala" not in titles and "Ferry timetable changes" in titles
    assert "private" in answer["Cache-Control"]
    public = Client().get("/api/v1/articles")
    assert "Celebrity gossip from the gala" in [c["title"] for c in public.json()["results"]]
    assert "public" in public["Cache-Control"]
    feed_secret = issue_token(ana, news["now"], scope=TokenScope.FEED).secret
    follow(ana, FollowKind.SOURCE, "wire", news["now"])
    feed = Client().get(f"/feeds/for-you/{feed_secret}.xml")
    assert feed.status_code == 200
    titles = [t.text for t in ElementTree.fromstring(feed.content).iter("title")]
    assert "Celebrity gossip from the gala" not in titles


def test_site_wide_rules_apply_to_every_reader_and_visitor(news: dict[str, Any]) -> None:
    hide(None, "celebrity")
    assert b"Celebrity gossip" not in Client().get("/").content
    assert b"Celebrity gossip" not in Client().get("/feed.xml").content
    assert b"Celebrity gossip" not in signed_in(make_reader("ben")).get("/").content
    assert b"Ferry timetable" in Client().get("/").content


def test_muting_a_story_hides_all_of_it_for_good_until_the_rule_goes(
    news: dict[str, Any],
) -> None:
    now = news["now"]
    ana = make_reader("ana")
    later = make_article(news["harbour"], "Timetable: extra boats at noon", now, hours_ago=0.1)
    make_story([news["ferry"], later], now)
    rule = Rule.objects.create(user=ana, terms=["ferry"], action="mute_story", field="title")
    shown = screen_for(ana).articles([later])  # no "ferry" in it, but not caught yet either
    assert shown == [later]
    screen_for(AnonymousUser())
    first = signed_in(ana).get("/").content
    assert b"Ferry timetable" not in first
    assert RuleCatch.objects.filter(rule=rule, story_id__isnull=False).count() == 1
    again = signed_in(ana).get("/").content
    assert b"extra boats" not in again  # the whole story, though this article never matched
    rule_editing.delete_rule(ana, rule)
    assert b"extra boats" in signed_in(ana).get("/").content


def test_highlight_and_folder_mark_the_cards(news: dict[str, Any]) -> None:
    ana = make_reader("ana")
    Rule.objects.create(user=ana, terms=["ferry"], action="highlight")
    Rule.objects.create(user=ana, terms=["ferry"], action="folder", folder="Boats")
    page = signed_in(ana).get("/").content.decode()
    card = page[page.index("Ferry timetable") - 1500 : page.index("Ferry timetable") + 600]
    assert "rule-highlight" in card and "Boats" in card


def test_digests_and_webhooks_match_without_what_the_rules_hide(news: dict[str, Any]) -> None:
    ana = make_reader("ana")
    follow(ana, FollowKind.SOURCE, "wire", news["now"])
    follow(ana, FollowKind.SOURCE, "harbour-post", news["now"])
    hide(ana, "gossip")
    found = set(matching_articles(ana, reader_follows(ana)).values_list("pk", flat=True))
    assert found == {news["ferry"].pk, news["council"].pk}


def test_notify_rules_are_named_once_per_article_with_their_readers(
    news: dict[str, Any],
) -> None:
    ana, ben = make_reader("ana"), make_reader("ben")
    mine = Rule.objects.create(user=ana, terms=["ferry"], action="notify")
    Rule.objects.create(user=ben, terms=["council"], action="notify")
    site = Rule.objects.create(user=None, sources=["harbour-post"], action="notify")
    Rule.objects.create(user=ana, terms=["ferry"], action="hide")  # not a notify rule
    found = rule_editing.rules_matching(news["ferry"])
    assert {(user, rule.pk) for user, rule in found} == {(ana.pk, mine.pk), (None, site.pk)}
    assert RuleCatch.objects.filter(article=news["ferry"]).count() == 2
    assert rule_editing.rules_matching(news["ferry"]) == []


def test_preview_and_counts_show_what_a_rule_catches(news: dict[str, Any]) -> None:
    ana = make_reader("ana")
    unsaved = rule_editing.fill(Rule(user=ana), {"terms": "ferry, council", "action": "hide"})
    shown = rule_editing.preview(ana, unsaved, timezone.now())
    assert shown.count == 2 and shown.scanned == 3 and not shown.timed_out
    assert [c.article.title for c in shown.catches] == [
        "Ferry timetable changes",
        "Council meets on Monday",
    ]
    saved = rule_editing.save_rule(ana, {"terms": "gossip", "action": "hide"})
    assert rule_editing.caught_counts(ana, [saved], timezone.now()) == {saved.pk: 1}
    assert unsaved.pk is None  # a preview saves nothing


def test_a_rule_that_cannot_work_is_refused_and_only_operators_make_site_wide_ones(
    news: dict[str, Any],
) -> None:
    ana = make_reader("ana")
    with pytest.raises(RuleError):
        rule_editing.save_rule(ana, {"action": "hide"})
    with pytest.raises(RuleError):
        rule_editing.save_rule(ana, {"terms": "x"}, site_wide=True)
    ana.is_staff = True
    made = rule_editing.save_rule(ana, {"terms": "x"}, site_wide=True)
    assert made.user_id is None and Rule.objects.count() == 1


def test_the_rules_are_read_once_per_request(
    news: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    ana = make_reader("ana")
    hide(ana, "gossip")
    screen = screen_for(ana)
    assert screen_for(ana) is screen  # kept on the user object for the request
    articles = [news["gossip"], news["ferry"]]
    with django_assert_max_num_queries(1):  # the facts, in one query
        assert screen.articles(articles) == [news["ferry"]]


def test_a_runaway_pattern_is_stopped_and_reported_in_the_preview(news: dict[str, Any]) -> None:
    ana = make_reader("ana")
    make_article(news["harbour"], "a" * 3000 + "!", news["now"], hours_ago=3)
    rule = rule_editing.fill(
        Rule(user=ana), {"terms": "^(a|aa)+$", "regex": True, "action": "hide", "field": "title"}
    )
    shown = rule_editing.preview(ana, rule, timezone.now())
    assert shown.timed_out and shown.count == 0
    calm = rule_editing.fill(Rule(user=ana), {"terms": "ferry", "action": "hide"})
    assert not rule_editing.preview(ana, calm, timezone.now()).timed_out


def test_a_patterns_commas_are_its_own() -> None:
    rule = rule_editing.fill(Rule(), {"terms": r"\d{1,3} dead", "regex": True, "action": "hide"})
    words = rule_editing.fill(Rule(), {"terms": "storm, flood", "action": "hide"})
    assert rule.terms == [r"\d{1,3} dead"] and words.terms == ["storm", "flood"]

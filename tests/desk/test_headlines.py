"""Honest headlines on the desk: headlines judged when articles are stored, the neutral headline a
model offers for clickbait (checked, stored once), and source facts shipped for the built-in
feeds.

The model endpoint is a chat-completions server on 127.0.0.1 whose answers each test chooses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.cli.main import main
from newsdesk.desk.ai.accuracy import accuracy_record
from newsdesk.desk.articles import Outcome, process_article
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.headlines import queue_neutral_title, write_neutral_title
from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.desk.source_facts import fill_shipped_facts, shipped_facts
from newsdesk.desk.sources import add_default_feeds, default_feeds, register_feed
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.sources.models import Ownership, Source
from newsdesk.summaries.models import GateReason, GateTally
from tests.desk.conftest import LOCAL
from tests.support.chat import ChatServer, chat_fixture, completion, status  # noqa: F401
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
RSS = {"Content-Type": "application/rss+xml"}
BAIT = "You Won't Believe What This Harbour Town Did With Its Old Ferry"
PLAIN = "Harbour town turns its old ferry into a floating library"
BODY = (
    "The town of Port Ellen has turned its retired ferry into a floating library. "
    "The council bought the ferry for 40,000 pounds in March. "
    "The library opens to readers on Saturday with 12,000 books."
)


@pytest.fixture
def model(chat: ChatServer) -> Iterator[ChatServer]:
    configure(f"openai:{chat.url('/v1')}#tiny-test-model")
    yield chat
    configure("extractive")


def configure(spec: str) -> None:
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_engine=spec, ai_timeout=5.0)
    reset_ai_engine()


def stored(title: str, **fields: object) -> Article:
    source = Source.objects.get_or_create(name="Port News", slug="port-news")[0]
    values: dict[str, object] = {
        "url": f"https://port.test/{abs(hash(title))}",
        "url_hash": f"{abs(hash(title)):032d}"[:32],
        "source": source,
        "title": title,
        "text": BODY,
        "published_at": timezone.now() - timedelta(hours=1),
        "status": ArticleStatus.READY,
        "body_origin": BodyOrigin.PAGE,
        "language": "en",
        "clickbait": True,
    }
    values.update(fields)
    return Article.objects.create(**values)


def test_headlines_are_judged_when_stored(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.add("/news/a", article_page(BAIT))
    local_server.add("/news/b", article_page(PLAIN))
    items = [
        {"title": BAIT, "link": local_server.url("/news/a")},
        {"title": PLAIN, "link": local_server.url("/news/b")},
    ]
    url = local_server.add("/feed.xml", rss_feed(items), headers=RSS)
    with Fetcher(FetchPolicy(allow_networks=LOCAL)) as local:
        claims = check_feed(register_feed(url).feed.pk, None, local).claims

    pending = {a.title: a.clickbait for a in Article.objects.all()}
    assert pending == {BAIT: True, PLAIN: False}  # judged from the feed's title at once
    for claim in claims:
        assert process_article(claim, fetcher) == Outcome.PAGE
    ready = {a.title: a.clickbait for a in Article.objects.all()}
    assert ready == {BAIT: True, PLAIN: False}


def test_articles_stored_before_judging_are_judged_by_the_tag_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    old_bait, old_plain = stored(BAIT, clickbait=None), stored(PLAIN, clickbait=None)
    judged = stored("Council approves harbour budget", clickbait=False)
    german = stored("Sie werden nicht glauben, was diese Stadt tat", clickbait=None, language="de")
    assert main(["tag", "--headlines"]) == 0
    assert "3 headlines judged, 1 of them clickbait" in capsys.readouterr().out
    verdicts = dict(Article.objects.values_list("pk", "clickbait"))
    assert verdicts[old_bait.pk] is True and verdicts[old_plain.pk] is False
    assert verdicts[judged.pk] is False
    assert verdicts[german.pk] is False  # a language the model does not judge: not clickbait
    assert main(["tag", "--headlines"]) == 0
    assert "0 headlines judged" in capsys.readouterr().out


def test_the_model_offers_a_checked_neutral_headline(model: ChatServer) -> None:
    article = stored(BAIT)
    model.answer_with(completion("Port Ellen turns its retired ferry into a floating library [1]."))

    assert write_neutral_title(article.pk) == "written"

    article.refresh_from_db()
    assert article.neutral_title == {
        "text": "Port Ellen turns its retired ferry into a floating library",
        "cites": [article.neutral_title["cites"][0]],
    }
    assert article.neutral_title_at is not None
    prompt = model.bodies[0]["messages"][-1]["content"]
    assert prompt.startswith("Write one neutral, factual news headline")
    assert "[1] The town of Port Ellen" in prompt
    assert not queue_neutral_title(article.pk)  # asked once, never again


def test_a_headline_the_article_does_not_support_is_not_offered(model: ChatServer) -> None:
    article = stored(BAIT)
    model.answer_with(completion("Council pays 90,000 pounds for a ferry in Glasgow [2]."))

    assert write_neutral_title(article.pk) == "unsupported"

    article.refresh_from_db()
    assert article.neutral_title is None
    assert article.neutral_title_at is not None


def test_the_accuracy_record_counts_offered_and_refused_headlines(model: ChatServer) -> None:
    offered, refused = stored(BAIT), stored(BAIT + " Again")
    model.answer_with(completion("Port Ellen turns its retired ferry into a floating library [1]."))
    assert write_neutral_title(offered.pk) == "written"
    model.answer_with(completion("Council pays 90,000 pounds for a ferry in Glasgow [2]."))
    assert write_neutral_title(refused.pk) == "unsupported"

    [tally] = GateTally.objects.filter(task="headline")
    assert (tally.engine, tally.checked, tally.withheld) == ("llm:tiny-test-model", 2, 1)
    reasons = dict(GateReason.objects.filter(task="headline").values_list("reason", "sentences"))
    assert reasons.get("number") == 1  # 90,000 is not in the cited sentence
    [engine] = accuracy_record(timezone.now().date()).engines
    assert (engine.checked, engine.withheld) == (2, 1)


def test_a_model_error_leaves_the_article_to_ask_again(model: ChatServer) -> None:
    article = stored(BAIT)
    model.answer_with(status(400))

    assert write_neutral_title(article.pk).startswith("model error")
    article.refresh_from_db()
    assert article.neutral_title is None and article.neutral_title_at is None


def test_without_a_model_nothing_is_offered() -> None:
    article = stored(BAIT)

    assert not queue_neutral_title(article.pk)
    assert write_neutral_title(article.pk) == "no model"
    article.refresh_from_db()
    assert article.neutral_title is None


def test_only_clickbait_from_sources_allowing_ai_is_rewritten(model: ChatServer) -> None:
    plain = stored(PLAIN, clickbait=False)
    assert write_neutral_title(plain.pk) == "not wanted"
    refused = stored(BAIT)
    Source.objects.filter(pk=refused.source_id).update(ai_allowed=False)
    assert not queue_neutral_title(refused.pk)
    assert model.bodies == []


def test_built_in_feeds_come_with_their_sources_facts() -> None:
    choices = default_feeds()
    bbc = next(i for i, c in enumerate(choices) if "bbc" in c.xml_url)
    nasa = next(i for i, c in enumerate(choices) if "nasa" in c.xml_url)

    add_default_feeds([bbc, nasa])

    source = Source.objects.get(domain="bbc.com")
    assert (source.country, source.languages, source.ownership) == ("GB", "en", Ownership.PUBLIC)
    assert "British Broadcasting Corporation" in source.owner
    assert "Wikipedia" in source.facts_citation
    assert Source.objects.get(domain="nasa.gov").ownership == Ownership.STATE


def test_every_built_in_feed_has_facts_with_a_citation() -> None:
    from newsdesk.desk.sources import domain_of

    facts = shipped_facts()
    for choice in default_feeds():
        known = facts[domain_of(choice.html_url)]
        assert known["facts_citation"] and known["country"], choice.html_url


def test_stored_sources_get_facts_but_an_operators_are_kept() -> None:
    Source.objects.create(name="DW", slug="dw", domain="dw.com")
    Source.objects.create(
        name="NPR",
        slug="npr",
        domain="npr.org",
        ownership=Ownership.PRIVATE,
        facts_citation="the operator's own reading",
    )

    assert fill_shipped_facts() == 1

    assert Source.objects.get(slug="dw").ownership == Ownership.PUBLIC
    assert Source.objects.get(slug="npr").ownership == Ownership.PRIVATE

"""Labels of trust on the reader pages and in the API: a state-controlled source and a clickbait
headline on cards, the article page and the story page; a model's neutral headline marked as
rewritten, the original one click away."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template import engines
from django.test import Client
from django.utils import timezone, translation

from newsdesk.articles.models import Article
from newsdesk.desk.stories import refresh_story
from newsdesk.sources.models import Ownership, Source
from newsdesk.stories.models import Placement, Story
from newsdesk.web.links import article_path, story_path
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db
BAIT = "You Won't Believe What The Council Did With The Old Ferry"
ESCAPED = BAIT.replace("'", "&#x27;")


@pytest.fixture
def state_source() -> Source:
    return Source.objects.create(
        name="State Wire",
        slug="state-wire",
        home_url="https://state.test/",
        domain="state.test",
        country="XX",
        languages="en, ar",
        owner="The Ministry of Information",
        ownership=Ownership.STATE,
        facts_citation="the ministry's own charter",
    )


def card(article: Article) -> str:
    template = engines["django"].from_string('{% include "web/_card.html" %}')
    return str(template.render({"article": article}))


def labels(html: str) -> list[str]:
    return re.findall(r'<span class="label label-(\w+)"', html)


def test_cards_label_state_media_and_clickbait(
    make_article: MakeArticle, state_source: Source
) -> None:
    both = make_article(BAIT, of=state_source, clickbait=True)
    plain = make_article("Council keeps the old ferry", clickbait=False)
    unjudged = make_article("Der Stadtrat behält die alte Fähre", clickbait=None)

    assert labels(card(both)) == ["state", "clickbait"]
    assert ">State-controlled media</span>" in card(both)
    assert ">Clickbait headline</span>" in card(both)
    assert labels(card(plain)) == [] and labels(card(unjudged)) == []
    with translation.override("de"):
        assert ">Staatlich kontrolliertes Medium</span>" in card(both)
        assert ">Clickbait-Überschrift</span>" in card(both)
    with translation.override("ar"):
        assert ">عنوان طُعم للنقر</span>" in card(both)


def test_the_river_shows_the_labels(
    client: Client, make_article: MakeArticle, state_source: Source
) -> None:
    make_article(BAIT, of=state_source, clickbait=True)
    html = client.get("/").content.decode()
    assert labels(html) == ["state", "clickbait"]


def test_article_page_labels_and_offers_the_rewritten_headline(
    client: Client, make_article: MakeArticle, state_source: Source
) -> None:
    article = make_article(BAIT, of=state_source, clickbait=True)
    html = client.get(article_path(article)).content.decode()
    assert labels(html) == ["state", "clickbait"]
    assert f">{ESCAPED}</h1>" in html
    assert "Rewritten headline" not in html

    Article.objects.filter(pk=article.pk).update(
        neutral_title={"text": "Council turns the old ferry into a library", "cites": ["s1"]}
    )
    html = client.get(article_path(article)).content.decode()
    assert ">Council turns the old ferry into a library</h1>" in html
    assert ">Rewritten headline</span>" in html
    details = html[html.index('<details class="original-headline">') :]
    assert "Show the original headline" in details
    assert ESCAPED in details[: details.index("</details>")]


def test_story_page_labels_state_media(
    client: Client, make_article: MakeArticle, state_source: Source
) -> None:
    first = make_article("Council approves ferry stops")
    second = make_article("Ferry stops approved", of=state_source)
    story = Story.objects.create(changed_at=timezone.now())
    for article in (first, second):
        Placement.objects.create(
            article=article,
            story=story,
            published_at=article.published_at,
            placed_at=timezone.now(),
        )
    refresh_story(story, timezone.now())
    html = client.get(story_path(story)).content.decode()
    timeline = html[html.index('class="timeline"') : html.index("</ol>")]
    assert labels(timeline) == ["state"]
    assert "State Wire" in timeline
    headings = re.findall(r'<h3 id="coverage-[^"]*">.*?</h3>', html, re.S)
    assert [labels(h) for h in headings if "State Wire" in h] == [["state"]]
    assert [labels(h) for h in headings if "Example Times" in h] == [[]]


def api(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_api_gives_the_labels_and_the_facts(
    client: Client, make_article: MakeArticle, state_source: Source
) -> None:
    article = make_article(BAIT, of=state_source, clickbait=True)
    Article.objects.filter(pk=article.pk).update(
        neutral_title={"text": "Council turns the old ferry into a library", "cites": ["s1"]}
    )

    [listed] = api(client, "/api/v1/articles")["results"]
    one = api(client, f"/api/v1/articles/{article.pk}")

    assert listed["clickbait"] is True and listed["source"]["ownership"] == "state"
    assert one["clickbait"] is True
    assert one["neutral_title"] == {
        "text": "Council turns the old ferry into a library",
        "cites": ["s1"],
    }
    source = one["source"]
    assert (source["country"], source["languages"], source["ownership"]) == (
        "XX",
        "en, ar",
        "state",
    )
    assert source["owner"] == "The Ministry of Information"
    assert source["facts_citation"] == "the ministry's own charter"


def test_source_page_states_the_facts_and_their_citation(
    client: Client, make_article: MakeArticle, state_source: Source
) -> None:
    make_article("Ferry stops approved", of=state_source)
    html = client.get("/source/state-wire/").content.decode()
    facts = html[html.index('class="meta source-facts"') :]
    facts = facts[: facts.index("</p>")]
    assert '<span class="label label-state">State-controlled</span>' in facts
    assert "Owner: <bdi>The Ministry of Information</bdi>" in facts
    assert "Facts from: <bdi>the ministry&#x27;s own charter</bdi>" in facts
    german = client.get("/source/state-wire/", headers={"accept-language": "de"})
    assert "Staatlich kontrolliert</span> Eigentümer:" in german.content.decode()
    assert "source-facts" not in client.get("/source/example-times/").content.decode()

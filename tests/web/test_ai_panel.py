"""The AI panel of the article and story pages, with the extractive engine (no model needed)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client

from newsdesk.desk import ai
from newsdesk.sources.models import Source
from newsdesk.summaries.models import Summary, SummaryStatus
from newsdesk.web.links import article_path, story_path
from tests.web.conftest import MakeArticle
from tests.web.test_stories_pages import make_story, other_source

pytestmark = pytest.mark.django_db

PRISONERS = (
    "Ukraine and Russia exchanged prisoners of war on Friday in the largest swap since the "
    "spring, officials in Kyiv said. In all, 390 Ukrainian soldiers came home through Belarus, "
    "the coordination headquarters for prisoners said in a statement. The exchange was brokered "
    "by the United Arab Emirates, which has mediated several earlier swaps. Families waited at "
    "the border crossing near Chernihiv for hours before the buses arrived. President Volodymyr "
    "Zelensky thanked the mediators and said work on the next exchange had already begun. "
    "Russia's defence ministry confirmed that the same number of its soldiers had been returned."
)
PRISONERS_RETOLD = (
    "Kyiv and Moscow swapped 390 prisoners of war each on Friday, the largest exchange in months. "
    "The United Arab Emirates mediated the deal, as it has done before. Buses carrying the "
    "Ukrainian soldiers crossed from Belarus near Chernihiv, where relatives had gathered. "
    "Volodymyr Zelensky said a further exchange was being prepared."
)


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_article_summary_without_javascript(client: Client, make_article: MakeArticle) -> None:
    article = make_article("Prisoner exchange", text=PRISONERS, html=f"<p>{PRISONERS}</p>")
    html = html_of(client, article_path(article) + "?ai=paragraph")
    result = html[html.index('id="ai-output"') :]
    assert "<h3>Summary</h3>" in result
    assert "no language model wrote them" in result
    footnotes = re.findall(r'<li id="cite-(\d+)-(\d+)"', result)
    assert footnotes, result
    assert {int(article_id) for article_id, _ in footnotes} == {article.pk}
    cited = re.findall(r'<a class="cite" href="#cite-(\d+-\d+)"', result)
    assert set(cited) == {f"{a}-{s}" for a, s in footnotes}


def test_fragment_for_htmx_and_stored_once(client: Client, make_article: MakeArticle) -> None:
    article = make_article("Prisoner exchange", text=PRISONERS)
    url = f"/ai/article/{article.pk}/?ai=key_points"
    first = client.get(url, HTTP_HX_REQUEST="true")
    assert first.status_code == 200
    body = first.content.decode()
    assert "<h3>Key points</h3>" in body and '<ul class="ai-text">' in body
    assert "<html" not in body
    assert "no-cache" in first.headers.get("Cache-Control", "") or "max-age=0" in first.headers.get(
        "Cache-Control", ""
    )
    client.get(url, HTTP_HX_REQUEST="true")
    assert Summary.objects.filter(article=article, task="key_points").count() == 1


def test_questions_are_answered_or_declined(client: Client, make_article: MakeArticle) -> None:
    article = make_article("Prisoner exchange", text=PRISONERS)
    base = f"/ai/article/{article.pk}/?ai=answer&question="
    answered = client.get(base + "How many soldiers came home?").content.decode()
    assert "390" in answered
    declined = client.get(base + "What will the weather be in Lisbon tomorrow?").content.decode()
    assert "The article does not say." in declined
    empty = client.get(base)
    assert empty.status_code == 400
    assert "ask a question first" in empty.content.decode()


def test_a_source_without_ai_gets_none(client: Client, make_article: MakeArticle) -> None:
    closed = Source.objects.create(name="Closed Wire", slug="closed-wire", ai_allowed=False)
    article = make_article("Prisoner exchange", text=PRISONERS, of=closed)
    html = html_of(client, article_path(article) + "?ai=paragraph")
    assert "does not allow AI features" in html
    assert not Summary.objects.exists()
    fragment = client.get(f"/ai/article/{article.pk}/?ai=paragraph")
    assert fragment.status_code == 400


def test_translation_is_hidden_without_a_model(client: Client, make_article: MakeArticle) -> None:
    article = make_article("Prisoner exchange", text=PRISONERS)
    html = html_of(client, article_path(article))
    assert 'id="ai-language"' not in html  # the footer's interface language is another form
    refused = client.get(f"/ai/article/{article.pk}/?ai=translation&language=de")
    assert refused.status_code == 400
    assert "needs a language model" in refused.content.decode()


def test_changed_text_gets_a_new_summary(client: Client, make_article: MakeArticle) -> None:
    article = make_article("Prisoner exchange", text=PRISONERS)
    client.get(f"/ai/article/{article.pk}/?ai=line")
    article.text = PRISONERS_RETOLD
    article.save()
    client.get(f"/ai/article/{article.pk}/?ai=line")
    versions = Summary.objects.filter(article=article, task="line").values_list("version")
    assert len(set(versions)) == 2


def test_story_brief_cites_both_sources(client: Client, make_article: MakeArticle) -> None:
    first = make_article("Prisoner exchange", text=PRISONERS, age=timedelta(hours=5))
    second = make_article(
        "Swap of 390 prisoners", text=PRISONERS_RETOLD, of=other_source("Kyiv Daily")
    )
    story = make_story([first, second])
    html = html_of(client, story_path(story))
    assert 'data-brief-url="/ai/story/' in html and "?ai=brief#brief" in html
    fragment = client.get(f"/ai/story/{story.pk}/?since=2026-01-01T00:00:00Z").content.decode()
    assert '<h4 class="ai-part">What happened</h4>' in fragment
    cited = {int(a) for a, _ in re.findall(r'<li id="cite-(\d+)-(\d+)"', fragment)}
    assert cited == {first.pk, second.pk}, fragment
    summary = Summary.objects.get(story=story)
    assert summary.status == SummaryStatus.READY and summary.since is not None


def test_a_one_source_story_has_no_brief(make_article: MakeArticle) -> None:
    story = make_story([make_article("Prisoner exchange", text=PRISONERS)])
    assert ai.request_story(story, ai.Request(task="brief")) is None

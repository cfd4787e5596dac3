"""Machine translation in the AI panel: the article's and the story brief's, labelled, with
lang/dir, the reader's language by default, refused clearly without a model or against the
source's rights. The model is SmolLM2-135M on 127.0.0.1: the path and the labels are tested,
not the quality of the translation.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from newsdesk.desk import ai
from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.sources.models import RightsPolicy, Source
from newsdesk.summaries.models import Summary, SummaryStatus
from newsdesk.web.links import article_path
from tests.support.llm_server import LlmServer
from tests.support.processes import free_port
from tests.web.conftest import MakeArticle
from tests.web.test_stories_pages import make_story, other_source

pytestmark = pytest.mark.django_db

TEXT = (
    "Ukraine and Russia exchanged prisoners of war on Friday, officials in Kyiv said. "
    "In all, 390 Ukrainian soldiers came home through Belarus. "
    "The exchange was brokered by the United Arab Emirates."
)
RETOLD = (
    "Kyiv and Moscow swapped 390 prisoners of war each on Friday. "
    "The United Arab Emirates mediated the deal, as it has done before."
)
LABEL = "Machine translation — may contain errors"


def configure(spec: str) -> None:
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_engine=spec, ai_timeout=120.0)
    reset_ai_engine()


@pytest.fixture
def unreachable_model() -> Iterator[None]:
    """A model is configured (nothing is asked of it until a job runs)."""
    configure(f"openai:http://127.0.0.1:{free_port()}/v1#far-away-model")
    yield
    configure("extractive")


@pytest.fixture
def model(real_llm_server: LlmServer) -> Iterator[LlmServer]:
    configure(f"openai:{real_llm_server.base_url}#{real_llm_server.model}")
    yield real_llm_server
    configure("extractive")


def test_without_a_model_the_panel_says_what_is_missing(
    client: Client, make_article: MakeArticle
) -> None:
    article = make_article("Prisoner exchange", text=TEXT, language="en")
    page = client.get(article_path(article) + "?ai=translation&language=de").content.decode()
    assert "needs a language model" in page
    assert LABEL not in page and not Summary.objects.exists()


def test_the_readers_language_is_chosen_by_default(
    client: Client, make_article: MakeArticle, unreachable_model: None
) -> None:
    article = make_article("Prisoner exchange", text=TEXT, language="en")
    html = client.get(article_path(article), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert re.search(r'<option value="de" lang="de" selected>', html), html
    assert not re.search(r'<option value="ar" lang="ar" selected>', html)


def test_rights_are_honoured(
    client: Client, make_article: MakeArticle, unreachable_model: None
) -> None:
    link_only = Source.objects.create(name="Link Wire", slug="link-wire", rights="link")
    closed = Source.objects.create(name="Closed Wire", slug="closed-wire", ai_allowed=False)
    for source, message in ((link_only, "only a link"), (closed, "does not allow AI")):
        article = make_article("Prisoner exchange", text=TEXT, of=source)
        refused = client.get(f"/ai/article/{article.pk}/?ai=translation&language=de")
        assert refused.status_code == 400 and message in refused.content.decode()
    assert not Summary.objects.exists()


def test_excerpt_only_sources_are_translated_as_their_excerpt(
    client: Client, make_article: MakeArticle, unreachable_model: None
) -> None:
    excerpt = Source.objects.create(
        name="Excerpt Wire", slug="excerpt-wire", rights=RightsPolicy.EXCERPT
    )
    article = make_article("Prisoner exchange", text=TEXT, of=excerpt, language="en")
    pending = client.get(f"/ai/article/{article.pk}/?ai=translation&language=fr")
    assert pending.status_code == 200
    fragment = pending.content.decode()
    assert LABEL in fragment and 'hx-get="/ai/summary/' in fragment
    summary = Summary.objects.get(article=article, task="translation")
    assert summary.status == SummaryStatus.PENDING and summary.language == "fr"


def cites_and_anchors(fragment: str) -> tuple[set[str], set[str]]:
    cites = set(re.findall(r'<a class="cite" href="#(cite-[\w-]+)"', fragment))
    anchors = set(re.findall(r'<li id="(cite-[\w-]+)"', fragment))
    return cites, anchors


@pytest.mark.slow
def test_article_translation_into_arabic(
    client: Client, make_article: MakeArticle, model: LlmServer
) -> None:
    article = make_article("Prisoner exchange", text=TEXT, language="en")
    first = client.get(
        f"/ai/article/{article.pk}/?ai=translation&language=ar", HTTP_HX_REQUEST="true"
    )
    assert first.status_code == 200
    assert LABEL in first.content.decode() and 'aria-busy="true"' in first.content.decode()
    summary = Summary.objects.get(article=article, task="translation", language="ar")
    assert ai.run_summary(summary.pk) == SummaryStatus.READY

    fragment = client.get(f"/ai/summary/{summary.pk}/").content.decode()
    assert LABEL in fragment and model.model in fragment
    assert '<p class="ai-text mt-text" lang="ar" dir="rtl">' in fragment
    assert f'href="{article.url}"' in fragment  # the original
    cites, anchors = cites_and_anchors(fragment)
    assert anchors == {f"cite-{article.pk}-{n}" for n in range(3)}
    assert cites == anchors  # every original sentence is rendered, and can be looked up

    page = client.get(article_path(article) + "?ai=translation&language=ar").content.decode()
    output = page[page.index('id="ai-output"') :]
    assert LABEL in output and 'dir="rtl"' in output


def test_a_story_brief_can_be_translated(
    client: Client, make_article: MakeArticle, unreachable_model: None
) -> None:
    first = make_article("Prisoner exchange", text=TEXT, age=timedelta(hours=5), language="en")
    second = make_article("Swap", text=RETOLD, of=other_source("Kyiv Daily"), language="en")
    story = make_story([first, second])
    configure("extractive")
    brief = ai.request_story(story, ai.Request(task="brief"))
    assert brief is not None and brief.status == SummaryStatus.READY
    configure(f"openai:http://127.0.0.1:{free_port()}/v1#far-away-model")

    html = client.get(f"/ai/summary/{brief.pk}/").content.decode()  # the brief as shown
    assert f'action="/ai/summary/{brief.pk}/translation/"' in html
    assert 'name="language"' in html

    pending = client.get(f"/ai/summary/{brief.pk}/translation/?language=de")
    assert pending.status_code == 200 and LABEL in pending.content.decode()
    translation = Summary.objects.get(task="translation", story=story)
    assert translation.result == {"of_summary": brief.pk}
    refused = client.get(f"/ai/summary/{translation.pk}/translation/?language=fr")
    assert refused.status_code == 400

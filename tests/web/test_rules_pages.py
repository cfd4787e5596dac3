"""The rules page: list, make, change and delete a rule through its forms; the preview that htmx
asks for as the form is filled in; and a rule in plain words from a configured model (a local
OpenAI-compatible server), offered only when a model is configured."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from newsdesk.desk.runtime import reset_ai_engine
from newsdesk.readers.rules import Rule
from tests.support.chat import ChatServer, events
from tests.support.chat import chat_fixture as chat  # noqa: F401 (the fixture)
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db
RULE = {"name": "No gossip", "terms": "gossip, red carpet", "field": "both", "action": "hide"}


@pytest.fixture
def ana() -> Client:
    now = timezone.now()
    wire = make_source("Wire", now)
    make_article(wire, "Celebrity gossip from the gala", now, hours_ago=0.5)
    make_article(wire, "Ferry timetable changes", now, hours_ago=1)
    client = Client()
    client.force_login(make_reader("ana"))
    return client


def test_make_see_change_and_delete_a_rule(ana: Client) -> None:
    page = ana.get("/me/rules/")
    assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
    assert b"You have no rules." in page.content
    assert b"A rule in plain words" not in page.content  # no model configured

    saved = ana.post("/me/rules/", {**RULE, "enabled": "on"})
    assert saved.status_code == 302
    rule = Rule.objects.get()
    assert rule.terms == ["gossip", "red carpet"] and rule.enabled and rule.action == "hide"
    listing = ana.get("/me/rules/").content.decode()
    assert "No gossip" in listing and "Catches 1 article of the last 7 days" in listing

    one = ana.get(f"/me/rules/{rule.pk}/").content.decode()
    assert 'value="gossip, red carpet"' in one
    assert "Celebrity gossip from the gala" in one  # what it catches, on its own page
    assert ana.post(f"/me/rules/{rule.pk}/", {**RULE, "action": "highlight"}).status_code == 302
    assert Rule.objects.get().action == "highlight" and not Rule.objects.get().enabled
    assert ana.post(f"/me/rules/{rule.pk}/delete/").status_code == 302
    assert not Rule.objects.exists()


def test_a_rule_that_cannot_work_comes_back_with_the_reason(ana: Client) -> None:
    answer = ana.post("/me/rules/", {"action": "hide", "field": "both"})
    assert answer.status_code == 200
    assert b"at least one condition" in answer.content
    broken = ana.post("/me/rules/", {**RULE, "terms": "(unclosed", "regex": "on"})
    assert b"not a regular expression" in broken.content
    assert not Rule.objects.exists()


def test_the_preview_shows_what_the_form_would_catch_and_saves_nothing(ana: Client) -> None:
    fragment = ana.post("/me/rules/preview/", RULE, HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert "<html" not in text and "1 of the 2 articles of the last 7 days" in text
    assert "Celebrity gossip from the gala" in text and "Ferry" not in text
    whole = ana.post("/me/rules/preview/", RULE)  # without JavaScript: the page, form kept
    assert b"<html" in whole.content and b'value="gossip, red carpet"' in whole.content
    assert not Rule.objects.exists()


@pytest.fixture
def model(chat: ChatServer) -> Iterator[ChatServer]:  # noqa: F811
    spec = f"openai:{chat.url('/v1')}#rule-writer"
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_engine=spec, ai_timeout=10.0)
    reset_ai_engine()
    yield chat
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, ai_engine="extractive")
    reset_ai_engine()


def test_a_rule_in_plain_words_fills_the_form_for_the_reader_to_check(
    ana: Client, model: ChatServer
) -> None:
    rule: dict[str, Any] = {
        "action": "hide",
        "terms": ["gossip", "celebrity"],
        "unless": [],
        "field": "both",
        "name": "No celebrity gossip",
    }
    model.answer_with(events(["Here it is: ", json.dumps(rule)]))
    assert b"A rule in plain words" in ana.get("/me/rules/").content
    answer = ana.post("/me/rules/words/", {"wish": "no celebrity gossip"})
    text = answer.content.decode()
    assert answer.status_code == 200
    assert 'value="gossip, celebrity"' in text and "No celebrity gossip" in text
    assert "Celebrity gossip from the gala" in text  # previewed at once
    assert "Wish: no celebrity gossip" in model.bodies[0]["messages"][-1]["content"]
    assert not Rule.objects.exists()  # the reader saves it, or not

    model.answer_with(events(["I would rather not."]))
    refused = ana.post("/me/rules/words/", {"wish": "anything"}).content.decode()
    assert "did not answer with a rule" in refused and not Rule.objects.exists()


def test_a_story_page_leaves_out_what_a_rule_hides_and_says_so() -> None:
    now = timezone.now()
    wire, tabloid = make_source("Wire", now), make_source("Tabloid", now)
    calm = make_article(wire, "Harbour ferry strike begins", now, hours_ago=2)
    loud = make_article(tabloid, "Ferry strike chaos shock", now, hours_ago=1)
    story = make_story([calm, loud], now)
    reader = make_reader("ana")
    client = Client()
    client.force_login(reader)
    page = client.get(f"/story/{story.pk}/", follow=True).content.decode()
    assert "Ferry strike chaos shock" in page and "hidden by rules" not in page

    Rule.objects.create(user=reader, terms=["shock"], action="hide", field="title")
    Rule.objects.create(user=reader, terms=["harbour"], action="highlight", field="title")
    page = client.get(f"/story/{story.pk}/", follow=True).content.decode()
    assert "Ferry strike chaos shock" not in page
    assert "1 article of this story is hidden by rules." in page
    assert 'class="rule-highlight"' in page  # the timeline marks the highlighted article

    visitor = Client().get(f"/story/{story.pk}/", follow=True).content.decode()
    assert "Ferry strike chaos shock" in visitor  # ana's rules are hers alone


def test_a_muted_story_opened_on_purpose_is_shown_with_a_notice() -> None:
    now = timezone.now()
    wire, other = make_source("Wire", now), make_source("Other", now)
    first = make_article(wire, "Transfer window rumours", now, hours_ago=2)
    second = make_article(other, "More transfer rumours", now, hours_ago=1)
    story = make_story([first, second], now)
    reader = make_reader("ana")
    Rule.objects.create(user=reader, terms=["transfer"], action="mute_story", field="title")
    client = Client()
    client.force_login(reader)
    home = client.get("/").content.decode()
    assert "Transfer window rumours" not in home  # muted where the reader reads
    page = client.get(f"/story/{story.pk}/", follow=True).content.decode()
    assert "You muted this story with a rule" in page
    assert "Transfer window rumours" in page and "More transfer rumours" in page

"""Edition pages, choosing an edition (a cookie, never a different "/"), and the reader's
languages on the profile page and in their lists."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.desk.editions import EDITION_COOKIE
from newsdesk.readers.models import Reader
from newsdesk.web.links import story_path
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


def _story(name: str, country: str, title: str, language: str, hours_ago: float = 1.0):  # type: ignore[no-untyped-def]
    now = timezone.now()
    source = make_source(name, now)
    source.country = country
    source.save()
    articles = [
        make_article(source, title, now, hours_ago=hours_ago, language=language),
        make_article(source, f"{title} (2)", now, hours_ago=hours_ago, language=language),
    ]
    return make_story(articles, now)


def test_the_editions_page_lists_every_edition_in_its_own_language(client: Client) -> None:
    page = client.get("/editions/")
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("English — United Kingdom", "Deutsch — Deutschland", "Français — France"):
        assert name in text
    assert 'dir="rtl"' in text and "العربية" in text
    assert "Set-Cookie" not in page and "csrfmiddlewaretoken" not in text


def test_an_edition_page_puts_its_language_and_country_first(client: Client) -> None:
    english = _story("Wire", "US", "Markets open higher", "en", hours_ago=0.2)
    austrian = _story("Wiener Blatt", "AT", "Regierung stellt Haushalt vor", "de")
    german = _story("Berliner Blatt", "DE", "Bundestag beschließt Haushalt", "de")
    page = client.get("/edition/de-DE/")
    assert page.status_code == 200
    text = page.content.decode()
    order = [text.index(story_path(s)) for s in (german, austrian, english)]
    assert order == sorted(order)
    assert "Deutsch — Deutschland" in text
    latest = text.index('id="river"')
    assert "Bundestag beschließt Haushalt" in text[latest:]
    assert "Markets open higher" not in text[latest:]  # the river keeps to the language


def test_edition_codes_redirect_to_their_spelling_and_unknown_ones_are_404(client: Client) -> None:
    answer = client.get("/edition/de-de/")
    assert answer.status_code == 301 and answer["Location"] == "/edition/de-DE/"
    assert client.get("/edition/xx-XX/").status_code == 404


def test_choosing_an_edition_keeps_it_in_a_cookie_and_home_offers_it(client: Client) -> None:
    answer = client.post("/editions/choose/", {"edition": "fr-fr"})
    assert answer.status_code == 302 and answer["Location"] == "/edition/fr-FR/"
    assert client.cookies[EDITION_COOKIE].value == "fr-FR"
    offer = client.get("/editions/yours/")
    assert (
        'href="/edition/fr-FR/"' in offer.content.decode()
        and "Français — France" in offer.content.decode()
    )
    assert "Cookie" in offer["Vary"] and "no-store" in offer["Cache-Control"]

    home = client.get("/").content.decode()
    assert 'hx-get="/editions/yours/"' in home
    assert "Français — France" not in home.split("<footer")[0]  # "/" itself never says which
    stranger = Client().get("/").content.decode()
    assert _without_tokens(home) == _without_tokens(stranger)

    forget = client.post("/editions/choose/", {"edition": ""})
    assert forget.status_code == 302 and forget["Location"] == "/"
    assert client.cookies[EDITION_COOKIE].value == ""
    assert "/editions/" in client.get("/editions/yours/").content.decode()
    wrong = client.post("/editions/choose/", {"edition": "nowhere"})
    assert wrong.status_code == 302 and wrong["Location"] == "/editions/"
    assert client.get("/editions/choose/").status_code == 405


def _without_tokens(page: str) -> str:
    return page.replace("\n", "")


def test_the_footer_picker_posts_without_a_csrf_token(client: Client) -> None:
    page = client.get("/").content.decode()
    assert 'action="/editions/choose/"' in page and 'name="edition"' in page
    strict = Client(enforce_csrf_checks=True)
    answer = strict.post("/editions/choose/", {"edition": "es-ES"})
    assert answer.status_code == 302 and answer["Location"] == "/edition/es-ES/"


@pytest.fixture
def reader_client() -> tuple[Client, Any]:
    client = Client()
    user = make_reader("polyglot")
    client.force_login(user)
    return client, user


def test_the_profile_offers_the_languages_articles_are_in(
    reader_client: tuple[Client, Any],
) -> None:
    client, user = reader_client
    _story("Wire", "US", "Markets open higher", "en")
    _story("Berliner Blatt", "DE", "Bundestag beschließt Haushalt", "de-DE")
    page = client.get("/me/").content.decode()
    assert 'type="checkbox" name="languages" value="en"' in page
    assert 'type="checkbox" name="languages" value="de"' in page
    assert "Deutsch (de)" in page
    answer = client.post(
        "/me/profile/", {"region": "", "languages": ["de"], "time_zone": "Europe/Berlin"}
    )
    assert answer.status_code == 302
    assert Reader.objects.get(user=user).languages == ["de"]
    again = client.get("/me/").content.decode()
    assert re.search(r'value="de" id="id_languages_\d" checked', again)
    assert not re.search(r'value="en" id="id_languages_\d" checked', again)
    bad = client.post("/me/profile/", {"languages": ["klingon!"], "time_zone": "UTC"})
    assert bad.status_code == 200 and Reader.objects.get(user=user).languages == ["de"]


def test_choosing_languages_hides_other_languages_from_the_home_page(
    reader_client: tuple[Client, Any],
) -> None:
    client, _ = reader_client
    english = _story("Wire", "US", "Markets open higher", "en")
    german = _story("Berliner Blatt", "DE", "Bundestag beschließt Haushalt", "de")
    before = client.get("/").content.decode()
    assert story_path(english) in before and story_path(german) in before
    assert "Markets open higher" in before and "Bundestag beschließt Haushalt" in before

    client.post("/me/profile/", {"region": "", "languages": ["de"], "time_zone": "UTC"})
    after = client.get("/").content.decode()
    assert story_path(german) in after and "Bundestag beschließt Haushalt" in after
    assert story_path(english) not in after and "Markets open higher" not in after
    visitor = Client().get("/").content.decode()
    assert "Markets open higher" in visitor  # a visitor still sees every language

    client.post("/me/profile/", {"region": "", "time_zone": "UTC"})  # none ticked: all again
    assert "Markets open higher" in client.get("/").content.decode()


def test_for_you_keeps_to_the_readers_languages(reader_client: tuple[Client, Any]) -> None:
    client, user = reader_client
    _story("Wire", "US", "Markets open higher", "en")
    _story("Berliner Blatt", "DE", "Bundestag beschließt Haushalt", "de")
    Reader.objects.update_or_create(user=user, defaults={"languages": ["en"]})
    page = client.get("/for-you/").content.decode()
    assert "Markets open higher" in page and "Bundestag" not in page

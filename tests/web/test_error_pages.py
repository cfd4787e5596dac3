"""Error pages are pages of the site: styled, with navigation and a way on, in the reader's
language; the API and the feed-reader protocols get JSON instead."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import translation

from newsdesk.web import errors

pytestmark = pytest.mark.django_db


def test_not_found_is_a_page_of_the_site(client: Client) -> None:
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page is not here" in page and 'class="masthead"' in page
    assert 'action="/search/"' in page and "/web/site." in page
    assert '<meta name="robots" content="noindex">' in page


@pytest.mark.parametrize(
    ("language", "heading", "direction"),
    [("de", "Diese Seite gibt es hier nicht", "ltr"), ("ar", "هذه الصفحة غير موجودة هنا", "rtl")],
)
def test_not_found_speaks_the_readers_language(
    client: Client, language: str, heading: str, direction: str
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/no-such-page/").content.decode()
    assert heading in page and f'lang="{language}" dir="{direction}"' in page


def test_machines_get_json_not_a_page(client: Client) -> None:
    for address in ("/api/v1/no-such-operation", "/api/no-such-protocol/"):
        response = client.get(address)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_an_expired_form_says_what_to_do() -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "The form has expired" in page and "nothing was changed" in page
    assert 'class="masthead"' in page
    api = strict.post("/api/v1/me/saved/sync", {}, content_type="application/json")
    assert api.status_code in {401, 403} and "<html" not in api.content.decode()


def test_forbidden_offers_sign_in_to_visitors() -> None:
    request = RequestFactory().get("/admin-only/")
    request.user = AnonymousUser()
    response = errors.forbidden(request)
    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot open this page" in page and 'href="/accounts/login/"' in page


def test_a_server_error_page_needs_neither_database_nor_session(
    django_db_blocker: pytest.FixtureRequest,
) -> None:
    request = RequestFactory().get("/story/1/")
    with django_db_blocker.block(), translation.override("de"):  # type: ignore[attr-defined]
        response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert 'lang="de"' in page and "/web/site." in page and "500" in page


BRAND = re.compile(r'<a class="brand"[^>]*>.*?</a>', re.S)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_server_error_page_has_the_brand_of_every_other_page(
    client: Client, django_db_blocker: pytest.FixtureRequest, language: str
) -> None:
    """The static 500 page repeats base.html's brand as it is: right to left the word first
    and the icon after it, left to right the other way round (decision 93)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/no-such-page/").content.decode()  # drawn from base.html
    request = RequestFactory().get("/story/1/")
    with django_db_blocker.block(), translation.override(language):  # type: ignore[attr-defined]
        error = errors.server_error(request).content.decode()
    theirs, ours = BRAND.search(page), BRAND.search(error)
    assert theirs is not None and ours is not None
    assert ours.group() == theirs.group()
    word_first = ours.group().index("newsdesk") < ours.group().index("<img")
    assert word_first is (language == "ar")
    assert ('dir="ltr"' in ours.group()) is (language != "ar")

"""Operators edit a web feed's selectors in the admin: checked before saving, previewed live."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from newsdesk.readers.models import Role
from newsdesk.sources.models import Feed, Source
from tests.support.server import LocalServer
from tests.web.test_admin import account

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html><head><title>Notices</title></head><body><ul>
<li class="notice"><h2>Landing closed</h2><a href="/n/1">More</a></li>
<li class="notice"><h2>Council meets</h2><a href="/n/2">More</a></li></ul></body></html>"""


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(account("root", Role.ADMIN))
    return client


def web_feed(url: str, recipe: dict[str, str]) -> Feed:
    source = Source.objects.create(name="Harbour Town", slug="harbour", domain="127.0.0.1")
    return Feed.objects.create(
        source=source, url=url, kind="page", recipe=recipe, next_check_at=timezone.now()
    )


def form_data(admin_client: Client, change: str, recipe: dict[str, str]) -> dict[str, str]:
    """What the change page posts: the recipe, and the recent checks' (empty) inline forms."""
    page = admin_client.get(change)
    data = {"recipe": json.dumps(recipe)}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
    return data


def messages_of(response: HttpResponse) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_wrong_selector_is_refused_and_a_right_one_saved(admin_client: Client) -> None:
    feed = web_feed("https://example.test/notices/", {"item": "li.notice"})
    change = f"/admin/sources/feed/{feed.pk}/change/"
    refused = admin_client.post(change, form_data(admin_client, change, {"item": "li.notice["}))
    assert refused.status_code == 200
    assert "the item selector &#x27;li.notice[&#x27; is not valid" in refused.content.decode()
    feed.refresh_from_db()
    assert feed.recipe == {"item": "li.notice"}
    saved = admin_client.post(
        change, form_data(admin_client, change, {"item": "li", "date": "time"})
    )
    assert saved.status_code == 302
    feed.refresh_from_db()
    assert feed.recipe == {"item": "li", "date": "time", "syntax": "css"}


@pytest.mark.usefixtures("allow_local_fetch")
def test_preview_shows_what_the_selectors_read_now(
    admin_client: Client, local_server: LocalServer
) -> None:
    url = local_server.add("/notices/", PAGE, headers={"Content-Type": "text/html"})
    good = web_feed(url, {"item": "li.notice"})
    response = admin_client.post(
        "/admin/sources/feed/",
        {"action": "preview_web_feed", "_selected_action": [str(good.pk)]},
        follow=True,
    )
    assert messages_of(response) == [f"{url}: 2 items: Landing closed; Council meets"]
    Feed.objects.filter(pk=good.pk).update(recipe={"item": "article"})
    response = admin_client.post(
        "/admin/sources/feed/",
        {"action": "preview_web_feed", "_selected_action": [str(good.pk)]},
        follow=True,
    )
    assert messages_of(response) == [
        f"{url}: the item selector 'article' matched nothing on the page"
    ]

"""The Blindspots page, its feed and API, and the story page's line of where coverage comes
from, on stories the desk placed from publishers with different facts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers.profiles import update_profile
from newsdesk.stories.models import Story
from newsdesk.web.links import story_path
from tests.support.coverage_news import newsroom
from tests.support.following import make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_kept_lists() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news() -> dict[str, object]:
    return newsroom(timezone.now())


def text(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_the_page_lists_each_blindspot_with_what_covers_it(
    client: Client, news: dict[str, object]
) -> None:
    html = text(client, "/blindspots/")
    assert "Covered by 5 sources in Arabic; none in English." in html
    assert (
        "Covered by 5 sources from Middle East and North Africa; none from North America." in html
    )
    assert "Covered by 5 sources in English; none in Arabic." in html
    assert re.search(r'<link rel="stylesheet" href="[^"]*/web/blindspots\.[^"]*css">', html)
    assert html.count('class="blindspot ') == 2
    # A visitor chooses: English readers see what English sources miss, and the feed follows.
    mine = text(client, "/blindspots/?f=1&lang=en")
    assert mine.count('class="blindspot ') == 1 and "none in English" in mine
    assert 'href="/blindspots/feed.xml?lang=en&amp;f=1"' in mine
    assert 'value="en" checked' in mine
    none = text(client, "/blindspots/?f=1&region=europe")
    assert 'class="blindspot ' not in none and "No blindspot in the last 7 days" in none


def test_a_signed_in_reader_starts_from_their_profile(
    client: Client, news: dict[str, object]
) -> None:
    reader = make_reader("amal")
    update_profile(reader, region="Egypt", languages=["ar"], time_zone="UTC")
    client.force_login(reader)
    html = text(client, "/blindspots/")
    assert "Chosen from your profile" in html
    # Arabic: the English-only ferry story; Egypt is in the region that covers the quake.
    assert html.count('class="blindspot ') == 1 and "none in Arabic" in html
    assert text(client, "/blindspots/?f=1").count('class="blindspot ') == 2


def test_the_page_speaks_german_and_arabic(client: Client, news: dict[str, object]) -> None:
    german = text(client, "/blindspots/", accept_language="de")
    assert "Von 5 Quellen auf Arabisch berichtet; von keiner auf Englisch." in german
    assert ">Blinde Flecken<" in german
    arabic = text(client, "/blindspots/", accept_language="ar")
    assert 'dir="rtl"' in arabic and "النقاط العمياء" in arabic


def test_the_feed_lists_the_blindspots(client: Client, news: dict[str, object]) -> None:
    response = client.get("/blindspots/feed.xml?lang=en")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss")
    items = ElementTree.fromstring(response.content).findall("./channel/item")
    assert len(items) == 1
    story = Story.objects.get(pk=news["quake"])
    assert items[0].findtext("link", "").endswith(story_path(story))
    assert "none in English" in items[0].findtext("description", "")
    again = client.get("/blindspots/feed.xml?lang=en", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_the_story_page_says_where_its_coverage_comes_from(
    client: Client, news: dict[str, object]
) -> None:
    story = Story.objects.get(pk=news["ferry"])
    html = text(client, story_path(story))
    line = html[html.index("data-origins") : html.index("</p>", html.index("data-origins"))]
    assert "Covered from 4 countries in 1 language:" in line
    assert "blindspots." not in html.split("</head>")[0]  # the page's own styles stay off it
    assert "United States</bdi>&nbsp;2" in line and "English</bdi>&nbsp;5" in line
    quake = text(client, story_path(Story.objects.get(pk=news["quake"])), accept_language="de")
    assert "Berichtet aus 5 Ländern in 1 Sprache:" in quake
    assert "Katar</bdi>&nbsp;1" in quake and "1 Quelle unbekannten Landes" in quake


def test_the_api_answers_blindspots_and_a_storys_origins(
    client: Client, news: dict[str, object]
) -> None:
    found = json.loads(text(client, "/api/v1/blindspots?lang=en"))
    assert [spot["story"]["id"] for spot in found["results"]] == [news["quake"]]
    gap = found["results"][0]["gaps"][0]
    assert (gap["covered"], gap["covered_name"], gap["missing"]) == ("ar", "Arabic", ["en"])
    assert found["next"] is None
    assert client.get("/api/v1/blindspots?region=atlantis").status_code == 422
    story = json.loads(text(client, f"/api/v1/stories/{news['ferry']}"))
    origins = story["origins"]
    assert origins["sources"] == 5 and origins["languages"] == [
        {"code": "en", "name": "English", "sources": 5}
    ]
    assert {"code": "US", "name": "United States", "sources": 2} in origins["countries"]


def test_the_coverage_line_names_only_what_is_known() -> None:
    from django.template.loader import render_to_string

    from newsdesk.desk.stories.coverage import Spread
    from newsdesk.web.templatetags.origins import origins_context

    languages_only = Spread(3, (), (), (("fr", 2), ("de", 1)), 3, 0)
    line = render_to_string("web/_story_origins.html", origins_context(languages_only))
    assert "Covered in 2 languages:" in line and "French</bdi>&nbsp;2" in line
    assert "3 sources of unknown country" in line
    nothing = Spread(2, (), (), (), 2, 2)
    assert "data-origins" not in render_to_string(
        "web/_story_origins.html", origins_context(nothing)
    )


def test_the_page_and_the_api_go_page_by_page(
    client: Client, news: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from newsdesk.api import blindspots as api
    from newsdesk.desk.stories import blindspots as desk

    one_a_page = replace(desk.thresholds(), page_size=1)
    monkeypatch.setattr(desk, "thresholds", lambda: one_a_page)
    first = text(client, "/blindspots/?f=1")
    assert first.count('class="blindspot ') == 1 and 'href="?f=1&amp;page=2"' in first
    second = text(client, "/blindspots/?f=1&page=2")
    assert second.count('class="blindspot ') == 1 and "page=3" not in second
    assert first.split('class="blindspot ')[1][:300] != second.split('class="blindspot ')[1][:300]
    monkeypatch.setattr(api, "PAGE_SIZE", 1)
    page = json.loads(text(client, "/api/v1/blindspots"))
    following = json.loads(text(client, f"/api/v1/blindspots?cursor={page['next']}"))
    ids = [spot["story"]["id"] for spot in (*page["results"], *following["results"])]
    assert sorted(ids) == sorted([news["quake"], news["ferry"]]) and following["next"] is None

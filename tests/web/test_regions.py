"""Region pages, finding a place, "Local" (a visitor's cookie, a reader's profile), the region
feed, the places on story and article pages, and followed regions in "For you"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.readers import following
from newsdesk.desk.readers.for_you import for_you
from newsdesk.desk.stories import refresh_story
from newsdesk.desk.tagging import tag_articles
from newsdesk.readers.models import FollowKind, Reader
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement, Story
from newsdesk.web.links import article_path, story_path
from newsdesk.web.regions import LOCAL_COOKIE
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db

KHARKIV = (
    "Shelling hit Kharkiv overnight, the regional governor said. Kharkiv lost power in several "
    "districts and repair crews worked through the morning to restore it."
)
MEREFA = (
    "In Merefa, a town in eastern Ukraine, volunteers reopened the school that was damaged last "
    "spring. Parents in Merefa said the children had studied online for a year."
)


def make_story(articles: list[Article]) -> Story:
    story = Story.objects.create(changed_at=timezone.now())
    for article in articles:
        Placement.objects.create(
            article=article,
            story=story,
            published_at=article.published_at,
            placed_at=timezone.now(),
        )
    refresh_story(story, timezone.now())
    story.refresh_from_db()
    return story


def tagged_story(make_article: MakeArticle, title: str, text: str, **fields: object) -> Story:
    article = make_article(title, text=text, description=text[:100], **fields)
    report = tag_articles([article.pk])
    assert report.tagged == 1, report.failures
    return make_story([article])


def html(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_region_page_lists_its_stories_under_its_hierarchy(
    client: Client, make_article: MakeArticle
) -> None:
    story = tagged_story(make_article, "Power cut after overnight shelling", KHARKIV)
    tagged_story(make_article, "Ferry service reaches the east bank", "The ferry vote passed.")
    page = html(client, "/region/kharkiv/")
    assert "Power cut after overnight shelling" in page
    assert "Ferry service" not in page
    assert story_path(story) in page
    assert 'href="/region/europe/"' in page and 'href="/region/ukraine/"' in page
    assert page.index(">Europe<") < page.index(">Ukraine<") < page.index(">Kharkiv<")
    assert 'href="/region/kharkiv/feed.xml"' in page
    assert 'value="region"' not in page  # visitors get a sign-in link to follow
    assert "Power cut after overnight shelling" in html(client, "/region/ukraine/")
    assert "Power cut after overnight shelling" not in html(client, "/region/japan/")


def test_stories_told_by_several_sources_lead_the_region_page(
    client: Client, make_article: MakeArticle
) -> None:
    wire = Source.objects.create(name="Wire", slug="wire", home_url="https://wire.test/")
    first = make_article("Metro stations reopen", text=KHARKIV, age=timedelta(hours=3))
    second = make_article("Metro back after repairs", text=KHARKIV, of=wire)
    tag_articles([first.pk, second.pk])
    broad = make_story([first, second])
    tagged_story(make_article, "Power cut after overnight shelling", KHARKIV)
    page = html(client, "/region/kharkiv/")
    top, latest = page.split("Top stories", 1)[1].split(">Latest<", 1)
    assert story_path(broad) in top and "Power cut" not in top
    assert "Power cut" in latest and story_path(broad) in latest
    assert "Top stories" not in html(client, "/region/kharkiv/?page=2")


def test_a_radius_around_a_city_takes_in_the_town_nearby(
    client: Client, make_article: MakeArticle
) -> None:
    tagged_story(make_article, "School reopens after a year online", MEREFA)
    assert "School reopens" not in html(client, "/region/kharkiv/")
    assert "School reopens" not in html(client, "/region/kharkiv/?radius=10")
    around = html(client, "/region/kharkiv/?radius=50")
    assert "School reopens" in around and '<option value="50" selected>' in around
    assert "School reopens" not in html(client, "/region/kharkiv/?radius=7")  # not offered
    assert 'name="radius"' not in html(client, "/region/ukraine/?radius=50")  # cities only


def test_a_place_no_article_named_has_a_page(client: Client) -> None:
    page = html(client, "/region/portugal/")
    assert "No stories about Portugal yet" in page
    assert client.get("/region/no-such-place-anywhere/").status_code == 404
    assert client.post("/region/portugal/").status_code == 405


def test_finding_a_place_lists_namesakes_apart(client: Client) -> None:
    page = html(client, "/region/?q=Springfield")
    assert "Springfield, Illinois" in page and "Springfield, Missouri" in page
    assert 'href="/region/springfield-illinois/"' in page
    assert "No place called" in html(client, "/region/?q=Qqqxyzzy")


def test_the_region_feed_lists_its_articles(client: Client, make_article: MakeArticle) -> None:
    tagged_story(make_article, "Power cut after overnight shelling", KHARKIV)
    feed = html(client, "/region/ukraine/feed.xml")
    assert "<title>newsdesk: Ukraine</title>" in feed
    assert "Power cut after overnight shelling" in feed


def test_story_and_article_pages_link_their_places(
    client: Client, make_article: MakeArticle
) -> None:
    story = tagged_story(make_article, "Power cut after overnight shelling", KHARKIV)
    assert 'href="/region/kharkiv/"' in html(client, story_path(story))
    article = Article.objects.get(placement__story=story)
    assert 'href="/region/kharkiv/"' in html(client, article_path(article))


def test_a_visitor_chooses_their_place_once(client: Client, make_article: MakeArticle) -> None:
    tagged_story(make_article, "Power cut after overnight shelling", KHARKIV)
    home = html(client, "/")
    assert 'hx-get="/local/"' in home and 'href="/local/"' in home
    empty = client.get("/local/", headers={"HX-Request": "true"})
    assert "Choose your town or region" in empty.content.decode()
    chosen = client.post("/local/", {"q": "Kharkiv"})
    assert chosen.status_code == 302 and chosen["Location"] == "/#local"
    assert client.cookies[LOCAL_COOKIE].value == "kharkiv"
    block = client.get("/local/", headers={"HX-Request": "true"})
    assert "no-cache" in block["Cache-Control"] and "Cookie" in block["Vary"]
    text = block.content.decode()
    assert "Local: Kharkiv" in text and "Power cut after overnight shelling" in text
    assert "<html" not in text  # the fragment alone
    assert "Local: Kharkiv" not in html(client, "/")  # never part of the shared home page
    assert "Power cut after overnight shelling" in html(client, "/local/")
    client.post("/local/", {"action": "clear"})
    assert "Choose your town" in html(client, "/local/", HX_Request="true")


def test_namesakes_are_asked_about_and_nonsense_is_refused(client: Client) -> None:
    asked = client.post("/local/", {"q": "Springfield"})
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "Springfield, Illinois" in text and "Springfield, Missouri" in text
    assert LOCAL_COOKIE not in client.cookies
    illinois = client.get("/region/springfield-illinois/")  # makes sure the row exists
    assert illinois.status_code == 200
    place_id = illinois.context["place"].pk
    chosen = client.post("/local/", {"q": "Springfield", "place": str(place_id)})
    assert chosen.status_code == 302
    assert client.cookies[LOCAL_COOKIE].value == "springfield-illinois"
    refused = client.post("/local/", {"q": "Qqqxyzzy"})
    assert refused.status_code == 422 and "No place called" in refused.content.decode()


def test_a_readers_place_goes_to_their_profile(make_article: MakeArticle) -> None:
    tagged_story(make_article, "Power cut after overnight shelling", KHARKIV)
    user = User.objects.create_user("ana", "ana@example.test", "a long pass phrase")
    Reader.objects.create(user=user)
    client = Client()
    client.force_login(user)
    assert client.post("/local/", {"q": "Kharkiv"}).status_code == 302
    assert Reader.objects.get(user=user).region == "Kharkiv, Ukraine"
    assert LOCAL_COOKIE not in client.cookies
    block = html(client, "/local/", HX_Request="true")
    assert "Local: Kharkiv" in block and "Power cut after overnight shelling" in block


def test_a_followed_region_matches_articles_by_place(make_article: MakeArticle) -> None:
    user = User.objects.create_user("ana", "ana@example.test", "a long pass phrase")
    make_article("Markets open higher", age=timedelta(minutes=5))
    tagged_story(
        make_article, "Power cut after overnight shelling", KHARKIV, age=timedelta(hours=8)
    )
    following.follow(user, FollowKind.REGION, "ukraine", timezone.now())
    picks = for_you(user, timezone.now()).picks
    assert picks[0].article.title == "Power cut after overnight shelling"
    assert "region" in picks[0].reasons
    assert "region" not in picks[1].reasons

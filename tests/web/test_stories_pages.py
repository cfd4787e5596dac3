"""Story pages and the story parts of the article and home pages, through Django's test client."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.stories import place_and_refine, refresh_story
from newsdesk.sources.models import Source
from newsdesk.stories.models import Correction, Placement, Story, StoryKey
from newsdesk.web.links import article_path, story_path
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db

FERRY = (
    "The city council voted on Tuesday to expand the river ferry service to three new stops, a "
    "plan that commuters on the east bank have requested for more than a decade. Officials said "
    "the first boats would run in the spring, once the landing stages are rebuilt, and that fares "
    "would stay the same. Mayor Ana Lopez said the Harbour Authority would fund the landings."
)
FERRY_REWRITE = (
    "Commuters on the east bank will get three new river ferry stops after the city council "
    "approved the expansion on Tuesday. Mayor Ana Lopez said the Harbour Authority would pay for "
    "the landing stages, and the first boats are due in spring with unchanged fares for riders."
)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def other_source(name: str) -> Source:
    slug = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
    return Source.objects.create(name=name, slug=slug, home_url=f"https://{slug}.test/")


def make_story(
    articles: list[Article],
    *,
    copies: dict[Article, Article] | None = None,
    shared: list[str] | None = None,
) -> Story:
    """A story of ``articles`` written straight to the database (the first one started it)."""
    story = Story.objects.create(changed_at=timezone.now())
    copies = copies or {}
    for i, article in enumerate(articles):
        original = copies.get(article)
        Placement.objects.create(
            article=article,
            story=story,
            score=None if i == 0 else (1.0 if original else 0.62),
            shared_entities=[] if i == 0 else (shared or ["Ana Lopez", "Harbour Authority"]),
            duplicate_of=original,
            published_at=article.published_at,
            placed_at=timezone.now(),
        )
    refresh_story(story, timezone.now())
    story.refresh_from_db()
    return story


@pytest.fixture
def staff(client: Client) -> User:
    user = User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_story_page_shows_timeline_coverage_and_why(
    client: Client, make_article: MakeArticle
) -> None:
    gazette = other_source("River Gazette")
    first = make_article("Council approves ferry stops", age=timedelta(hours=6))
    second = make_article(
        "Ferry to reach east bank",
        of=gazette,
        age=timedelta(hours=3),
        description="Mayor ANA LOPEZ says the harbour authority agreed.",
    )
    copy = make_article("Ferry to reach east bank (wire)", of=other_source("Wire Daily"))
    story = make_story([first, second, copy], copies={copy: second})
    html = page(client, story_path(story))
    assert "<h1" in html and story.headline in html
    assert "2 articles from 3 sources" in html
    assert 'id="timeline-title">Timeline</h2>' in html
    timeline = html[html.index('class="timeline"') : html.index("</ol>")]
    assert timeline.index(article_path(first)) < timeline.index(article_path(second))
    assert "River Gazette" in timeline and "also published by" in timeline
    assert article_path(copy) in timeline and "Wire Daily" in timeline
    assert "Full coverage" in html and 'id="coverage-story-' in html
    assert "Why these are together" in html
    assert "Started the story." in html and "A close match for the story." in html
    # Names as the article writes them, in words; the measure itself is for editors.
    assert "Names it shares: <bdi>ANA LOPEZ</bdi>, <bdi>harbour authority</bdi>." in html
    assert "<meter" not in html and "Story #" not in html and "62%" not in html
    assert "Move to its own story" not in html and "Merge into story" not in html
    canonical = f'<link rel="canonical" href="http://testserver{story_path(story)}">'
    assert canonical in html


def test_story_addresses_and_merged_story_redirects(
    client: Client, make_article: MakeArticle
) -> None:
    story = make_story([make_article("Ferry plan"), make_article("Ferry vote")])
    kept = make_story([make_article("Bridge plan"), make_article("Bridge vote")])
    response = client.get(f"/story/{story.pk}/")
    assert response.status_code == 301 and response["Location"] == story_path(story)
    assert client.get(f"/story/{story.pk}/wrong/").status_code == 301
    Story.objects.filter(pk=story.pk).update(merged_into=kept)
    response = client.get(story_path(story))
    assert response.status_code == 301 and response["Location"] == story_path(kept)
    assert client.get("/story/999999/").status_code == 404


def test_staff_split_and_merge(client: Client, make_article: MakeArticle, staff: User) -> None:
    first, second = make_article("Ferry plan"), make_article("Ferry vote")
    story = make_story([first, second])
    other = make_story([make_article("Bridge plan"), make_article("Bridge vote")])
    html = page(client, story_path(story))
    assert html.count("Move to its own story") == 2 and "Merge into story #" in html
    assert re.search(r'<meter [^>]*value="62"', html) and f"Story #{story.pk}" in html
    response = client.post(f"/story/{story.pk}/correct/split/{second.pk}/")
    assert response.status_code == 302 and response["Location"] == story_path(story)
    moved = Placement.objects.get(article=second)
    assert moved.story_id != story.pk and moved.pinned
    assert Correction.objects.filter(kind="split", made_by="editor").exists()
    assert client.post(f"/story/{story.pk}/correct/split/{second.pk}/").status_code == 404
    response = client.post(f"/story/{other.pk}/correct/merge/", {"into": str(story.pk)})
    assert response.status_code == 302 and response["Location"].startswith(f"/story/{story.pk}/")
    assert Story.objects.get(pk=other.pk).merged_into_id == story.pk
    assert client.get(story_path(other)).status_code == 301
    html = page(client, response["Location"])
    assert "merged into this one" in html
    response = client.post(f"/story/{story.pk}/correct/merge/", {"into": str(story.pk)})
    assert response.status_code == 302
    assert "another live story" in page(client, response["Location"])
    assert Story.objects.get(pk=story.pk).merged_into_id is None
    assert client.get(f"/story/{story.pk}/correct/merge/").status_code == 405


def test_corrections_are_for_staff_only(client: Client, make_article: MakeArticle) -> None:
    first, second = make_article("Ferry plan"), make_article("Ferry vote")
    story = make_story([first, second])
    other = make_story([make_article("Bridge plan"), make_article("Bridge vote")])
    assert client.post(f"/story/{story.pk}/correct/split/{second.pk}/").status_code == 403
    assert client.post(f"/story/{other.pk}/correct/merge/", {"into": story.pk}).status_code == 403
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.post(f"/story/{story.pk}/correct/split/{second.pk}/").status_code == 403
    assert client.post(f"/story/{other.pk}/correct/merge/", {"into": story.pk}).status_code == 403
    assert Placement.objects.get(article=second).story_id == story.pk
    assert Story.objects.get(pk=other.pk).merged_into_id is None


def test_corrections_need_the_csrf_token(make_article: MakeArticle) -> None:
    first, second = make_article("Ferry plan"), make_article("Ferry vote")
    story = make_story([first, second])
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True)
    )
    assert client.post(f"/story/{story.pk}/correct/split/{second.pk}/").status_code == 403
    assert Placement.objects.get(article=second).story_id == story.pk
    html = page(client, story_path(story))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    response = client.post(
        f"/story/{story.pk}/correct/split/{second.pk}/", {"csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302
    assert Placement.objects.get(article=second).story_id != story.pk


def test_article_page_lists_full_coverage_and_related_stories(
    client: Client, make_article: MakeArticle
) -> None:
    gazette = other_source("River Gazette")
    article = make_article("Council approves ferry stops", age=timedelta(hours=5))
    sibling = make_article("Ferry to reach east bank", of=gazette, age=timedelta(hours=2))
    story = make_story([article, sibling])
    html = page(client, article_path(article))
    coverage = html[html.index('id="coverage-title"') : html.index('id="comments-title"')]
    assert "River Gazette" in coverage and article_path(sibling) in coverage
    assert article_path(article) not in coverage
    assert story_path(story) in coverage and "2 articles from 2 sources" in coverage
    alone = make_article("A story of its own", age=timedelta(days=2))
    html = page(client, article_path(alone))
    assert 'id="coverage-title"' not in html
    related = html[html.index('id="related-title"') :]
    # No story: the newest of the same source, under a heading that says so.
    assert article_path(article) in related and "More from <bdi>The Example Times</bdi>" in related
    assert ">Related</h2>" not in html


def profile(**terms: float) -> dict[str, object]:
    return {"articles": 1, "embedded": 0, "body": terms, "lead": terms, "entities": {}}


def test_related_stories_share_keys_and_rank_by_similarity(
    client: Client, make_article: MakeArticle
) -> None:
    gazette = other_source("River Gazette")
    article = make_article("Council approves ferry stops")
    own = make_story([article, make_article("Ferry vote", of=gazette)])
    close = make_story([make_article("Ferry fares frozen"), make_article("Fares", of=gazette)])
    far = make_story([make_article("Ferry museum opens", of=gazette), make_article("Museum")])
    unrelated = make_story([make_article("Bridge closes"), make_article("Bridge", of=gazette)])
    stale = make_story([make_article("Old ferry news", age=timedelta(days=9)), make_article("x")])
    now = timezone.now()
    Story.objects.filter(pk=own.pk).update(profile=profile(ferry=0.8, council=0.6))
    Story.objects.filter(pk=close.pk).update(profile=profile(ferry=0.8, council=0.5))
    Story.objects.filter(pk=far.pk).update(profile=profile(ferry=0.3, museum=0.9))
    Story.objects.filter(pk=unrelated.pk).update(profile=profile(bridge=1.0))
    Story.objects.filter(pk=stale.pk).update(profile=profile(ferry=0.8, council=0.6))
    for story, seen in ((own, now), (close, now), (far, now), (stale, now - timedelta(days=9))):
        StoryKey.objects.create(key=1, story=story, seen_at=seen)
    StoryKey.objects.create(key=2, story=unrelated, seen_at=now)
    html = page(client, article_path(article))
    related = html[html.index('id="related-title"') : html.index('id="comments-title"')]
    assert related.index(story_path(close)) < related.index(story_path(far))
    assert story_path(own) not in related and story_path(unrelated) not in related
    assert story_path(stale) not in related
    assert "2 sources" in related and "hours ago" in related


def test_placed_stories_and_copies(client: Client, make_article: MakeArticle) -> None:
    """The real placement: a rewrite joins the story, a copy is shown once."""
    gazette, wire = other_source("River Gazette"), other_source("Wire Daily")
    first = make_article("Ferry expansion approved", text=FERRY, age=timedelta(hours=5))
    rewrite = make_article(
        "East bank gets ferry stops", of=gazette, text=FERRY_REWRITE, age=timedelta(hours=4)
    )
    copy = make_article("Ferry expansion approved", of=wire, text=FERRY, age=timedelta(hours=3))
    place_and_refine()
    placement = Placement.objects.get(article=copy)
    assert placement.duplicate_of_id == first.pk
    home = page(client, "/")
    river = home[home.index('id="river"') :]
    assert article_path(first) in river and article_path(copy) not in river
    assert article_path(copy) not in page(client, "/source/wire-daily/")
    assert article_path(copy) not in page(client, "/feed.xml")
    story = Story.objects.get(pk=placement.story_id)
    html = page(client, story_path(story))
    assert "also published by" in html and article_path(copy) in html
    html = page(client, article_path(first))
    coverage = html[html.index('id="coverage-title"') : html.index('id="comments-title"')]
    assert "This article was also published by" in coverage and "Wire Daily" in coverage
    if Placement.objects.get(article=rewrite).story_id == story.pk:
        assert "River Gazette" in html


def test_home_top_stories_rank_breadth(client: Client, make_article: MakeArticle) -> None:
    a, b, c = other_source("Alpha News"), other_source("Beta Post"), other_source("Gamma")
    age = timedelta(hours=3)
    narrow = make_story(
        [make_article("Narrow story lead", of=a, age=age), make_article("Narrow 2", of=b, age=age)]
    )
    wide = make_story(
        [
            make_article("Wide story lead", of=a, age=age),
            make_article("Wide 2", of=b, age=age),
            make_article("Wide 3", of=c, age=age),
        ]
    )
    make_story([make_article("Single story", age=age)])
    old = [make_article(f"Old {i}", of=s, age=timedelta(days=3)) for i, s in enumerate((a, b, c))]
    make_story(old)
    html = page(client, "/")
    top = html[html.index('id="top-title"') : html.index('id="river"')]
    assert top.index(story_path(wide)) < top.index(story_path(narrow))
    assert "3 sources" in top and "2 sources" in top
    assert "Single story" not in top and "Old 0" not in top
    assert html.index('id="top-title"') < html.index('id="river"')
    assert client.get("/?page=2").status_code == 200

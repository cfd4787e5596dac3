"""The claim map on the story page and its store (``desk.stories.claims``), through Django's
test client: what the sources agree on, where they differ with both sides linked, what one
source alone reports; kept until an article of the story changes; its styles only on this page.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.stories import refresh_story
from newsdesk.desk.stories.claims import story_claims
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement, Story, StoryClaims
from newsdesk.web.links import article_path, story_path
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db

QUAKE_A = (
    "A 5.9 magnitude earthquake struck Qeshm island on Sunday, killing 10 people, officials said. "
    "The quake destroyed 40 houses in the village of Tonban, the governor told state television. "
    '"Rescue teams are on their way," the governor, Heidar Alishvandi, said.'
)
QUAKE_B = (
    "The earthquake that struck Qeshm island on Sunday killed 8 people, officials said. "
    "It measured 5.9 on the Richter scale. The tremor lasted 30 seconds in Dubai."
)


def source(name: str) -> Source:
    slug = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
    return Source.objects.create(name=name, slug=slug, home_url=f"https://{slug}.test/")


def make_story(articles: list[Article]) -> Story:
    story = Story.objects.create(changed_at=timezone.now())
    for i, article in enumerate(articles):
        Placement.objects.create(
            article=article,
            story=story,
            score=None if i == 0 else 0.6,
            shared_entities=[],
            published_at=article.published_at,
            placed_at=timezone.now(),
        )
    refresh_story(story, timezone.now())
    story.refresh_from_db()
    return story


def test_a_higher_toll_in_the_later_article_is_an_update(make_article: MakeArticle) -> None:
    first = make_article("Quake hits Qeshm", text=QUAKE_A, age=timedelta(hours=5))
    later = QUAKE_B.replace("8 people", "13 people")
    second = make_article("Toll rises", of=source("Gulf Wire"), text=later, age=timedelta(hours=2))
    found = story_claims(make_story([first, second]))
    assert found is not None and not found.differ
    again = make_article("Quake hits Qeshm island", text=QUAKE_A, age=timedelta(hours=5))
    earlier = make_article("Toll falls", of=source("Bay Wire"), text=later, age=timedelta(hours=9))
    found = story_claims(make_story([again, earlier]))
    assert found is not None and found.differ  # the later article's toll is lower: they differ


@pytest.fixture
def quake(make_article: MakeArticle) -> tuple[Story, Article, Article]:
    first = make_article("Quake hits Qeshm", text=QUAKE_A, age=timedelta(hours=5))
    second = make_article(
        "Deadly quake in the Gulf", of=source("Gulf Wire"), text=QUAKE_B, age=timedelta(hours=2)
    )
    return make_story([first, second]), first, second


def test_the_story_page_shows_agreement_difference_and_one_source(
    client: Client, quake: tuple[Story, Article, Article]
) -> None:
    story, first, second = quake
    html = client.get(story_path(story)).content.decode()
    section = html[html.index('id="claims"') : html.index("</section>", html.index('id="claims"'))]
    assert "What the sources say" in section
    differ = section[section.index("Where they differ") : section.index("What the sources agree")]
    assert "<strong>10</strong>" in differ and "<strong>8</strong>" in differ
    assert article_path(first) in differ and article_path(second) in differ
    assert "Gulf Wire" in differ and "The Example Times" in differ
    agreed = section[section.index("What the sources agree on") : section.index("<details")]
    assert "2 sources:" in agreed and "Sunday" in agreed
    single = section[section.index("Reported by one source only") :]
    assert "30 seconds" in single and "Rescue teams are on their way" in single
    # The other source states 5.9 too: not "one source only", though the two were not aligned.
    assert "Richter" not in single
    assert 'href="/static/web/claims' in html or "web/claims." in html


def test_the_map_is_kept_and_made_again_when_an_article_changes(
    quake: tuple[Story, Article, Article],
) -> None:
    story, first, _second = quake
    shown = story_claims(story)
    assert shown is not None and shown.differ
    stored = StoryClaims.objects.get(story=story)
    StoryClaims.objects.filter(story=story).update(
        result={"claims": [{"kind": "number", "status": "corroborated", "mentions": []}]}
    )
    kept = story_claims(story)  # same version: the stored result is served as it is
    assert kept is not None and kept.empty
    Article.objects.filter(pk=first.pk).update(text=QUAKE_A.replace("10 people", "8 people"))
    again = story_claims(story)
    assert again is not None and not again.differ
    assert StoryClaims.objects.get(story=story).version != stored.version


def test_one_source_has_no_claim_map_and_other_pages_no_claim_styles(
    client: Client, make_article: MakeArticle
) -> None:
    first = make_article("Quake hits Qeshm", text=QUAKE_A)
    second = make_article("Quake toll rises", text=QUAKE_B)  # the same source
    story = make_story([first, second])
    assert story_claims(story) is None
    html = client.get(story_path(story)).content.decode()
    assert 'id="claims"' not in html and "claims.css" not in html
    article_html = client.get(article_path(first)).content.decode()
    assert not any("claims" in href for href in re.findall(r'href="([^"]+\.css)"', article_html))


def test_brief_sentences_resting_on_one_source_say_so(
    client: Client, quake: tuple[Story, Article, Article]
) -> None:
    story, _first, _second = quake
    html = client.get(story_path(story) + "?ai=brief").content.decode()
    brief = html[html.index('id="brief"') : html.index("</section>", html.index('id="brief"'))]
    marked = re.findall(
        r"([^>]*?\.)(?:<a class=\"cite\"[^>]*>\[\d+\]</a>)+ <span class=\"meta one-source\">", brief
    )
    assert marked == [
        "The quake destroyed 40 houses in the village of Tonban, the governor told "
        "state television."
    ], brief
    # Stated by both sources (and cited to both): not marked.
    assert "killing 10 people, officials said.<a" in brief

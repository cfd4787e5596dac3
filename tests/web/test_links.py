"""Article and story addresses are what ``reverse`` gives, under any script prefix."""

from __future__ import annotations

import pytest
from django.urls import reverse, set_script_prefix

from newsdesk.articles.models import Article
from newsdesk.stories.models import Story
from newsdesk.web.links import article_path, article_slug, story_path, story_slug

TITLES = ["Ferry sinks off the coast", "", "Ünïcode — «quoted» 2026", "x" * 200, "??"]


@pytest.mark.parametrize("prefix", ["/", "/news/"])
def test_addresses_equal_reverse(prefix: str) -> None:
    set_script_prefix(prefix)
    try:
        for pk, title in enumerate(TITLES, start=1):
            article = Article(pk=pk * 977, title=title)
            expected = reverse("web:article", args=[article.pk, article_slug(article)])
            assert article_path(article) == expected
            assert expected.startswith(f"{prefix}article/{pk * 977}/")
            story = Story(pk=pk, headline=title)
            assert story_path(story) == reverse("web:story", args=[story.pk, story_slug(story)])
    finally:
        set_script_prefix("/")

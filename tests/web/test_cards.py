"""The article card, rendered by Jinja2 (``newsdesk.web.cards``), writes what Django's template
engine wrote: the same escaping, the same cut of long excerpts, the same attributes."""

from __future__ import annotations

import unicodedata

import pytest
from django.template import engines
from django.template.defaultfilters import truncatechars
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsdesk.articles.models import Article
from newsdesk.web.cards import _truncatechars
from newsdesk.web.links import article_path
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db


def card(article: Article, **values: object) -> str:
    template = engines["django"].from_string('{% include "web/_card.html" %}')
    return str(template.render({"article": article, **values}))


def test_card_escapes_as_django_does(make_article: MakeArticle) -> None:
    title = """Tom's "big" <b>day</b> & more"""
    article = make_article(title, description="Rock & roll <i>live</i>")
    html = card(article, heading="h2")
    link = f'<a href="{article_path(article)}">{escape(title)}</a>'
    assert f'<h2 class="card-title">{link}</h2>' in html
    assert escape(title) in html and "&#x27;" in html and "<b>" not in html
    assert f'<p class="excerpt">{escape("Rock & roll <i>live</i>")}</p>' in html
    assert '<h3 class="card-title"' in card(article)  # no heading given: h3


def test_card_shows_source_time_and_placeholder(make_article: MakeArticle) -> None:
    article = make_article(image_url="")
    html = card(article)
    assert 'href="/source/example-times/"' in html and "<bdi>The Example Times</bdi>" in html
    assert ">4 hours ago</time>" in html and 'datetime="' in html
    assert "card-media is-placeholder" in html and "has-image" not in html
    with translation.override("de"):
        assert ">vor 4 Stunden</time>" in card(article)


def test_untitled_card_says_so_in_the_interface_language(make_article: MakeArticle) -> None:
    article = make_article("")
    assert ">Untitled</a>" in card(article)
    with translation.override("ar"):
        assert 'lang="en"' not in card(article)  # no language known: nothing to mark


@pytest.mark.parametrize(
    "text",
    [
        "a" * 219,
        "a" * 220,
        "a" * 221,
        "word " * 80,
        "é" * 300,
        "e\u0301" * 150 + "x" * 100,
        unicodedata.normalize("NFD", "Café " * 60),
        "",
    ],
)
@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_excerpt_is_cut_as_truncatechars_cuts(text: str, language: str) -> None:
    with translation.override(language):
        for length in (1, 2, 50, 220):
            assert _truncatechars(text, length) == truncatechars(text, length)


def test_a_kept_card_follows_every_change_it_shows(make_article: MakeArticle) -> None:
    article = make_article("Ferry sinks", description="First words")
    first = card(article)
    assert card(article) == first  # kept: the same text
    article.title = "Ferry sinks off the coast"
    assert ">Ferry sinks off the coast</a>" in card(article)
    article.description = "Other words"
    assert ">Other words</p>" in card(article)
    article.source.name = "The Renamed Times"
    assert "<bdi>The Renamed Times</bdi>" in card(article)
    article.source.ownership = "state"
    assert "label-state" in card(article)
    article.clickbait = True
    assert "label-clickbait" in card(article)
    with translation.override("de"):
        assert ">vor 4 Stunden</time>" in card(article)
    assert ">4 hours ago</time>" in card(article)
    assert '<h2 class="card-title"' in card(article, heading="h2")
    assert '<h3 class="card-title"' in card(article)


@pytest.mark.parametrize(
    "value",
    ["plain", 'Tom\'s "big" <b>day</b> & more', mark_safe("<b>safe</b>"), 42, None, 1.5],
)
def test_jinja_values_are_escaped_as_conditional_escape_escapes_them(value: object) -> None:
    from django.utils.html import conditional_escape
    from django.utils.translation import gettext_lazy

    from newsdesk.web.cards import _escaped

    assert str(_escaped(value)) == str(conditional_escape(value))
    lazy = gettext_lazy("Tom & Jerry")
    assert str(_escaped(lazy)) == "Tom &amp; Jerry"

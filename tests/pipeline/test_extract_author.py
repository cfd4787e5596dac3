"""The byline from a page's markup: the same answer as trafilatura's own author extractor."""

from __future__ import annotations

import pytest
from trafilatura.metadata import extract_author

from newsdesk.pipeline.extract.article import parse_page
from newsdesk.pipeline.extract.author import page_author

PAGES = {
    "rel author link": '<p>By <a rel="author" href="/staff/ana">Ana Lima</a></p>',
    "author class": '<div class="post"><span class="author-name">Jon Berg</span></div>',
    "byline class": '<div class="byline">Maria Okafor and Tom Reyes</div>',
    "author itemprop": '<span itemprop="author">Lee Chang</span>',
    "any writer class": '<section class="article-writer">Priya Nair</section>',
    "author inside comments": (
        '<div id="comments"><span class="author">A. Reader</span></div>'
        '<h4 class="byline">Sara Holm</h4>'
    ),
    "date dropped from byline": (
        '<p class="byline">By Karl Fenn<time datetime="2025-06-01">1 June 2025</time> in Oslo</p>'
    ),
    "too long to be a name": f'<div class="author">{"word " * 40}</div>',
    "no author markup": "<p>Nothing here names a writer.</p>",
}


def _page(body: str) -> str:
    story = "<p>" + "The harbour board met on Tuesday to approve the pier. " * 8 + "</p>"
    return f"<html><head><title>Pier</title></head><body>{body}{story}</body></html>"


@pytest.mark.parametrize("body", PAGES.values(), ids=PAGES.keys())
def test_same_byline_as_trafilatura(body: str) -> None:
    tree = parse_page(_page(body))
    assert page_author(tree) == extract_author(tree)


def test_first_kind_of_markup_wins_and_the_page_is_left_whole() -> None:
    body = (
        '<div class="sidebar"><a rel="author">Side Bar</a></div>'
        '<p class="writer">Ola Nordmann</p><p>By <a rel="author">Kari Holm</a></p>'
    )
    tree = parse_page(_page(body))
    elements = len(list(tree.iter()))
    assert page_author(tree) == "Kari Holm"
    assert len(list(tree.iter())) == elements  # dropped parts were dropped from a copy


def test_dropped_parts_leave_their_tail_text() -> None:
    tree = parse_page(_page('<div class="byline">By Karl <time>today</time>Fenn</div>'))
    assert page_author(tree) == extract_author(tree) == "Karl Fenn"


def test_nothing_found_is_none() -> None:
    assert page_author(parse_page(_page(PAGES["no author markup"]))) is None

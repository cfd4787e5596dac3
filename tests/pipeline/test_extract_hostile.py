"""Hostile input gives an ExtractedArticle or an ExtractionError: no other exception, no hang."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import ExtractionError
from newsdesk.pipeline.extract import extract_article
from newsdesk.types import ExtractedArticle

URL = "https://hostile.example/page"
PARAGRAPH = "<p>" + "The council met on Tuesday to discuss the budget of the city. " * 8 + "</p>"
# Generous: each of these takes well under two seconds of CPU. Counted in CPU time, so other
# work on a shared machine cannot make a page look like it hangs.
SECONDS = 10.0


def _outcome(page: bytes | str) -> ExtractedArticle | None:
    started = time.process_time()
    try:
        article: ExtractedArticle | None = extract_article(page, URL)
    except ExtractionError:
        article = None
    assert time.process_time() - started < SECONDS
    return article


PAGES: dict[str, Callable[[], bytes | str]] = {
    "empty": lambda: b"",
    "whitespace": lambda: "  \n\t ",
    "empty body": lambda: "<html><head><title>x</title></head><body></body></html>",
    "not html": lambda: '{"items": [1, 2, 3], "next": null}',
    "binary junk": lambda: os.urandom(300_000),
    "binary junk, 20 MB": lambda: os.urandom(20_000_000),
    "nul bytes": lambda: b"<html><body><p>a\x00b</p>" + PARAGRAPH.encode() + b"</body></html>",
    "deep nesting": lambda: "<div>" * 200_000 + PARAGRAPH + "</div>" * 200_000,
    "deep unclosed inline": lambda: "<html><body><p>" + "<b><i>" * 100_000 + PARAGRAPH,
    "100,000 attributes": lambda: (
        "<html><body><p " + " ".join(f'a{i}="x"' for i in range(100_000)) + ">x</p>"
    ),
    "300,000 elements": lambda: "<html><body>" + "<p>a</p>" * 300_000 + "</body></html>",
    "unclosed comment": lambda: "<html><body>" + PARAGRAPH + "<!-- " + "x" * 3_000_000,
    "entities": lambda: "<html><body><p>" + "&amp;" * 1_000_000 + "</p></body></html>",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_page_gives_article_or_extraction_error(name: str) -> None:
    _outcome(PAGES[name]())


def test_script_heavy_20mb_page_still_yields_its_article() -> None:
    page = (
        "<html><head><script>" + "var state = 1;" * 1_500_000 + "</script></head>"
        "<body><article>" + PARAGRAPH * 4 + "</article></body></html>"
    ).encode()
    assert len(page) > 20_000_000

    article = _outcome(page)

    assert article is not None
    assert "The council met on Tuesday" in article.text


def test_20mb_of_text_is_cut_not_choked_on() -> None:
    article = _outcome("<html><body>" + PARAGRAPH * 40_000 + "</body></html>")

    assert article is not None
    assert len(article.text) <= 1_000_000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<a href='",
                "javascript:",
                "'>",
                "<table><tr><td>",
                "<br>",
                "&amp;",
                "&#0;",
                "<?xml",
                "<html>",
                "<body>",
                "<meta charset='x-bogus'>",
                "\x00",
                "é",
                "word ",
                "Words of a sentence. ",
            ]
        ),
        max_size=200,
    ),
    st.booleans(),
)
def test_fuzzed_markup_never_raises_anything_else(parts: list[str], as_bytes: bool) -> None:
    page = "".join(parts)
    _outcome(page.encode("utf-8", errors="replace") if as_bytes else page)


def test_truncate_tree_keeps_the_first_elements_in_document_order() -> None:
    import lxml.html

    from newsdesk.pipeline.extract.article import truncate_tree

    tree = lxml.html.document_fromstring(
        "<html><body><div><p>1</p><p>2</p></div><p>3</p><p>4</p></body></html>"
    )
    truncate_tree(tree, 5)  # html, body, div, p(1), p(2)

    assert [e.tag for e in tree.iter()] == ["html", "body", "div", "p", "p"]
    assert tree.text_content() == "12"

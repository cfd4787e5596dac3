"""article_from_fragment: a feed item's HTML made into an article when the page fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.pipeline.extract import article_from_fragment

URL = "https://blog.example/2025/06/harbour"
CONTENT = (
    "<h1>Harbour pier to be rebuilt</h1>"
    "<p>The harbour authority approved the plan on Tuesday.</p>"
    '<p>Work starts in spring. <a href="/plans">See the plans</a>.</p>'
    '<p><img src="/img/pier.jpg" alt="The pier"></p>'
    "<script>track()</script>"
    '<p>The post <a href="https://blog.example/x">Harbour pier to be rebuilt</a> '
    'appeared first on <a href="https://blog.example/">Harbour Blog</a>.</p>'
)


def test_fragment_is_sanitized_cleaned_and_rendered() -> None:
    article = article_from_fragment(CONTENT, URL, title="Harbour pier to be rebuilt")

    assert article.text.split("\n\n") == [
        "The harbour authority approved the plan on Tuesday.",
        "Work starts in spring. See the plans.",
    ]
    assert "<script" not in article.html
    assert 'href="https://blog.example/plans"' in article.html
    assert "appeared first on" not in article.html
    assert article.image_url == "https://blog.example/img/pier.jpg"
    assert article.title == "Harbour pier to be rebuilt"
    assert article.canonical_url == ""


def test_published_becomes_aware_utc() -> None:
    paris = timezone(timedelta(hours=2))

    aware = article_from_fragment(
        "<p>x</p>", URL, published=datetime(2025, 6, 14, 9, 30, tzinfo=paris)
    )
    naive = article_from_fragment("<p>x</p>", URL, published=datetime(2025, 6, 14, 9, 30))

    assert aware.published == datetime(2025, 6, 14, 7, 30, tzinfo=UTC)
    assert naive.published == datetime(2025, 6, 14, 9, 30, tzinfo=UTC)
    assert article_from_fragment("<p>x</p>", URL).published is None


def test_plain_text_and_empty_fragments() -> None:
    assert article_from_fragment("Just a summary line.", URL, byline=" Ana  Ruiz ").text == (
        "Just a summary line."
    )
    assert (
        article_from_fragment("Just a summary line.", URL, byline=" Ana  Ruiz ").byline
        == "Ana Ruiz"
    )
    empty = article_from_fragment("", URL, title="T")
    assert (empty.text, empty.html, empty.title) == ("", "", "T")


def test_div_paragraphs_stay_apart_in_html_and_text() -> None:
    fragment = (
        "<div>First paragraph.</div><div>Second <b>one</b>.</div>"
        "<div>Loose text<p>A paragraph</p>more loose text</div>"
        "<td>Orphan cell</td><td>another</td>"
    )
    article = article_from_fragment(fragment, URL)

    paragraphs = [
        "First paragraph.",
        "Second one.",
        "Loose text",
        "A paragraph",
        "more loose text",
        "Orphan cell",
        "another",
    ]
    assert article.text.split("\n\n") == paragraphs
    assert article.html.count("<p>") == len(paragraphs)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(
                ["<p>", "</p>", "<div>", "<td>", "<tr>", "<script>", "<!--", "<img src='", "'>"]
            ),
        ),
        max_size=60,
    )
)
def test_fuzzed_fragments_never_raise(parts: list[str]) -> None:
    article = article_from_fragment("".join(parts), URL)

    assert "<script" not in article.html


def test_fragment_that_defeats_cleaning_is_kept_as_sanitized_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsdesk.pipeline.extract import article as module

    def broken(*args: object) -> None:
        raise RecursionError("too deep")

    monkeypatch.setattr(module, "_cleaned", broken)
    article = article_from_fragment("<p>One &amp; two</p><script>x()</script><p>Three</p>", URL)

    assert article.text == "One & two\n\nThree"
    assert article.html == "<p>One &amp; two</p><p>Three</p>"

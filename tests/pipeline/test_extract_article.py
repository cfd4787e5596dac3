"""extract_article on pages written for the purpose: body, metadata, HTML, cleaning rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.errors import ExtractionError
from newsdesk.pipeline.extract import extract_article
from newsdesk.pipeline.extract.article import containment
from tests.pipeline.test_extract_pages import STORY, news_page

URL = "https://courier.example/news/2025/06/harbour-pier?ref=home"


def test_body_text_is_the_story_in_paragraphs() -> None:
    article = extract_article(news_page(), URL)

    assert article.text.split("\n\n") == list(STORY)
    assert article.url == URL


def test_metadata_fields() -> None:
    article = extract_article(news_page(), URL)

    assert article.title == "Harbour board approves rebuilding of the old ferry pier"
    assert article.byline == "Maria Lopez"
    assert article.published == datetime(2025, 6, 14, 7, 30, tzinfo=UTC)
    assert article.published.tzinfo is UTC
    assert article.canonical_url == "https://courier.example/news/2025/06/harbour-pier"
    assert article.image_url == "https://courier.example/images/pier.jpg"
    assert article.description == "The board voted to replace the storm-damaged pier."
    assert article.site_name == "The Coastal Courier"
    assert article.language == ""


def test_date_without_zone_is_taken_as_utc() -> None:
    page = news_page().replace("2025-06-14T09:30:00+02:00", "2025-06-14T09:30:00")

    assert extract_article(page, URL).published == datetime(2025, 6, 14, 9, 30, tzinfo=UTC)


def test_page_without_date_has_none() -> None:
    page = news_page().replace(
        '<meta property="article:published_time" content="2025-06-14T09:30:00+02:00">', ""
    )
    page = page.replace("/news/2025/06/harbour-pier", "/news/harbour-pier")

    assert extract_article(page, "https://courier.example/news/pier").published is None


def test_html_is_sanitized_and_links_absolute() -> None:
    extras = [
        '<p>Read the <a href="/docs/plan.pdf" onclick="steal()">full plan</a> and the '
        '<a href="javascript:alert(1)">minutes</a> of the meeting held at the town hall on the '
        "harbour front last week.</p>",
        "<script>document.write('injected')</script>",
    ]
    article = extract_article(news_page(body_extras=extras), URL)

    assert (
        '<a href="https://courier.example/docs/plan.pdf" rel="noopener nofollow">' in article.html
    )
    assert "onclick" not in article.html
    assert "javascript:" not in article.html
    assert "injected" not in article.html
    assert "injected" not in article.text
    assert article.html.startswith("<p>")


def test_headline_and_byline_are_not_in_the_body() -> None:
    article = extract_article(news_page(), URL)

    assert "approves rebuilding" not in article.text
    assert not article.text.startswith("By Maria")


def test_related_links_and_promotions_after_the_story_are_dropped() -> None:
    extras = [
        "<h3>Related stories</h3>",
        '<ul><li><a href="/a">Council delays vote on the new bus station</a></li>'
        '<li><a href="/b">Lighthouse reopens to visitors after repairs</a></li>'
        '<li><a href="/c">Fishing quotas set for the coming season</a></li></ul>',
        "<p>Advertisement</p>",
        "<p>Sign up for our morning newsletter</p>",
        "<p>Download the Courier app</p>",
        "<p>Share this article</p>",
    ]
    article = extract_article(news_page(body_extras=extras), URL)

    assert article.text.split("\n\n") == list(STORY)


def test_promotion_inside_the_story_is_dropped_but_prose_about_it_kept() -> None:
    prose = (
        "Subscribe is what the harbour master told the fishermen to do when the new berth "
        "rules were first published, so that they would hear about every change in time."
    )
    paragraphs = [*STORY[:2], "Advertisement", *STORY[2:], prose]
    article = extract_article(news_page(paragraphs=paragraphs), URL)

    assert "Advertisement" not in article.text
    assert prose in article.text


def test_bytes_with_declared_legacy_charset() -> None:
    page = news_page(paragraphs=[*STORY, "Café owners on the quay said trade was slow."])
    data = page.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("cp1252")

    assert "Café owners on the quay" in extract_article(data, URL).text


def test_bytes_utf8_mislabelled_as_latin1() -> None:
    page = news_page(paragraphs=[*STORY, "The café on the quay, naïve as it sounds, stayed open."])
    data = page.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("utf-8")

    assert "café on the quay, naïve as it sounds" in extract_article(data, URL).text


def test_bytes_with_utf16_bom() -> None:
    page = news_page(paragraphs=[*STORY, "Ärger über die Gebühren blieb aus."])
    data = page.replace('<meta charset="utf-8">', "").encode("utf-16")

    assert "Ärger über die Gebühren" in extract_article(data, URL).text


def test_bytes_without_declaration_in_cp1252() -> None:
    page = news_page(paragraphs=[*STORY, "The mayor\u2019s office said the façade would be kept."])
    data = page.replace('<meta charset="utf-8">', "").encode("cp1252")

    assert "The mayor\u2019s office said the façade" in extract_article(data, URL).text


def test_unsure_extraction_takes_readability_when_it_is_a_longer_superset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import lxml.html

    from newsdesk.pipeline.extract import article as module

    def short(tree: object, url: str) -> lxml.html.HtmlElement:
        return lxml.html.fragment_fromstring(f"<p>{STORY[0]}</p>", create_parent="div")

    def full(tree: object) -> lxml.html.HtmlElement:
        body = "".join(f"<p>{text}</p>" for text in STORY)
        return lxml.html.fragment_fromstring(body, create_parent="div")

    monkeypatch.setattr(module, "trafilatura_body", short)
    monkeypatch.setattr(module, "readability_body", full)

    assert extract_article(news_page(), URL).text.split("\n\n") == list(STORY)


def test_unsure_extraction_keeps_trafilatura_when_readability_found_other_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import lxml.html

    from newsdesk.pipeline.extract import article as module

    other = " ".join(
        f"Unrelated sentence number {i} about the weather forecast." for i in range(40)
    )

    def short(tree: object, url: str) -> lxml.html.HtmlElement:
        return lxml.html.fragment_fromstring(f"<p>{STORY[0]}</p>", create_parent="div")

    def elsewhere(tree: object) -> lxml.html.HtmlElement:
        return lxml.html.fragment_fromstring(f"<p>{other}</p>", create_parent="div")

    monkeypatch.setattr(module, "trafilatura_body", short)
    monkeypatch.setattr(module, "readability_body", elsewhere)

    assert extract_article(news_page(), URL).text == STORY[0]


def test_containment() -> None:
    assert containment("one two three four", "zero one two three four five") == 1.0
    assert containment("one two three four", "four three two one") == 0.0
    assert containment("", "anything") == 1.0


def test_page_without_article_text_raises() -> None:
    page = "<html><head><title>Login</title></head><body><form><input></form></body></html>"

    with pytest.raises(ExtractionError):
        extract_article(page, URL)


def test_coverage_is_decided_as_the_page_words_decide_it() -> None:
    from newsdesk.pipeline.extract.article import UNSURE_COVERAGE, _covers, page_words, parse_page

    script = "<script>" + " ".join(f"var{i}" for i in range(400)) + "</script>"
    for page in (news_page(), news_page().replace("</body>", script + "</body>")):
        tree = parse_page(page)
        words = page_words(tree)
        for share in (0.0, 0.2, 0.39, 0.4, 0.41, 0.8, 1.0, 2.0):
            count = round(share * words)
            assert _covers(count, tree) == (count >= UNSURE_COVERAGE * words)

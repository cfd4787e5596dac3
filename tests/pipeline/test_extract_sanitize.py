"""sanitize_html: the allow-list of stored article HTML."""

from __future__ import annotations

import pytest

from newsdesk.pipeline.extract import sanitize_html

BASE = "https://news.example/world/story.html"


def test_structure_and_emphasis_are_kept() -> None:
    html = (
        "<h2>Heading</h2><p>Some <em>emphasis</em>, <strong>strength</strong> and <code>x</code>."
        "</p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote>"
        "<pre>line</pre><table><tr><th>h</th><td>d</td></tr></table><p>a<br>b</p>"
    )
    cleaned = sanitize_html(html)

    for tag in ("h2", "p", "em", "strong", "code", "ul", "ol", "li", "blockquote", "pre"):
        assert f"<{tag}>" in cleaned
    assert "<th>h</th><td>d</td>" in cleaned
    assert "<br>" in cleaned


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        "<style>p { color: red }</style>",
        "<iframe src='https://evil.example'>frame</iframe>",
        "<object data='x.swf'>obj</object>",
        "<form><input name='q'><button>go</button></form>",
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_active_content_is_removed_with_its_content(dangerous: str) -> None:
    cleaned = sanitize_html(f"<p>safe</p>{dangerous}")

    assert cleaned == "<p>safe</p>"


def test_event_handlers_styles_classes_and_ids_are_removed() -> None:
    cleaned = sanitize_html(
        '<p onclick="x()" onmouseover="y()" style="color:red" class="c" id="i">t</p>'
    )

    assert cleaned == "<p>t</p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:x",
    ],
)
def test_dangerous_link_schemes_are_dropped(href: str) -> None:
    assert "href" not in sanitize_html(f'<a href="{href}">x</a>', BASE)


def test_links_get_rel_and_become_absolute() -> None:
    cleaned = sanitize_html(
        '<a href="../europe/other.html">x</a> <a href="mailto:desk@news.example">m</a>', BASE
    )

    assert (
        '<a href="https://news.example/europe/other.html" rel="noopener nofollow">x</a>' in cleaned
    )
    assert 'href="mailto:desk@news.example"' in cleaned


def test_images_need_an_http_source() -> None:
    html = (
        '<figure><img src="/img/a.jpg" alt="A" onerror="x()"><figcaption>cap</figcaption></figure>'
        '<img src="data:image/png;base64,AAAA"><img src="javascript:x"><img src="mailto:a@b.c">'
    )
    cleaned = sanitize_html(html, BASE)

    assert '<img src="https://news.example/img/a.jpg" alt="A">' in cleaned
    assert "<figcaption>cap</figcaption>" in cleaned
    assert cleaned.count("<img") == 1


def test_relative_urls_without_a_base_are_dropped() -> None:
    cleaned = sanitize_html(
        '<a href="/x">x</a><img src="/a.png"><img src="https://cdn.example/b.png">'
    )

    assert "href" not in cleaned
    assert cleaned.count("<img") == 1
    assert 'src="https://cdn.example/b.png"' in cleaned


def test_unknown_tags_are_unwrapped_and_comments_dropped() -> None:
    assert (
        sanitize_html("<div><span>kept</span><!-- gone --><custom-el>too</custom-el></div>")
        == "kepttoo"
    )


def test_empty_input() -> None:
    assert sanitize_html("") == ""
    assert sanitize_html("   ") == ""

"""Canonical URLs: the identity of an article."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.errors import InvalidURLError
from newsdesk.pipeline.normalize import canonicalize_url, content_hash


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM/a/b?x=1#frag", "https://example.com/a/b?x=1"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?fbclid=abc&gclid=def", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com//news//story", "https://example.com/news/story"),
        ("https://example.com./x", "https://example.com/x"),
        ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("  https://example.com/x  ", "https://example.com/x"),
    ],
)
def test_canonical_forms(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        # Dot segments are resolved (RFC 3986 5.2.4), as a browser does before asking.
        ("https://example.com/a/./b/../story", "https://example.com/a/story"),
        ("https://example.com/../../story", "https://example.com/story"),
        ("https://example.com/news/.", "https://example.com/news/"),
        # International host names are spelled in IDNA (punycode), lower-cased first.
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
        ("https://BÜCHER.example/x", "https://xn--bcher-kva.example/x"),
        ("https://xn--bcher-kva.example/x", "https://xn--bcher-kva.example/x"),
        ("https://例え.テスト/記事", "https://xn--r8jz45g.xn--zckzah/%E8%A8%98%E4%BA%8B"),
        # The query is sorted (by name, then value), so its order names no other article.
        ("https://example.com/a?id=7&page=2", "https://example.com/a?id=7&page=2"),
        ("https://example.com/a?page=2&id=7", "https://example.com/a?id=7&page=2"),
        ("https://example.com/a?utm_source=x&b=2&a=1&fbclid=y", "https://example.com/a?a=1&b=2"),
        # Blank values stay; escapes that are not UTF-8 and an encoded slash keep their meaning.
        ("https://example.com/a?q=&b=1", "https://example.com/a?b=1&q="),
        ("https://example.com/a?x=%E9", "https://example.com/a?x=%E9"),
        ("https://example.com/a%2Fb", "https://example.com/a%2Fb"),
        ("https://example.com/%7Euser", "https://example.com/~user"),
        ("https://example.com/a?q=a%20b", "https://example.com/a?q=a+b"),
        # Credentials are no part of an article's address; IPv6 literals are compressed.
        ("https://user:secret@example.com/a", "https://example.com/a"),
        ("https://[2001:db8:0:0::1]:8443/a", "https://[2001:db8::1]:8443/a"),
    ],
)
def test_one_article_one_form(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


def test_spellings_of_one_article_are_one_url() -> None:
    spellings = [
        "https://Bücher.example/a/./news/../story?id=7&page=2",
        "https://xn--bcher-kva.example/a/story?page=2&id=7&utm_source=rss#top",
        "https://bücher.example:443//a//story?page=2&fbclid=abc&id=7",
    ]
    assert len({canonicalize_url(url) for url in spellings}) == 1


@pytest.mark.parametrize(
    "url",
    ["", "example.com/a", "ftp://example.com/a", "javascript:alert(1)", "http://", "http://[::1"],
)
def test_invalid_urls_raise(url: str) -> None:
    with pytest.raises(InvalidURLError):
        canonicalize_url(url)


@given(st.text(max_size=200))
def test_canonicalize_raises_only_invalid_url(text: str) -> None:
    try:
        once = canonicalize_url(text)
    except InvalidURLError:
        return
    assert canonicalize_url(once) == once


_PIECE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_URLS = st.builds(
    "{}://{}{}/{}?{}#{}".format,
    st.sampled_from(["http", "https", "HTTPS"]),
    st.one_of(st.sampled_from(["example.com", "Bücher.example", "[::0:1]", "a.b."]), _PIECE),
    st.sampled_from(["", ":443", ":8080", ":0", ":99999"]),
    st.lists(st.one_of(st.sampled_from([".", "..", "", "%2F", "%e9"]), _PIECE), max_size=5).map(
        "/".join
    ),
    st.lists(st.tuples(_PIECE, _PIECE).map("=".join), max_size=4).map("&".join),
    _PIECE,
)


@given(_URLS)
def test_canonical_form_of_url_shaped_text_is_stable(url: str) -> None:
    try:
        once = canonicalize_url(url)
    except InvalidURLError:
        return
    assert canonicalize_url(once) == once
    assert "#" not in once


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("Title", "a  b\nc") == content_hash("Title", "a b c")
    assert content_hash("Title", "a b c") != content_hash("Title", "a b d")
    assert content_hash("ab", "c") != content_hash("a", "bc")

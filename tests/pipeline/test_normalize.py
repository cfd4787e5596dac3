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
        ("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"),
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


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("Title", "a  b\nc") == content_hash("Title", "a b c")
    assert content_hash("Title", "a b c") != content_hash("Title", "a b d")
    assert content_hash("ab", "c") != content_hash("a", "bc")

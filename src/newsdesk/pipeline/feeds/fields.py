"""Small normalisers shared by every feed format: plain-text titles, absolute http(s) URLs."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

_TAG = re.compile(r"<!--.*?(?:-->|\Z)|</?([A-Za-z][A-Za-z0-9]*)[^<>]*>", re.DOTALL)
# Tags that separate words when removed; any other tag (b, em, a, span...) joins its neighbours.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "img",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SCHEMES = ("http", "https")
_PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9.:\[\]-]+(?:[/?#][^\s\x00-\x1f\\]*)?", re.ASCII)


def plain_text(value: object) -> str:
    """Text with tags removed, entities decoded and whitespace collapsed (for titles, names)."""
    if not isinstance(value, str) or not value:
        return ""
    if "<" in value:
        value = _TAG.sub(_tag_replacement, value)
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())  # the same whitespace as \s, and faster than a regex


def _tag_replacement(match: re.Match[str]) -> str:
    name = match.group(1)
    return "" if name is not None and name.lower() not in _BLOCK_TAGS else " "


def excerpt(html_text: str, limit: int = 512) -> str:
    """The first ``limit`` characters of the plain text of an HTML fragment."""
    return plain_text(html_text[: limit * 8])[:limit].rstrip()


def text_to_html(value: str) -> str:
    """Plain text as an HTML fragment: escaped, one paragraph per blank-line-separated block."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", value) if block.strip()]
    return "".join(f"<p>{html.escape(block)}</p>" for block in blocks)


def absolute_url(href: object, base: str = "") -> str:
    """``href`` resolved against ``base`` if it is, then, an http(s) URL; "" otherwise.

    ``feed:`` URLs (``feed:https://...``, ``feed://...``) are read as the http(s) URL they wrap.
    """
    if not isinstance(href, str):
        return ""
    href = href.strip()
    if not href or len(href) > 4096:
        return ""
    if _PLAIN_ABSOLUTE.fullmatch(href):
        return href
    href = _unwrap_feed_scheme(href)
    try:
        resolved = urljoin(base, href) if base else href
        parts = urlsplit(resolved)
    except ValueError:
        return ""
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return ""
    return resolved


def _unwrap_feed_scheme(href: str) -> str:
    lowered = href[:13].lower()
    if lowered.startswith(("feed:http:", "feed:https:")):
        return href[5:]
    if lowered.startswith("feed://"):
        return "http://" + href[7:]
    return href

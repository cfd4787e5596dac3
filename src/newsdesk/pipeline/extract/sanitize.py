"""The HTML allow-list every stored body goes through (nh3, the Rust ammonia sanitizer).

Kept: paragraphs, headings, lists, quotes, figures with http(s) images, links (http(s) and mailto,
``rel="noopener nofollow"``), emphasis, code, tables and line breaks. Everything else is removed:
scripts, styles, frames, forms and their content; event handlers, ``style``, ``class`` and
``id`` attributes; ``javascript:`` and ``data:`` URLs. Relative URLs are resolved against the
page's address, or dropped when there is none.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "code",
        "pre",
        "sub",
        "sup",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
# Removed with everything inside them (the rest of the non-allowed tags keep their text).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "form",
        "button",
        "select",
        "textarea",
        "title",
        "head",
    }
)
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_SCHEMES = ("http", "https")
# Start and end tags of blocks, for line breaks in plain text; "[^<>]" keeps the scan linear.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|tr|blockquote|pre|section|article|table|ul|ol)\b[^<>]*>",
    re.IGNORECASE,
)
# nh3 output is well-formed, so an <img> whose src was refused is found reliably.
_IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def sanitize_html(html: str, base_url: str = "") -> str:
    """``html`` reduced to the allow-list, relative URLs made absolute against ``base_url``."""
    if not html or not html.strip():
        return ""
    relative: object = ("rewrite_with_base", base_url) if _is_http_url(base_url) else "deny"
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(_URL_SCHEMES),
        url_relative=relative,  # type: ignore[arg-type]
        link_rel="noopener nofollow",
        strip_comments=True,
    )
    return _IMAGE_WITHOUT_SOURCE.sub("", cleaned).strip()


def plain_text(html: str) -> str:
    """The text of ``html`` with every tag removed, one paragraph per block or line."""
    broken = _BLOCK_TAG.sub("\n", html)
    stripped = nh3.clean(broken, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
    lines = (" ".join(line.split()) for line in unescape(stripped).splitlines())
    return "\n\n".join(line for line in lines if line)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
        return value if scheme in _IMAGE_SCHEMES or not scheme else None
    return value


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)

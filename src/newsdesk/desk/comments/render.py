"""A comment's text as HTML: everything escaped, links made clickable, paragraphs on blank lines.

Readers' text is hostile input. It is escaped first, then Django's ``urlize`` turns plain
http(s) addresses into links, then nh3 keeps only ``p``, ``br`` and ``a href`` with http(s)
addresses, and gives every link ``rel="nofollow ugc noopener"``. A ``javascript:`` address is
never a link; tags in the text are shown as text.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
LINK_REL = "nofollow ugc noopener"
URL_LENGTH = 60


def render_body(text: str) -> SafeString:
    paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]
    html = "".join(f"<p>{_paragraph(p)}</p>" for p in paragraphs)
    cleaned = nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )
    return mark_safe(cleaned)  # noqa: S308 - built from escaped text and cleaned by nh3


def _paragraph(text: str) -> str:
    lines = [urlize(line, trim_url_limit=URL_LENGTH, autoescape=True) for line in text.split("\n")]
    return "<br>".join(lines)
